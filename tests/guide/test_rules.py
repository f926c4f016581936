"""The guide's rules (issue 4, rules 1-8), checked on every combination of answers.

`violations` states each rule independently of how rules.py computes the plan, and the
exhaustive tests run it over 64 single-choice combinations (each of the three questions
answered or skipped) x (every subset of `situation` + every subset of `needs`), in every
language; hypothesis then draws all five questions at once. Issue 9 added the helper's
plan, the lawyer's and the residence step's first contacts, and the numbers to remember.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.guide.conftest import LANGS, SWEEP, WORDED
from veiviser.content.snapshot import Snapshot
from veiviser.guide import rules
from veiviser.guide.questions import BY_ID
from veiviser.guide.rules import Answers, plan

ONE_CHOICES = {name: (None, *BY_ID[name].options) for name in ("danger", "age", "residence")}
SITUATIONS = BY_ID["situation"].options
NEEDS = BY_ID["needs"].options

# The words rules 2, 4 and 7 look for, in each language.
CHILD_TRAFFICKING_WORDS = {
    "en": "All exploitation of children under 18 is human trafficking",
    "nb": "All utnytting av barn under 18 år er menneskehandel",
}
SAFE = {
    "en": ("It is safe to seek help.", "You do not need legal residence to get help in Norway."),
    "nb": ("Det er trygt å søke hjelp.", "Du trenger ikke lovlig opphold for å få hjelp i Norge."),
}
# The same reassurance, said to a helper about the person they are worried about.
SAFE_FOR_THEM = {
    "en": (
        "The person you are worried about does not need legal residence to get help in Norway",
        "it is safe for them to seek help",
    ),
    "nb": (
        "Personen du er bekymret for, trenger ikke lovlig opphold for å få hjelp i Norge",
        "det er trygt for personen å søke hjelp",
    ),
}
VERDICT_WORDS = re.compile(
    r"\b(you\s+are|you're|you\s+were|du\s+er|du\s+var)\s+(not\s+|ikke\s+)?(a\s+|et\s+)?"
    r"(victim|offer)\b",
    re.I,
)
PROMISE_WORDS = re.compile(
    r"\b(you will (get|be given|receive)|guarantee|du vil få|du får (en )?(opphold|tillatelse)"
    r"|garanti)",
    re.I,
)
ADULTS_ONLY_NAMES = re.compile(r"\b(ROSA|VO-linjen)\b")

# Rule 6: each need's step and the services it must offer, by the reader's age group.
NEED_SERVICES = {
    "safe_place": {"child": {"barnevernet"}, "adult": {"rosa"}, "both": {"rosa", "barnevernet"}},
    "healthcare": {"all": {"legevakt", "ambulance", "helsenorge"}},
    "talk": {"child": {"alarmtelefonen"}, "adult": {"rosa"}, "both": {"rosa"}},
    "report": {"all": {"police", "police-emergency"}},
    "lawyer": {
        "child": {"alarmtelefonen", "barnevernet"},
        "adult": {"rosa"},
        "both": {"rosa", "alarmtelefonen", "barnevernet"},
    },
    "residence": {
        "child": {"alarmtelefonen", "barnevernet", "udi", "police"},
        "adult": {"rosa", "udi", "police"},
        "both": {"rosa", "alarmtelefonen", "barnevernet", "udi", "police"},
    },
    "return_home": {"all": {"udi", "iom"}},
    "work_rights": {"all": {"arbeidstilsynet"}},
    "guardian": {"all": {"statsforvalteren"}},
    "violence_help": {
        "child": {"dinutvei", "alarmtelefonen"},
        "adult": {"dinutvei", "volinjen"},
        "both": {"dinutvei", "volinjen", "alarmtelefonen"},
    },
    "help_other": {
        "all": {"rosa", "police", "alarmtelefonen", "bufdir-advice"}  # 112: in the numbers
    },
}
# Where a step speaks about someone else, not to the reader (rules.ABOUT_SOMEONE_ELSE).
ABOUT_SOMEONE_ELSE = {"report-a-concern"}
NEED_STEP = {
    "safe_place": "safe-place",
    "healthcare": "healthcare",
    "talk": "talk",
    "report": "report",
    "lawyer": "lawyer",
    "residence": "residence-options",
    "return_home": "return-home",
    "work_rights": "work-rights",
    "guardian": "guardian",
    "violence_help": "violence-help",
    "help_other": "report-a-concern",
}
EMERGENCY = {"call-112-now", "call-112-if-unsafe"}


# What the rules ask of one step, as bits: a plan has a property when any step has it.
OPEN_24_7 = 1  # offers a contact of a service open day and night
CHILD_TRAFFICKING = 2  # says all exploitation of children is trafficking
REASSURANCE = 4  # says it is safe to seek help, without legal residence
VERDICT = 8  # tells the reader whether they are a victim
PROMISE = 16  # promises an outcome
ADULTS_ONLY = 32  # offers, or names, a service for adults only (to the reader)
REASSURANCE_FOR_THEM = 64  # says so to a helper, of the person they are worried about


@dataclasses.dataclass(frozen=True)
class StepFacts:
    services: frozenset[str]
    values: frozenset[str]  # what its contacts dial or open
    flags: int


_facts: dict[tuple[int, str], tuple[rules.Step, StepFacts]] = {}


def facts(step: rules.Step, lang: str, snapshot: Snapshot) -> StepFacts:
    """Plans share their steps, so each step is looked at once: this keeps the exhaustive
    tests within seconds."""
    hit = _facts.get((id(step), lang))
    if hit is not None and hit[0] is step:
        return hit[1]
    services = snapshot.services
    text = f"{step.title}\n{step.body}"
    flags = (
        OPEN_24_7 * any(services[c.service].open_24_7 for c in step.contacts)
        | CHILD_TRAFFICKING * (CHILD_TRAFFICKING_WORDS[lang] in step.body)
        | REASSURANCE * all(sentence in step.body for sentence in SAFE[lang])
        | VERDICT * bool(VERDICT_WORDS.search(text))
        | PROMISE * bool(PROMISE_WORDS.search(text))
        | ADULTS_ONLY
        * (step.id not in ABOUT_SOMEONE_ELSE)
        * (
            any(services[s].audience == "adults" for s in step.services)
            or bool(ADULTS_ONLY_NAMES.search(text))
        )
        | REASSURANCE_FOR_THEM * all(words in step.body for words in SAFE_FOR_THEM[lang])
    )
    found = StepFacts(frozenset(step.services), frozenset(c.value for c in step.contacts), flags)
    _facts[id(step), lang] = (step, found)
    return found


def expected_services(need: str, age: str | None) -> set[str]:
    table = NEED_SERVICES[need]
    if "all" in table:
        return table["all"]
    return table[{"under18": "child", "adult": "adult"}.get(age or "", "both")]


def helper_only(answers: Answers) -> bool:
    return answers == Answers(needs=frozenset({"help_other"}))


def expected_steps(answers: Answers) -> set[str]:
    """The steps a plan must have: nothing missing, nothing the answers did not call for."""
    if helper_only(answers):
        return {"report-a-concern"}  # nothing written to a victim
    steps = {"safe-to-seek-help", "who-else-can-help"}
    steps |= {"yes": {"call-112-now"}, "unsure": {"call-112-if-unsafe"}}.get(answers.danger, set())
    steps.add({"under18": "children", "unknown": "age-unknown"}.get(answers.age, "rosa-first"))
    needs = set(answers.needs)
    if "violence" in answers.situation:
        needs.add("violence_help")
    if "labour" in answers.situation and answers.age != "under18":
        needs.add("work_rights")
    if answers.residence in ("no", "unsure"):
        needs.add("residence")
    return steps | {NEED_STEP[need] for need in needs}


def violations(
    answers: Answers, result: rules.Plan, snapshot: Snapshot, expected: set[str] | None = None
) -> Iterator[str]:
    lang = result.lang
    ids = [step.id for step in result.steps]
    by_id = {}
    flags = 0
    every_service: set[str] = set()
    for step in result.steps:
        found = by_id[step.id] = facts(step, lang, snapshot)
        flags |= found.flags
        every_service |= found.services
    first = by_id[ids[1] if ids[0] in EMERGENCY else ids[0]]
    expected = expected or expected_steps(answers)

    if set(ids) != expected or len(ids) != len(by_id):
        yield f"steps {ids} are not {sorted(expected)}"
    # Rule 1
    if answers.danger == "yes" and not (
        ids[0] == "call-112-now" and {"police-emergency", "ambulance"} <= by_id[ids[0]].services
    ):
        yield "rule 1: danger=yes must start with call 112 now, with police and ambulance"
    if answers.danger == "unsure" and not any("112" in by_id[i].values for i in ids[:2]):
        yield "rule 1: danger=unsure must show 112 in the first two steps"
    # Rule 2
    if answers.age == "under18":
        if not {"alarmtelefonen", "barnevernet"} <= first.services:
            yield "rule 2: a child's first non-emergency step must offer both children's services"
        if not flags & CHILD_TRAFFICKING:
            yield "rule 2: a child's plan must say all exploitation of children is trafficking"
        if flags & ADULTS_ONLY:
            yield "rule 2: a child's plan offers or names a service for adults only"
    if answers.age == "unknown" and not {"alarmtelefonen", "rosa"} <= every_service:
        yield "rule 2: age=unknown must offer Alarmtelefonen and ROSA"
    # Rule 3
    if answers.age != "under18" and "rosa" not in first.services:
        yield "rule 3: ROSA must be in the first non-emergency step"
    # Rule 4
    if not flags & OPEN_24_7:
        yield "rule 4: no contact open 24/7"
    if not flags & (REASSURANCE_FOR_THEM if helper_only(answers) else REASSURANCE):
        yield "rule 4: the reassurance is missing"
    # Rule 5
    wants_residence = answers.residence in ("no", "unsure") or "residence" in answers.needs
    residence = by_id.get("residence-options")
    if wants_residence and (residence is None or not {"udi", "police"} <= residence.services):
        yield "rule 5: the residence options step with UDI and the police is missing"
    if residence is not None:
        # Who helps with the application comes before the police, where it is made.
        step = next(step for step in result.steps if step.id == "residence-options")
        helpers = {"rosa", "alarmtelefonen", "barnevernet"}
        if step.services.index("police") < min(
            step.services.index(s) for s in helpers & set(step.services)
        ):
            yield "rule 5: the police come before who helps with the application"
    if flags & PROMISE:
        yield "rule 5: a plan must never promise an outcome"
    # Rule 6
    for need in answers.needs:
        step = by_id.get(NEED_STEP[need])
        wanted = expected_services(need, answers.age)
        if step is None or not wanted <= step.services:
            yield f"rule 6: need {need} must give a step with {sorted(wanted)}"
    concern = by_id.get("report-a-concern")
    if concern and not {
        "https://www.politiet.no/menneskehandel", "+4722331160", "116111", "+4746615000"
    } <= concern.values:  # fmt: skip
        yield "rule 6: help_other must give politiet.no, ROSA, 116 111 and Bufdir"
    lawyer = by_id.get("lawyer")
    if lawyer and "police" in lawyer.services:
        yield "rule 6: the lawyer step offers the police"
    # Rule 7 (the other half, same answers -> same plan, is its own test)
    if flags & VERDICT:
        yield "rule 7: the plan tells the reader whether they are a victim"
    # Rule 8
    if ids[-1] != "who-else-can-help" and not helper_only(answers):
        yield "rule 8: the last step must list who else can help"
    yield from number_violations(answers, [n.value for n in result.numbers])
    if any(n.kind != "phone" for n in result.numbers):
        yield f"numbers to remember: {result.numbers}"


def number_violations(answers: Answers, numbers: list[str]) -> Iterator[str]:
    """The rule for the numbers to remember (issue 9, point 3)."""
    if not 2 <= len(numbers) <= 3 or len(set(numbers)) != len(numbers):
        yield f"numbers to remember: {numbers} are not two or three numbers"
    if "112" not in numbers:
        yield "numbers to remember: 112 must always be there"
    if answers.danger in ("yes", "unsure") and numbers[0] != "112":
        yield "numbers to remember: 112 must come first when the reader may be in danger"
    if "healthcare" in answers.needs:
        health = "113" if answers.danger == "yes" else "116117"
        if health not in numbers:
            yield f"numbers to remember: healthcare asked for, {health} missing"
    if answers.age in ("under18", "unknown") and "116111" not in numbers:
        yield "numbers to remember: a child, or a reader unsure of their age, must see 116 111"


def singles() -> Iterator[dict[str, str | None]]:
    for danger, age, residence in itertools.product(*ONE_CHOICES.values()):
        yield {"danger": danger, "age": age, "residence": residence}


def subsets(options: tuple[str, ...]) -> Iterator[frozenset[str]]:
    for size in range(len(options) + 1):
        for chosen in itertools.combinations(options, size):
            yield frozenset(chosen)


def check_all(snapshot: Snapshot, variations: list[dict]) -> int:
    """Every single-choice combination with each variation, once: the rules do not depend
    on the language (test_every_language_gives_the_same_plan checks that they do not)."""
    count = 0
    for single in singles():
        for variation in variations:
            answers = Answers(**single, **variation)
            result = plan(answers, snapshot, SWEEP)
            problems = list(violations(answers, result, snapshot, expected_steps(answers)))
            assert not problems, (answers, problems)
            count += 1
    return count


def test_the_combinations_are_all_there():
    assert len(list(singles())) == 64
    assert len(list(subsets(SITUATIONS))) == 256
    assert len(list(subsets(NEEDS))) == 2048


def test_every_single_choice_combination_with_every_situation(seed_snapshot):
    variations = [{"situation": chosen} for chosen in subsets(SITUATIONS)]
    assert check_all(seed_snapshot, variations) == 64 * 256


def test_every_single_choice_combination_with_every_set_of_needs(seed_snapshot):
    variations = [{"needs": chosen} for chosen in subsets(NEEDS)]
    assert check_all(seed_snapshot, variations) == 64 * 2048


answers_strategy = st.builds(
    Answers,
    danger=st.sampled_from(ONE_CHOICES["danger"]),
    age=st.sampled_from(ONE_CHOICES["age"]),
    situation=st.frozensets(st.sampled_from(SITUATIONS)),
    needs=st.frozensets(st.sampled_from(NEEDS)),
    residence=st.sampled_from(ONE_CHOICES["residence"]),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answers_strategy, lang=st.sampled_from(WORDED))
def test_all_five_questions_at_once(seed_snapshot, answers, lang):
    problems = list(violations(answers, plan(answers, seed_snapshot, lang), seed_snapshot))
    assert not problems, problems


@pytest.fixture(scope="module")
def reloaded(seed_snapshot) -> Snapshot:
    """The seed snapshot as another process would load it from the database."""
    return Snapshot.from_json(seed_snapshot.to_json())


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answers_strategy, lang=st.sampled_from(LANGS))
def test_same_answers_same_plan_even_from_a_reloaded_snapshot(
    seed_snapshot, reloaded, answers, lang
):
    assert plan(answers, seed_snapshot, lang) == plan(answers, reloaded, lang)
    rules.step_ids.cache_clear()
    assert plan(answers, reloaded, lang) == plan(Answers(**vars(answers)), reloaded, lang)


def test_no_text_the_guide_can_show_tells_the_reader_they_are_or_are_not_a_victim(
    seed_snapshot,
):
    # Every step text for every age group, in every language: every plan is made of these.
    # (Every other language: its own never-say phrases, checked on every text it has by
    # the content checks, tests/content/test_seed.py.)
    checked = 0
    for lang in WORDED:
        for step in rules._steps(seed_snapshot, lang).values():
            for text in (step.title, step.body):
                assert not VERDICT_WORDS.search(text), (step.id, lang, text)
                checked += 1
    assert checked == len(rules.STEP_IDS) * len(rules.AUDIENCES) * len(WORDED) * 2
    assert VERDICT_WORDS.search("You are not a victim") and VERDICT_WORDS.search("Du er et offer")


def test_the_plan_comes_from_the_snapshot(seed_snapshot):
    """A changed number or text in the published content changes the plan: nothing is
    copied into the code."""
    services = tuple(
        dataclasses.replace(
            service,
            channels=tuple(
                dataclasses.replace(channel, href="tel:+4722331161", display="22 33 11 61")
                if channel.kind == "phone"
                else channel
                for channel in service.channels
            ),
        )
        if service.id == "rosa"
        else service
        for service in seed_snapshot.content.services
    )
    guide = dict(seed_snapshot.content.guide)
    guide["steps"] = [
        {**step, "title": {"en": "Changed", "nb": "Endret"}} if step["id"] == "rosa-first" else step
        for step in guide["steps"]
    ]
    content = dataclasses.replace(seed_snapshot.content, services=services, guide=guide)
    changed = Snapshot(2, seed_snapshot.published_at, content)
    result = plan(Answers(age="adult"), changed, "en")
    assert result.snapshot == 2
    assert result.steps[0].title == "Changed"
    assert result.steps[0].contacts[0].value == "+4722331161"
    assert plan(Answers(age="adult"), seed_snapshot, "en").steps[0].contacts[0].value == (
        "+4722331160"
    )


def test_answers_refuse_what_no_question_offers():
    with pytest.raises(ValueError, match="danger"):
        Answers(danger="maybe")
    with pytest.raises(ValueError, match="needs"):
        Answers(needs=frozenset({"money"}))
    with pytest.raises(ValueError, match="situation"):
        Answers(situation="labour")  # a text, not a collection: would read as letters
    assert Answers(needs=["talk", "talk"]).needs == frozenset({"talk"})


def test_every_need_has_its_step_and_the_steps_come_in_a_fixed_order():
    assert set(rules.NEED_STEPS) == set(NEEDS)
    everything = Answers(danger="yes", age="adult", needs=frozenset(NEEDS), residence="no")
    ids = rules.step_ids(everything)
    assert ids[:3] == ("call-112-now", "rosa-first", "safe-to-seek-help")
    assert ids[3:-1] == tuple(dict.fromkeys(rules.NEED_STEPS.values()))
    assert ids[-1] == "who-else-can-help"


def test_contacts_dial_what_the_directory_dials(seed_snapshot):
    result = plan(Answers(danger="yes", needs=frozenset(NEEDS)), seed_snapshot, "en")
    by_kind = {"phone": "tel:", "sms": "sms:", "email": "mailto:"}
    for step in result.steps:
        for contact in step.contacts:
            assert contact.kind in rules.CONTACT_KINDS
            assert contact.href == by_kind.get(contact.kind, "") + contact.value
            if contact.kind in ("phone", "sms"):
                # E.164 for a full number; the short number itself (112, 02800) otherwise.
                assert contact.value.startswith("+") or len(contact.value) < 8
    police = result.step("call-112-now").contacts
    assert [c.value for c in police] == ["112", "113"]


@pytest.mark.parametrize(
    ("answers", "numbers"),
    [
        (Answers(), ["+4722331160", "116111", "112"]),
        (Answers(age="adult"), ["+4722331160", "112"]),
        (Answers(age="under18"), ["116111", "112"]),
        (Answers(danger="yes", age="adult"), ["112", "+4722331160", "113"]),
        (Answers(danger="unsure", age="under18"), ["112", "116111"]),
        # A health number whenever healthcare is asked for: 116 117, or 113 in danger.
        (Answers(age="unknown", needs=frozenset({"healthcare"})), ["116111", "112", "116117"]),
        (Answers(age="under18", needs=frozenset({"healthcare"})), ["116111", "112", "116117"]),
        (Answers(age="adult", needs=frozenset({"healthcare"})), ["+4722331160", "112", "116117"]),
        (Answers(danger="yes", needs=frozenset({"healthcare"})), ["112", "+4722331160", "113"]),
        (
            Answers(danger="yes", age="unknown", needs=frozenset({"healthcare"})),
            ["112", "116111", "113"],
        ),
        (Answers(needs=frozenset({"healthcare"})), ["+4722331160", "112", "116117"]),
        (Answers(needs=frozenset({"help_other"})), ["+4722331160", "116111", "112"]),
    ],
)
def test_numbers_to_remember(seed_snapshot, answers, numbers):
    assert [n.value for n in plan(answers, seed_snapshot, "en").numbers] == numbers


def test_a_sixteen_year_old_forced_to_beg_without_a_permit(seed_snapshot):
    answers = Answers(age="under18", situation=frozenset({"labour"}), residence="no")
    result = plan(answers, seed_snapshot, "en")
    assert [s.id for s in result.steps] == [
        "children",
        "safe-to-seek-help",
        "residence-options",
        "who-else-can-help",
    ]
    assert result.steps[0].services == ("alarmtelefonen", "barnevernet")


def test_an_adult_in_danger_now(seed_snapshot):
    result = plan(Answers(danger="yes", age="adult"), seed_snapshot, "en")
    assert [s.id for s in result.steps] == [
        "call-112-now",
        "rosa-first",
        "safe-to-seek-help",
        "who-else-can-help",
    ]


def test_an_adult_in_construction_who_wants_to_go_home(seed_snapshot):
    answers = Answers(
        age="adult",
        situation=frozenset({"labour"}),
        needs=frozenset({"return_home", "work_rights"}),
    )
    result = plan(answers, seed_snapshot, "en")
    assert [s.id for s in result.steps] == [
        "rosa-first",
        "safe-to-seek-help",
        "return-home",
        "work-rights",
        "who-else-can-help",
    ]
    # UDI's return page only: its residence-permit page is no help here.
    assert [c.value for c in result.step("return-home").contacts] == [
        "https://udi.no/en/return",
        "https://iom.no",
    ]


# --- Issue 9: the truth pass ----------------------------------------------------------------
def test_the_numbers_rule_over_every_combination_of_the_answers_that_affect_it(seed_snapshot):
    lang = SWEEP
    """danger x age x (healthcare asked for or not) x (another need, or help_other only)."""
    checked = 0
    for danger, age in itertools.product(ONE_CHOICES["danger"], ONE_CHOICES["age"]):
        for needs in ({"healthcare"}, {"healthcare", "talk"}, {"talk"}, set(), {"help_other"}):
            answers = Answers(danger=danger, age=age, needs=frozenset(needs))
            numbers = [n.value for n in plan(answers, seed_snapshot, lang).numbers]
            assert not list(number_violations(answers, numbers)), (answers, numbers)
            checked += 1
    assert checked == 4 * 4 * 5


def test_the_numbers_rule_is_stated_in_the_rules():
    order, must = rules.number_services(Answers(age="under18", needs={"healthcare"}), ())
    assert must == {"police-emergency", "legevakt", "alarmtelefonen"}
    assert order[0] == "alarmtelefonen" and "legevakt" in order
    assert rules.number_services(Answers(danger="yes", needs={"healthcare"}), ())[1] == {
        "police-emergency",
        "ambulance",
    }
    assert len(must) <= rules.NUMBERS_TO_REMEMBER


def words(step: rules.Step) -> str:
    return f"{step.title}\n{step.body}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_helper_who_answered_only_help_other_gets_no_step_written_to_a_victim(
    seed_snapshot, lang
):
    result = plan(Answers(needs=frozenset({"help_other"})), seed_snapshot, lang)
    assert [step.id for step in result.steps] == ["report-a-concern"]
    (step,) = result.steps
    person = {"en": "the person you are worried about", "nb": "personen du er bekymret for"}
    if lang in person:
        assert person[lang] in step.body.lower()
    assert {"rosa", "police", "alarmtelefonen", "bufdir-advice"} <= set(step.services)
    values = {contact.value for contact in step.contacts}
    assert {"+4722331160", "116111", "+4746615000"} <= values
    # 112 is in the numbers to remember of every plan, the helper's too.
    assert [number.value for number in result.numbers] == ["+4722331160", "116111", "112"]
    assert "https://www.politiet.no/menneskehandel" in values


def test_the_helpers_step_says_what_the_sources_say_for_an_adult_and_for_a_child(seed_snapshot):
    body = plan(Answers(needs=frozenset({"help_other"})), seed_snapshot, "en").steps[0].body
    assert "ROSA advises, day and night, people who are worried about someone" in body
    assert "ask for their consent before you contact the police" in body
    assert "acute danger, call the emergency number" in body
    assert "contact the child welfare services (barnevernet) in the municipality at once" in body
    assert "When barnevernet is closed, call Alarmtelefonen" in body
    assert "Bufdir has an advice line for concerned adults and professionals" in body


@pytest.mark.parametrize("age", ["under18", "adult", "unknown", None])
def test_the_helpers_step_is_whole_whatever_the_readers_own_age(seed_snapshot, age):
    # A child worried about an adult, or an adult worried about a child: the step is
    # about the other person, so nothing is left out on the reader's own age.
    answers = Answers(age=age, needs=frozenset({"help_other", "talk"}))
    step = plan(answers, seed_snapshot, "en").step("report-a-concern")
    whole = plan(Answers(needs=frozenset({"help_other"})), seed_snapshot, "en").steps[0]
    assert step == whole


@pytest.mark.parametrize("lang", LANGS)
def test_crime_is_an_option_and_does_not_bring_rights_at_work(seed_snapshot, lang):
    assert "crime" in BY_ID["situation"].options
    alone = plan(Answers(age="adult", situation={"crime"}), seed_snapshot, lang)
    assert alone.step("work-rights") is None
    labour = plan(Answers(age="adult", situation={"labour"}), seed_snapshot, lang)
    assert labour.step("work-rights") is not None


@pytest.mark.parametrize(
    ("age", "services"),
    [
        ("adult", ("rosa",)),
        ("under18", ("alarmtelefonen", "barnevernet")),
        ("unknown", ("alarmtelefonen", "barnevernet", "rosa")),
        (None, ("rosa", "alarmtelefonen", "barnevernet")),
    ],
)
def test_the_lawyer_step_offers_rosa_or_barnevernet_and_never_the_police(
    seed_snapshot, age, services
):
    for needs in ({"lawyer"}, {"lawyer", "report"}):
        result = plan(Answers(age=age, needs=frozenset(needs)), seed_snapshot, "en")
        assert result.step("lawyer").services == services
    # A reader who also wants to report finds the police in the report step.
    both = plan(Answers(age=age, needs=frozenset({"lawyer", "report"})), seed_snapshot, "en")
    assert "police" in both.step("report").services


def test_the_lawyer_step_says_what_the_sources_say(seed_snapshot):
    adult = plan(Answers(age="adult", needs={"lawyer"}), seed_snapshot, "en").step("lawyer")
    child = plan(Answers(age="under18", needs={"lawyer"}), seed_snapshot, "en").step("lawyer")
    assert "People who may be victims of human trafficking can get free help" in adult.body
    assert "at least 3 hours of free legal advice" in adult.body
    assert "right to at least 3 hours" not in adult.body
    assert "bistandsadvokat" in adult.body and "choose the lawyer yourself" in adult.body
    assert "list of lawyers" in adult.body and "ask the police" not in adult.body
    assert "barnevernet) arrange legal help" in child.body and "ROSA" not in child.body


@pytest.mark.parametrize(
    ("age", "first"),
    [("adult", "rosa"), ("under18", "alarmtelefonen"), ("unknown", "alarmtelefonen")],
)
def test_the_residence_step_says_who_helps_before_the_police(seed_snapshot, age, first):
    step = plan(Answers(age=age, residence="no"), seed_snapshot, "en").step("residence-options")
    assert step.services[0] == first
    helps = (
        "A lawyer, or a support organisation such as ROSA, can help you with the application"
        if age == "adult"
        else "talk to Alarmtelefonen or the child welfare services (barnevernet) first"
    )
    assert step.body.index(helps) < step.body.index("in person at the police")
    assert "Children who apply together with their parent" in step.body


def test_no_promise_the_sources_do_not_make(seed_snapshot):
    everything = Answers(needs=frozenset(NEEDS) - {"help_other"})
    text = "\n".join(words(step) for step in plan(everything, seed_snapshot, "en").steps)
    assert "can include free travel and an assessment of the risks" in text
    assert "travel is free" not in text.lower()
    assert "absolutely necessary and cannot wait" in text
    assert "you have the right to at least" not in text.lower()


# --- Issue 14: ten languages ---------------------------------------------------------------
SAMPLE_ANSWERS = [
    Answers(),
    Answers(danger="yes", age="under18", needs=frozenset({"healthcare", "safe_place"})),
    Answers(danger="unsure", age="unknown", situation=frozenset({"sexual", "violence"})),
    Answers(age="adult", residence="no", needs=frozenset({"lawyer", "report", "guardian"})),
    Answers(needs=frozenset({"help_other"})),
    Answers(danger="no", age="adult", situation=frozenset({"labour", "crime"}),
            needs=frozenset(NEEDS) - {"help_other"}),
]  # fmt: skip


def links(result: rules.Plan) -> set[str]:
    """Every tel:, sms:, mailto: and web link of a plan: its contacts and its numbers."""
    return {c.href for s in result.steps for c in s.contacts} | {n.href for n in result.numbers}


@pytest.mark.parametrize("answers", SAMPLE_ANSWERS, ids=str)
def test_every_language_gives_the_same_plan_with_the_same_links(seed_snapshot, answers):
    """Numbers and addresses are data, never translated: for the same answers, every
    language has the same steps and the same tel:/sms:/mailto: links, in the same order."""
    english = plan(answers, seed_snapshot, "en")
    assert any(href.startswith("tel:") for href in links(english))
    for lang in LANGS:
        result = plan(answers, seed_snapshot, lang)
        assert [s.id for s in result.steps] == [s.id for s in english.steps], lang
        assert [n.href for n in result.numbers] == [n.href for n in english.numbers], lang
        assert links(result) == links(english), lang


def test_every_language_has_every_step_text_in_its_own_words(seed_snapshot):
    """No step of the plan falls back to English in a served language (a missing text
    would: allowed, but not in what ships)."""
    for lang in LANGS:
        for step in rules._steps(seed_snapshot, lang).values():
            for text in (step.title, step.body):
                assert type(text) is str, (lang, step.id, "shown in English")
