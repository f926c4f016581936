"""Listen: the browser's own voice reads a topic page or the plan aloud, offered only
where the device has a voice for the page's language; nothing asked of the network."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.browser.conftest import Traffic

EXIT_JS = (
    Path(__file__).resolve().parents[2] / "veiviser" / "web" / "static" / "veiviser" / "exit.js"
)

# A stand-in for speechSynthesis with the voices a device might have: it records what it is
# asked to say, so the test can read it (no real voice exists on a CI machine).
FAKE_SPEECH = """
window.__said = [];
window.__cancelled = 0;
const voices = %s;
const fake = {
  speaking: false,
  getVoices: () => voices,
  speak(u) { window.__said.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name});
             this.speaking = true; },
  cancel() { window.__cancelled += 1; this.speaking = false;
             if (window.reportCancel) window.reportCancel(); },
  addEventListener() {},
};
Object.defineProperty(window, "speechSynthesis", {value: fake});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def with_voices(page: object, voices: list[dict]) -> None:
    page.add_init_script(FAKE_SPEECH % json.dumps(voices))


def test_the_script_stays_under_two_kilobytes_gzipped():
    assert len(gzip.compress(EXIT_JS.read_bytes(), 9)) <= 2048


@pytest.mark.parametrize("lang", ["ar", "ru"])
def test_listen_reads_the_topic_in_the_pages_language(page: object, traffic: Traffic, lang: str):
    with_voices(page, [{"name": "local", "lang": f"{lang}-XX", "localService": True}])
    page.goto(f"/{lang}/topics/in-danger/")
    button = page.locator("button.listen")
    assert button.is_visible()
    label = button.text_content()
    button.click()
    said = page.evaluate("window.__said")
    assert said and all(item["lang"] == lang and item["voice"] == "local" for item in said)
    heading = page.locator("main h1").text_content().strip()
    assert said[0]["text"] == heading
    assert label not in [item["text"] for item in said], "the button does not read itself"
    assert button.text_content() != label  # now it offers to stop
    assert traffic.blocked == []


def test_listen_is_offered_on_the_plan(page: object):
    with_voices(page, [{"name": "nb", "lang": "nb-NO", "localService": True}])
    page.goto("/nb/guide/")
    page.check("input[name=danger][value=no]")
    page.locator("form.guide button[type=submit]").click()
    page.wait_for_selector("#plan")
    assert page.locator("button.listen").is_visible()


@pytest.mark.parametrize(
    "voices",
    [
        [],  # no voice at all
        [{"name": "en", "lang": "en-US", "localService": True}],  # not this language's
        [{"name": "cloud", "lang": "ar-SA", "localService": False}],  # would use the network
    ],
    ids=["none", "other-language", "network-voice"],
)
def test_without_a_voice_of_its_own_there_is_no_button(page: object, voices: list[dict]):
    with_voices(page, voices)
    page.goto("/ar/topics/in-danger/")
    assert not page.locator("button.listen").is_visible()


def test_without_javascript_there_is_no_button(page_nojs: object):
    page_nojs.goto("/en/topics/in-danger/")
    assert page_nojs.locator("button.listen").count() == 1
    assert not page_nojs.locator("button.listen").is_visible()


def test_the_quick_exit_stops_the_reading(page: object, traffic: Traffic):
    cancelled: list[bool] = []
    page.expose_function("reportCancel", lambda: cancelled.append(True))
    with_voices(page, [{"name": "local", "lang": "en-GB", "localService": True}])
    page.goto("/en/topics/in-danger/")
    page.locator("button.listen").click()
    page.locator("#quick-exit").click()
    page.wait_for_url("https://www.yr.no/**")
    assert traffic.exits
    assert cancelled, "the voice goes on after the exit"
