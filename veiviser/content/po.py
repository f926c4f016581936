"""Translators' files: one language's content texts as a gettext PO file, and back.

Translators work in Weblate or Poedit, which read PO files; the content's texts live in
the database (and in content/translations/<code>.yaml). `export_po` writes one entry per
record and field of the texts a translation file covers (topics, guide, frontline,
services, organisations):

    msgctxt "services/rosa/channels/phone 22 33 11 60/label"   # the text's address
    msgid "Call ROSA"                                          # the English, now
    msgstr "Ring ROSA"                                         # the translation, or ""

The context is the text's address exactly as in translations/<code>.yaml (content/
README.md): the seed file's top key, each list entry's id (a channel's kind and value),
then the field. It stays the same while ids and numbers do.

Reading a PO file back never writes anything. `changes_from_po(text, language, content)`
returns the typed changes it asks for, or raises InvalidPO naming every entry that is
wrong, and then no change at all:
- a context that names no text (a renamed id, a channel whose number changed);
- an msgid that is no longer the English (the file is stale: export it again);
- a translation whose numbers, e-mail or web addresses or links differ from the English
  (veiviser.content.wording; a phone number is data, never a translator's choice);
- a placeholder ({name}, %(name)s, %s) or markup (**bold**, a link, a "- " list item)
  lost or added; a phrase the language must never say.
A fuzzy entry (a translator's "not sure") is skipped; an empty msgstr asks for nothing
(it never deletes a translation); an entry whose msgstr is the current translation gives
no change.

The seam for the editorial system (veiviser.staff turns each change into a proposal):

    changes = po.changes_from_po(uploaded_text, "nb", store.read_content())
    ...                                   # one proposal per TextChange, reviewed
    po.apply_to_database([change])        # on approval; then publish as usual

`apply_to_database` refuses (StaleChange) when a text is no longer what the change's
`before` says: someone changed it since, and the reviewer must look again. `apply` is the
pure part, Content in, Content out.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.db import transaction

from veiviser.content import markup, seed, store, translations, wording
from veiviser.content.problems import Problem
from veiviser.content.records import SOURCE_LANGUAGE, Content, Language
from veiviser.content.seed_writer import seed_data

Address = tuple[str, ...]
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
# Placeholders a text could carry (none does today): Python's and gettext's formats.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[a-z_][a-z0-9_]*\}")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB = re.compile(r"(?:https://|http://|www\.)[^\s)\]]+")


@dataclass(frozen=True)
class TextChange:
    """One text of one language to set: the record, the field, before and after."""

    path: Address  # ("services", "rosa", "channels", "phone 22 33 11 60", "label")
    language: str
    before: str | None  # the translation now; None where there is none
    after: str

    @property
    def record(self) -> str:
        return "/".join(self.path[:-1])

    @property
    def field(self) -> str:
        return self.path[-1]

    @property
    def context(self) -> str:
        """The PO entry's msgctxt: the text's address."""
        return "/".join(self.path)

    def __str__(self) -> str:
        before = "(none)" if self.before is None else repr(self.before)
        return f"{self.context} [{self.language}]: {before} -> {self.after!r}"


@dataclass(frozen=True)
class POError:
    context: str  # the entry's msgctxt, or "(file)"
    message: str

    def __str__(self) -> str:
        return f"{self.context}: {self.message}"


class InvalidPO(ValueError):
    """A PO file with at least one error; it gives no change at all."""

    def __init__(self, errors: list[POError]) -> None:
        super().__init__(f"{len(errors)} error(s) in the PO file; no change was made")
        self.errors = errors


class StaleChange(ValueError):
    """A change whose `before` is no longer the text in the database."""


def texts(content: Content) -> dict[Address, dict[str, str]]:
    """Every translatable text of the content by address, in a translator's order."""
    files = seed_data(content)
    found: dict[Address, dict[str, str]] = {}
    for name in translations.TRANSLATED_FILES:
        for address, text in translations.texts(files.get(seed.FILES[name], {})):
            found[address] = text
    return found


def _translated(code: str, content: Content) -> Language:
    """The registry's entry for a language that has translations (every one but English)."""
    if code == SOURCE_LANGUAGE:
        raise ValueError("English is the source language: it has no translation file")
    for language in content.languages:
        if language.code == code:
            return language
    raise ValueError(f"{code!r} is not a language of the content registry")


def plural_forms(code: str) -> str:
    """The language's plural forms, as its UI catalogue (locale/<code>/) declares them."""
    for directory in settings.LOCALE_PATHS:
        path = Path(directory) / code / "LC_MESSAGES" / "django.po"
        if path.exists():
            forms = polib.pofile(str(path)).metadata.get("Plural-Forms")
            if forms:
                return forms
    return DEFAULT_PLURAL_FORMS


def export_po(content: Content, code: str) -> str:
    """One language's texts as a PO file: msgid the English, msgstr the translation."""
    language = _translated(code, content)
    po = polib.POFile(wrapwidth=0)  # 0: no wrapping, so a diff shows whole texts
    po.metadata = {
        "Project-Id-Version": "Veiviser content",
        "Language": code,
        "Language-Team": f"{language.english_name} ({language.name})",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(code),
    }
    po.header = (
        f"Veiviser's content texts in {language.english_name}. msgctxt is each text's "
        "address (content/README.md); numbers, e-mail and web addresses and links must "
        "stay as in the English."
    )
    for address, text in texts(content).items():
        po.append(
            polib.POEntry(
                msgctxt="/".join(address),
                msgid=text[SOURCE_LANGUAGE].strip(),
                msgstr=text.get(code, "").strip(),
            )
        )
    return str(po) + "\n"


# --- Reading a PO file back ---------------------------------------------------------------
def _counts(pattern: re.Pattern[str], words: str) -> Counter[str]:
    return Counter(pattern.findall(words))


def _markup(words: str) -> dict[str, int]:
    lines = [line.strip() for line in words.splitlines()]
    return {
        "bold text (**...**)": len(markup.BOLD.findall(words)),
        "links ([text](target))": len(markup.LINK.findall(words)),
        'list items (lines starting with "- ")': sum(line.startswith("- ") for line in lines),
    }


def problems(english: str, translated: str, never_say: Iterable[str] = ()) -> Iterator[str]:
    """What is wrong with a translation of `english`, in plain words; nothing if it is fine."""
    yield from wording.differences(english, translated)
    for what, pattern in (("placeholders", PLACEHOLDER), ("e-mail addresses", EMAIL)):
        source, words = _counts(pattern, english), _counts(pattern, translated)
        if source != words:
            missing, extra = (
                sorted((source - words).elements()),
                sorted((words - source).elements()),
            )
            yield f"{what} differ from the English: missing {missing}, extra {extra}"
    source, words = _counts(WEB, english), _counts(WEB, translated)
    if source != words:  # a web address written out, not as a link target
        missing, extra = sorted((source - words).elements()), sorted((words - source).elements())
        yield f"web addresses differ from the English: missing {missing}, extra {extra}"
    before, after = _markup(english), _markup(translated)
    for what in before:
        if before[what] != after[what]:
            yield f"{what}: the English has {before[what]}, the translation {after[what]}"
    phrase = wording.forbidden(never_say, translated)
    if phrase:
        yield f"says {phrase!r}, a phrase this language must never say"


def _parse(text: str) -> polib.POFile:
    # polib.pofile() reads a string that names an existing file as that file: an upload
    # saying "/etc/passwd" must never be read from the disk. Parse from a file of our own.
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "upload.po"
        path.write_text(text, encoding="utf-8")
        try:
            po = polib.pofile(str(path), encoding="utf-8")
        except (OSError, ValueError, UnicodeDecodeError) as error:
            message = str(error).replace(f" {path}", "")
            raise InvalidPO([POError("(file)", f"is not a PO file: {message}")]) from error
    if not len(po):
        raise InvalidPO([POError("(file)", "holds no entry: is it a PO file?")])
    return po


def changes_from_po(text: str, code: str, content: Content) -> list[TextChange]:
    """The changes a translator's PO file asks for; InvalidPO names every error."""
    language = _translated(code, content)
    po = _parse(text)
    errors: list[POError] = []
    declared = po.metadata.get("Language", "").replace("-", "_").split("_")[0].lower()
    if declared and declared != code:
        errors.append(POError("(file)", f"is for language {declared!r}, not {code!r}"))
    known = {"/".join(address): (address, words) for address, words in texts(content).items()}
    seen: set[str] = set()
    changes: list[TextChange] = []
    for entry in po:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue  # a translator's "not sure": never proposed
        context = entry.msgctxt or "(no msgctxt)"
        if context in seen:
            errors.append(POError(context, "appears twice in the file"))
            continue
        seen.add(context)
        if context not in known:
            errors.append(
                POError(
                    context,
                    "names no text of the content (a renamed id, or a channel whose value "
                    "changed): export the file again",
                )
            )
            continue
        address, current = known[context]
        english = current[SOURCE_LANGUAGE].strip()
        if entry.msgid.strip() != english:
            errors.append(
                POError(
                    context,
                    "msgid is no longer the English (the file is stale: export it again and "
                    f"translate the new English {english!r})",
                )
            )
            continue
        after = entry.msgstr.strip()
        if not after:
            continue  # untranslated: asks for nothing, deletes nothing
        found = list(problems(english, after, language.never_say))
        errors.extend(POError(context, message) for message in found)
        before = current.get(code)
        if not found and (before is None or before.strip() != after):
            changes.append(TextChange(address, code, before, after))
    if errors:
        raise InvalidPO(errors)
    return changes


# --- Applying changes ---------------------------------------------------------------------
def _set(data: Any, address: Address, language: str, words: str) -> None:
    """Put one language of the text at `address` into the seed files' data, in place."""
    for key in address:
        if isinstance(data, list):
            data = next(item for item in data if translations.entry_key(item) == key)
        else:
            data = data[key]
    data[language] = words


def apply(content: Content, changes: Iterable[TextChange]) -> Content:
    """`content` with the changes made (pure). Raises StaleChange when a change's `before`
    is not the text now, and ValueError when the result would not read back."""
    files = seed_data(content)
    current = texts(content)
    top = {
        key: name
        for name in translations.TRANSLATED_FILES
        for key in files.get(seed.FILES[name], {})
    }
    for change in changes:
        text = current.get(change.path)
        if text is None or top.get(change.path[0]) is None:
            raise StaleChange(f"{change.context}: names no text of the content")
        now = text.get(change.language)
        if (now or "").strip() != (change.before or "").strip():
            raise StaleChange(
                f"{change.context} [{change.language}]: is {now!r} now, not {change.before!r}"
            )
        _set(files[seed.FILES[top[change.path[0]]]], change.path, change.language, change.after)
    return _content(files, content)


def _content(files: dict[str, dict[str, Any]], base: Content) -> Content:
    """The records of the seed files' data, as the seed reader builds them."""
    found: list[Problem] = []

    def records(key: str, kind: str, build: Any) -> tuple[Any, ...]:
        return seed.read_list(files[seed.FILES[key]], key, kind, build, found)

    result = Content(
        languages=base.languages,
        sources=base.sources,
        organisations=records("organisations", "organisation", seed.organisation),
        services=records("services", "service", seed.service),
        topics=records("topics", "topic", seed.topic),
        guide=files.get(seed.FILES["guide"], {}),
        frontline=files.get(seed.FILES["frontline"], {}).get(seed.FRONTLINE_KEY, {}),
    )
    if found:
        raise ValueError("; ".join(str(problem) for problem in found))
    return result


@transaction.atomic
def apply_to_database(changes: Iterable[TextChange]) -> int:
    """Make the changes in the editable tables (not published); returns records changed."""
    return store.write_content(apply(store.read_content(), changes))
