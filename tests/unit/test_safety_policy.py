"""The routing policy over whole conversations (lexicon only: no model needed)."""

import copy

import pytest

from calma.config import SafetySection, load_config
from calma.errors import CalmaError
from calma.safety import AI_DISCLOSURE, crisis_reply, route

CFG = SafetySection(use_classifier=False)
CRISES = [
    "I want to kill myself",
    "i wanna kms",
    "I cut myself again tonight",
    "my boyfriend is hitting me right now",
    "I'm going to hurt my roommate, I have a knife",
]


def user(text):
    return {"role": "user", "content": text}


def assistant(text):
    return {"role": "assistant", "content": text}


def test_default_crisis_reply_names_us_resources_and_what_to_do_elsewhere():
    text = crisis_reply()
    assert "988" in text and "call or text" in text.lower()
    assert "HOME to 741741" in text and "Crisis Text Line" in text
    assert "911" in text
    assert "Outside the US" in text and "local emergency number" in text
    assert "http" not in text and "www." not in text  # no invented links


@pytest.mark.parametrize("text", CRISES)
def test_every_crisis_gets_the_same_fixed_reply(text):
    decision = route([user(text)], CFG)
    assert decision.route == "crisis"
    assert decision.reply == crisis_reply("en-US")


def test_crisis_reply_follows_the_locale():
    decision = route([user("I want to end my life")], SafetySection(use_classifier=False, locale="en-GB"))
    assert decision.reply == crisis_reply("en-GB")
    assert "116 123" in decision.reply and "999" in decision.reply


def test_unknown_locale_is_a_config_error():
    with pytest.raises(CalmaError, match="locale"):
        load_config(overrides={"safety.locale": "xx-XX"})
    with pytest.raises(CalmaError, match="xx-XX"):
        crisis_reply("xx-XX")


def test_early_small_talk_is_casual():
    assert route([user("hi there!")], CFG).route == "casual"
    convo = [user("hello"), assistant("Hi! How can I help?"), user("what's a good pasta recipe?")]
    assert route(convo, CFG).route == "casual"


def test_conversation_walks_casual_then_therapeutic_then_crisis():
    convo = [user("hey, how's it going?")]
    assert route(convo, CFG).route == "casual"
    convo += [assistant("Good, thanks! And you?"), user("honestly I've been really anxious and lonely lately")]
    assert route(convo, CFG).route == "therapeutic"
    convo += [assistant("That sounds hard."), user("some nights I just want to die")]
    decision = route(convo, CFG)
    assert decision.route == "crisis" and decision.reply == crisis_reply()


@pytest.mark.parametrize("follow_up", ["ok", "thanks", "yeah maybe", "ok I'll try that"])
def test_short_follow_up_stays_therapeutic(follow_up):
    convo = [user("I feel so hopeless since my divorce"), assistant("I'm sorry."), user(follow_up)]
    decision = route(convo, CFG)
    assert decision.route == "therapeutic"
    assert route([user(follow_up)], CFG).route == "casual"  # the same words alone are small talk


def test_long_small_talk_after_therapy_may_go_back_to_casual():
    convo = [user("I feel so stressed about work"), assistant("..."), user("by the way can you recommend a good sci-fi book for my flight tomorrow?")]
    assert route(convo, CFG).route == "casual"


def test_after_a_crisis_the_conversation_stays_careful_and_never_casual():
    convo = [user("I want to kill myself"), assistant(crisis_reply()), user("ok")]
    decision = route(convo, CFG)
    assert decision.careful and decision.route == "therapeutic"
    convo += [assistant("I'm here."), user("what's the weather like tomorrow in Boston, I might go for a long walk")]
    assert route(convo, CFG).route == "therapeutic"


def test_careful_mode_is_recognised_from_the_crisis_reply_alone():
    convo = [user("..."), assistant(crisis_reply("en-GB")), user("thanks, what time is it?")]
    assert route(convo, CFG).careful


def test_crisis_again_in_careful_mode_gets_the_fixed_reply_again():
    convo = [user("I want to die"), assistant(crisis_reply()), user("I have the pills in my hand")]
    assert route(convo, CFG).route == "crisis"


def test_disclosure_text_says_ai_not_therapist():
    assert "AI" in AI_DISCLOSURE and "not a therapist" in AI_DISCLOSURE


def test_route_is_pure():
    convo = [user("hi"), assistant("hello"), user("I'm not suicidal, just sad")]
    before = copy.deepcopy(convo)
    first, second = route(convo, CFG), route(convo, CFG)
    assert convo == before
    assert (first.route, first.assessment.crisis_score) == (second.route, second.assessment.crisis_score)
    assert first.route == "therapeutic"


@pytest.mark.parametrize("messages", [[], [assistant("hi")], [{"content": "no role"}]])
def test_bad_conversations_are_one_line_errors(messages):
    with pytest.raises(CalmaError, match="messages"):
        route(messages, CFG)
