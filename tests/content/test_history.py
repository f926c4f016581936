"""loadcontent never overwrites editorial history silently (veiviser/content/history.py)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.content import history, models, store

pytestmark = pytest.mark.django_db


def two_proposals() -> str | None:
    """A fake of the staff app's check: the database holds two proposals."""
    return "2 proposals"


@pytest.fixture(autouse=True)
def no_checks_left_behind():
    yield
    history.unregister(two_proposals)


@pytest.fixture
def editorial_history():
    history.register(two_proposals)
    history.register(two_proposals)  # an app's ready() may run twice: registered once


def edit_rosa() -> None:
    rosa = models.Service.objects.get(slug="rosa")
    rosa.description = {**rosa.description, "en": "An editor's new description"}
    rosa.save()


def test_loading_over_editorial_history_is_refused_and_names_each_change(capsys):
    call_command("loadcontent")
    edit_rosa()
    history.register(two_proposals)
    before = store.read_content()
    capsys.readouterr()
    with pytest.raises(CommandError, match=r"editorial history \(2 proposals\).*nothing was"):
        call_command("loadcontent")
    err = capsys.readouterr().err
    assert (
        'services.yaml: services/rosa: description.en: "An editor\'s new description" -> "' in err
    )
    assert err.count("\n") == 1  # that one field, nothing else
    assert store.read_content() == before  # nothing was written


def test_force_overwrite_history_loads_the_files(capsys, editorial_history):
    call_command("loadcontent")
    edit_rosa()
    with pytest.raises(CommandError):
        call_command("loadcontent")
    call_command("loadcontent", force_overwrite_history=True)
    assert "1 record(s) changed" in capsys.readouterr().out
    assert models.Service.objects.get(slug="rosa").description["en"] != (
        "An editor's new description"
    )


def test_history_that_loading_would_not_change_does_not_stop_it(capsys, editorial_history):
    call_command("loadcontent")
    call_command("loadcontent")
    assert ": 0 record(s) changed" in capsys.readouterr().out


def test_a_check_that_finds_no_history_lets_loading_go_on(capsys):
    def nothing() -> None:
        return None

    history.register(nothing)
    try:
        call_command("loadcontent")
        edit_rosa()
        call_command("loadcontent")
    finally:
        history.unregister(nothing)
    assert ": 1 record(s) changed" in capsys.readouterr().out.splitlines()[-1]


def test_dry_run_prints_the_changes_and_changes_nothing(capsys):
    call_command("loadcontent")
    edit_rosa()
    rosa = models.Service.objects.get(slug="rosa")
    rosa.channels.filter(position=0).update(label={"en": "Old label", "nb": "Gammel"})
    before = store.read_content()
    capsys.readouterr()
    call_command("loadcontent", dry_run=True)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith('services.yaml: services/rosa: description.en: "An editor')
    label = "services/rosa: channels[phone 22 33 11 60].label"
    assert out[1] == f'services.yaml: {label}.en: "Old label" -> "Call ROSA"'
    # A translation's change is named in its own file, the other languages too.
    assert out[2] == f'translations/nb.yaml: {label}: "Gammel" -> "Ring ROSA"'
    assert out[3] == f'translations/ro.yaml: {label}: (none) -> "Sunați la ROSA"'
    assert out[-1].endswith(": 11 field(s) would change; nothing was loaded")
    assert store.read_content() == before


def test_an_empty_database_is_loaded_whatever_history_says(capsys, editorial_history):
    call_command("loadcontent")  # nothing to overwrite: a fresh install's first load
    assert models.Service.objects.filter(slug="rosa").exists()


def test_never_say_phrases_are_changes_of_their_language_file(capsys):
    call_command("loadcontent")
    models.ContentLanguage.objects.filter(code="pl").update(
        details={**models.ContentLanguage.objects.get(code="pl").details, "never_say": []}
    )
    capsys.readouterr()
    call_command("loadcontent", dry_run=True)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith('translations/pl.yaml: never_say: (list): [] -> ["')
    assert len(out) == 2


def test_dry_run_says_when_loading_would_need_force(capsys, editorial_history):
    call_command("loadcontent")
    edit_rosa()
    capsys.readouterr()
    call_command("loadcontent", dry_run=True)
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        "the database holds editorial history (2 proposals): loading would need "
        "--force-overwrite-history",
        f"dry run of {settings.CONTENT_DIR}: 1 field(s) would change; nothing was loaded",
    ]


def test_dry_run_on_an_empty_database_lists_every_entry_as_new(capsys):
    call_command("loadcontent", dry_run=True)
    out = capsys.readouterr().out
    assert 'services.yaml: services/rosa: (entry): (none) -> {"id": "rosa"' in out
    assert "/rosa: (entry)" in out
    assert not models.Service.objects.exists()
