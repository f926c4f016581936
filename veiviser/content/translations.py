"""Translations kept one file per language: content/translations/<code>.yaml.

The seed files hold the English source texts. Each other language's texts live in a file
of their own, so a translator (or a reviewer who reads only that language) works in one
place, and adding a language is adding a file. Each file has two parts:

    never_say:              # phrases no text in this language may contain (a verdict,
      - "you are a victim"  # a promise): the content checks use them for this language
    topics:                 # the seed files' texts, by their top key and record id
      what-is-trafficking:
        title: "..."

A text's address is its path through the seed data: the seed file's top key (`topics`,
`services`, `organisations`, and guide.yaml's `questions`, `steps`, `texts`), then for each
list entry its `id` (a channel has none: its `kind` and `value` name it), then the field
names. Reading merges each file's texts into the seed data before the records are built,
so every other module sees one Text per field with all its languages. A missing text falls back to
English where it is shown; a text whose address names nothing is an error (a renamed id).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from veiviser.content.problems import Problem

SOURCE_LANGUAGE = "en"
DIRECTORY = "translations"
# The seed files whose texts are translated, in the order a translator reads them.
TRANSLATED_FILES = ("topics", "guide", "frontline", "services", "organisations")
# The one key of a translation file that is not a seed file's: the phrases never to say.
NEVER_SAY = "never_say"

Path_ = tuple[str, ...]


def is_text(value: Any) -> bool:
    """A seed text: a mapping from language code to string that has the English source."""
    return (
        isinstance(value, dict)
        and isinstance(value.get(SOURCE_LANGUAGE), str)
        and all(isinstance(key, str) and len(key) <= 3 for key in value)
    )


def entry_key(entry: dict[str, Any]) -> str | None:
    """The name of a list entry in an address: its id, or a channel's kind and value."""
    if isinstance(entry.get("id"), str):
        return entry["id"]
    if isinstance(entry.get("kind"), str) and isinstance(entry.get("value"), str):
        return f"{entry['kind']} {entry['value']}"
    return None


def texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, str]]]:
    """Every text in a seed file's data with its address, in the file's order."""
    if is_text(data):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from texts(value, (*path, str(key)))
    elif isinstance(data, list):
        for entry in data:
            key = entry_key(entry) if isinstance(entry, dict) else None
            if key is not None:
                yield from texts(entry, (*path, key))


def seed_texts(seed: dict[str, Any]) -> dict[Path_, dict[str, str]]:
    """Every translatable text of the seed files, keyed by address."""
    found: dict[Path_, dict[str, str]] = {}
    for name in TRANSLATED_FILES:
        for path, text in texts(seed.get(name, {})):
            found[path] = text
    return found


def flatten(nested: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """A translation file's `texts` as (address, value) pairs."""
    if isinstance(nested, dict):
        for key, value in nested.items():
            yield from flatten(value, (*path, str(key)))
    else:
        yield path, nested


class LanguageFile:
    """One language's translation file, read and checked."""

    def __init__(self, code: str, path: Path, problems: list[Problem]) -> None:
        self.code = code
        self.name = f"{DIRECTORY}/{path.name}"
        self.never_say: tuple[str, ...] = ()
        self.texts: dict[Path_, str] = {}
        self._read(path, problems)

    def _problem(self, problems: list[Problem], entry: str, field: str, message: str) -> None:
        problems.append(Problem(self.name, entry, field, message))

    def _read(self, path: Path, problems: list[Problem]) -> None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            return  # a language without a file: every text falls back to English
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            self._problem(problems, "(file)", "(file)", f"is not valid YAML: {error}")
            return
        if not isinstance(data, dict):
            self._problem(problems, "(file)", "(file)", "must be a mapping at the top")
            return
        never_say = data.get(NEVER_SAY) or []
        if not isinstance(never_say, list) or not all(
            isinstance(item, str) and item.strip() for item in never_say
        ):
            self._problem(problems, "never_say", "(list)", "must be a list of phrases")
        else:
            self.never_say = tuple(item.strip() for item in never_say)
        entries = {key: value for key, value in data.items() if key != NEVER_SAY}
        for address, value in flatten(entries):
            if not isinstance(value, str) or not value.strip():
                self._problem(problems, "/".join(address), "(text)", "must be a non-empty text")
                continue
            self.texts[address] = value


def read_language(directory: Path, code: str, problems: list[Problem]) -> LanguageFile:
    return LanguageFile(code, directory / DIRECTORY / f"{code}.yaml", problems)


def merge(seed: dict[str, Any], language: LanguageFile, problems: list[Problem]) -> None:
    """Adds the language's texts to the seed data's texts, in place.

    A text the seed file already holds in this language (written inline) is an error: one
    language, one place. So is an address that names no text of the seed.
    """
    found = seed_texts(seed)
    for address, value in language.texts.items():
        text = found.get(address)
        entry = "/".join(address)
        if text is None:
            problems.append(
                Problem(
                    language.name,
                    entry,
                    "(address)",
                    "names no text of the seed files (a renamed id, or a channel whose value "
                    "changed: move the text to the new address)",
                )
            )
        elif language.code in text:
            problems.append(
                Problem(language.name, entry, "(text)", "is also written in the seed file")
            )
        else:
            text[language.code] = value
