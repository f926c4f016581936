"""The seed files: clean as shipped, and every kind of break is named and changes nothing."""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from veiviser.content import store
from veiviser.content.seed import checked_seed, read_seed
from veiviser.content.validation import all_texts

pytestmark = pytest.mark.django_db


def test_the_shipped_seed_is_clean(capsys):
    call_command("checkcontent")
    assert "clean" in capsys.readouterr().out


def test_the_seed_has_every_service_id_other_parts_rely_on():
    content, _ = read_seed(settings.CONTENT_DIR)
    ids = {service.id for service in content.services}
    required = {
        "police-emergency", "police", "ambulance", "legevakt", "rosa", "alarmtelefonen",
        "barnevernet", "udi", "iom", "nav", "statsforvalteren", "arbeidstilsynet",
        "dinutvei", "volinjen", "helsenorge",
    }  # fmt: skip
    assert required <= ids


def copy_seed(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(settings.CONTENT_DIR, target)
    return target


def edit(directory: Path, file: str, change: Callable[[dict], None]) -> None:
    path = directory / file
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def find(items: list[dict], ident: str) -> dict:
    return next(item for item in items if item["id"] == ident)


def set_field(file, key, ident, field, value):
    def change(data):
        find(data[key], ident)[field] = value

    return file, change


def delete_field(file, key, ident, field):
    def change(data):
        del find(data[key], ident)[field]

    return file, change


def set_channel(ident, index, field, value):
    def change(data):
        find(data["services"], ident)["channels"][index][field] = value

    return "services.yaml", change


def delete_english(file, key, ident, field):
    def change(data):
        del find(data[key], ident)[field]["en"]

    return file, change


def set_translation(lang, address, value):
    """Sets one text of content/translations/<lang>.yaml, by its address."""

    def change(data):
        node = data
        for key in address[:-1]:
            node = node.setdefault(key, {})
        node[address[-1]] = value

    return f"translations/{lang}.yaml", change


def delete_translation(lang, address):
    def change(data):
        node = data
        for key in address[:-1]:
            node = node[key]
        del node[address[-1]]

    return f"translations/{lang}.yaml", change


def change_translation(lang, address, old, new):
    """Replaces words in one translated text."""

    def change(data):
        node = data
        for key in address[:-1]:
            node = node[key]
        assert old in node[address[-1]], (old, node[address[-1]])
        node[address[-1]] = node[address[-1]].replace(old, new)

    return f"translations/{lang}.yaml", change


def duplicate(file, key, ident):
    def change(data):
        data[key].append(dict(find(data[key], ident)))

    return file, change


# (what breaks, the edit, the file, the entry and the field the message must name)
BREAKS = [
    ("invalid id", set_field("topics.yaml", "topics", "children", "id", "Children!"),
     'topics.yaml: topic "Children!": id'),
    ("duplicate id", duplicate("services.yaml", "services", "rosa"),
     'services.yaml: service "rosa": id'),
    ("phone number rejected", set_channel("rosa", 0, "value", "22 33 11 6"),
     'services.yaml: service "rosa": channels[0].value'),
    ("unknown short number", set_channel("police-emergency", 0, "value", "111"),
     'services.yaml: service "police-emergency": channels[0].value'),
    ("missing English", delete_english("topics.yaml", "topics", "in-danger", "body"),
     'topics.yaml: topic "in-danger": body.en'),
    ("a translation says a verdict",
     change_translation(
         "nb", ("topics", "in-danger", "summary"), "Nødnumre", "Du er et offer. Nødnumre"
     ),
     'translations/nb.yaml: topic "in-danger": summary.nb: must never say'),
    ("a translation changes a number",
     change_translation("ro", ("topics", "in-danger", "body"), "tel:112", "tel:113"),
     'translations/ro.yaml: topic "in-danger": body.ro: links differ from the English'),
    ("a translation adds a number",
     set_translation("ar", ("topics", "children", "title"), "اتصل بالرقم 116 000"),
     'translations/ar.yaml: topic "children": title.ar: numbers differ from the English'),
    ("a translation names no text",
     set_translation("pl", ("topics", "no-such-topic", "title"), "Tytuł"),
     'translations/pl.yaml: topics/no-such-topic/title: (address)'),
    ("a translation is not text",
     set_translation("uk", ("topics", "children", "title"), ["a", "list"]),
     'translations/uk.yaml: topics/children/title: (text)'),
    ("missing source", delete_field("organisations.yaml", "organisations", "rosa", "source"),
     'organisations.yaml: organisation "rosa": source'),
    ("unknown source", set_field("services.yaml", "services", "udi", "source", "nowhere"),
     'services.yaml: service "udi": source'),
    ("verified_on in the future",
     set_field("services.yaml", "services", "iom", "verified_on", datetime.date(2099, 1, 1)),
     'services.yaml: service "iom": verified_on'),
    ("topic links to unknown service",
     set_field("topics.yaml", "topics", "healthcare", "services", ["legevakt", "no-such-service"]),
     'topics.yaml: topic "healthcare": services'),
    ("unknown organisation", set_field("services.yaml", "services", "nav", "organisation", "x"),
     'services.yaml: service "nav": organisation'),
    ("bad audience", set_field("services.yaml", "services", "nav", "audience", "kids"),
     'services.yaml: service "nav": audience'),
    ("unquoted number", set_channel("rosa", 0, "value", 22331160),
     'services.yaml: service "rosa": channels[0].value'),
]  # fmt: skip


@pytest.fixture
def loaded() -> str:
    """The database after loading the real seed, as data to compare against."""
    call_command("loadcontent")
    return repr(store.read_content())


@pytest.mark.parametrize(("name", "change", "named"), BREAKS, ids=[b[0] for b in BREAKS])
def test_each_kind_of_broken_seed_is_named_and_changes_nothing(
    tmp_path, capsys, loaded, name, change, named
):
    directory = copy_seed(tmp_path)
    # A harmless edit elsewhere proves that nothing at all is written, not only the bad part.
    edit(directory, *set_field("topics.yaml", "topics", "about-kom", "notes", "edited"))
    edit(directory, *change)
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("loadcontent", dir=directory)
    assert named in capsys.readouterr().err
    assert repr(store.read_content()) == loaded
    call_command("checkcontent", dir=settings.CONTENT_DIR)  # the real seed is untouched


@pytest.mark.parametrize(
    ("text", "message"),
    [("services: [unclosed", "is not valid YAML"), ("- a list", "must be a mapping")],
)
def test_a_file_that_is_not_yaml_is_named(tmp_path, loaded, text, message):
    directory = copy_seed(tmp_path)
    (directory / "services.yaml").write_text(text)
    _, problems = checked_seed(directory)
    assert any(p.file == "services.yaml" and message in p.message for p in problems)
    with pytest.raises(CommandError):
        call_command("loadcontent", dir=directory)
    assert repr(store.read_content()) == loaded


def test_a_missing_file_is_named(tmp_path):
    directory = copy_seed(tmp_path)
    (directory / "topics.yaml").unlink()
    _, problems = checked_seed(directory)
    assert [str(p) for p in problems if p.file == "topics.yaml"] == [
        "topics.yaml: (file): (file): is missing"
    ]


def test_checkcontent_lists_every_problem_and_fails(tmp_path, capsys):
    directory = copy_seed(tmp_path)
    edit(directory, *set_field("services.yaml", "services", "nav", "audience", "kids"))
    # A missing translation is not a problem (it shows in English) but is listed.
    edit(directory, *delete_translation("nb", ("topics", "children", "title")))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("checkcontent", dir=directory)
    err = capsys.readouterr().err
    assert 'service "nav": audience' in err
    assert 'missing: nb: topics.yaml: topic "children": title: not translated yet' in err


def untranslated(out: str, code: str) -> int:
    """How many texts checkcontent counts as not yet translated in one language."""
    found = re.search(rf"not yet translated \(shown in English\):.*\b{code} (\d+)", out)
    return int(found[1]) if found else 0


def test_checkcontent_counts_what_is_not_translated_yet(tmp_path, capsys):
    directory = copy_seed(tmp_path)
    call_command("checkcontent", dir=directory)
    before = untranslated(capsys.readouterr().out, "ur")
    edit(directory, *delete_translation("ur", ("topics", "children", "title")))
    edit(directory, *delete_translation("ur", ("questions", "danger", "label")))
    call_command("checkcontent", dir=directory)
    out = capsys.readouterr()
    assert untranslated(out.out, "ur") == before + 2
    assert "missing: ur: guide.yaml: questions/danger: label: not translated yet" in out.err


def test_a_changed_number_asks_for_its_label_in_every_translation(tmp_path):
    """A channel's label is translated under its number: when the number changes, each
    translation of the label must be moved to the new number (and so looked at again)."""
    directory = copy_seed(tmp_path)
    edit(directory, *set_channel("bufdir-advice", 0, "value", "466 15 001"))
    _, problems = checked_seed(directory)
    orphans = [p for p in problems if p.entry.endswith("channels/phone 466 15 000/label")]
    assert len(orphans) == 9, problems
    assert all("a channel whose value changed" in p.message for p in orphans)


def test_a_number_in_a_body_must_be_a_link_that_dials_it(tmp_path):
    directory = copy_seed(tmp_path)

    def change(data):
        topic = find(data["topics"], "in-danger")
        topic["body"]["en"] += "\n\nOr call 22 33 11 60, or [22 33 11 60](tel:+4722331161)."

    edit(directory, "topics.yaml", change)
    _, problems = checked_seed(directory)
    messages = [p.message for p in problems if p.field == "body.en"]
    assert any("must be a tel: link" in m for m in messages)
    assert any("dials '+4722331161'" in m for m in messages)


# --- The editor's read of the Norwegian (issue 9) -----------------------------------------
def every_text(lang: str) -> str:
    """Every reader-facing text of the seed in one language, guide included."""
    content, _problems = read_seed(settings.CONTENT_DIR)
    parts = [text[lang] for _f, _e, _field, text in all_texts(content) if lang in text]
    catalogue = settings.BASE_DIR / "locale" / lang / "LC_MESSAGES" / "django.po"
    if catalogue.exists():
        parts += [line for line in catalogue.read_text().splitlines() if line.startswith("msgstr")]
    return "\n".join(" ".join(part.split()) for part in parts)


NB_NEVER = [
    "det kan gjelde liv og helse",  # "når det står om liv og helse"
    "medisinsk nødnummer",  # "medisinsk nødtelefon"
    "fri rettshjelp",  # the free hours are "fritt rettsråd"
    "tenke gjennom",  # "vurdere"
    "hjelpetiltak",  # "hjelpetilbud" throughout
    "hjelpetjenest",
    "Veiledning",  # the product is "Veiviser"
    "NAV",  # "Nav"
    "eget botilbud",  # "et tilrettelagt botilbud"
    "fjerne et indre organ",  # "la et indre organ bli fjernet"
    "fjerning av organer",
    "den sårbare situasjonen din",  # "utnytter at du er i en sårbar situasjon"
    "Det står i straffeloven",  # "Menneskehandel er definert i straffeloven"
    "annen vold, overgrep",  # "andre former for vold, overgrep og omsorgssvikt"
    "har rett til representant eller verge",  # not every child gets one
    "Hjelp med vold",  # "Hjelp ved vold og overgrep"
    "Dette er valg, ikke pålegg",  # "Dette er forslag, ikke krav"
    "Akutt sykdom eller skade",  # "medisinsk nødtelefon"
    "Den nasjonale brosjyren",  # "KOMs brosjyre"
    "den nasjonale brosjyren",
]
NB_SAYS = [
    "står om liv og helse",
    "medisinsk nødtelefon",
    "bistandsadvokat",
    "fritt rettsråd",
    "Barn som er i Norge uten foreldre, skal få en representant eller verge",
    "la et indre organ bli fjernet",
    "utnytter at du er i en sårbar situasjon",
    "Menneskehandel er definert i straffeloven",
    "andre former for vold, overgrep og omsorgssvikt",
    "et tilrettelagt botilbud",
    "vurdere om du vil anmelde",
    "Hjelp ved vold og overgrep",
    "Vold- og overgrepslinjen (VO-linjen)",
    "Nav",
    "KOMs brosjyre",
    "Dette er forslag, ikke krav",
    "Planen viser hvilke muligheter du har",
]


@pytest.mark.parametrize("words", NB_NEVER)
def test_the_norwegian_never_says(words):
    assert words not in every_text("nb")


@pytest.mark.parametrize("words", NB_SAYS)
def test_the_norwegian_says_it_the_editors_way(words):
    assert words in every_text("nb")


def test_the_guide_is_called_veiviser_and_no_translation_is_marked_reviewed():
    content, _ = read_seed(settings.CONTENT_DIR)
    assert content.guide["texts"]["title"]["en"] == "Guide"
    assert content.guide["texts"]["title"]["nb"] == "Veiviser"
    # Only a person's review makes a language "reviewed"; no person has reviewed one yet.
    statuses = {language.code: language.status for language in content.languages}
    assert statuses == {"en": "source", **{code: "machine" for code in statuses if code != "en"}}


def test_the_english_never_says_every_child_gets_a_guardian():
    english = every_text("en")
    assert "Children who may be victims of human trafficking have the right to a" not in english
    assert "Children who are in Norway without their parents shall get a representative" in english


def test_rosa_help_no_is_no_longer_a_source():
    """ROSA's facts cite its site, rosanorge.no. The one exception is the page of its
    older site that the facts file gives as the only source for "signs are never a
    verdict" (the frontline checklist), named as the older site."""
    for path in settings.CONTENT_DIR.glob("*.yaml"):
        if path.name != "sources.yaml":
            assert "rosa-help.no" not in path.read_text(), path.name
    content, _ = read_seed(settings.CONTENT_DIR)
    older = [source for source in content.sources if "rosa-help.no" in (source.url or "")]
    assert [source.id for source in older] == ["rosa-indicators"]
    assert "older site" in older[0].title
