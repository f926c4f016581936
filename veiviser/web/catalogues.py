"""The interface's translation catalogues (locale/<code>/LC_MESSAGES/django.po), read.

gettext compiles them for the site; this reader is for counting and checking them: how
many strings each language has (`manage.py languages`), and whether each catalogue is
complete and current (tests/web/test_languages.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


def unescape(text: str) -> str:
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
    return re.sub(r"\\(.)", lambda match: escapes.get(match[1], match[0]), text)


def read_po(path: Path) -> list[dict]:
    """The active entries of a PO file: context, id, plural id, translations, flags."""
    entries: list[dict] = []
    entry: dict = {}
    field = ""

    def finish() -> None:
        nonlocal entry
        if "msgid" in entry:
            entries.append(entry)
        entry = {}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line and "msgid" in entry:
                finish()
            continue
        if line.startswith("#,"):
            if "msgid" in entry:
                finish()
            entry.setdefault("flags", set()).update(
                flag.strip() for flag in line[2:].split(",") if flag.strip()
            )
            continue
        if line.startswith("#"):
            continue
        keyword = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if keyword:
            field = keyword[1]
            if field in ("msgctxt", "msgid") and "msgid" in entry:
                finish()
            entry[field] = unescape(keyword[2])
        elif line.startswith('"') and line.endswith('"') and field:
            entry[field] += unescape(line[1:-1])
        else:
            raise ValueError(f"{path}: cannot read {raw!r}")
    finish()
    return entries


def key(entry: dict) -> tuple[str, str, str]:
    return (entry.get("msgctxt", ""), entry["msgid"], entry.get("msgid_plural", ""))


def translations(entry: dict) -> list[str]:
    return [value for name, value in entry.items() if name.startswith("msgstr")]


@dataclass(frozen=True)
class Counts:
    """How many strings a catalogue has, and how many are translated and not fuzzy."""

    translated: int
    total: int


def counts(path: Path) -> Counts:
    if not path.exists():
        return Counts(0, 0)
    strings = [entry for entry in read_po(path) if entry["msgid"]]  # not the header
    done = [
        entry
        for entry in strings
        if "fuzzy" not in entry.get("flags", set()) and all(t.strip() for t in translations(entry))
    ]
    return Counts(len(done), len(strings))
