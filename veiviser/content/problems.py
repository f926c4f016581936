"""A problem found in the content, named so that an editor can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # "services.yaml", or "database" for content read back from the database
    entry: str  # 'service "rosa"'
    field: str  # "channels[0].value"
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.field}: {self.message}"


class ContentError(Exception):
    """Content that cannot be loaded or published; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
