"""The static export: every public page in every language as plain files.

The folder can be served by any web server or CDN, or opened straight from a disk at a
reception centre with no connection: links are relative and end in index.html, and the
security policy travels inside each page as a <meta> tag (headers cannot travel with a
file). The guide's form sends the answers to the live site when there is a connection;
the exported guide page says so. The directory's filters need the live site and are left
out; the full list is there. The directory's open data (HSDS 3.0) is written beside the
pages as hsds/dataset.json.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from veiviser.web.crawl import Fetched, crawl
from veiviser.web.headers import content_security_policy

# Parts of a page that only work against the live site, marked in the templates.
LIVE_ONLY = re.compile(r"<form[^>]*\bdata-live-only\b.*?</form>", re.S)
HREF = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>[^"]*)"')


@dataclass(frozen=True)
class Exported:
    pages: int
    files: int


def meta_policy(live_origin: str) -> str:
    """The page's CSP for a <meta> tag: frame-ancestors cannot be set there, and forms
    may go to the live site."""
    parts = []
    for part in content_security_policy().split("; "):
        if part.startswith("frame-ancestors"):
            continue
        if part.startswith("form-action"):
            part = f"form-action {live_origin}"
        parts.append(part)
    return "; ".join(parts)


def file_for(path: str) -> str:
    """Where an address is written: /en/topics/x/ -> en/topics/x/index.html."""
    clean = path.strip("/")
    if not clean:
        return "index.html"
    return clean if "." in clean.rsplit("/", 1)[-1] else f"{clean}/index.html"


def relative(from_file: str, to_path: str) -> str:
    target = file_for(to_path.split("?", 1)[0])
    return posixpath.relpath(target, posixpath.dirname(from_file) or ".")


def rewrite(html: str, path: str, live_url: str) -> str:
    """An HTML page made to work as a file: relative links, CSP as meta, live-only parts."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(live_url))
    own_file = file_for(path)
    html = LIVE_ONLY.sub("", html)

    def link(match: re.Match[str]) -> str:
        attr, url = match["attr"], match["url"]
        if attr == "action":
            # The guide's answers go to the live site, never to a file.
            return f'action="{escape(live_url.rstrip("/") + path)}"'
        if url.startswith("/") and not url.startswith("//"):
            return f'{attr}="{escape(relative(own_file, url))}"'
        return match.group(0)

    html = HREF.sub(link, html)
    html = re.sub(r"(<form[^>]*method=\"post\")", lambda m: _online_note(path, origin) + m[1], html)
    policy = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(origin)}">'
    return html.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{policy}', 1)


def _online_note(path: str, origin: str) -> str:
    """Before a form that needs the live site: say that it does, in the page's language."""
    language = path.strip("/").split("/", 1)[0]
    with translation.override(language if language in dict(settings.LANGUAGES) else "en"):
        text = gettext(
            "This is a copy of Veiviser that works without the internet. To get your plan, "
            "you need a connection: your answers are sent to %(site)s. Without one, use the "
            "phone numbers on these pages."
        ) % {"site": origin}
    return f'<p class="note">{escape(text)}</p>\n'


def export(target: Path, live_url: str) -> Exported:
    """Write the whole public site under `target` (emptied first)."""
    if not live_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ValueError("the live site's address must start with https://")
    client = Client()

    def fetch(path: str) -> Fetched:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        return Fetched(response.status_code, response.get("Content-Type", ""), body)

    with override_settings(ALLOWED_HOSTS=["testserver"]):
        found = crawl(fetch, [f"/{code}/" for code, _ in settings.LANGUAGES])
    if target.exists():
        shutil.rmtree(target)
    pages = files = 0
    for path, fetched in sorted(found.items()):
        if fetched.status != 200:
            raise RuntimeError(f"{path} answered {fetched.status}; nothing can be exported")
        destination = target / file_for(path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if fetched.is_html:
            destination.write_text(rewrite(fetched.body.decode(), path, live_url))
            pages += 1
        else:
            destination.write_bytes(fetched.body)
            files += 1
    (target / "index.html").write_text(_language_choice(live_url))
    _write_open_data(client, target)
    _write_site_files(client, target)
    return Exported(pages, files + 1 + len(SITE_FILES))


# Files a browser or a search engine asks for by name, at the root: the neutral icon (a
# tab would otherwise ask in vain), and robots.txt and the sitemap, which name the live
# site's pages (PUBLIC_URL).
SITE_FILES = ("favicon.ico", "robots.txt", "sitemap.xml")


def _write_site_files(client: Client, target: Path) -> None:
    for name in SITE_FILES:
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            response = client.get("/" + name)
        if response.status_code != 200:
            raise RuntimeError(f"/{name} answered {response.status_code}")
        (target / name).write_bytes(response.content)


# Where the open data is written: the same address as on the live site.
OPEN_DATA_FILE = "hsds/dataset.json"


def _write_open_data(client: Client, target: Path) -> None:
    """The whole directory as one HSDS 3.0 file (in English, with its licence and the
    content version), for anyone who reuses the data without asking the live site."""
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        response = client.get("/" + OPEN_DATA_FILE)
    if response.status_code != 200:
        raise RuntimeError(f"/{OPEN_DATA_FILE} answered {response.status_code}")
    destination = target / OPEN_DATA_FILE
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(response.content)


def _language_choice(live_url: str) -> str:
    """The folder's front door: the browser goes on to English; links to every language."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(live_url))
    items = "".join(
        f'<li><a href="{code}/index.html" lang="{code}">{escape(name)}</a></li>'
        for code, name in settings.LANGUAGES
    )
    exit_link = (
        f'<a id="quick-exit" href="{escape(settings.EXIT_URL)}" rel="noreferrer">'
        "Leave this site quickly</a>"
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(origin)}">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="description" content="Veiviser: free help for people who may be '
        'exploited in Norway, in their own language.">\n'
        '<meta http-equiv="refresh" content="0; url=en/index.html">\n'
        f"<title>Veiviser</title>\n</head>\n<body>\n{exit_link}\n<main>\n<h1>Veiviser</h1>\n"
        f"<ul>{items}</ul>\n</main>\n</body>\n</html>\n"
    )
