"""Settings from the environment: each one documented, production checked, errors clear.

veiviser/settings.py is run afresh (runpy) with a chosen environment, so each case sees
exactly the variables it sets; `manage.py` runs in a subprocess where the real start-up
path matters (the deploy check, refusing to start without a secret key).
"""

from __future__ import annotations

import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "veiviser" / "settings.py"

# Reads of the environment in Veiviser's own code: os.environ.get("X"), os.environ["X"],
# os.getenv("X"), and the helpers of veiviser/settings.py: env_flag("X"), env_list("X"), ...
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_\w+)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""
)
# Every setting the foundation issue and the code have today: the scan must find them.
KNOWN = {
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "EXIT_URL",
    "LANGUAGES",
    "LOG_LEVEL",
    "PRODUCTION",
    "VAR_DIR",
    "SNAPSHOT_POLL_SECONDS",
    "CONTENT_DIR",
    "HOST",
    "PORT",
    "WEB_CONCURRENCY",
    "FORWARDED_ALLOW_IPS",
}
PRODUCTION_ENV = {
    "PRODUCTION": "1",
    "SECRET_KEY": "k7" + secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "veiviser.example",
    "DATABASE_URL": "postgres://veiviser:secret@db.invalid:5432/veiviser",
}


def settings_read_from_the_environment() -> set[str]:
    names: set[str] = set()
    for source in sorted((ROOT / "veiviser").rglob("*.py")):
        for match in ENV_READ.finditer(source.read_text(encoding="utf-8")):
            names.add(match[1] or match[2])
    # The Makefile passes its own settings on to gunicorn: `export HOST PORT`.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for line in re.findall(r"^export\s+(.+)$", makefile, re.M):
        names.update(name for name in line.split() if re.fullmatch(r"[A-Z][A-Z0-9_]*", name))
    return names


def documented_settings() -> set[str]:
    readme = ROOT / "README.md"
    assert readme.exists(), "README.md is missing: it documents every setting"
    text = readme.read_text(encoding="utf-8")
    section = re.search(r"^## Configuration\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert section, 'README.md has no "## Configuration" section'
    # Table rows whose first cell is a name in backticks: | `SECRET_KEY` | ... |
    return set(re.findall(r"^\|\s*`([A-Z][A-Z0-9_]*)`", section[1], re.M))


def test_the_scan_finds_every_setting_known_today() -> None:
    assert settings_read_from_the_environment() >= KNOWN


def test_every_setting_is_documented_in_the_readme() -> None:
    missing = sorted(settings_read_from_the_environment() - documented_settings())
    assert missing == [], (
        f"not in the table of README.md's Configuration section: {', '.join(missing)}"
    )


def load_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **environment: str
) -> dict[str, Any]:
    """veiviser/settings.py run with only `environment` (and a fresh VAR_DIR) set."""
    for name in settings_read_from_the_environment():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_defaults_are_safe_for_development(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    values = load_settings(monkeypatch, tmp_path)
    assert values["DEBUG"] is False
    assert values["PRODUCTION"] is False
    assert values["EXIT_URL"] == "https://www.yr.no"
    # Every registered language (content/languages.yaml), in the registry's order.
    assert [code for code, _ in values["LANGUAGES"]] == [
        "en",
        "nb",
        "ro",
        "bg",
        "lt",
        "pl",
        "ru",
        "uk",
        "ar",
        "ur",
    ]
    assert values["LANGUAGE_CODE"] == "en"
    assert values["LOG_LEVEL"] == "INFO"
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    # Django's SQLite backend that refuses a missing file (tests/content/test_sqlite.py).
    assert values["DATABASES"]["default"]["ENGINE"] == "veiviser.content.sqlite"
    assert values["DATABASES"]["default"]["NAME"] == str(tmp_path / "var" / "db.sqlite3")
    assert values["FORWARDED_ALLOW_IPS"] == ["127.0.0.1", "::1"]
    # The development key is random, kept in VAR_DIR, and the same the next time.
    key_file = tmp_path / "var" / "secret_key"
    assert values["SECRET_KEY"] == key_file.read_text().strip()
    assert len(values["SECRET_KEY"]) >= 50
    assert key_file.stat().st_mode & 0o077 == 0, "the key file is readable by others"
    assert load_settings(monkeypatch, tmp_path)["SECRET_KEY"] == values["SECRET_KEY"]


def test_production_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    values = load_settings(monkeypatch, tmp_path, **PRODUCTION_ENV)
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == PRODUCTION_ENV["SECRET_KEY"]
    assert values["ALLOWED_HOSTS"] == ["veiviser.example"]
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.invalid"
    assert database["OPTIONS"]["connect_timeout"] == 3
    # tests/web/test_headers.py relies on exactly these.
    assert values["SECURE_SSL_REDIRECT"] is True
    # Never Django's SECURE_PROXY_SSL_HEADER: it believes the header from anyone
    # (veiviser.web.forwarded believes it from FORWARDED_ALLOW_IPS only).
    assert "SECURE_PROXY_SSL_HEADER" not in values
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert not (tmp_path / "var" / "secret_key").exists(), "production wrote a dev key"


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"DEBUG": "maybe"}, r"DEBUG=.*maybe.* is not a boolean"),
        ({"PRODUCTION": "2"}, r"PRODUCTION=.*2.* is not a boolean"),
        ({"PRODUCTION": "1", "DEBUG": "1"}, r"DEBUG must be off in production"),
        ({"PRODUCTION": "1", "ALLOWED_HOSTS": "veiviser.example"}, r"SECRET_KEY is required"),
        ({"PRODUCTION": "1", "SECRET_KEY": "x" * 60}, r"ALLOWED_HOSTS is required"),
        ({"EXIT_URL": "http://www.yr.no"}, r"EXIT_URL must be an https:// address"),
        ({"LANGUAGES": "nb"}, r"LANGUAGES must include en"),
        ({"LANGUAGES": "en,klingon"}, r"'klingon' is not in the language registry"),
        ({"SNAPSHOT_POLL_SECONDS": "soon"}, r"SNAPSHOT_POLL_SECONDS=.*soon.* is not a number"),
        ({"SNAPSHOT_POLL_SECONDS": "-1"}, r"SNAPSHOT_POLL_SECONDS=.* must not be negative"),
    ],
)
def test_a_bad_value_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    environment: dict[str, str],
    message: str,
) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        load_settings(monkeypatch, tmp_path, **environment)


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "TRUE", " 1 "])
def test_flags_accept_the_documented_true_values(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    assert load_settings(monkeypatch, tmp_path, DEBUG=value)["DEBUG"] is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_flags_accept_the_documented_false_values(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str
) -> None:
    assert load_settings(monkeypatch, tmp_path, DEBUG=value)["DEBUG"] is False


def manage(tmp_path: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    names = settings_read_from_the_environment()
    env = {key: value for key, value in os.environ.items() if key not in names}
    env |= {"VAR_DIR": str(tmp_path / "var"), "PYTHONUNBUFFERED": "1", **environment}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_is_clean_with_the_documented_production_settings(
    tmp_path: Path,
) -> None:
    done = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout, done.stdout + done.stderr


def test_the_deploy_check_can_fail(tmp_path: Path) -> None:
    # The same check with a short key warns: proof that the clean result above means clean.
    environment = PRODUCTION_ENV | {"SECRET_KEY": "too-short"}
    done = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **environment)
    assert done.returncode != 0
    assert "security.W009" in done.stdout + done.stderr


def test_production_without_a_secret_key_does_not_start(tmp_path: Path) -> None:
    environment = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    done = manage(tmp_path, "check", **environment)
    assert done.returncode != 0
    assert "SECRET_KEY is required when PRODUCTION=1" in done.stderr
    assert not (tmp_path / "var" / "secret_key").exists()


def test_languages_chooses_which_registered_languages_are_served(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    values = load_settings(monkeypatch, tmp_path, LANGUAGES="ar,en")
    # In the registry's order, whatever the setting's.
    assert values["LANGUAGES"] == [("en", "English"), ("ar", "العربية")]
    assert len(values["LANGUAGE_REGISTRY"]) == 10


def test_a_language_django_does_not_know_is_added_from_the_registry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The eleventh language is a data change: Tigrinya, which Django lacks."""
    from django.conf.locale import LANG_INFO

    content = tmp_path / "content"
    content.mkdir()
    (content / "languages.yaml").write_text(
        "languages:\n"
        "  - {code: en, name: English, english_name: English, direction: ltr, status: source}\n"
        "  - {code: ti, name: ትግርኛ, english_name: Tigrinya, direction: ltr, status: machine}\n",
        encoding="utf-8",
    )
    monkeypatch.delitem(LANG_INFO, "ti", raising=False)
    values = load_settings(monkeypatch, tmp_path, CONTENT_DIR=str(content))
    assert values["LANGUAGES"] == [("en", "English"), ("ti", "ትግርኛ")]
    assert LANG_INFO["ti"] == {
        "bidi": False,
        "code": "ti",
        "name": "Tigrinya",
        "name_local": "ትግርኛ",
    }


def test_a_broken_registry_names_its_problem(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "languages.yaml").write_text(
        "languages:\n  - {code: en, name: English, english_name: English, direction: up,"
        " status: source}\n",
        encoding="utf-8",
    )
    with pytest.raises(ImproperlyConfigured, match=r"direction: 'up' is not one of ltr, rtl"):
        load_settings(monkeypatch, tmp_path, CONTENT_DIR=str(content))
