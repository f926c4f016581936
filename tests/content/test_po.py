"""Translators' PO files (veiviser/content/po.py, exportpo, importpo)."""

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.content import po, store
from veiviser.content.records import from_data, to_data
from veiviser.content.seed import read_seed

ROSA_LABEL = "services/rosa/channels/phone 22 33 11 60/label"
TRAFFICKING = "topics/what-is-trafficking/body"
IN_DANGER = "topics/in-danger/body"


@pytest.fixture(scope="module")
def content():
    content, problems = read_seed(Path(settings.CONTENT_DIR))
    assert problems == []
    return content


@pytest.fixture(scope="module")
def exported(content) -> str:
    return po.export_po(content, "nb")


def edited(text: str, context: str, msgstr: str | None = None, **fields) -> str:
    """The PO file with one entry changed."""
    catalogue = polib.pofile(text)
    entry = next(entry for entry in catalogue if entry.msgctxt == context)
    if msgstr is not None:
        entry.msgstr = msgstr
    for name, value in fields.items():
        setattr(entry, name, value)
    return str(catalogue)


def nb(content, context: str) -> str:
    return po.texts(content)[tuple(context.split("/"))]["nb"] if "/" in context else ""


def test_one_entry_per_text_with_its_address_english_and_translation(content, exported):
    catalogue = polib.pofile(exported)
    assert len(catalogue) == len(po.texts(content)) > 300
    entry = next(entry for entry in catalogue if entry.msgctxt == ROSA_LABEL)
    assert (entry.msgid, entry.msgstr) == ("Call ROSA", "Ring ROSA")
    contexts = [entry.msgctxt for entry in catalogue]
    assert len(set(contexts)) == len(contexts)  # every context names one text
    assert {"questions/danger/label", "frontline/show/safe/body"} <= set(contexts)
    assert catalogue.metadata["Language"] == "nb"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_a_missing_translation_is_an_empty_msgstr(content):
    catalogue = polib.pofile(po.export_po(content, "ar"))
    # The checklist is written in English and Norwegian only (README): empty in Arabic.
    entry = next(
        entry for entry in catalogue if entry.msgctxt == "frontline/sections/control/title"
    )
    assert entry.msgid == "Control and vulnerability" and entry.msgstr == ""
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=6;")


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext (msgfmt) is not installed")
def test_gettext_reads_the_file_as_a_valid_catalogue(tmp_path, exported):
    path = tmp_path / "nb.po"
    path.write_text(exported, encoding="utf-8")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "nb.mo"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_file_as_exported_asks_for_no_change(content, exported):
    assert po.changes_from_po(exported, "nb", content) == []


def test_a_new_translation_is_one_typed_change(content, exported):
    text = edited(exported, ROSA_LABEL, "Ring til ROSA")
    [change] = po.changes_from_po(text, "nb", content)
    assert change == po.TextChange(
        ("services", "rosa", "channels", "phone 22 33 11 60", "label"),
        "nb",
        "Ring ROSA",
        "Ring til ROSA",
    )
    assert (change.record, change.field) == ("services/rosa/channels/phone 22 33 11 60", "label")
    assert change.context == ROSA_LABEL


def refused(content, text: str, language: str = "nb") -> list[str]:
    with pytest.raises(po.InvalidPO) as raised:
        po.changes_from_po(text, language, content)
    return [str(error) for error in raised.value.errors]


def test_a_changed_phone_number_is_refused_and_names_the_entry(content, exported):
    body = nb(content, IN_DANGER)
    assert "[112](tel:112)" in body
    text = edited(exported, IN_DANGER, body.replace("[112](tel:112)", "[113](tel:113)"))
    [links, numbers] = refused(content, text)
    assert links.startswith(f"{IN_DANGER}: links differ from the English: missing ['tel:112']")
    assert numbers.startswith(f"{IN_DANGER}: numbers differ from the English")


def test_a_changed_number_in_the_words_is_refused(content, exported):
    body = nb(content, TRAFFICKING)
    text = edited(exported, TRAFFICKING, body.replace("258", "259"))
    assert refused(content, text) == [
        f"{TRAFFICKING}: numbers differ from the English: missing ['258'], extra ['259']"
    ]


def test_lost_markup_is_refused(content, exported):
    body = nb(content, TRAFFICKING)
    text = edited(exported, TRAFFICKING, body.replace("**", ""))
    assert refused(content, text) == [
        f"{TRAFFICKING}: bold text (**...**): the English has 2, the translation 0"
    ]


def test_placeholders_e_mail_and_web_addresses_must_match_the_english():
    assert list(po.problems("Hello {name}", "Hei")) == [
        "placeholders differ from the English: missing ['{name}'], extra []"
    ]
    assert list(po.problems("Write to a@b.no", "Skriv til c@b.no")) == [
        "e-mail addresses differ from the English: missing ['a@b.no'], extra ['c@b.no']"
    ]
    assert list(po.problems("See www.rosa.no", "Se www.rosa.com")) == [
        "web addresses differ from the English: missing ['www.rosa.no'], extra ['www.rosa.com']"
    ]
    assert list(po.problems("- one\n- two", "- en\n- to")) == []


def test_a_phrase_the_language_must_never_say_is_refused(content, exported):
    text = edited(exported, ROSA_LABEL, "Ring ROSA, du er et offer")
    assert refused(content, text) == [
        f"{ROSA_LABEL}: says 'du er et offer', a phrase this language must never say"
    ]


def test_an_unknown_context_and_a_stale_msgid_are_refused(content, exported):
    text = edited(exported, ROSA_LABEL, msgctxt="services/rosa-old/name")
    text = edited(text, "topics/in-danger/title", msgid="Are you in danger?")
    errors = refused(content, text)
    assert errors[0].startswith("topics/in-danger/title: msgid is no longer the English")
    assert errors[1].startswith("services/rosa-old/name: names no text of the content")


def test_one_error_means_no_change_at_all(content, exported):
    text = edited(exported, ROSA_LABEL, "Ring til ROSA")  # fine on its own
    text = edited(text, TRAFFICKING, nb(content, TRAFFICKING).replace("258", "259"))
    assert len(refused(content, text)) == 1


def test_a_fuzzy_entry_is_skipped(content, exported):
    text = edited(exported, IN_DANGER, "Ring 999", flags=["fuzzy"])
    assert po.changes_from_po(text, "nb", content) == []


def test_an_empty_msgstr_deletes_nothing(content, exported):
    assert po.changes_from_po(edited(exported, ROSA_LABEL, ""), "nb", content) == []


def test_a_file_for_another_language_or_not_a_po_file_is_refused(content, exported):
    assert refused(content, exported, "pl")[0] == "(file): is for language 'nb', not 'pl'"
    assert refused(content, "hello world") == [
        "(file): is not a PO file: Syntax error in po file (line 1)"
    ]
    assert refused(content, "/etc/passwd") == [
        "(file): is not a PO file: Syntax error in po file (line 1)"
    ]
    assert refused(content, "") == ["(file): holds no entry: is it a PO file?"]
    with pytest.raises(ValueError, match="source language"):
        po.export_po(content, "en")
    with pytest.raises(ValueError, match="'xx' is not a language of the content registry"):
        po.changes_from_po(exported, "xx", content)


def test_apply_sets_the_text_and_refuses_a_stale_before(content, exported):
    [change] = po.changes_from_po(edited(exported, ROSA_LABEL, "Ring til ROSA"), "nb", content)
    applied = po.apply(content, [change])
    rosa = next(service for service in applied.services if service.id == "rosa")
    assert rosa.channels[0].label["nb"] == "Ring til ROSA"
    assert rosa.channels[0].label["en"] == "Call ROSA"
    assert po.apply(applied, []) == applied
    with pytest.raises(po.StaleChange, match=ROSA_LABEL):
        po.apply(applied, [change])  # "Ring ROSA" is no longer the text


def test_a_change_is_kept_as_json_and_read_back(content, exported):
    """The staff app stores a change in a proposal (a JSON field) and reads it back."""
    [change] = po.changes_from_po(edited(exported, ROSA_LABEL, "Ring til ROSA"), "nb", content)
    data = json.loads(json.dumps(to_data(change)))
    assert from_data(po.TextChange, data) == change


def test_apply_to_guide_and_frontline_texts(content):
    change = po.TextChange(("frontline", "show", "safe", "body"), "pl", None, "Nowy tekst")
    before = po.texts(content)[change.path].get("pl")
    change = po.TextChange(change.path, "pl", before, "Nowy tekst")
    applied = po.apply(content, [change])
    assert po.texts(applied)[change.path]["pl"] == "Nowy tekst"
    assert applied.services == content.services


@pytest.mark.django_db
def test_the_commands_export_check_and_change_nothing(tmp_path, capsys):
    call_command("loadcontent")
    out = tmp_path / "nb.po"
    call_command("exportpo", "nb", output=out)
    text = edited(out.read_text(encoding="utf-8"), ROSA_LABEL, "Ring til ROSA")
    out.write_text(text, encoding="utf-8")
    before = store.read_content()
    capsys.readouterr()
    call_command("importpo", "nb", str(out), check=True)
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        f"{ROSA_LABEL} [nb]: 'Ring ROSA' -> 'Ring til ROSA'",
        f"{out}: 1 change(s); nothing was changed (--check)",
    ]
    assert store.read_content() == before


@pytest.mark.django_db
def test_importpo_names_every_error_and_fails(tmp_path, capsys):
    call_command("loadcontent")
    call_command("exportpo", "nb", output=tmp_path / "nb.po")
    content = store.read_content()
    body = nb(content, TRAFFICKING)
    path = tmp_path / "nb.po"
    path.write_text(edited(path.read_text(), TRAFFICKING, body.replace("258", "259")))
    with pytest.raises(CommandError, match="1 error"):
        call_command("importpo", "nb", str(path), check=True)
    assert f"{TRAFFICKING}: numbers differ" in capsys.readouterr().err


@pytest.mark.django_db
def test_apply_to_database_writes_the_editable_tables():
    call_command("loadcontent")
    change = po.TextChange(
        ("services", "rosa", "channels", "phone 22 33 11 60", "label"), "nb", "Ring ROSA", "Ny"
    )
    assert po.apply_to_database([change]) == 1
    rosa = next(service for service in store.read_content().services if service.id == "rosa")
    assert rosa.channels[0].label["nb"] == "Ny"
    with pytest.raises(po.StaleChange):
        po.apply_to_database([change])
