"""Translators' PO files in the staff area: a file's changed texts become one proposal,
published only when a second person approves, and a wrong file proposes nothing."""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.content import models as content
from veiviser.content import po, store
from veiviser.staff import proposals
from veiviser.staff.models import AuditEntry, Proposal

pytestmark = pytest.mark.django_db

TITLE = "topics/what-is-trafficking/title"
NEW_TITLE = "Czym jest handel ludźmi? Krótko"


def translated(language: str = "pl", **texts: str) -> str:
    """The language's PO file as exported, with the given msgctxt's msgstr replaced."""
    catalogue = polib.pofile(po.export_po(store.read_content(), language))
    for entry in catalogue:
        if entry.msgctxt in texts:
            entry.msgstr = texts[entry.msgctxt]
    return str(catalogue)


def topic_title(language: str) -> str:
    return content.Topic.objects.get(slug="what-is-trafficking").title[language]


def test_a_po_file_becomes_one_proposal_and_is_published_when_approved(published, accounts):
    translator, reviewer = accounts["translator"].user, accounts["reviewer"].user
    proposal = proposals.propose_texts(
        translator, "pl", translated(**{TITLE: NEW_TITLE}), "shorter"
    )
    assert proposal.kind == Proposal.TEXTS
    assert proposal.changes[TITLE]["before"] == "Czym jest handel ludźmi?"
    assert proposal.changes[TITLE]["after"] == NEW_TITLE
    assert len(proposal.changes) == 1  # the unchanged entries propose nothing
    assert topic_title("pl") == "Czym jest handel ludźmi?"  # nothing applied yet
    with pytest.raises(proposals.Refused, match="proposed yourself"):
        proposals.approve(translator, [proposal.pk])
    snapshot = proposals.approve(reviewer, [proposal.pk], "reads well")
    assert snapshot.topics["what-is-trafficking"].title["pl"] == NEW_TITLE
    assert snapshot.topics["what-is-trafficking"].title["en"] == "What is human trafficking?"
    assert topic_title("pl") == NEW_TITLE


def test_a_file_with_a_changed_number_proposes_nothing_and_names_the_entry(published, accounts):
    catalogue = polib.pofile(po.export_po(store.read_content(), "pl"))
    entry = next(e for e in catalogue if "22 33 11 60" in e.msgid)
    entry.msgstr = entry.msgstr.replace("22 33 11 60", "22 33 11 61")
    with pytest.raises(proposals.Refused) as refused:
        proposals.propose_texts(accounts["translator"].user, "pl", str(catalogue), "typo")
    assert entry.msgctxt in str(refused.value)
    assert not Proposal.objects.exists()


def test_a_translator_may_propose_only_their_own_language(published, accounts):
    with pytest.raises(proposals.Refused, match="may not change"):
        proposals.propose_texts(accounts["translator"].user, "ro", translated("ro"), "no")
    with pytest.raises(proposals.Refused, match="may not change"):
        proposals.propose_texts(accounts["editor"].user, "pl", translated(), "no")
    with pytest.raises(proposals.Refused, match="Nothing was changed"):
        proposals.propose_texts(accounts["translator"].user, "pl", translated(), "same")


def test_a_text_changed_since_the_proposal_is_not_overwritten(published, accounts):
    proposal = proposals.propose_texts(
        accounts["translator"].user, "pl", translated(**{TITLE: NEW_TITLE}), "shorter"
    )
    topic = content.Topic.objects.get(slug="what-is-trafficking")
    topic.title = {**topic.title, "pl": "Co to jest handel ludźmi?"}
    topic.save()
    with pytest.raises(proposals.Refused, match="changed since"):
        proposals.approve(accounts["reviewer"].user, [proposal.pk])
    assert topic_title("pl") == "Co to jest handel ludźmi?"


def test_over_http_a_translator_downloads_and_uploads_their_language(published, accounts, clients):
    translator = clients["translator"]
    assert translator.get("/staff/translations/ro.po").status_code == 403
    download = translator.get("/staff/translations/pl.po")
    assert download.status_code == 200
    assert f'msgctxt "{TITLE}"' in download.content.decode()
    upload = SimpleUploadedFile("pl.po", translated(**{TITLE: NEW_TITLE}).encode())
    response = translator.post(
        "/staff/translations/import/", {"language": "pl", "file": upload, "reason": "shorter"}
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/proposals/{proposal.pk}/review/"
    review = translator.get(response["Location"]).content.decode()
    assert NEW_TITLE in review and "Czym jest handel ludźmi?" in review
    assert AuditEntry.objects.filter(action="proposed", actor="pl-translator").exists()
    # Another language than theirs, and staff without a language, are refused.
    wrong = SimpleUploadedFile("ro.po", translated("ro").encode())
    refused = translator.post(
        "/staff/translations/import/", {"language": "ro", "file": wrong, "reason": "x"}
    )
    assert refused.status_code == 403
    assert clients["editor"].get("/staff/translations/import/").status_code == 403
    assert clients["reviewer"].get("/staff/translations/pl.po").status_code == 403


def test_over_http_a_broken_file_gives_its_errors_and_proposes_nothing(
    published, accounts, clients
):
    upload = SimpleUploadedFile("pl.po", b'msgid "unterminated\n')
    response = clients["translator"].post(
        "/staff/translations/import/",
        {"language": "pl", "file": upload, "reason": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Nothing was proposed" in response.content.decode()
    assert not Proposal.objects.exists()


def test_loadcontent_will_not_overwrite_a_proposal(published, accounts):
    proposals.propose_texts(
        accounts["translator"].user, "pl", translated(**{TITLE: NEW_TITLE}), "shorter"
    )
    topic = content.Topic.objects.get(slug="what-is-trafficking")
    topic.title = {**topic.title, "pl": NEW_TITLE}  # as if it had been approved
    topic.save()
    with pytest.raises(CommandError):
        call_command("loadcontent", verbosity=0)
    assert topic_title("pl") == NEW_TITLE
    call_command("loadcontent", "--force-overwrite-history", verbosity=0)
    assert topic_title("pl") == "Czym jest handel ludźmi?"
