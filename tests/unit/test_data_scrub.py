"""Scrubbing: contacts redacted, self-promotion removed, retired hotlines -> 988, counted."""

from __future__ import annotations

from calma.config import ScrubSection
from calma.data.scrub import EMAIL_PLACEHOLDER, LINK_PLACEHOLDER, PHONE_PLACEHOLDER, scrub_answer, scrub_question
from calma.patterns import find_contacts

ON = ScrubSection()


def test_contacts_are_redacted_and_counted():
    text = "Read https://calma.example.org/sleep and calmaexample.com, write to help@calma.example.org or dial (555) 123-4567."
    result = scrub_question(text, ON)
    assert LINK_PLACEHOLDER in result.text and EMAIL_PLACEHOLDER in result.text and PHONE_PLACEHOLDER in result.text
    assert result.counts == {"url": 2, "email": 1, "phone": 1}
    assert not any(find_contacts(result.text).values())


def test_retired_hotlines_become_988_and_crisis_lines_stay():
    text = "Call 1-800-273-TALK or 1-800-273-8255 (or 800-273-8255) now. You can also call 988 or text 741741."
    result = scrub_answer(text, ON)
    assert result.text == "Call 988 or 988 (or 988) now. You can also call 988 or text 741741."
    assert result.counts == {"hotline": 3}


def test_self_promotion_sentences_are_removed_but_therapy_talk_stays():
    answer = (
        "Crying in my office is welcome and normal. Grief comes in waves. "
        "Please call my office to book a time. Visit my website for more. "
        "I offer free consultations for new clients. It's okay to take it slowly."
    )
    result = scrub_answer(answer, ON)
    assert result.text == "Crying in my office is welcome and normal. Grief comes in waves. It's okay to take it slowly."
    assert result.counts["self_promotion"] == 3


def test_signature_at_the_end_is_removed():
    result = scrub_answer("Take care of yourself this week.\nJane Roe, LMFT", ON)
    assert result.text == "Take care of yourself this week." and result.counts == {"signature": 1}


def test_switches_turn_parts_off():
    text = "Visit my website at www.calma-example.com. Call 555-123-4567."
    assert scrub_answer(text, ScrubSection(enabled=False)).text == text
    only_urls = scrub_answer(text, ScrubSection(self_promotion=False, phones=False))
    assert only_urls.text == f"Visit my website at {LINK_PLACEHOLDER}. Call 555-123-4567."


def test_sentences_glued_to_a_redacted_number_are_separated():
    from calma.data.clean import clean_text

    result = scrub_answer(clean_text("Text 1-800-273-8255.I am here. See www.calma-example.org.Then rest."), ON)
    assert result.text == "Text 988. I am here. See [link removed]. Then rest."
