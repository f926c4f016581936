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
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.test import Client

from tests import routes

ROOT = Path(__file__).resolve().parents[2]
PAGES = routes.pages()

# Each language's name in its own script, as a reader of it looks for it.
OWN_NAMES = {
    "en": {"English"},
    "nb": {"norsk (bokmål)", "Norsk bokmål", "norsk bokmål", "Norsk (bokmål)"},
}


def own_names(code: str) -> set[str]:
    return OWN_NAMES.get(code, {LANG_INFO[code]["name_local"]})


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
    assert "django.contrib.sessions" not in settings.INSTALLED_APPS
    assert not any("SessionMiddleware" in name for name in settings.MIDDLEWARE)
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
    parser = PageParser()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("route", PAGES, ids=str)
def test_every_page_has_the_right_lang_and_dir(client: Client, route: routes.Route) -> None:
    response = client.get(route.path)
    assert response.status_code == 200
    page = parse(response.content.decode())
    direction = "rtl" if LANG_INFO[route.language]["bidi"] else "ltr"
    assert page.html == {"lang": route.language, "dir": direction}
    assert response["Content-Language"] == route.language


@pytest.mark.parametrize("route", PAGES, ids=str)
def test_the_switcher_links_to_the_same_page_in_each_other_language(
    client: Client, route: routes.Route
) -> None:
    page = parse(client.get(route.path).content.decode())
    others = [code for code in routes.languages() if code != route.language]
    assert [attrs["hreflang"] for attrs, _ in page.switcher] == others
    rest = route.path.removeprefix(f"/{route.language}/")
    for attrs, name in page.switcher:
        code = attrs["hreflang"]
        assert name in own_names(code), f"{code} is called {name!r}"
        assert attrs["lang"] == code, "the name is marked as being in its own language"
        assert attrs["href"] == f"/{code}/{rest}"
        assert client.get(attrs["href"]).status_code == 200, attrs["href"]


def test_a_right_to_left_language_is_laid_out_right_to_left(
    settings: pytest.FixtureRequest, client: Client
) -> None:
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", LANG_INFO["ar"]["name_local"])]
    page = parse(client.get("/ar/").content.decode())
    assert page.html == {"lang": "ar", "dir": "rtl"}
    english = parse(client.get("/en/").content.decode())
    assert ({"lang": "ar", "hreflang": "ar", "href": "/ar/"}, "العربيّة") in [
        ({key: attrs[key] for key in ("lang", "hreflang", "href")}, name)
        for attrs, name in english.switcher
    ]


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
    codes = {code for code in routes.languages() if code != "en"} | {"nb"}
    locale = ROOT / "locale"
    if locale.is_dir():
        codes |= {path.name for path in locale.iterdir() if path.is_dir()}
    return sorted(codes)


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
