"""The guide's one address, /<lang>/guide/: GET shows the questions, POST the plan.

Why all five questions on one screen: a frightened reader sees every question at once,
and sees that each one is optional; one tap gives the plan; and on a slow connection it
is one round trip. The journey home -> guide -> plan is three pages, each loading only
exit.js besides the HTML (static files are `Cache-Control: no-store` on purpose, so it is
fetched each time): six requests, the issue's limit.

Why POST to the same address, and the same <title> on every response (the questions,
the plan, an error): nothing about the reader may reach a URL, the history, a title, a
cookie or a log. So there is no redirect after the POST (it would need the answers in a
URL, a cookie or a session), and "Change my answers" posts the answers back in hidden
fields instead of relying on the back button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from veiviser.content import markup
from veiviser.content.current import get_snapshot
from veiviser.content.snapshot import Snapshot
from veiviser.guide import forms, lengths, rules, texts
from veiviser.guide.questions import SKIP
from veiviser.pages.cards import Card, card
from veiviser.web import posted
from veiviser.web.frame import frame, framed
from veiviser.web.methods import allow
from veiviser.web.page_cache import cacheable

# The longest post our form can make is well under 1 KB; anything much bigger is not a
# reader's answers, and is refused before it is read.
MAX_BODY_BYTES = 4096


# --- What the templates render ------------------------------------------------------------
@dataclass(frozen=True)
class OptionView:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class QuestionView:
    id: str
    input: str  # "radio" | "checkbox"
    label: str
    hint: str
    options: tuple[OptionView, ...]  # the answers, then "I don't want to answer"
    conflict: bool


@dataclass(frozen=True)
class FormPage:
    ui: dict[str, str]
    action: str
    questions: tuple[QuestionView, ...]
    conflict: bool


@dataclass(frozen=True)
class StepView:
    id: str
    title: str
    body_html: str
    cards: tuple[Card, ...]
    html: str = ""  # the whole step as rendered (guide/step.html)


@dataclass(frozen=True)
class PlanPage:
    ui: dict[str, str]
    action: str
    restart: str
    directory: str
    steps: tuple[StepView, ...]
    numbers: tuple[rules.Contact, ...]
    hidden: tuple[tuple[str, str], ...]  # the answers, for "Change my answers"


@dataclass(frozen=True)
class ErrorPage:
    ui: dict[str, str]
    back: str


def guide_path(lang: str) -> str:
    return f"/{lang}/guide/"


def form_page(
    snapshot: Snapshot,
    lang: str,
    chosen: dict[str, tuple[str, ...]] | None = None,
    conflicts: Sequence[str] = (),
) -> FormPage:
    chosen = chosen or {}
    questions = []
    for question in texts.questions(snapshot, lang):
        picked = chosen.get(question.id, ())
        options = [*question.options, (SKIP, question.skip)]
        questions.append(
            QuestionView(
                id=question.id,
                input="checkbox" if question.kind == "several" else "radio",
                label=question.label,
                hint=question.hint,
                options=tuple(OptionView(v, label, v in picked) for v, label in options),
                conflict=question.id in conflicts,
            )
        )
    return FormPage(texts.ui(snapshot, lang), guide_path(lang), tuple(questions), bool(conflicts))


def plan_page(snapshot: Snapshot, lang: str, answers: rules.Answers) -> PlanPage:
    plan = rules.plan(answers, snapshot, lang)
    return PlanPage(
        ui=texts.ui(snapshot, lang),
        action=guide_path(lang),
        restart=guide_path(lang),
        directory=f"/{lang}/services/",
        steps=tuple(step_view(snapshot, lang, step) for step in plan.steps),
        numbers=plan.numbers,
        hidden=tuple(answers.pairs()),
    )


# Each step is rendered once per snapshot and language, then reused by every plan that
# has it. A step is generic (what the sources say about one need), so this holds no
# answers, nor any combination of them; it only saves re-rendering the same cards.
_STEPS: dict[tuple[int, str, rules.Step], StepView] = {}
MAX_STEPS = 2048


def step_view(snapshot: Snapshot, lang: str, step: rules.Step) -> StepView:
    key = (snapshot.version, lang, step)
    view = _STEPS.get(key)
    if view is None:
        view = StepView(step.id, step.title, _html(step.body, lang), _cards(snapshot, step, lang))
        view = replace(view, html=render_to_string("guide/step.html", {"step": view}))
        if len(_STEPS) >= MAX_STEPS:
            _STEPS.clear()  # a new snapshot's steps replace the old ones
        _STEPS[key] = view
    return view


def _cards(snapshot: Snapshot, step: rules.Step, lang: str) -> tuple[Card, ...]:
    """The step's contact cards, showing exactly the step's contacts (the JSON plan's)."""
    result = []
    for service_id in step.services:
        wanted = {(c.kind, c.href) for c in step.contacts if c.service == service_id}
        full = card(snapshot, service_id, lang)
        channels = tuple(ch for ch in full.channels if (ch.kind, ch.href) in wanted)
        result.append(replace(full, channels=channels))
    return tuple(result)


@lru_cache(maxsize=512)
def _html(body: str, lang: str) -> str:
    # Guide texts hold no links (the guide's check), so topic links never occur here.
    return markup.render(body, lambda topic: f"/{lang}/topics/{topic}/")


# --- The view -----------------------------------------------------------------------------
# Exempt from CSRF: the guide changes no state and nobody is logged in, so a forged post
# can only show a plan to whoever sent it; and a CSRF token would need a cookie, which a
# public visitor never gets.
@csrf_exempt
@allow("GET", "POST")
@cacheable  # the question page only: the page cache never keeps a POST (answers)
def guide(request: HttpRequest) -> HttpResponse:
    snapshot = get_snapshot()
    lang = get_language() or "en"
    if request.method != "POST":
        return _render(request, "guide/form.html", form_page(snapshot, lang))
    try:
        submission = forms.parse(_posted_fields(request))
    except forms.Malformed:
        # The reason is not shown or logged: it could echo what was posted.
        page = ErrorPage(texts.ui(snapshot, lang), guide_path(lang))
        return _render(request, "guide/error.html", page, status=400)
    length = plan_length(request, snapshot, lang)
    if submission.conflicts or submission.edit:
        page = form_page(snapshot, lang, submission.chosen, submission.conflicts)
        if page.conflict:
            return _render(request, "guide/form.html", page, status=400)
        # "Change my answers": the form refilled. Its ticks tell the answers as a plan
        # does, so it is padded to the same length: the two cannot be told apart either.
        return _render(request, "guide/form.html", page, length=length)
    page = plan_page(snapshot, lang, submission.answers)
    return _render(request, "guide/plan.html", page, length=length)


def _posted_fields(request: HttpRequest) -> list[tuple[str, list[str]]]:
    """The posted form fields; Malformed for anything our own form would not send: a
    chunked body (Django would read it as empty, a plan for no answers, which the reader
    did not ask for), another charset or type, a body too large or cut off
    (veiviser/web/posted.py, which the frontline's form uses too)."""
    try:
        return posted.fields(request, MAX_BODY_BYTES)
    except posted.Refused as refused:
        raise forms.Malformed("(body)", str(refused)) from None


def plan_length(request: HttpRequest, snapshot: Snapshot, lang: str) -> Callable[[bool], int]:
    """The length of every plan page of this language, and of the form refilled by
    "Change my answers", gzipped or not (veiviser/guide/lengths.py)."""
    title = texts.ui(snapshot, lang)["title"]

    def length(gzipped: bool) -> int:
        def measure(answers: rules.Answers) -> int:
            chosen: dict[str, tuple[str, ...]] = {}
            for name, option in answers.pairs():
                chosen[name] = (*chosen.get(name, ()), option)
            mains = (
                render_to_string("guide/plan.html", {"page": plan_page(snapshot, lang, answers)}),
                render_to_string("guide/form.html", {"page": form_page(snapshot, lang, chosen)}),
            )
            return max(len(frame(request, title).page(main, gzipped)) for main in mains)

        key = ("html", snapshot.version, lang, request.path, title, gzipped)
        return lengths.padded_length(key, gzipped, measure)

    return length


def _render(
    request: HttpRequest,
    template: str,
    page: FormPage | PlanPage | ErrorPage,
    status: int = 200,
    length: Callable[[bool], int] | None = None,
) -> HttpResponse:
    # Every answer of the guide has the same title, so one layout serves all three.
    main = render_to_string(template, {"page": page})
    what = "plan" if isinstance(page, PlanPage) else "refilled form"
    return framed(request, page.ui["title"], main, status=status, length=length, what=what)
