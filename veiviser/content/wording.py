"""What a text may say, in any language: the checks that keep a translation safe.

- No text contains one of its language's never-say phrases (a verdict such as "you are a
  victim", a promise of a permit). The phrases are content, kept beside each language's
  texts (content/translations/<code>.yaml), so a new language brings its own.
- A translation carries the same facts that are data, not words: the same link targets
  (tel:, sms:, mailto:, web addresses, topics) as its English source, every number of three
  digits or more (phone numbers, sections of the law), and no number the English does not
  have. A small number may become words ("open 24 hours" is "hele døgnet" in Norwegian),
  but a translator can never change a number or add one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from veiviser.content import markup

DIGITS = re.compile(r"\d(?:[\d ]*\d)?")
# Numbers this long are phone numbers or sections of the law: never written as words.
LONG_NUMBER = 3


def _normal(words: str) -> str:
    # casefold() also folds what lower() does not (German ß, Greek final sigma); runs of
    # spaces and line breaks count as one space, so a phrase cannot hide across a line.
    return " ".join(words.casefold().split())


def forbidden(phrases: Iterable[str], words: str) -> str | None:
    """The first never-say phrase the text contains, or None."""
    text = _normal(words)
    for phrase in phrases:
        if _normal(phrase) in text:
            return phrase
    return None


def _digit_runs(words: str) -> Counter[str]:
    """Every run of digits, spaces removed, outside link targets (those are compared apart)."""
    shown = markup.LINK.sub(lambda match: f"[{match.group(1)}]", words)
    return Counter(run.replace(" ", "") for run in DIGITS.findall(shown))


def _targets(words: str) -> Counter[str]:
    return Counter(link.target for link in markup.links(words))


def differences(english: str, translated: str) -> Iterator[str]:
    """How a translation's data differs from its English source, in plain words."""
    if _targets(english) != _targets(translated):
        missing = sorted((_targets(english) - _targets(translated)).elements())
        extra = sorted((_targets(translated) - _targets(english)).elements())
        yield f"links differ from the English: missing {missing}, extra {extra}"
    source, words = _digit_runs(english), _digit_runs(translated)
    missing = sorted(run for run in (source - words).elements() if len(run) >= LONG_NUMBER)
    extra = sorted((words - source).elements())
    if missing or extra:
        yield f"numbers differ from the English: missing {missing}, extra {extra}"
