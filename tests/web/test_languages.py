"""Languages: from the address only, never a cookie; `<html lang dir>`; the switcher; and a
translation catalogue that is complete and current with the code.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.test import Client

from tests import routes
from tests.crawled import Fetched, failures
from veiviser.web.catalogues import key, read_po, translations

ROOT = Path(__file__).resolve().parents[2]
PAGES = routes.pages()

# Each language's name in its own script, as a reader of it looks for it.
OWN_NAMES = {
    "en": {"English"},
    "nb": {"norsk (bokmål)", "Norsk bokmål", "norsk bokmål", "Norsk (bokmål)"},
}


def own_names(code: str) -> set[str]:
    """Django's name for the language, or the registry's (capitalised as a reader of the
    language writes it at the start of a list item)."""
    registry = {language.code: language.name for language in settings.LANGUAGE_REGISTRY}
    return OWN_NAMES.get(code, {LANG_INFO[code]["name_local"], registry[code]})


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


# --- `/` picks a language from Accept-Language ----------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("nb", "/nb/"),
        ("nb-NO", "/nb/"),
        ("nb-no,nb;q=0.9,en;q=0.8", "/nb/"),
        ("NB-NO", "/nb/"),
        # Norwegian without the written standard, and Nynorsk: a Norwegian reader is
        # better served by Bokmål than by English.
        ("no", "/nb/"),
        ("no-NO", "/nb/"),
        ("nn", "/nb/"),
        ("nn-NO,nn;q=0.9", "/nb/"),
        # The best enabled match, not the first entry.
        ("fr-FR,fr;q=0.9,nb;q=0.5,en;q=0.3", "/nb/"),
        ("en;q=0.2,nb;q=0.9", "/nb/"),
        ("en-GB,en;q=0.9", "/en/"),
        # The eight languages of issue 14, with their regions, and q=0 respected.
        ("ar-SA,ar;q=0.9", "/ar/"),
        ("ur-PK,en;q=0.5", "/ur/"),
        ("uk-UA", "/uk/"),
        ("ru", "/ru/"),
        ("pl-PL,pl;q=0.9,en;q=0.8", "/pl/"),
        ("bg", "/bg/"),
        ("lt-LT", "/lt/"),
        ("ro-RO,ro", "/ro/"),
        ("ro;q=0,en", "/en/"),
        ("fr", "/en/"),
        ("sv-SE,da;q=0.8", "/en/"),
        ("*", "/en/"),
        ("garbage,,;;q=x", "/en/"),
        ("x" * 2000, "/en/"),
        (None, "/en/"),
    ],
)
def test_the_root_redirects_to_the_best_language(
    client: Client, accept_language: str | None, expected: str
) -> None:
    extra = {} if accept_language is None else {"HTTP_ACCEPT_LANGUAGE": accept_language}
    response = client.get("/", **extra)
    # 302, not 301: the answer depends on the header, and a browser must not keep it.
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response.get("Vary", "")
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_the_language_is_never_read_from_a_cookie(client: Client) -> None:
    client.cookies["django_language"] = "nb"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/"
    html = client.get("/en/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert '<html lang="en"' in html, "the address decides the language, not a header"


def test_there_is_no_session_and_no_language_cookie() -> None:
    # Sessions exist for the staff area only: their middleware runs inside
    # veiviser.staff.middleware for /staff/ (tests/staff/test_headers.py), never here.
    assert not any("SessionMiddleware" in name for name in settings.MIDDLEWARE)
    assert "veiviser.staff.middleware.StaffOnlyMiddleware" in settings.MIDDLEWARE
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE


@pytest.mark.parametrize("accept_language", ["nb", "fr", "en", ""])
def test_locale_middleware_never_sets_a_cookie(client: Client, accept_language: str) -> None:
    targets = ["/", "/no-such-page", "/en/no-such-page/"] + [route.path for route in PAGES]
    for target in targets:
        response = client.get(target, HTTP_ACCEPT_LANGUAGE=accept_language)
        assert not response.cookies, target
        assert "Set-Cookie" not in response, target
    assert not client.cookies, "the client was given a cookie"


# --- Every page in its language ---------------------------------------------------------


class PageParser(HTMLParser):
    """The <html> attributes and the links of the language switcher (inside a <nav>)."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.nav_depth = 0
        self.in_link: dict[str, str | None] | None = None
        self.switcher: list[tuple[dict[str, str | None], str]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.html = dict(attrs)
        elif tag == "nav":
            self.nav_depth += 1
        elif tag == "a" and self.nav_depth and "hreflang" in dict(attrs):
            self.in_link, self.text = dict(attrs), ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self.nav_depth -= 1
        elif tag == "a" and self.in_link is not None:
            self.switcher.append((self.in_link, self.text.strip()))
            self.in_link = None

    def handle_data(self, data: str) -> None:
        if self.in_link is not None:
            self.text += data


def parse(html: str) -> PageParser:
    """The <html> attributes and the language list's links (in the <nav>)."""
    parser = PageParser()
    parser.feed(html)
    return parser


def test_every_page_has_the_right_lang_and_dir(every_page: dict[str, Fetched]) -> None:
    registry = {language.code: language for language in settings.LANGUAGE_REGISTRY}

    def check(page: Fetched) -> Iterator[str]:
        html = parse(page.html).html
        expected = {"lang": page.route.language, "dir": registry[page.route.language].direction}
        if html != expected:
            yield f"<html {html}>, not {expected}"
        if page.headers.get("Content-Language") != page.route.language:
            yield f"Content-Language {page.headers.get('Content-Language')!r}"

    assert failures(every_page.values(), check) == []


ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def test_the_language_list_links_to_the_same_page_in_every_language(
    every_page: dict[str, Fetched],
) -> None:
    """Every page links to its twin in each language, in the registry's order, each
    language named in its own script and marked as being in its own language."""
    codes = routes.languages()

    def check(page: Fetched) -> Iterator[str]:
        found = parse(page.html)
        if [attrs["hreflang"] for attrs, _ in found.switcher] != codes:
            yield f"the list has {[attrs['hreflang'] for attrs, _ in found.switcher]}"
        rest = page.route.path.removeprefix(f"/{page.route.language}/")
        for attrs, name in found.switcher:
            code = attrs["hreflang"]
            if name not in own_names(code):
                yield f"{code} is called {name!r}"
            if attrs["href"] != f"/{code}/{rest}":
                yield f"{code} links to {attrs['href']}"
            if f"/{code}/{rest}" not in every_page:
                yield f"{code}: /{code}/{rest} is not a page"
            current = attrs.get("aria-current") == "page"
            if current != (code == page.route.language):
                yield f"{code}: aria-current is {attrs.get('aria-current')!r}"
        alternates = ALTERNATE.findall(page.html)
        twins = [(code, f"{settings.PUBLIC_URL.rstrip('/')}/{code}/{rest}") for code in codes]
        if alternates != twins:
            yield f"<link rel=alternate> {alternates}"

    assert failures(every_page.values(), check) == []


def test_every_language_is_served_when_languages_is_unset() -> None:
    assert routes.languages() == ["en", "nb", "ro", "bg", "lt", "pl", "ru", "uk", "ar", "ur"]
    directions = {language.code: language.direction for language in settings.LANGUAGE_REGISTRY}
    assert {code for code, direction in directions.items() if direction == "rtl"} == {"ar", "ur"}


# --- The translation catalogue -------------------------------------------------------

GETTEXT_TOOLS = ("xgettext", "msgmerge", "msguniq", "msgattrib", "msgfmt")


def require_gettext() -> None:
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = (
        f"TRANSLATION CATALOGUE NOT CHECKED: {', '.join(missing)} not found. Install "
        "Debian's gettext package (apt-get install gettext)."
    )
    if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def catalogue_languages() -> list[str]:
    """A catalogue for every registered language but English (the interface's own)."""
    return [language.code for language in settings.LANGUAGE_REGISTRY if language.code != "en"]


def test_every_catalogue_belongs_to_a_registered_language() -> None:
    found = sorted(path.name for path in (ROOT / "locale").iterdir() if path.is_dir())
    assert found == sorted(catalogue_languages()), "a locale/ folder for every registered language"


def committed_po(code: str) -> Path:
    path = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path.relative_to(ROOT)} does not exist: run `make messages`"
    return path


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`make messages` (makemessages) run on a copy of the tree: the catalogues it makes."""
    require_gettext()
    copy = tmp_path_factory.mktemp("tree") / "veiviser"
    ignored = shutil.ignore_patterns(
        ".git",
        ".venv",
        "var",
        "export",
        "build",
        "node_modules",
        "__pycache__",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        "*.egg-info",
    )
    shutil.copytree(ROOT, copy, ignore=ignored, symlinks=True)
    env = dict(os.environ, VAR_DIR=str(copy / "var"), DJANGO_SETTINGS_MODULE="veiviser.settings")
    arguments = ["--no-obsolete", "--ignore", ".venv/*", "--ignore", "var/*"]
    for code in catalogue_languages():
        arguments += ["-l", code]
    done = subprocess.run(
        [sys.executable, "manage.py", "makemessages", *arguments],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"makemessages failed:\n{done.stdout}{done.stderr}"
    return {
        code: copy / "locale" / code / "LC_MESSAGES" / "django.po" for code in catalogue_languages()
    }


@pytest.mark.parametrize("code", catalogue_languages())
def test_the_catalogue_is_current_with_the_code(code: str, regenerated: dict[str, Path]) -> None:
    committed = {key(entry) for entry in read_po(committed_po(code))}
    fresh = {key(entry) for entry in read_po(regenerated[code])}
    new = sorted(fresh - committed)
    gone = sorted(committed - fresh)
    assert not new and not gone, (
        f"locale/{code}/LC_MESSAGES/django.po is out of date with the code: run `make "
        f"messages`, translate the new entries, and run `make messages` again.\n"
        f"New in the code: {new}\nNo longer in the code: {gone}"
    )


@pytest.mark.parametrize("code", catalogue_languages())
def test_every_entry_is_translated_and_none_is_fuzzy(code: str) -> None:
    untranslated, fuzzy = [], []
    for entry in read_po(committed_po(code)):
        if "fuzzy" in entry.get("flags", set()):
            fuzzy.append(entry["msgid"] or "(the header)")
        if entry["msgid"] and not all(translations(entry)):
            untranslated.append(entry["msgid"])
    assert untranslated == [], f"untranslated in locale/{code}: {untranslated}"
    assert fuzzy == [], f"fuzzy in locale/{code} (check them, then remove the flag): {fuzzy}"


@pytest.mark.parametrize("code", catalogue_languages())
def test_the_compiled_catalogue_matches_its_source(code: str, tmp_path: Path) -> None:
    require_gettext()
    po = committed_po(code)
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} does not exist: run `make messages`"
    fresh = tmp_path / "django.mo"
    done = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(fresh), str(po)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"msgfmt rejects {po.relative_to(ROOT)}:\n{done.stderr}"
    with mo.open("rb") as committed_file, fresh.open("rb") as fresh_file:
        committed = gettext.GNUTranslations(committed_file)._catalog
        expected = gettext.GNUTranslations(fresh_file)._catalog
    assert committed == expected, (
        f"{mo.relative_to(ROOT)} is not compiled from the current django.po: run `make messages`"
    )


def test_the_po_reader_reads_what_makemessages_writes(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: a.py:1\nmsgid "Leave"\nmsgstr "Forlat"\n\n'
        '#, fuzzy\nmsgctxt "verb"\nmsgid "A \\"long\\" "\n"line"\nmsgstr ""\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "én"\nmsgstr[1] ""\n\n'
        '#~ msgid "old"\n#~ msgstr "gammel"\n',
        encoding="utf-8",
    )
    entries = read_po(po)
    assert [key(entry) for entry in entries] == [
        ("", "", ""),
        ("", "Leave", ""),
        ("verb", 'A "long" line', ""),
        ("", "one", "many"),
    ]
    assert entries[2]["flags"] == {"fuzzy"}
    assert translations(entries[3]) == ["én", ""]
