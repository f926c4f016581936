"""Writes the editable content back to the seed files: the inverse of veiviser.content.seed.

`export(content, directory)` writes content/*.yaml (English texts) and
content/translations/<code>.yaml (every other language's texts and each language's
never-say phrases) so that `loadcontent` of the written files gives the same content.

Why ruamel.yaml, and why into the existing file: the seed files are written by people,
with comments that explain the rules, section headings between list entries, texts in
flow style (`{en: "..."}`), quoted values and block scalars. The writer loads each file
that is already there as a YAML tree that keeps all of that, and replaces only the nodes
whose value changed; everything else is written back as it was. So exporting right after
loading the same files changes no byte, exporting twice gives the same bytes, and an
editor's change shows in `git diff` as the lines that changed. A file that is not there
yet is written in the layout of the committed files (two-space mappings, lists indented
under their key). What cannot be kept: a comment inside a list entry that was removed or
reordered moves or goes with it, and a text that changed takes its old node's quoting.

The files are read by PyYAML (YAML 1.1), which reads a bare `yes`, `no` or `2026-11-28`
as a boolean or a date; every new text that PyYAML would not read back as the same text is
quoted.

Writing is all or nothing as far as a file system allows: every file is first written
whole to a temporary file beside it, and only when all are written are they renamed over
the old ones (each rename is atomic). A failure while writing removes the temporary files
and leaves the old set untouched; a failure while renaming puts back the files already
renamed. Only a crash of the machine between two renames can leave a mixed set (git shows
it). Files whose bytes would not change are not touched.
"""

from __future__ import annotations

import datetime
import io
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from veiviser.content import translations
from veiviser.content.records import (
    SOURCE_LANGUAGE,
    Channel,
    Content,
    Language,
    Organisation,
    Service,
    Source,
    Text,
    Topic,
)
from veiviser.content.seed import FILES, FRONTLINE_KEY, ID_PATTERN

# The committed files indent list entries two spaces under their key (sequence 4,
# offset 2); the translation files written by PyYAML do not (2, 0). A file is written
# back in whichever of the two reproduces it.
LAYOUTS = ((4, 2), (2, 0))
# Long texts stay on one line, as the committed files have them: a wrapped line would
# show as a change in `git diff` when nothing changed.
WIDTH = 1_000_000
_PYYAML = yaml.resolver.Resolver()
STR_TAG = "tag:yaml.org,2002:str"


# --- Content as the seed files' data ------------------------------------------------------
def _text(text: Text | None) -> dict[str, str] | None:
    return dict(text) if text is not None else None


def _sources(sources: tuple[str, ...]) -> str | list[str]:
    # The files write one source bare and several as a list; both read back the same.
    return sources[0] if len(sources) == 1 else list(sources)


def _optional(data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """`data` with each of `fields` whose value is not empty (an optional field left out)."""
    data.update({key: value for key, value in fields.items() if value not in (None, "", ())})
    return data


def _language(language: Language) -> dict[str, Any]:
    data = {
        "code": language.code,
        "name": language.name,
        "english_name": language.english_name,
        "direction": language.direction,
        "status": language.status,
    }
    return _optional(
        data,
        reviewed_by=language.reviewed_by,
        reviewed_on=language.reviewed_on,
        notes=language.notes,
    )


def _source(source: Source) -> dict[str, Any]:
    return _optional(
        {"id": source.id, "title": source.title}, section=source.section, url=source.url
    )


def _organisation(organisation: Organisation) -> dict[str, Any]:
    data = {
        "id": organisation.id,
        "name": _text(organisation.name),
        "description": _text(organisation.description),
    }
    _optional(data, website=organisation.website)
    data.update(
        authority=organisation.authority,
        source=_sources(organisation.sources),
        verified_on=organisation.verified_on,
    )
    return _optional(data, notes=organisation.notes)


def _channel(channel: Channel) -> dict[str, Any]:
    data = {"kind": channel.kind, "value": channel.value, "label": _text(channel.label)}
    exception = channel.exception
    return _optional(
        data,
        hours=_text(channel.hours),
        note=_text(channel.note),
        exception=exception
        and {
            "reason": exception.reason,
            "source": exception.source,
            "reviewed_on": exception.reviewed_on,
        },
    )


def _service(service: Service) -> dict[str, Any]:
    data = {
        "id": service.id,
        "organisation": service.organisation,
        "name": _text(service.name),
        "description": _text(service.description),
        "audience": service.audience,
        "anonymous": service.anonymous,
        "free": service.free,
        "languages": list(service.languages),
        "interpreter": service.interpreter,
        "open_24_7": service.open_24_7,
    }
    _optional(data, hours=_text(service.hours))
    data.update(source=_sources(service.sources), verified_on=service.verified_on)
    _optional(data, notes=service.notes)
    data["channels"] = [_channel(channel) for channel in service.channels]
    return data


def _topic(topic: Topic) -> dict[str, Any]:
    data = {
        "id": topic.id,
        "title": _text(topic.title),
        "summary": _text(topic.summary),
        "body": _text(topic.body),
        "services": list(topic.services),
        "source": _sources(topic.sources),
        "verified_on": topic.verified_on,
    }
    return _optional(data, notes=topic.notes)


def _plain(value: Any) -> Any:
    """A deep copy of JSON-like data (the guide's and frontline's documents)."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def seed_data(content: Content) -> dict[str, dict[str, Any]]:
    """Each seed file's data by file name, every text with all its languages (as the
    seed reader holds it after merging the translation files)."""
    files = {
        FILES["languages"]: {"languages": [_language(lang) for lang in content.languages]},
        FILES["sources"]: {"sources": [_source(source) for source in content.sources]},
        FILES["organisations"]: {
            "organisations": [_organisation(item) for item in content.organisations]
        },
        FILES["services"]: {"services": [_service(item) for item in content.services]},
        FILES["topics"]: {"topics": [_topic(item) for item in content.topics]},
    }
    # guide.yaml and frontline.yaml are optional: a checkout without them writes none.
    if content.guide:
        files[FILES["guide"]] = _plain(content.guide)
    if content.frontline:
        files[FILES["frontline"]] = {FRONTLINE_KEY: _plain(content.frontline)}
    return files


def _in_english(data: Any) -> Any:
    """The seed files hold only the English of each text; the rest is in translations/."""
    if translations.is_text(data):
        return {SOURCE_LANGUAGE: data[SOURCE_LANGUAGE]}
    if isinstance(data, dict):
        return {key: _in_english(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_in_english(item) for item in data]
    return data


def translation_data(files: dict[str, dict[str, Any]], language: Language) -> dict[str, Any]:
    """One language's translation file: its never-say phrases and its texts by address."""
    data: dict[str, Any] = {}
    if language.never_say:
        data[translations.NEVER_SAY] = list(language.never_say)
    if language.code == SOURCE_LANGUAGE:
        return data
    for name in translations.TRANSLATED_FILES:
        for address, text in translations.texts(files.get(FILES[name], {})):
            if language.code not in text:
                continue
            place = data
            for key in address[:-1]:
                place = place.setdefault(key, {})
            place[address[-1]] = text[language.code]
    return data


def render_all(content: Content) -> dict[str, dict[str, Any]]:
    """Every file to write, by its path relative to the content directory."""
    files = seed_data(content)
    result = {name: _in_english(data) for name, data in files.items()}
    for language in content.languages:
        data = translation_data(files, language)
        if data:
            result[f"{translations.DIRECTORY}/{language.code}.yaml"] = data
    return result


# --- Writing into the existing YAML tree --------------------------------------------------
def _yaml(layout: tuple[int, int]) -> YAML:
    writer = YAML()
    writer.preserve_quotes = True
    writer.width = WIDTH
    writer.indent(mapping=2, sequence=layout[0], offset=layout[1])
    # ruamel writes a null value as nothing ("open_24_7:"); the files say `null`.
    writer.representer.add_representer(
        type(None),
        lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"),
    )
    return writer


def _dump(tree: Any, layout: tuple[int, int]) -> str:
    out = io.StringIO()
    _yaml(layout).dump(tree, out)
    return out.getvalue()


def _same(old: Any, new: Any) -> bool:
    """Whether a node of the old file holds what the seed reader would read as `new`."""
    if isinstance(new, str) and isinstance(old, str):
        # The reader strips texts (a block scalar ends in a line break the record lacks).
        return old == new or old.strip() == new.strip()
    if isinstance(new, str) and isinstance(old, list) and len(old) == 1:
        return _same(old[0], new)  # `source: [x]` and `source: x` read the same
    if isinstance(new, bool) or isinstance(old, bool):
        return type(old) is type(new) and old == new
    if isinstance(new, datetime.date) and isinstance(old, datetime.date):
        return old == new
    if isinstance(new, dict) and isinstance(old, dict):
        return set(old) == set(new) and all(_same(old[key], new[key]) for key in new)
    if isinstance(new, list) and isinstance(old, list):
        return len(old) == len(new) and all(map(_same, old, new))
    return type(old) is type(new) and old == new


def _reads_as_text(value: str) -> bool:
    return _PYYAML.resolve(yaml.ScalarNode, value, (True, False)) == STR_TAG


def _scalar(value: str, like: Any = None, flow: bool = False) -> Any:
    """A new text as a node: a block for several lines, the old node's quotes if it had
    any, and quoted wherever PyYAML would read the bare text as something else."""
    if "\n" in value and not flow:
        return LiteralScalarString(value)
    if isinstance(like, ScalarString) and not isinstance(like, LiteralScalarString):
        return type(like)(value)
    if flow:
        # Inside {...} ruamel writes a bare "?" or "," that PyYAML cannot read: the
        # committed files quote every text there anyway.
        return DoubleQuotedScalarString(value)
    return value if _reads_as_text(value) else SingleQuotedScalarString(value)


def _node(value: Any, like: Any = None, flow: bool = False) -> Any:
    """Plain data as a fresh YAML node; `flow` when it goes inside {...} or [...]."""
    if isinstance(value, str):
        return _scalar(value, like, flow)
    if isinstance(value, dict):
        node = CommentedMap()
        inline = translations.is_text(value) and all("\n" not in w for w in value.values())
        for key, item in value.items():
            node[_scalar(key)] = _node(item, flow=inline)
        if inline:
            node.fa.set_flow_style()  # a one-line text is written {en: "..."}, as by hand
        return node
    if isinstance(value, list):
        inline = bool(value) and all(isinstance(item, str) for item in value)
        node = CommentedSeq(
            item if inline and ID_PATTERN.fullmatch(item) else _node(item, flow=inline)
            for item in value
        )
        if inline:
            node.fa.set_flow_style()  # source: [a, b], services: [rosa, police]
        return node
    return value


def _delete(node: CommentedMap, key: Any) -> None:
    """Remove a field, handing what follows it (the blank line that ends an entry, a
    comment) to the field before it, unless that one has its own."""
    keys = list(node)
    position = keys.index(key)
    following = node.ca.items.pop(key, None)
    del node[key]
    if following is not None and position > 0 and keys[position - 1] not in node.ca.items:
        node.ca.items[keys[position - 1]] = following


def _entry_key(item: Any) -> str | None:
    return translations.entry_key(item) if isinstance(item, dict) else None


def _merge(old: Any, new: Any, flow: bool = False) -> Any:
    """`new` as a YAML node that reuses every node of `old` holding the same value, so
    that its comments, quotes and layout are kept."""
    if _same(old, new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in list(old):
            if key not in new and not _same(old[key], ""):
                _delete(old, key)
        flow = old.fa.flow_style() is True
        for key, value in new.items():
            old[key] = _merge(old[key], value, flow) if key in old else _node(value, flow=flow)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        by_key = {_entry_key(item): item for item in old if _entry_key(item) is not None}
        merged = [
            _merge(by_key[key], item)
            if (key := _entry_key(item)) is not None and key in by_key
            else _node(item)
            for item in new
        ]
        if len(merged) == len(old):
            # In place, so that comments attached to the list's positions stay.
            for index, item in enumerate(merged):
                if old[index] is not item:
                    old[index] = item
            return old
        node = CommentedSeq(merged)
        if old.fa.flow_style():
            node.fa.set_flow_style()
        return node
    return _node(new, like=old, flow=flow)


def _detect_layout(text: str) -> tuple[tuple[int, int], Any] | None:
    """The old file's tree, and the layout that writes it back byte for byte (or the
    committed files' layout when neither does: its comments are kept all the same).
    None when the old file is not YAML: the database's content replaces it whole."""
    try:
        for layout in LAYOUTS:
            tree = _yaml(layout).load(text)
            if _dump(tree, layout) == text:
                return layout, tree
        return LAYOUTS[0], _yaml(LAYOUTS[0]).load(text)
    except YAMLError:
        return None


def render(new: dict[str, Any], old_text: str | None) -> str:
    """The text of one file holding `new`, written into `old_text`'s tree where there is one."""
    found = _detect_layout(old_text) if old_text else None
    if found is None:
        return _dump(_node(new), LAYOUTS[0])
    layout, tree = found
    return _dump(_merge(tree, new), layout)


def export(content: Content, directory: Path) -> list[str]:
    """Write `content` as seed files in `directory`; returns the files that changed."""
    files = render_all(content)
    for language in content.languages:
        # A language whose every text was removed: its old file must not bring them back.
        name = f"{translations.DIRECTORY}/{language.code}.yaml"
        if name not in files and (directory / name).exists():
            files[name] = {}
    texts = {}
    for name, data in files.items():
        path = directory / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        text = render(data, old)
        if text != old:
            texts[name] = text
    write_atomically(directory, texts)
    return sorted(texts)


def _write_temporary(target: Path, data: bytes) -> Path:
    """`data` in a new file beside `target`, on the disk (fsync) before it is renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        os.fchmod(handle, 0o644)  # mkstemp's 0600 would hide the files from the server
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomically(directory: Path, texts: dict[str, str]) -> None:
    """Write every file whole to a temporary file beside it, then rename them all over the
    old ones. A failure while writing leaves the old files; one while renaming puts back
    the files already renamed, from their old bytes. (A crash of the machine between two
    renames can still leave some files new and some old: git shows which.)"""
    written: list[tuple[Path, Path]] = []
    try:
        for name, text in texts.items():
            target = directory / name
            written.append((target, _write_temporary(target, text.encode("utf-8"))))
    except BaseException:
        for _target, temporary in written:
            temporary.unlink(missing_ok=True)
        raise
    old = {target: target.read_bytes() if target.exists() else None for target, _ in written}
    renamed: list[Path] = []
    try:
        for target, temporary in written:
            os.replace(temporary, target)
            renamed.append(target)
    except BaseException:
        for _target, temporary in written:
            temporary.unlink(missing_ok=True)
        for target in renamed:
            before = old[target]
            if before is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(_write_temporary(target, before), target)
        raise
