"""The guide's rules: answers + snapshot -> a help plan. Pure: no Django, no I/O, no clock.

Which steps a plan has, and in what order, is decided here (issue 4, rules 1-8; issue 9:
the helper's plan, and the numbers to remember). What
each step says and which services it offers are content (content/guide.yaml): the rules
pick the steps, then filter each step's services and texts for the reader's age. The
guide's check (veiviser.guide.checks) makes sure the content gives the rules what they
rely on: a text for every step, and the services each rule promises.

Everything a plan needs is built once per snapshot and language (every step for every
age group), so a plan is a few lookups: every combination of answers can be tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from veiviser.content.records import English, Service
from veiviser.content.snapshot import Snapshot
from veiviser.guide import texts
from veiviser.guide.questions import AGE, BY_ID, DANGER, NEEDS, RESIDENCE, SITUATION

# --- Steps --------------------------------------------------------------------------------
CALL_112_NOW = "call-112-now"  # danger=yes: always the first step (rule 1)
CALL_112_IF_UNSAFE = "call-112-if-unsafe"  # danger=unsure: the first step (rule 1)
CHILDREN = "children"  # age=under18: the first step after any emergency step (rule 2)
AGE_UNKNOWN = "age-unknown"  # age=unknown: Alarmtelefonen and ROSA together (rules 2, 3)
ROSA_FIRST = "rosa-first"  # otherwise (rule 3)
SAFE_TO_SEEK_HELP = "safe-to-seek-help"  # in every plan (rule 4)
RESIDENCE_OPTIONS = "residence-options"  # rule 5
REPORT_A_CONCERN = "report-a-concern"  # need help_other (rule 6)
WHO_ELSE_CAN_HELP = "who-else-can-help"  # always the last step (rule 8)

EMERGENCY_STEPS = frozenset({CALL_112_NOW, CALL_112_IF_UNSAFE})
FIRST_CONTACT_STEPS = (CHILDREN, AGE_UNKNOWN, ROSA_FIRST)

# One step per need, in the order they appear in a plan: what keeps a person safe and
# well first, then rights and choices, then helping someone else.
NEED_STEPS: dict[str, str] = {
    "safe_place": "safe-place",
    "healthcare": "healthcare",
    "violence_help": "violence-help",
    "talk": "talk",
    "report": "report",
    "lawyer": "lawyer",
    "residence": RESIDENCE_OPTIONS,
    "guardian": "guardian",
    "return_home": "return-home",
    "work_rights": "work-rights",
    "help_other": REPORT_A_CONCERN,
}

# What is happening can call for a step the reader did not think to ask for: the
# brochure's help for violence and abuse, and its page on rights at work (not offered to
# a child on this ground: exploiting a child is never a question of working conditions).
# Being made to commit crime is not work: `crime` alone does not bring "rights at work".
SITUATION_NEEDS: dict[str, str] = {"violence": "violence_help", "labour": "work_rights"}
NOT_FOR_CHILDREN_FROM_SITUATION = frozenset({"work_rights"})

STEP_IDS: tuple[str, ...] = (
    CALL_112_NOW,
    CALL_112_IF_UNSAFE,
    *FIRST_CONTACT_STEPS,
    SAFE_TO_SEEK_HELP,
    *dict.fromkeys(NEED_STEPS.values()),
    WHO_ELSE_CAN_HELP,
)

# The services each step must offer for the rules to hold (before the filter for age).
# guide.yaml may add more; the guide's check reports any of these missing.
REQUIRED_SERVICES: dict[str, tuple[str, ...]] = {
    CALL_112_NOW: ("police-emergency", "ambulance"),
    CALL_112_IF_UNSAFE: ("police-emergency",),
    CHILDREN: ("alarmtelefonen", "barnevernet"),
    AGE_UNKNOWN: ("alarmtelefonen", "rosa"),
    ROSA_FIRST: ("rosa",),
    # Who helps with an application comes before the police, where it is made: ROSA for
    # adults, Alarmtelefonen and barnevernet for children (issue 9, point 1.2).
    RESIDENCE_OPTIONS: ("rosa", "alarmtelefonen", "barnevernet", "udi", "police"),
    "safe-place": ("rosa", "barnevernet"),
    "healthcare": ("legevakt", "ambulance", "helsenorge"),
    "talk": ("rosa",),
    "report": ("police", "police-emergency"),
    # No police card: a reader may want advice before deciding whether to report, and a
    # child's legal help is arranged by barnevernet (issue 9, point 1.1).
    "lawyer": ("rosa", "alarmtelefonen", "barnevernet"),
    "return-home": ("udi", "iom"),
    "work-rights": ("arbeidstilsynet",),
    "guardian": ("statsforvalteren",),
    "violence-help": ("dinutvei", "volinjen", "alarmtelefonen"),
    # 112 is not asked for here: every plan's numbers to remember have it (the rule below).
    REPORT_A_CONCERN: ("rosa", "police", "alarmtelefonen", "bufdir-advice"),
}
# Steps that speak about the person the reader is worried about, whose age the answers
# do not give (they are the reader's own): every contact is offered, whatever the
# reader's age, and every paragraph shown.
ABOUT_SOMEONE_ELSE = frozenset({REPORT_A_CONCERN})
HELP_OTHER = "help_other"
# The needs whose absence can change the numbers to remember (number_services): without
# healthcare, another number takes the health number's place.
NUMBER_NEEDS = ("healthcare",)

EMERGENCY_SERVICE = "police-emergency"  # 112
MEDICAL_EMERGENCY_SERVICE = "ambulance"  # 113
EMERGENCY_CLINIC_SERVICE = "legevakt"  # 116 117
CHILDREN_SERVICE = "alarmtelefonen"  # 116 111
HELPER_SERVICES = ("rosa", CHILDREN_SERVICE)  # advice for someone worried about another
NUMBERS_TO_REMEMBER = 3
# The channel kinds a plan offers as contacts (a place to visit has nothing to tap).
CONTACT_KINDS = ("phone", "sms", "email", "chat", "web")

# --- Audience: who the reader may be, from the age answer --------------------------------
CHILD = "child"  # under 18: nothing for adults only
ADULT = "adult"  # 18 or older: nothing for children only
UNKNOWN = "unknown"  # does not know: both, children's first (treated as a child until known)
ANY = "any"  # did not say: both, in the order the content gives
AUDIENCES = (CHILD, ADULT, UNKNOWN, ANY)


def audience(age: str | None) -> str:
    return {"under18": CHILD, "adult": ADULT, "unknown": UNKNOWN}.get(age or "", ANY)


def offered(service: Service, group: str) -> bool:
    if group == CHILD:
        return service.for_children
    if group == ADULT:
        return service.for_adults
    return True


# --- The plan -----------------------------------------------------------------------------
_OPTIONS = {name: frozenset(question.options) for name, question in BY_ID.items()}


@dataclass(frozen=True)
class Answers:
    """A reader's answers; a question left out (None, or nothing chosen) was skipped."""

    danger: str | None = None
    age: str | None = None
    situation: frozenset[str] = field(default_factory=frozenset)
    needs: frozenset[str] = field(default_factory=frozenset)
    residence: str | None = None

    def __post_init__(self) -> None:
        for name in (SITUATION, NEEDS):
            value = getattr(self, name)
            if isinstance(value, str):
                raise ValueError(f"{name} must be a collection of option ids, not a text")
            if not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset(value))
        for name in (DANGER, AGE, RESIDENCE, SITUATION, NEEDS):
            value = getattr(self, name)
            chosen = value if isinstance(value, frozenset) else {value} - {None}
            if not chosen <= _OPTIONS[name]:
                unknown = sorted(str(item) for item in chosen - _OPTIONS[name])
                raise ValueError(f"{name}: {', '.join(unknown)} is not an option")

    def pairs(self) -> list[tuple[str, str]]:
        """(question id, option id) for every answer, in the order of the questions."""
        result = []
        for name in (DANGER, AGE, SITUATION, NEEDS, RESIDENCE):
            value = getattr(self, name)
            chosen = value if isinstance(value, frozenset) else {value} - {None}
            result += [(name, option) for option in BY_ID[name].options if option in chosen]
        return result


@dataclass(frozen=True)
class Contact:
    service: str  # a service id of the snapshot
    kind: str  # phone | sms | email | chat | web
    value: str  # what to dial (E.164, or the short number itself) or the address
    label: str
    display: str  # what the reader sees: "22 33 11 60", "112", "rosanorge.no"
    href: str  # what a tap opens: "tel:+4722331160", "https://rosanorge.no"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    body: str  # paragraphs separated by a blank line; a list's lines start with "- "
    services: tuple[str, ...]  # the contact cards, in order
    contacts: tuple[Contact, ...]  # the channels of those services the step offers, in order

    @property
    def emergency(self) -> bool:
        return self.id in EMERGENCY_STEPS


@dataclass(frozen=True)
class Plan:
    lang: str
    snapshot: int  # the version of the snapshot the plan was made from
    steps: tuple[Step, ...]
    numbers: tuple[Contact, ...]  # the two or three numbers most worth remembering

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)


def plan(answers: Answers, snapshot: Snapshot, lang: str) -> Plan:
    """The help plan for these answers, in this language, from this snapshot."""
    group = audience(answers.age)
    table = _steps(snapshot, lang)
    steps = tuple(table[step_id, group] for step_id in step_ids(answers))
    return Plan(lang, snapshot.version, steps, _numbers(answers, steps, snapshot, lang))


def helper_only(answers: Answers) -> bool:
    """The reader said only that they want to help someone else: every other question was
    skipped, so nothing says they need help themselves, and the plan speaks to a helper."""
    return answers.needs == {HELP_OTHER} and not (
        answers.danger or answers.age or answers.situation or answers.residence
    )


@lru_cache(maxsize=4096)
def step_ids(answers: Answers) -> tuple[str, ...]:
    """Which steps, in which order (rules 1-8). Independent of language and content."""
    if helper_only(answers):
        # No step written to a victim: the helper's step has its own 24/7 line (ROSA),
        # the emergency number, and says the person needs no residence to get help.
        return (REPORT_A_CONCERN,)
    ids = []
    if answers.danger == "yes":
        ids.append(CALL_112_NOW)
    elif answers.danger == "unsure":
        ids.append(CALL_112_IF_UNSAFE)
    group = audience(answers.age)
    ids.append({CHILD: CHILDREN, UNKNOWN: AGE_UNKNOWN}.get(group, ROSA_FIRST))
    ids.append(SAFE_TO_SEEK_HELP)
    needs = set(answers.needs)
    for situation in answers.situation:
        need = SITUATION_NEEDS.get(situation)
        if need and not (group == CHILD and need in NOT_FOR_CHILDREN_FROM_SITUATION):
            needs.add(need)
    if answers.residence in ("no", "unsure"):
        needs.add("residence")
    for need, step_id in NEED_STEPS.items():
        if need in needs and step_id not in ids:
            ids.append(step_id)
    ids.append(WHO_ELSE_CAN_HELP)
    return tuple(ids)


# --- Numbers to remember (issue 9, point 3) -----------------------------------------------
def number_services(
    answers: Answers, first: tuple[str, ...]
) -> tuple[tuple[str, ...], frozenset[str]]:
    """The rule for the numbers to remember: (services in the order shown, those that
    must be there). `first`: the services of the plan's first non-emergency step.

    - 112 is always there; first when the reader may be in danger.
    - A reader who asked for healthcare always sees a health number: 113 when in danger
      (danger=yes), otherwise 116 117 (legevakt).
    - A child, or a reader who does not know their age, always sees 116 111.
    - The plan's first helplines (ROSA for an adult), and 113 for a reader in danger,
      fill the rest, up to three.
    What must be there is never more than three numbers (112, one health number,
    116 111), so a plan shows at most three: NUMBERS_TO_REMEMBER.
    """
    if helper_only(answers):
        return (*HELPER_SERVICES, EMERGENCY_SERVICE), frozenset({EMERGENCY_SERVICE})
    must = {EMERGENCY_SERVICE}
    order: list[str] = []
    if answers.danger in ("yes", "unsure"):
        order.append(EMERGENCY_SERVICE)
    order += first
    order.append(EMERGENCY_SERVICE)
    if NUMBER_NEEDS[0] in answers.needs:
        health = MEDICAL_EMERGENCY_SERVICE if answers.danger == "yes" else EMERGENCY_CLINIC_SERVICE
        order.append(health)
        must.add(health)
    elif answers.danger == "yes":
        order.append(MEDICAL_EMERGENCY_SERVICE)
    if audience(answers.age) in (CHILD, UNKNOWN):
        if CHILDREN_SERVICE not in order:
            order.insert(0, CHILDREN_SERVICE)
        must.add(CHILDREN_SERVICE)
    return tuple(dict.fromkeys(order)), frozenset(must)


def _numbers(
    answers: Answers, steps: tuple[Step, ...], snapshot: Snapshot, lang: str
) -> tuple[Contact, ...]:
    first_contact = next(step for step in steps if not step.emergency)
    order, must = number_services(answers, first_contact.services)
    return _numbers_for(snapshot, lang, order, must)


@texts.per_snapshot
def _numbers_for(
    snapshot: Snapshot, lang: str, order: tuple[str, ...], must: frozenset[str]
) -> tuple[Contact, ...]:
    """Each service's first phone number, in `order`, once per number: every one in
    `must`, and the others while there is room."""
    phones = _phones(snapshot, lang)
    needed = {phones[service].value for service in must if service in phones}
    found: dict[str, Contact] = {}
    for service_id in order:
        contact = phones.get(service_id)
        if contact is not None:
            found.setdefault(contact.value, contact)
    room = NUMBERS_TO_REMEMBER - len(needed)
    numbers = []
    for value, contact in found.items():
        if value in needed:
            numbers.append(contact)
        elif room > 0:
            numbers.append(contact)
            room -= 1
    return tuple(numbers)


# --- Built once per snapshot and language ------------------------------------------------
def contacts(service: Service, lang: str, only: tuple[str, ...] = ()) -> tuple[Contact, ...]:
    """The service's channels as contacts, in its own order; `only`: these values only."""
    return tuple(
        Contact(
            service=service.id,
            kind=channel.kind,
            value=channel.dial,
            label=channel.label.in_(lang),
            display=channel.display,
            href=channel.href,
        )
        for channel in service.channels
        if channel.kind in CONTACT_KINDS and (not only or channel.value in only)
    )


@texts.per_snapshot
def _phones(snapshot: Snapshot, lang: str) -> dict[str, Contact]:
    """Each service's first phone number, labelled with the service's name."""
    result = {}
    for service in snapshot.content.services:
        channel = next((c for c in service.channels if c.kind == "phone"), None)
        if channel is not None:
            result[service.id] = Contact(
                service.id,
                "phone",
                channel.dial,
                service.name.in_(lang),
                channel.display,
                channel.href,
            )
    return result


def _order(services: Iterable[Service], group: str) -> list[Service]:
    kept = [service for service in services if offered(service, group)]
    if group == UNKNOWN:
        # Someone who may be under 18 is treated as a child until their age is settled.
        kept.sort(key=lambda service: service.audience != "children")
    return kept


def _body(step: texts.StepText, group: str, lang: str) -> str:
    parts = [step.body.in_(lang)]
    if step.adults is not None and group != CHILD:
        parts.append(step.adults.in_(lang))
    if step.children is not None and group != ADULT:
        parts.append(step.children.in_(lang))
    if step.after is not None:
        parts.append(step.after.in_(lang))
    body = "\n\n".join(part for part in parts if part)
    # A step not yet translated at all is shown, and marked, as English (records.English).
    if all(isinstance(part, English) for part in parts if part):
        return English(body)
    return body


@texts.per_snapshot
def _steps(snapshot: Snapshot, lang: str) -> dict[tuple[str, str], Step]:
    """Every step for every audience, in one language."""
    step_texts = texts.steps(snapshot)
    table = {}
    for step_id in STEP_IDS:
        found = step_texts.get(step_id)
        if found is None:  # the guide's check stops this from being published
            found = texts.StepText(step_id, texts.text({}), texts.text({}), None, None, (), ())
        known = [snapshot.services[s] for s in found.services if s in snapshot.services]
        for group in AUDIENCES:
            shown = ANY if step_id in ABOUT_SOMEONE_ELSE else group
            services = _order(known, shown)
            table[step_id, group] = Step(
                id=step_id,
                title=found.title.in_(lang),
                body=_body(found, shown, lang),
                services=tuple(service.id for service in services),
                contacts=tuple(
                    contact
                    for service in services
                    for contact in contacts(service, lang, found.channels.get(service.id, ()))
                ),
            )
    return table
