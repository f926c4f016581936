"""The frontline checklist, /<lang>/frontline/, and the person's page,
/<lang>/frontline/show/<person_lang>/.

The checklist is one address: GET shows the signs, a safe conversation and the "what to
do" form; POST (the form) shows the next steps, at the same address and under the same
title, so nothing the professional enters reaches a URL, the history, a title, a cookie
or a log, and no answer is kept, not even in memory (the page cache never keeps a POST).
The answers are about the person in front of them, so their safety is the point.

Why the next steps are not padded to one length, as the guide's plans are
(veiviser/guide/lengths.py): a plan's size is padded so that someone watching the
reader's connection cannot tell their answers, because the reader is the person at
risk, on their own phone, perhaps watched by the people who exploit them. Here the one
who answers is a professional, on a work device and a work network, answering about
someone else, who is not named and whose answers do not say who they are; the size of
a page of next steps tells an observer at most which kinds of steps were shown. Padding
would cost every professional's page the size of the longest. If the frontline is ever
offered to people who are not staff, this must be decided again.

The person's page shows the brochure's core messages in the person's language beside
Norwegian, each paragraph paired with its Norwegian, each with its own lang and dir.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from veiviser.content import markup
from veiviser.content.current import get_snapshot
from veiviser.content.records import Language
from veiviser.content.snapshot import Snapshot
from veiviser.frontline import forms, rules, texts
from veiviser.frontline.questions import SKIP
from veiviser.web import languages, posted
from veiviser.web.frame import framed
from veiviser.web.methods import allow
from veiviser.web.page_cache import cacheable

# The longest post the form can make is a few hundred bytes.
MAX_BODY_BYTES = 2048


# --- What the templates render ------------------------------------------------------------
@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    body_html: str


@dataclass(frozen=True)
class OptionView:
    value: str
    label: str


@dataclass(frozen=True)
class QuestionView:
    id: str
    input: str  # "radio" | "checkbox"
    label: str
    hint: str
    options: tuple[OptionView, ...]  # the answers, then "Skip this question"


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    name: str  # in its own script
    direction: str
    href: str


@dataclass(frozen=True)
class ChecklistPage:
    ui: dict[str, str]
    action: str
    signs: tuple[SectionView, ...]
    talk: tuple[SectionView, ...]
    law: tuple[SectionView, ...]
    questions: tuple[QuestionView, ...]
    choices: tuple[LanguageChoice, ...]


@dataclass(frozen=True)
class StepView:
    id: str
    title: str
    body_html: str
    contacts: tuple[rules.Contact, ...]


@dataclass(frozen=True)
class PlanPage:
    ui: dict[str, str]
    restart: str
    steps: tuple[StepView, ...]
    signs: tuple[SectionView, ...]
    choices: tuple[LanguageChoice, ...]


@dataclass(frozen=True)
class Call:
    display: str
    href: str


@dataclass(frozen=True)
class Pair:
    id: str
    person: str  # the paragraph in the person's language
    beside: str  # the same paragraph in Norwegian
    calls: tuple[Call, ...]  # tap-to-call numbers: data, the same in both columns


@dataclass(frozen=True)
class ShowPage:
    ui: dict[str, str]
    person: Language
    beside: Language
    heading: Pair
    pairs: tuple[Pair, ...]
    back: str


@dataclass(frozen=True)
class ErrorPage:
    ui: dict[str, str]
    back: str


def page_paths(snapshot: Snapshot) -> list[str]:
    """The frontline's pages after the language prefix (for the sitemap)."""
    return ["frontline/", *(f"frontline/show/{code}/" for code in texts.person_languages(snapshot))]


def checklist_path(lang: str) -> str:
    return f"/{lang}/frontline/"


def show_path(lang: str, person: str) -> str:
    return f"/{lang}/frontline/show/{person}/"


@lru_cache(maxsize=512)
def _html(body: str, lang: str) -> str:
    # Checklist texts hold no links (the frontline check), so no topic link occurs.
    return markup.render(body, lambda topic: f"/{lang}/topics/{topic}/")


def _sections(snapshot: Snapshot, lang: str, ids: tuple[str, ...]) -> tuple[SectionView, ...]:
    found = texts.sections(snapshot)
    return tuple(
        SectionView(ident, found[ident].title.in_(lang), _html(found[ident].body.in_(lang), lang))
        for ident in ids
        if ident in found
    )


def choices(snapshot: Snapshot, lang: str) -> tuple[LanguageChoice, ...]:
    """The person's languages, each named in its own script, served and fully written."""
    served = {language.code: language for language in languages.enabled()}
    return tuple(
        LanguageChoice(code, served[code].name, served[code].direction, show_path(lang, code))
        for code in texts.person_languages(snapshot)
        if code in served
    )


def checklist_page(snapshot: Snapshot, lang: str) -> ChecklistPage:
    questions = tuple(
        QuestionView(
            id=question.id,
            input="checkbox" if question.kind == "several" else "radio",
            label=question.label,
            hint=question.hint,
            options=tuple(
                OptionView(value, label)
                for value, label in (*question.options, (SKIP, question.skip))
            ),
        )
        for question in texts.questions(snapshot, lang)
    )
    return ChecklistPage(
        ui=texts.ui(snapshot, lang),
        action=checklist_path(lang),
        signs=_sections(snapshot, lang, texts.SIGNS),
        talk=_sections(snapshot, lang, texts.TALK),
        law=_sections(snapshot, lang, texts.LAW),
        questions=questions,
        choices=choices(snapshot, lang),
    )


def plan_page(snapshot: Snapshot, lang: str, answers: rules.Answers) -> PlanPage:
    plan = rules.plan(answers, snapshot, lang)
    return PlanPage(
        ui=texts.ui(snapshot, lang),
        restart=checklist_path(lang),
        steps=tuple(
            StepView(step.id, step.title, _html(step.body, lang), step.contacts)
            for step in plan.steps
        ),
        signs=tuple(
            SectionView(section.id, section.title, _html(section.body, lang))
            for section in plan.signs
        ),
        choices=choices(snapshot, lang),
    )


def show_page(snapshot: Snapshot, lang: str, person: str) -> ShowPage:
    """The person's page; KeyError for a language it cannot be shown in."""
    if person not in {choice.code for choice in choices(snapshot, lang)}:
        raise KeyError(person)
    person_language = languages.get(person)
    beside = _registry(snapshot, texts.BESIDE)
    pairs = []
    for paragraph in texts.show(snapshot):
        calls = []
        for service_id in paragraph.services:
            service = snapshot.services.get(service_id)
            phone = (
                next((c for c in service.channels if c.kind == "phone"), None) if service else None
            )
            if phone is not None:
                calls.append(Call(phone.display, phone.href))
        pairs.append(
            Pair(
                paragraph.id,
                paragraph.body.in_(person),
                paragraph.body.in_(texts.BESIDE),
                tuple(calls),
            )
        )
    heading = next(pair for pair in pairs if pair.id == texts.SHOW_HEADING)
    return ShowPage(
        ui=texts.ui(snapshot, lang),
        person=person_language,
        beside=beside,
        heading=heading,
        pairs=tuple(pair for pair in pairs if pair.id != texts.SHOW_HEADING),
        back=checklist_path(lang),
    )


def _registry(snapshot: Snapshot, code: str) -> Language:
    for language in snapshot.content.languages:
        if language.code == code:
            return language
    return Language(code, "machine", name=code)


# --- The views ----------------------------------------------------------------------------
# Exempt from CSRF, as the guide: the form changes no state and nobody is logged in, and
# a CSRF token would need a cookie, which a public visitor never gets.
@csrf_exempt
@allow("GET", "POST")
@cacheable  # the checklist only: the page cache never keeps a POST
def checklist(request: HttpRequest) -> HttpResponse:
    snapshot = get_snapshot()
    lang = get_language() or "en"
    ui = texts.ui(snapshot, lang)
    if request.method != "POST":
        main = render_to_string(
            "frontline/checklist.html", {"page": checklist_page(snapshot, lang)}
        )
        return framed(request, ui["title"], main)
    try:
        answers = forms.parse(posted.fields(request, MAX_BODY_BYTES))
    except (forms.Malformed, posted.Refused):
        main = render_to_string(
            "frontline/error.html", {"page": ErrorPage(ui, checklist_path(lang))}
        )
        return framed(request, ui["title"], main, status=400)
    main = render_to_string("frontline/plan.html", {"page": plan_page(snapshot, lang, answers)})
    return framed(request, ui["title"], main)


@allow("GET")
@cacheable
def show(request: HttpRequest, person_lang: str) -> HttpResponse:
    snapshot = get_snapshot()
    lang = get_language() or "en"
    try:
        page = show_page(snapshot, lang, person_lang)
    except LookupError:  # a language the page cannot be shown in
        raise Http404 from None
    main = render_to_string("frontline/show.html", {"page": page})
    # Named after the person's language, in its own script: one title per page.
    return framed(request, f"{page.ui['show_title']} ({page.person.name})", main)
