"""The frontline checklist's rules: a professional's answers -> ordered next steps.
Pure: no Django, no I/O, no clock.

Which steps, and in what order, is decided here; what each step says and which contacts
it offers are content (content/frontline.yaml). The rules follow the facts file's
"Helping someone else" and "Law" (../shared/sources/facts-norway.md):

1. Acute danger: 112 first. Not sure, or skipped: "if anyone may be in acute danger,
   call 112" first. Only "no" leaves it out.
2. A person who may be under 18 ("yes", "I don't know", or skipped): barnevernet at
   once, Alarmtelefonen when it is closed, Bufdir's advice line. The age need not be
   known: "under 18, or may be".
3. The duty to avert (straffeloven § 196) is in every plan: it covers aggravated
   trafficking (under 18, gross violence or coercion, significant proceeds), which no
   answer can rule out. It comes early where a child or danger is possible, else last.
4. A person who may be 18 or older ("no", or skipped): talk with them first, with ROSA
   for advice; then the police with their consent, or, when they do not want help now,
   what to do instead (the numbers to keep; ROSA).
5. Work or services seen, and an adult possible: rights at work (Arbeidstilsynet).
6. Always: show the person the help in their language.

Beside the steps, the signs for what was seen (the form's section, and the children's
section where the person may be under 18) are shown again.

Nothing here judges whether it is human trafficking, and nothing is counted or scored:
the answers only choose and order texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from veiviser.content.records import English, Service
from veiviser.content.snapshot import Snapshot
from veiviser.frontline import texts
from veiviser.frontline.questions import AGE, BY_ID, DANGER, SEEN, WANTS

# --- Steps --------------------------------------------------------------------------------
CALL_112_NOW = "call-112-now"
CALL_112_IF_UNSAFE = "call-112-if-unsafe"
CHILD = "child"
DUTY_TO_AVERT = "duty-to-avert"
ADULT_TALK = "adult-talk"
ADULT_POLICE = "adult-police"
ADULT_NOT_NOW = "adult-not-now"
WORK_RIGHTS = "work-rights"
SHOW_THE_PAGE = "show-the-page"

STEP_IDS: tuple[str, ...] = (
    CALL_112_NOW,
    CALL_112_IF_UNSAFE,
    CHILD,
    DUTY_TO_AVERT,
    ADULT_TALK,
    ADULT_POLICE,
    ADULT_NOT_NOW,
    WORK_RIGHTS,
    SHOW_THE_PAGE,
)
EMERGENCY_STEPS = frozenset({CALL_112_NOW, CALL_112_IF_UNSAFE})

# The services each step must offer for the rules to hold; the frontline check reports
# any missing from content/frontline.yaml, and the channel each must show.
REQUIRED_SERVICES: dict[str, tuple[str, ...]] = {
    CALL_112_NOW: ("police-emergency",),
    CALL_112_IF_UNSAFE: ("police-emergency",),
    CHILD: ("alarmtelefonen", "bufdir-advice"),
    DUTY_TO_AVERT: ("police",),
    ADULT_TALK: ("rosa",),
    ADULT_POLICE: ("police",),
    ADULT_NOT_NOW: ("rosa",),
    WORK_RIGHTS: ("arbeidstilsynet",),
}
# The services whose main phone number (their first phone channel) each step must
# offer (frontline check): 112, 116 111 and 466 15 000, ROSA's 22 33 11 60, the police's
# 02800 in the seed. Named by service, not by number, so that a number changed through
# the editorial system is still the one the check requires, and the check follows it.
REQUIRED_PHONES: dict[str, tuple[str, ...]] = {
    CALL_112_NOW: ("police-emergency",),
    CALL_112_IF_UNSAFE: ("police-emergency",),
    CHILD: ("alarmtelefonen", "bufdir-advice"),
    ADULT_TALK: ("rosa",),
    ADULT_POLICE: ("police",),
}

# The signs shown again beside the steps: the section of each form seen.
SEEN_SECTIONS: dict[str, str] = {
    "work": "form-work",
    "sexual": "form-sexual",
    "crime": "form-crime",
    "home": "form-home",
}
CHILD_SECTION = "form-children"

# The channel kinds a step offers as contacts (a place to visit has nothing to tap).
CONTACT_KINDS = ("phone", "sms", "email", "chat", "web")

_OPTIONS = {name: frozenset(question.options) for name, question in BY_ID.items()}


@dataclass(frozen=True)
class Answers:
    """What the professional answered; None (or nothing chosen) is a skipped question."""

    danger: str | None = None
    age: str | None = None
    seen: frozenset[str] = field(default_factory=frozenset)
    wants: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.seen, str):
            raise ValueError("seen must be a collection of option ids, not a text")
        if not isinstance(self.seen, frozenset):
            object.__setattr__(self, "seen", frozenset(self.seen))
        for name in (DANGER, AGE, SEEN, WANTS):
            value = getattr(self, name)
            chosen = value if isinstance(value, frozenset) else {value} - {None}
            if not chosen <= _OPTIONS[name]:
                unknown = sorted(str(item) for item in chosen - _OPTIONS[name])
                raise ValueError(f"{name}: {', '.join(unknown)} is not an option")

    @property
    def may_be_child(self) -> bool:
        """Under 18, or may be: "yes", "I don't know", or not answered."""
        return self.age != "no"

    @property
    def may_be_adult(self) -> bool:
        """18 or older, or not answered."""
        return self.age in ("no", None)


@dataclass(frozen=True)
class Contact:
    service: str
    kind: str
    label: str
    display: str  # "22 33 11 60", as the source writes it
    href: str  # "tel:+4722331160"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    body: str  # the content's plain text: paragraphs, "- " lists, **bold**
    contacts: tuple[Contact, ...]

    @property
    def emergency(self) -> bool:
        return self.id in EMERGENCY_STEPS


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    body: str


@dataclass(frozen=True)
class Plan:
    """Ordered steps and the signs to look at again. No score, no verdict: by design."""

    lang: str
    steps: tuple[Step, ...]
    signs: tuple[Section, ...]

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)


@lru_cache(maxsize=1024)
def step_ids(answers: Answers) -> tuple[str, ...]:
    """Which steps, in which order (rules 1-6). Independent of language and content."""
    ids: list[str] = []
    if answers.danger == "yes":
        ids.append(CALL_112_NOW)
    elif answers.danger != "no":
        ids.append(CALL_112_IF_UNSAFE)
    if answers.may_be_child:
        ids.append(CHILD)
    duty_early = answers.may_be_child or answers.danger != "no"
    if duty_early:
        ids.append(DUTY_TO_AVERT)
    if answers.may_be_adult:
        ids.append(ADULT_TALK)
        ids.append(ADULT_NOT_NOW if answers.wants == "no" else ADULT_POLICE)
        if "work" in answers.seen:
            ids.append(WORK_RIGHTS)
    ids.append(SHOW_THE_PAGE)
    if not duty_early:
        ids.append(DUTY_TO_AVERT)
    return tuple(ids)


def section_ids(answers: Answers) -> tuple[str, ...]:
    """The signs to show again: each form seen, in the form's order; then children's."""
    order = BY_ID[SEEN].options
    ids = [SEEN_SECTIONS[form] for form in order if form in answers.seen and form in SEEN_SECTIONS]
    if answers.age in ("yes", "unsure"):
        ids.append(CHILD_SECTION)
    return tuple(ids)


def plan(answers: Answers, snapshot: Snapshot, lang: str) -> Plan:
    """The next steps for these answers, in this language, from this snapshot."""
    table = _steps(snapshot, lang)
    found = texts.sections(snapshot)
    signs = tuple(
        Section(ident, found[ident].title.in_(lang), found[ident].body.in_(lang))
        for ident in section_ids(answers)
        if ident in found
    )
    return Plan(lang, tuple(table[ident] for ident in step_ids(answers)), signs)


# --- Built once per snapshot and language ------------------------------------------------
def contacts(service: Service, lang: str, only: tuple[str, ...] = ()) -> tuple[Contact, ...]:
    """The service's channels as contacts, in its own order; `only`: these values only."""
    return tuple(
        Contact(service.id, ch.kind, ch.label.in_(lang), ch.display, ch.href)
        for ch in service.channels
        if ch.kind in CONTACT_KINDS and (not only or ch.value in only)
    )


@texts.per_snapshot
def _steps(snapshot: Snapshot, lang: str) -> dict[str, Step]:
    found = texts.steps(snapshot)
    table = {}
    for ident in STEP_IDS:
        step = found.get(ident) or texts.StepText(ident, texts.text({}), texts.text({}), ())
        body = step.body.in_(lang)
        table[ident] = Step(
            id=ident,
            title=step.title.in_(lang),
            body=English(body) if isinstance(body, English) else body,
            contacts=tuple(
                contact
                for service_id in step.services
                if service_id in snapshot.services
                for contact in contacts(
                    snapshot.services[service_id], lang, step.channels.get(service_id, ())
                )
            ),
        )
    return table
