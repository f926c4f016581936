"""What a text may say in any language: never-say phrases, and a translation's numbers
and links against its English."""

from __future__ import annotations

from veiviser.content import wording

ENGLISH = "Call ROSA at [22 33 11 60](tel:+4722331160), day and night: it is open 24 hours."


def test_a_never_say_phrase_is_found_whatever_its_case_and_spacing():
    phrases = ["du er et offer", "you will get a permit"]
    assert wording.forbidden(phrases, "Hei. Du  er\\net offer.".replace("\\n", "\n"))
    assert wording.forbidden(phrases, "YOU WILL GET A PERMIT") == "you will get a permit"
    assert wording.forbidden(phrases, "Du kan være utsatt for menneskehandel.") is None
    assert wording.forbidden([], "anything") is None


def test_a_faithful_translation_has_no_difference():
    translated = "Ring ROSA på [22 33 11 60](tel:+4722331160), hele døgnet: åpent 24 timer."
    assert list(wording.differences(ENGLISH, translated)) == []


def test_a_small_number_may_become_words():
    translated = "Ring ROSA på [22 33 11 60](tel:+4722331160), hele døgnet."
    assert list(wording.differences(ENGLISH, translated)) == []


def test_a_changed_link_or_phone_number_is_a_difference():
    changed = "Ring ROSA på [22 33 11 60](tel:+4722331161), hele døgnet."
    assert any("links differ" in d for d in wording.differences(ENGLISH, changed))
    dropped = "Ring ROSA hele døgnet, 24 timer."
    assert any("links differ" in d for d in wording.differences(ENGLISH, dropped))


def test_a_number_the_english_does_not_have_is_a_difference():
    added = "Ring ROSA på [22 33 11 60](tel:+4722331160), 24 timer. Eller 116 117."
    (difference,) = wording.differences(ENGLISH, added)
    assert "extra ['116117']" in difference


def test_a_long_number_may_not_be_dropped():
    english = "It is defined in sections 257 and 258 of the Penal Code."
    assert list(wording.differences(english, "Det står i straffeloven § 257."))
    assert not list(wording.differences(english, "Det står i straffeloven §§ 257 og 258."))
