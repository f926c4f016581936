"""What loading new content would change, field by field: file, entry, field, before, after.

`loadcontent --dry-run` prints it, and `loadcontent` shows it when it refuses to overwrite
editorial history. The content is compared in the shape of the seed files
(seed_writer.seed_data), so every change is named the way an editor finds it in the file:
`services.yaml: rosa: description.nb: "..." -> "..."`. A translation is a language of
its text's field (`description.nb`), whichever file it is written in.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from veiviser.content import translations
from veiviser.content.records import SOURCE_LANGUAGE, Content
from veiviser.content.seed_writer import seed_data

MISSING = object()  # a side where the entry or field is not there
SHOWN = 100  # characters of a value shown; a whole body would bury the list


@dataclass(frozen=True)
class FieldChange:
    file: str
    entry: str
    field: str
    before: Any
    after: Any

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {show(self.before)} -> {show(self.after)}"


def show(value: Any) -> str:
    if value is MISSING:
        return "(none)"
    if isinstance(value, datetime.date):
        value = value.isoformat()
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


class Item(str):
    """A list entry's id in an address: `channels[phone 22 33 11 60]`, not a field name."""


class Lang(str):
    """A language of a text in an address: its change belongs to that language's file."""


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    """A list of entries by their ids (a channel's kind and value), or None when its items
    have no ids (a list of values, compared whole)."""
    keys = [translations.entry_key(item) if isinstance(item, dict) else None for item in items]
    if None in keys or len(set(keys)) != len(keys):
        return None
    return {Item(key): item for key, item in zip(keys, items, strict=True)}


def _walk(
    before: Any, after: Any, path: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], Any, Any]]:
    if isinstance(before, dict) and isinstance(after, dict):
        text = translations.is_text(before) or translations.is_text(after)
        for key in [*before, *(key for key in after if key not in before)]:
            # The key object of the side that has it: an Item keeps its brackets.
            name = next(k for k in (*before, *after) if k == key)
            name = Lang(name) if text else name
            yield from _walk(before.get(key, MISSING), after.get(key, MISSING), (*path, name))
        return
    if isinstance(before, list) and isinstance(after, list):
        old, new = _keyed(before), _keyed(after)
        if old is not None and new is not None:
            yield from _walk(old, new, path)
            if list(old) != [key for key in new if key in old]:
                yield (*path, "(order)"), list(old), list(new)
            return
    if before != after:
        yield path, before, after


def _name(path: tuple[str, ...]) -> tuple[str, str]:
    """An address as (entry, field): the top key and id, then the rest."""
    if len(path) <= 2:
        return "/".join(path), "(entry)"
    field = ""
    for part in path[2:]:
        field += f"[{part}]" if isinstance(part, Item) else f".{part}"
    return "/".join(path[:2]), field.lstrip(".")


def _translation(code: str) -> str:
    return f"{translations.DIRECTORY}/{code}.yaml"


def differences(current: Content, new: Content) -> list[FieldChange]:
    """Every field that writing `new` over `current` would change: first the seed files',
    then each language's (its texts and its never-say phrases)."""
    old_files, new_files = seed_data(current), seed_data(new)
    found = []
    for file in [*new_files, *(name for name in old_files if name not in new_files)]:
        old, fresh = old_files.get(file, {}), new_files.get(file, {})
        for path, before, after in _walk(old, fresh, ()):
            if isinstance(path[-1], Lang) and path[-1] != SOURCE_LANGUAGE:
                entry, field = _name(path[:-1])
                found.append(FieldChange(_translation(path[-1]), entry, field, before, after))
            else:
                entry, field = _name(path)
                found.append(FieldChange(file, entry, field, before, after))
    old_phrases = {lang.code: list(lang.never_say) for lang in current.languages}
    new_phrases = {lang.code: list(lang.never_say) for lang in new.languages}
    for code in [*new_phrases, *(code for code in old_phrases if code not in new_phrases)]:
        before, after = old_phrases.get(code, []), new_phrases.get(code, [])
        if before != after:
            found.append(
                FieldChange(_translation(code), translations.NEVER_SAY, "(list)", before, after)
            )
    # Stable: each file's changes stay in the file's order.
    return sorted(found, key=lambda change: change.file.startswith(translations.DIRECTORY + "/"))
