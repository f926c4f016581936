"""The one length that every plan of a language is padded to (issue 10, section 3).

Someone who watches the network sees each answer's length even over HTTPS. Unpadded, the
16 combinations of danger and age gave 16 different plan sizes. So every plan answer (the
HTML page, the API's JSON; gzipped or not) is padded (veiviser.web.padding) to a length
no plan can exceed: that language's longest plan, plus a margin.

Finding the longest plan without rendering all of them (4 x 4 x 2^7 x 2^11 x 4 sets of
answers): a plan is made of
- the steps rules.step_ids picks: a need, a situation or a residence answer only ever
  adds a step, never removes one, so ticking every option of the several-choice questions
  gives every step that any plan with the same single choices has;
- the numbers to remember (at most three), decided by the danger and age answers and by
  whether healthcare is a need: ticking it only adds 113;
- in the HTML, "Change my answers" repeats each answer in a hidden field: one per option
  ticked, so again ticking everything is longest. The form it brings back, refilled, is
  padded to the same length (its ticks tell the answers too): its length grows with each
  tick, and the candidates' refilled forms are measured with their plans.
- except that the numbers to remember are not monotone: without healthcare another
  number takes the health number's place (rules.NUMBER_NEEDS), and a reader who says only
  that they help someone else gets a helper's plan with numbers of its own.
So the candidates are every choice of the single-choice questions (each option, or
skipped) with every option of the several-choice questions ticked, the same without each
of rules.NUMBER_NEEDS, and the helper's plan: 129 plans, rendered once per snapshot,
language and encoding. Without compression that bound is exact. gzip is
not strictly monotone (a shorter text can, rarely, compress a few bytes worse), hence the
margin; the tests render every combination of danger x age x the number of situations and
needs, and random answer sets, and check that none exceeds it; and should one ever do in
production, it is sent unpadded with a warning (never silently).

Nothing here depends on which steps or texts exist: the candidates come from the
questions, the lengths from rendering them with the current rules and snapshot.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

from veiviser.guide.questions import QUESTIONS
from veiviser.guide.rules import HELP_OTHER, NUMBER_NEEDS, Answers
from veiviser.web import padding

logger = logging.getLogger("veiviser.guide.lengths")

# The margin for gzip's small non-monotony: a little compressed text (about 1 %). It
# costs about 100 bytes of a plan's ~6 KB, within the 14,000-byte budget.
MARGIN_BYTES = 32
MARGIN_SHARE = 0.01
# One length per (kind, snapshot version, language, encoding, ...): few; a new snapshot
# makes new ones, and the old are dropped when the bound is reached.
MAX_LENGTHS = 64

_lengths: dict[Hashable, int] = {}
_lock = threading.Lock()


def candidates() -> tuple[Answers, ...]:
    """The answer sets whose plans are the longest (see above), from the questions alone."""
    singles = [question for question in QUESTIONS if not question.several]
    several = [question for question in QUESTIONS if question.several]
    result = []
    for choice in itertools.product(*((None, *question.options) for question in singles)):
        given: dict[str, Any] = {q.id: frozenset(q.options) for q in several}
        given.update((q.id, value) for q, value in zip(singles, choice, strict=True))
        everything = Answers(**given)
        result.append(everything)
        for need in NUMBER_NEEDS:
            result.append(replace(everything, needs=everything.needs - {need}))
    result.append(Answers(needs=frozenset({HELP_OTHER})))
    return tuple(result)


def margin(longest: int) -> int:
    return MARGIN_BYTES + int(longest * MARGIN_SHARE)


def padded_length(key: Hashable, gzipped: bool, measure: Callable[[Answers], int]) -> int:
    """The length every plan under `key` is padded to; `measure` gives one plan's length.

    `key` must hold everything the length depends on besides the answers: the kind of
    answer, the snapshot version, the language, the encoding.
    """
    with _lock:
        found = _lengths.get(key)
    if found is not None:
        return found
    started = time.perf_counter()
    longest = max(measure(answers) for answers in candidates())
    found = longest + padding.overhead(gzipped) + margin(longest)
    elapsed = (time.perf_counter() - started) * 1000
    # Once per snapshot, language and encoding; says nothing about any reader.
    logger.info("plan length worked out in %.0f ms", elapsed)
    with _lock:
        if len(_lengths) >= MAX_LENGTHS:
            _lengths.clear()
        _lengths[key] = found
    return found
