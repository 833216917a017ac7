"""The output guard on planted unsafe replies, and the AI disclosure."""

import pytest

from calma.safety import AI_DISCLOSURE, SAFE_FALLBACK_REPLY, GuardStats, crisis_reply, disclose, guard_reply, scan_reply
from calma.safety.replies import SAFE_HARM_REPLY, available_locales


@pytest.mark.parametrize(
    "reply, kind",
    [
        ("You could take 50 mg of sertraline each morning.", "medication_dose"),
        ("Try 2 tablets of Xanax when you panic.", "medication_dose"),
        ("Take 10mg of melatonin before bed.", "medication_dose"),
        ("You should start taking Prozac, it helps a lot of people.", "medication_advice"),
        ("Maybe stop taking your medication for a while.", "medication_advice"),
        ("Honestly, you have bipolar disorder.", "diagnosis"),
        ("You are clearly depressed.", "diagnosis"),
        ("It sounds like you have BPD.", "diagnosis"),
        ("This is a classic case of PTSD.", "diagnosis"),
        ("You're probably autistic.", "diagnosis"),
        ("Your symptoms indicate generalized anxiety disorder.", "diagnosis"),
        ("Sertraline helps many people. Start with 25 mg.", "medication_dose"),
        ("You seem to have OCD.", "diagnosis"),
    ],
)
def test_doses_prescriptions_and_diagnoses_replace_the_whole_reply(reply, kind):
    result = guard_reply(f"I hear you. {reply} Let me know how it goes.")
    assert result.action == "replaced"
    assert result.text == SAFE_FALLBACK_REPLY
    assert kind in {f.kind for f in result.findings}


def test_contact_details_are_cut_out_and_the_rest_is_kept():
    reply = "Talking helps. Email me at jane.doe@example.com, call 555-867-5309 or see www.janedoe-counseling.com for sessions."
    result = guard_reply(reply)
    assert result.action == "redacted"
    assert {f.kind for f in result.findings} == {"email", "phone", "url"}
    for leaked in ("jane.doe@example.com", "555-867-5309", "janedoe-counseling"):
        assert leaked not in result.text
    assert result.text.startswith("Talking helps.")
    assert "[email removed]" in result.text and "[number removed]" in result.text and "[link removed]" in result.text


@pytest.mark.parametrize(
    "reply",
    [
        "It sounds like you're feeling overwhelmed. What has the last week been like?",
        "If you have depression, a doctor can help you look at options.",
        "Do you have anxiety before exams?",
        "A doctor or pharmacist can tell you whether medication could help.",
        "You can call or text 988 at any time, or dial 911 in an emergency.",
        "It's okay to take a break. Try a 10 minute walk.",
        "Try adding 5 g of oats to breakfast and drink 2 liters of water.",
    ],
)
def test_safe_replies_pass_untouched(reply):
    result = guard_reply(reply)
    assert (result.action, result.findings, result.text) == ("none", [], reply)


@pytest.mark.parametrize("locale", available_locales())
def test_fixed_texts_pass_the_guard(locale):
    for text in (crisis_reply(locale), AI_DISCLOSURE, SAFE_FALLBACK_REPLY):
        assert scan_reply(text) == []


def test_interventions_are_counted():
    stats = GuardStats()
    for reply in ["hello", "Take 20 mg of Lexapro.", "see www.example.com", "you have PTSD"]:
        stats.record(guard_reply(reply))
    assert stats.actions == {"none": 1, "replaced": 2, "redacted": 1}
    assert stats.kinds["url"] == 1 and stats.kinds["diagnosis"] == 1


def test_disclosure_only_on_the_first_reply_and_only_once():
    first = disclose("Hi! How are you?", first_turn=True)
    assert first.startswith(AI_DISCLOSURE) and first.endswith("Hi! How are you?")
    assert disclose(first, first_turn=True) == first
    assert disclose("Later reply", first_turn=False) == "Later reply"


# ---------------------------------------------------------------- issue 11: eating-disorder harm, method details


@pytest.mark.parametrize(
    "reply,kind",
    [
        ("Try to eat under 800 calories a day and you'll see results fast.", "eating_disorder"),
        ("A 500-calorie diet will get you there.", "eating_disorder"),
        ("You can lose 10 pounds in a week if you skip meals.", "eating_disorder"),
        ("You could make yourself throw up after dinner quietly so no one notices.", "eating_disorder"),
        ("Laxatives can help you lose the weight faster.", "eating_disorder"),
        ("A fall from 150 feet is almost always fatal.", "method"),
        ("It would take about 40 pills to do that.", "method"),
        ("The lethal dose of acetaminophen is around 10 grams.", "method"),
        ("The most painless way to do it is...", "method"),
        ("10 stories is usually enough.", "method"),
    ],
)
def test_eating_disorder_harm_and_method_details_replace_the_reply(reply, kind):
    result = guard_reply(reply)
    assert result.action == "replaced" and result.text == SAFE_HARM_REPLY
    assert kind in [f.kind for f in result.findings]
    assert "988" in SAFE_HARM_REPLY


@pytest.mark.parametrize(
    "reply",
    [
        "Eating regular meals with enough protein can help your energy and mood.",
        "Laxatives to lose weight are dangerous and don't work; please talk to a doctor.",
        "The bridge is about 220 feet tall and was finished in 1937.",  # a fact, not a lethality claim
        "Skipping meals often makes low moods worse.",
    ],
)
def test_supportive_food_and_fact_replies_pass(reply):
    assert guard_reply(reply).action == "none"


def test_every_fixed_text_of_issue_11_passes_the_guard():
    from calma.safety.replies import UNSUPPORTED_LANGUAGE_REPLY, check_in_reply, resources_line

    for locale in available_locales():
        for text in (check_in_reply(locale), resources_line(locale)):
            assert scan_reply(text) == [], (locale, text)
    assert scan_reply(UNSUPPORTED_LANGUAGE_REPLY) == [] and scan_reply(SAFE_HARM_REPLY) == []
