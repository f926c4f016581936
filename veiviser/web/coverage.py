"""How much of Veiviser each language has: its texts, its interface strings, its status.

`manage.py languages` (and `make languages`) prints this as the table docs/languages.md
keeps; `checkcontent` lists each missing text. A missing text is shown in English, marked
as English, so a partial translation is allowed; the table says how partial.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from veiviser.content.records import SOURCE_LANGUAGE, Content
from veiviser.content.validation import all_texts, missing_translations
from veiviser.web.catalogues import Counts, counts


@dataclass(frozen=True)
class Coverage:
    code: str
    name: str
    status: str
    reviewed: str  # "name, date" or ""
    texts: int
    total_texts: int
    ui: Counts


def coverage(content: Content, locale_dir: Path) -> list[Coverage]:
    """One row per registered language, in the registry's order."""
    total = sum(1 for _text in all_texts(content))
    missing: dict[str, int] = {}
    for item in missing_translations(content):
        missing[item.code] = missing.get(item.code, 0) + 1
    ui_total = max(
        (counts(path).total for path in locale_dir.glob("*/LC_MESSAGES/django.po")),
        default=0,
    )
    rows = []
    for language in content.languages:
        if language.code == SOURCE_LANGUAGE:
            ui = Counts(ui_total, ui_total)  # the interface is written in English
        else:
            ui = counts(locale_dir / language.code / "LC_MESSAGES" / "django.po")
        reviewed = (
            f"{language.reviewed_by}, {language.reviewed_on.isoformat()}"
            if language.reviewed_on
            else ""
        )
        rows.append(
            Coverage(
                language.code,
                language.name,
                language.status,
                reviewed,
                total - missing.get(language.code, 0),
                total,
                Counts(ui.translated, ui_total),
            )
        )
    return rows


def table(rows: list[Coverage]) -> str:
    """The coverage as a Markdown table (docs/languages.md)."""
    lines = [
        "| language | code | status | reviewed by | texts | interface strings |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        reviewed = row.reviewed or ("(the original)" if row.status == "source" else "nobody yet")
        lines.append(
            f"| {row.name} | `{row.code}` | {row.status} | {reviewed} "
            f"| {row.texts}/{row.total_texts} | {row.ui.translated}/{row.ui.total} |"
        )
    return "\n".join(lines) + "\n"
