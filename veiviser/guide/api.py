"""The guide as a JSON API (django-ninja): the questions, and a plan for a set of answers.

OpenAPI 3.1 at /api/v1/openapi.json; no documentation UI (it would load scripts from
elsewhere or add pages to keep safe). Every mistake in a request is a 400 whose body
names the field; nothing is a 422, and nothing a request sends can cause a 500. No
cookie is set and no body is logged (the access log writes method, path and status).
"""

from __future__ import annotations

import json
import zlib
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.utils.cache import patch_vary_headers
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser
from pydantic import ConfigDict

from veiviser.content.current import NoSnapshot, get_snapshot
from veiviser.content.snapshot import Snapshot
from veiviser.guide import lengths, rules, texts
from veiviser.guide.questions import AGE, BY_ID, DANGER, NEEDS, RESIDENCE, SITUATION
from veiviser.web import padding
from veiviser.web.compression import accepts_gzip
from veiviser.web.frame import GZIP_LEVEL

# A plan request with every answer is about 300 bytes.
MAX_BODY_BYTES = 4096

# Literal types from the ids of questions.py and the enabled languages, so that the
# OpenAPI document lists every allowed value.
Lang = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]
Danger = Literal[BY_ID[DANGER].options]  # type: ignore[valid-type]
Age = Literal[BY_ID[AGE].options]  # type: ignore[valid-type]
Situation = Literal[BY_ID[SITUATION].options]  # type: ignore[valid-type]
Need = Literal[BY_ID[NEEDS].options]  # type: ignore[valid-type]
Residence = Literal[BY_ID[RESIDENCE].options]  # type: ignore[valid-type]
Kind = Literal[rules.CONTACT_KINDS]  # type: ignore[valid-type]


class LimitedParser(Parser):
    """JSON bodies only, and small ones: refused before parsing when too large."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            raise ValueError("too large")
        body = request.body
        if len(body) > MAX_BODY_BYTES:
            raise ValueError("too large")
        return json.loads(body)


api = NinjaAPI(
    title="Veiviser guide",
    version="1",
    description=(
        "A few safe questions that give a personal help plan for people who may be "
        "exploited by human traffickers in Norway. Every question may be skipped: leave it "
        "out (or send null or an empty list). Texts are plain text: paragraphs are separated "
        'by a blank line and a list\'s lines start with "- ".'
    ),
    openapi_url="/openapi.json",
    docs_url=None,
    urls_namespace="guide-api",
    parser=LimitedParser(),
)


# --- Schemas ------------------------------------------------------------------------------
class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class AnswersIn(Strict):
    danger: Danger | None = Field(None, description="Are you in danger right now?")
    age: Age | None = Field(None, description="How old are you?")
    situation: list[Situation] = Field(
        default_factory=list,
        max_length=len(BY_ID[SITUATION].options),
        description="What is happening to you? (any number)",
    )
    needs: list[Need] = Field(
        default_factory=list,
        max_length=len(BY_ID[NEEDS].options),
        description="What would help you now? (any number)",
    )
    residence: Residence | None = Field(
        None, description="Do you have a residence permit in Norway?"
    )


class PlanIn(Strict):
    lang: Lang = "en"
    answers: AnswersIn = Field(default_factory=AnswersIn)


class ContactOut(Schema):
    service: str = Field(description="A service id, as in the directory")
    kind: Kind
    value: str = Field(
        description="The number to dial (E.164, or the short number itself such as 112), "
        "or the e-mail address or web address"
    )
    label: str


class StepOut(Schema):
    id: str
    title: str
    body: str
    contacts: list[ContactOut]


class PlanOut(Schema):
    lang: Lang
    snapshot: int = Field(description="The version of the published content")
    steps: list[StepOut]
    numbers: list[ContactOut] = Field(description="The two or three numbers to remember")


class OptionOut(Schema):
    id: str
    label: str


class QuestionOut(Schema):
    id: str
    kind: Literal["one", "several"]
    label: str
    hint: str
    options: list[OptionOut]
    skip_label: str = Field(description='The words for "I don\'t want to answer"')


class GuideOut(Schema):
    lang: Lang
    snapshot: int
    questions: list[QuestionOut]


class ErrorOut(Schema):
    field: str = Field(description='The field at fault: "lang", "answers.age", "body", ...')
    message: str


class ErrorsOut(Schema):
    errors: list[ErrorOut]


class UnavailableOut(Schema):
    errors: list[ErrorOut]


# --- Endpoints ----------------------------------------------------------------------------
@api.get(
    "/guide",
    response={200: GuideOut, 400: ErrorsOut, 503: UnavailableOut},
    summary="The questions, their ids, option ids and labels",
)
def guide(request: HttpRequest, lang: Lang = "en") -> dict[str, Any]:
    snapshot = get_snapshot()
    return {
        "lang": lang,
        "snapshot": snapshot.version,
        "questions": [
            {
                "id": question.id,
                "kind": question.kind,
                "label": question.label,
                "hint": question.hint,
                "options": [{"id": ident, "label": label} for ident, label in question.options],
                "skip_label": question.skip,
            }
            for question in texts.questions(snapshot, lang)
        ],
    }


@api.post(
    "/plan",
    response={200: PlanOut, 400: ErrorsOut, 503: UnavailableOut},
    summary="The help plan for a set of answers",
)
def plan(request: HttpRequest, payload: PlanIn) -> HttpResponse:
    snapshot = get_snapshot()
    given = payload.answers
    answers = rules.Answers(
        danger=given.danger,
        age=given.age,
        situation=frozenset(given.situation),
        needs=frozenset(given.needs),
        residence=given.residence,
    )
    return padded_plan(request, snapshot, payload.lang, answers)


def padded_plan(
    request: HttpRequest, snapshot: Snapshot, lang: str, answers: rules.Answers
) -> HttpResponse:
    """The plan as JSON, padded to the one length of every plan of its language.

    Compressed here, not by GZipMiddleware, because the padding must come after the
    compression (veiviser.web.padding), and Django's adds random bytes of its own.
    """
    gzipped = accepts_gzip(request.META)

    def encoded(answers: rules.Answers) -> bytes:
        data = plan_data(rules.plan(answers, snapshot, lang))
        body = api.renderer.render(request, data, response_status=200)
        body = body.encode() if isinstance(body, str) else body
        return compressed(body) if gzipped else body

    key = ("api", snapshot.version, lang, gzipped)
    length = lengths.padded_length(key, gzipped, lambda answers: len(encoded(answers)))
    body = padding.padded(encoded(answers), length, gzipped, "JSON plan")
    response = HttpResponse(body, content_type=api.get_content_type())
    if gzipped:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def compressed(body: bytes) -> bytes:
    # wbits=31: a gzip stream, whose header (no name, no time) padding.pad_gzip extends.
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
    return compressor.compress(body) + compressor.flush()


def plan_data(plan: rules.Plan) -> dict[str, Any]:
    return {
        "lang": plan.lang,
        "snapshot": plan.snapshot,
        "steps": [
            {
                "id": step.id,
                "title": step.title,
                "body": step.body,
                "contacts": [_contact(contact) for contact in step.contacts],
            }
            for step in plan.steps
        ],
        "numbers": [_contact(contact) for contact in plan.numbers],
    }


def _contact(contact: rules.Contact) -> dict[str, str]:
    return {
        "service": contact.service,
        "kind": contact.kind,
        "value": contact.value,
        "label": contact.label,
    }


# --- Errors: always a 400 naming the field ----------------------------------------------
def _errors(request: HttpRequest, errors: list[dict[str, str]], status: int) -> HttpResponse:
    return api.create_response(request, {"errors": errors}, status=status)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": _field(error.get("loc", ())), "message": str(error.get("msg", "is invalid"))}
        for error in exc.errors
    ]
    return _errors(request, errors or [{"field": "body", "message": "is invalid"}], 400)


def _field(location: Any) -> str:
    """("body", "payload", "answers", "age") -> "answers.age"; ("query", "lang") -> "lang"."""
    parts = [str(part) for part in location]
    if parts[:1] == ["body"]:
        parts = parts[2:]  # the body parameter's own name is not a field of the request
    elif parts[:1] in (["query"], ["path"]):
        parts = parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja raises 400 when the body is not JSON (or, here, too large to read).
    if exc.status_code == 400:
        message = f"must be a JSON object of at most {MAX_BODY_BYTES} bytes"
        return _errors(request, [{"field": "body", "message": message}], 400)
    return _errors(request, [{"field": "", "message": str(exc)}], exc.status_code)


@api.exception_handler(RequestDataTooBig)
@api.exception_handler(UnreadablePostError)
def unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Raised by Django from the Content-Length alone, before a byte of the body is read
    # (settings.DATA_UPLOAD_MAX_MEMORY_SIZE), or when the client sent less than it said.
    # Answered here, not by Django, whose answer would be an HTML page and a traceback
    # in the log for every such request.
    message = f"must be a JSON object of at most {MAX_BODY_BYTES} bytes"
    return _errors(request, [{"field": "body", "message": message}], 400)


@api.exception_handler(NoSnapshot)
def unavailable(request: HttpRequest, exc: NoSnapshot) -> HttpResponse:
    message = "nothing has been published yet; try again in a minute"
    response = _errors(request, [{"field": "", "message": message}], 503)
    response["Retry-After"] = "60"
    return response
