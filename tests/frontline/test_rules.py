"""The frontline's rules (issue 12), checked on every combination of answers.

`violations` states each rule of the issue on its own, from the plan as a professional
sees it (step ids, the numbers each step offers, its words), not from how rules.py
chooses. The sweep runs it over every combination: danger and age and wants each
answered three ways or skipped, and every subset of "what did you see" (the empty one
is the skipped question; several forms at once, "Not sure" with others): 4 x 4 x 32 x 4
= 2,048 plans. The rules do not depend on the language, so the sweep runs in English;
every language then gets the same steps, numbers and order, and every text of the
frontline in every language is checked against that language's never-say phrases.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator

import pytest

from tests.frontline.conftest import LANGS, WORDED
from veiviser.content import wording
from veiviser.content.snapshot import Snapshot
from veiviser.frontline import rules, texts
from veiviser.frontline.questions import BY_ID
from veiviser.frontline.rules import Answers, plan

# The numbers the issue names, as the tap-to-call links the plan offers.
TEL_112 = "tel:112"
TEL_POLICE = "tel:02800"
TEL_ROSA = "tel:+4722331160"
TEL_ALARM = "tel:116111"
TEL_BUFDIR = "tel:+4746615000"

ONE = {name: (None, *BY_ID[name].options) for name in ("danger", "age", "wants")}
SEEN = BY_ID["seen"].options
SEEN_SUBSETS = [
    frozenset(chosen)
    for size in range(len(SEEN) + 1)
    for chosen in itertools.combinations(SEEN, size)
]
ALL_ANSWERS = [
    Answers(danger=danger, age=age, seen=seen, wants=wants)
    for danger in ONE["danger"]
    for age in ONE["age"]
    for seen in SEEN_SUBSETS
    for wants in ONE["wants"]
]

# What the duty to avert must say, in the languages whose words the tests know.
OVERRIDES = {
    "en": "overrides your duty of confidentiality",
    "nb": "går foran taushetsplikten",
}
CONSENT = {"en": "consent", "nb": "samtykke"}
BARNEVERNET = "barnevernet"
# A verdict on the person or the case, in the words of any step: independent of the
# never-say lists, so a phrase missing from a list is still caught in English and Norwegian.
VERDICT = re.compile(
    r"\b(this\s+is|it\s+is|that\s+is|dette\s+er|det\s+er)\s+(not\s+|ikke\s+)?"
    r"(human\s+trafficking|menneskehandel)\b"
    r"|\b(is|are|er)\s+(not\s+|ikke\s+)?(a\s+|et\s+)?(victim|offer)\b",
    re.I,
)
# "It is not your task to decide whether it is human trafficking": a sentence that
# refuses a verdict, which the pattern above would otherwise read as one.
REFUSALS = re.compile(
    r"whether it is human trafficking|om det er menneskehandel|hvorvidt det er menneskehandel",
    re.I,
)


def hrefs(step: rules.Step) -> set[str]:
    return {contact.href for contact in step.contacts}


def violations(answers: Answers, result: rules.Plan) -> Iterator[str]:
    """Every rule of the issue this plan breaks, in words."""
    ids = [step.id for step in result.steps]
    by_id = {step.id: step for step in result.steps}
    lang = result.lang
    if len(ids) != len(set(ids)):
        yield f"a step is there twice: {ids}"
    if not ids:
        yield "no step at all"
        return
    first = result.steps[0]
    may_be_child = answers.age in ("yes", "unsure", None)
    may_be_adult = answers.age in ("no", None)

    # Acute danger, possible or certain: 112 first.
    if answers.danger == "no":
        if any(step.emergency for step in result.steps):
            yield "an emergency step although no one is in acute danger"
    else:
        if TEL_112 not in hrefs(first):
            yield f"112 is not first: the first step is {first.id}"
        wanted = "call-112-now" if answers.danger == "yes" else "call-112-if-unsafe"
        if first.id != wanted:
            yield f"the first step is {first.id}, not {wanted}"

    # A child, or someone who may be one: barnevernet at once, Alarmtelefonen, Bufdir.
    child = by_id.get("child")
    if may_be_child:
        if child is None:
            yield "no barnevernet step for someone who may be under 18"
        else:
            if ids.index("child") != (0 if answers.danger == "no" else 1):
                yield f"barnevernet is not right after the emergency step: {ids}"
            if not {TEL_ALARM, TEL_BUFDIR} <= hrefs(child):
                yield f"the child step lacks 116 111 or 466 15 000: {hrefs(child)}"
            if BARNEVERNET not in child.body:
                yield "the child step does not name barnevernet"
    elif child is not None:
        yield "a barnevernet step for someone 18 or older"

    # An adult: ROSA, and the police (02800) only with the person's consent.
    adult_steps = {"adult-talk", "adult-police", "adult-not-now"}
    if may_be_adult:
        talk = by_id.get("adult-talk")
        if talk is None or TEL_ROSA not in hrefs(talk):
            yield "no ROSA for someone who may be 18 or older"
        consent_step = "adult-not-now" if answers.wants == "no" else "adult-police"
        if consent_step not in ids:
            yield f"{consent_step} is missing"
        if answers.wants == "no" and "adult-police" in ids:
            yield "the police offered to a person who does not want help now"
        if lang in CONSENT:
            for ident in {"adult-police", "adult-not-now"} & set(ids):
                if CONSENT[lang] not in by_id[ident].body:
                    yield f"{ident} does not say the police needs the person's consent"
    elif adult_steps & set(ids):
        yield f"adult steps for someone who may be under 18: {adult_steps & set(ids)}"
    # 02800 is offered only where consent is asked, or under the duty to avert.
    for step in result.steps:
        if TEL_POLICE in hrefs(step) and step.id not in ("adult-police", "duty-to-avert"):
            yield f"the police's 02800 is offered in {step.id}, without consent"

    # The duty to avert: in every plan, saying it overrides confidentiality.
    duty = by_id.get("duty-to-avert")
    if duty is None:
        yield "the duty to avert is missing"
    else:
        if "196" not in duty.title:
            yield "the duty to avert does not name straffeloven § 196"
        if lang in OVERRIDES and OVERRIDES[lang] not in duty.body:
            yield "the duty to avert does not say it overrides confidentiality"

    # Work seen, and an adult possible: rights at work. The page for the person: always.
    if ("work-rights" in ids) != ("work" in answers.seen and may_be_adult):
        yield f"work-rights shown wrongly for seen={sorted(answers.seen)}, age={answers.age}"
    if "show-the-page" not in ids:
        yield "the step showing the person the help in their language is missing"

    # No verdict, in any step.
    for step in result.steps:
        for words in (step.title, step.body):
            found = VERDICT.search(REFUSALS.sub("", words))
            if found:
                yield f"{step.id} gives a verdict: {found.group(0)!r}"


def test_the_sweep_covers_every_combination():
    assert len(ALL_ANSWERS) == 4 * 4 * 2 ** len(SEEN) * 4 == 2048
    assert len(set(ALL_ANSWERS)) == len(ALL_ANSWERS)


def test_every_combination_of_answers_keeps_every_rule(seed_snapshot: Snapshot):
    broken = []
    for answers in ALL_ANSWERS:
        result = plan(answers, seed_snapshot, "en")
        broken += [f"{answers}: {problem}" for problem in violations(answers, result)]
    assert broken == [], "\n".join(broken[:20])


@pytest.mark.parametrize("lang", [code for code in LANGS if code != "en"])
def test_every_language_gets_the_same_steps_numbers_and_order(seed_snapshot, lang):
    for answers in ALL_ANSWERS[::7]:  # a spread of the combinations; the rules ignore lang
        english = plan(answers, seed_snapshot, "en")
        other = plan(answers, seed_snapshot, lang)
        assert [(s.id, hrefs(s)) for s in other.steps] == [(s.id, hrefs(s)) for s in english.steps]
        assert [s.id for s in other.signs] == [s.id for s in english.signs]


@pytest.mark.parametrize("lang", WORDED)
def test_the_rules_words_hold_in_the_worded_languages(seed_snapshot, lang):
    for answers in ALL_ANSWERS[::5]:
        problems = list(violations(answers, plan(answers, seed_snapshot, lang)))
        assert problems == [], f"{answers}: {problems}"


def test_the_check_itself_catches_a_broken_plan(seed_snapshot):
    """The rule statements can fail: a plan with the emergency step moved last, the child
    step gone, the duty's sentence changed and a verdict added breaks each one."""
    answers = Answers(danger="yes", age="yes")
    good = plan(answers, seed_snapshot, "en")
    steps = list(good.steps)
    emergency = steps.pop(0)
    steps = [s for s in steps if s.id != "child"] + [emergency]
    steps = [
        dataclasses.replace(s, body="It applies.") if s.id == "duty-to-avert" else s for s in steps
    ]
    steps[0] = dataclasses.replace(steps[0], body="This is human trafficking.")
    problems = list(violations(answers, dataclasses.replace(good, steps=tuple(steps))))
    assert any("112 is not first" in p for p in problems)
    assert any("no barnevernet step" in p for p in problems)
    assert any("overrides confidentiality" in p for p in problems)
    assert any("gives a verdict" in p for p in problems)


def test_nothing_is_scored_or_counted():
    """A plan is ordered texts and contacts: no field holds a number (a score, a count,
    a likelihood), and the rules have nothing that computes one."""
    for cls in (rules.Plan, rules.Step, rules.Section, rules.Contact, rules.Answers):
        for field in dataclasses.fields(cls):
            assert not re.search(r"\b(int|float|Decimal)\b", str(field.type)), (cls, field)
    names = " ".join(name.lower() for name in vars(rules))
    assert not re.search(r"score|points|weight|likel|probab|risk", names)


# --- The three worked examples of the issue -------------------------------------------------
NURSE = Answers(danger="unsure", age="yes", seen=frozenset({"sexual", "unsure"}), wants=None)
INSPECTOR = Answers(danger="no", age="no", seen=frozenset({"work"}), wants="unsure")
RECEPTION = Answers(danger="no", age="unsure", seen=frozenset({"unsure"}), wants="yes")


@pytest.mark.parametrize(
    ("answers", "steps", "signs"),
    [
        # A nurse seeing a 16-year-old with an adult who answers for her.
        (
            NURSE,
            ["call-112-if-unsafe", "child", "duty-to-avert", "show-the-page"],
            ["form-sexual", "form-children"],
        ),
        # A labour inspector at a building site; the employer keeps the passports.
        (
            INSPECTOR,
            ["adult-talk", "adult-police", "work-rights", "show-the-page", "duty-to-avert"],
            ["form-work"],
        ),
        # A reception-centre worker told of a debt for travel; age not known.
        (RECEPTION, ["child", "duty-to-avert", "show-the-page"], ["form-children"]),
    ],
    ids=["nurse", "labour-inspector", "reception-centre"],
)
def test_the_worked_examples(seed_snapshot, answers, steps, signs):
    result = plan(answers, seed_snapshot, "en")
    assert [step.id for step in result.steps] == steps
    assert [section.id for section in result.signs] == signs
    assert list(violations(answers, result)) == []


# --- Every text of the frontline, in every language ------------------------------------------
def frontline_texts(snapshot: Snapshot) -> Iterator[tuple[str, str, str]]:
    """(language, where, words) for every frontline text written in a language."""
    from veiviser.content import translations

    for address, text in translations.texts({"frontline": dict(snapshot.content.frontline)}):
        for code, words in text.items():
            yield code, "/".join(address), words


def test_no_frontline_text_in_any_language_says_a_never_say_phrase(seed_snapshot):
    phrases = {language.code: language.never_say for language in seed_snapshot.content.languages}
    found = [
        f"{code}: {where}: {phrase!r}"
        for code, where, words in frontline_texts(seed_snapshot)
        if (phrase := wording.forbidden(phrases.get(code, ()), words))
    ]
    assert found == []
    # Every language the texts are in has a list to check them against.
    written = {code for code, _where, _words in frontline_texts(seed_snapshot)}
    assert all(phrases.get(code) for code in written), written


def test_a_verdict_is_found_in_a_frontline_text(seed_snapshot):
    """The check above can fail: the English and Norwegian lists know the third-person
    verdicts a text about the person could give."""
    phrases = {language.code: language.never_say for language in seed_snapshot.content.languages}
    assert wording.forbidden(phrases["en"], "We think this is human trafficking.")
    assert wording.forbidden(phrases["en"], "The person is not a victim.")
    assert wording.forbidden(phrases["nb"], "Vi tror dette er menneskehandel.")
    assert wording.forbidden(phrases["nb"], "Personen er et offer.")


@pytest.mark.parametrize("lang", LANGS)
def test_every_step_of_every_language_has_its_words(seed_snapshot, lang):
    """Every step the rules can choose has a title and a body in every language (its
    own, or English standing in), and the contacts its rule promises."""
    for answers in (Answers(), Answers(danger="yes", age="no", seen=frozenset({"work"}))):
        for step in plan(answers, seed_snapshot, lang).steps:
            assert step.title.strip() and step.body.strip(), step.id
    for ident in rules.STEP_IDS:
        step = rules._steps(seed_snapshot, lang)[ident]
        assert set(rules.REQUIRED_SERVICES.get(ident, ())) <= {c.service for c in step.contacts}


def test_signs_are_those_of_what_was_seen_and_of_children_when_age_may_be_under_18(
    seed_snapshot,
):
    everything = Answers(age="yes", seen=frozenset(SEEN))
    assert [s.id for s in plan(everything, seed_snapshot, "en").signs] == [
        "form-work",
        "form-sexual",
        "form-crime",
        "form-home",
        "form-children",
    ]
    assert plan(Answers(), seed_snapshot, "en").signs == ()
    assert texts.SIGNS[0] == "not-proof"  # the checklist opens with "signs are not proof"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"danger": "maybe"}, "danger: maybe is not an option"),
        ({"seen": frozenset({"organs"})}, "seen: organs is not an option"),
        ({"seen": "work"}, "seen must be a collection"),
    ],
)
def test_answers_refuse_what_the_form_does_not_offer(fields, message):
    with pytest.raises(ValueError, match=message):
        Answers(**fields)
