"""Round 11: the learned signal may set aside an earlier turn's alarm (rule 3b, careful mode) when
it reads both that turn and the latest message as no crisis, and may send a turn the rules gave to
support only by context to small talk. Everything the issue's item 1 protects stays a crisis: a
crisis in the latest message, an answer to a question about suicide, a plan or safety, a
retraction right after a disclosure, a deed done, risk adding up, and any conversation that had
our crisis reply. The learned probabilities are patched where the test is about the mechanism,
and real where it is about what the shipped model does."""

import pytest

from calma.config import SafetySection
from calma.safety import learned, policy
from calma.safety.policy import route, route_rules
from calma.safety.replies import crisis_reply, resources_line

LIMITS = {"alarm": 0.5, "lexicon_alarm": 0.5, "latest": 0.2}
SMALL_TALK = (0.95, 0.04, 0.01)


def conv(*turns):
    roles = ("user", "assistant")
    return [{"role": roles[i % 2], "content": t} for i, t in enumerate(turns)]


@pytest.fixture
def quiet_model(monkeypatch):
    """A learned signal that reads every message as small talk, with the lowering switched on."""
    monkeypatch.setattr(learned, "LOWER", dict(LIMITS))
    monkeypatch.setattr(learned, "predict", lambda m, language="en": SMALL_TALK)
    monkeypatch.setattr(learned, "message_crisis", lambda text, language="en": 0.01)


# The earlier turn is a lexicon crisis the assistant (not Calma) answered with a question.
ALARM = ("i want to kill myself", "Oh no, what happened?")


def test_an_earlier_alarm_read_as_no_crisis_is_set_aside_and_the_resources_stay(quiet_model):
    messages = conv(*ALARM, "can you recommend a pizza place near the station?")
    rules = route_rules(messages, SafetySection())
    assert rules.route == "crisis" and rules.reasons[0].startswith("the crisis in the previous turn")
    assert rules.alarms == ((0, True),)
    decided = route(messages)
    assert decided.route in ("casual", "therapeutic") and decided.reply is None
    assert decided.resources == resources_line("en-US")
    assert any(r.startswith("learned:lowered") for r in decided.reasons)


def test_the_lowering_needs_both_readings_low(monkeypatch, quiet_model):
    messages = conv(*ALARM, "can you recommend a pizza place near the station?")
    monkeypatch.setattr(learned, "message_crisis", lambda text, language="en": 0.9)  # the alarm reads as a crisis
    assert route(messages).route == "crisis"
    monkeypatch.setattr(learned, "message_crisis", lambda text, language="en": 0.01)
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.5, 0.2, 0.3))  # the latest does
    assert route(messages).route == "crisis"
    monkeypatch.setattr(learned, "LOWER", {"alarm": 0.0, "lexicon_alarm": 0.0, "latest": 0.0})  # off
    monkeypatch.setattr(learned, "predict", lambda m, language="en": SMALL_TALK)
    assert route(messages).route == "crisis"


def test_nothing_is_lowered_once_our_crisis_reply_was_given(quiet_model):
    messages = conv(ALARM[0], crisis_reply("en-US"), "ok", "I'm here.", "i still have the pills")
    assert route(messages).route == "crisis"
    calm = conv(ALARM[0], crisis_reply("en-US"), "can you recommend a pizza place?")
    assert route(calm).careful and route(calm).resources


@pytest.mark.parametrize("turns", [
    ("I want to kill myself tonight",),  # a crisis in the latest message
    (*ALARM, "i have the pills right here and i'm going to take them all"),
    ("everything is pointless", "I'm sorry. Are you having thoughts of suicide?", "yes"),  # an answer
    ("i'm so done with everything", "I'm sorry. Do you have a plan to hurt yourself?", "yes"),
    ("my husband hit me again tonight", "I'm so sorry. Are you somewhere safe?", "no he's in the next room"),
    ("i don't want to be alive", "I'm really glad you told me.", "lol nvm im fine"),  # a retraction
    ("i have a bottle of pills here", "Why do you have them out?", "i already took half"),  # a deed done
    ("I've been thinking about ending it", "I'm listening.", "I have my mum's pills", "Go on.", "tonight"),  # adds up
])
def test_item_one_behaviours_are_never_lowered(quiet_model, turns):
    assert route(conv(*turns)).route == "crisis"


def test_the_shipped_model_keeps_a_clear_earlier_crisis():
    """With the real learned signal: "i want to kill myself" is no thin alarm."""
    assert route(conv(*ALARM, "can you recommend a pizza place near the station?")).route == "crisis"
    assert route(conv("i've been saving my meds", "What are you saving them for?", "you know what for")).route == "crisis"


# ------------------------------------------------------------------- support to small talk

SUPPORT = ("work has been so stressful lately", "That sounds hard. What's been going on?")


def test_a_turn_given_to_support_by_context_alone_can_go_to_small_talk(monkeypatch):
    monkeypatch.setitem(learned.THRESHOLDS, "conversation", {**learned.THRESHOLDS["conversation"], "casual": 0.75})
    messages = conv(*SUPPORT, "what should i cook tonight, i have rice and eggs")
    rules = route_rules(messages, SafetySection())
    assert rules.route == "therapeutic" and rules.reasons[0] in policy._SUPPORT_BY_CONTEXT
    monkeypatch.setattr(learned, "predict", lambda m, language="en": SMALL_TALK)
    assert route(messages).route == "casual"
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.8, 0.05, 0.15))  # some crisis probability
    assert route(messages).route == "therapeutic"
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.6, 0.39, 0.01))  # not sure enough
    assert route(messages).route == "therapeutic"


@pytest.mark.parametrize("turns", [
    ("i feel so hopeless lately", "I'm sorry. Are you having thoughts of suicide?", "no, just tired"),  # answered
    ("I want to end my life", None, "thanks, i called the line and my sister is here"),  # careful
    ("honestly what's the point anymore",),  # passive risk
])
def test_support_for_a_risk_reason_never_goes_to_small_talk(monkeypatch, turns):
    monkeypatch.setitem(learned.THRESHOLDS, "conversation", {**learned.THRESHOLDS["conversation"], "casual": 0.5})
    monkeypatch.setitem(learned.THRESHOLDS, "en", {**learned.THRESHOLDS["en"], "casual": 0.5})
    monkeypatch.setattr(learned, "predict", lambda m, language="en": SMALL_TALK)
    turns = tuple(crisis_reply("en-US") if t is None else t for t in turns)
    assert route(conv(*turns)).route != "casual"


def test_the_cross_validation_simulation_agrees_on_the_small_talk_tier(monkeypatch):
    from calma.safety.learned_cv import combined_routes

    cfg = SafetySection()
    limits = {"raise": 0.9, "check_in": 1.01, "support": 0.0, "casual": 0.75}
    cases = [conv(*SUPPORT, "what should i cook tonight, i have rice and eggs"), conv(*SUPPORT, "deadlines, my boss, all of it"),
             conv("honestly what's the point anymore")]
    for probs in (SMALL_TALK, (0.8, 0.05, 0.15), (0.6, 0.39, 0.01), (0.1, 0.1, 0.8)):
        for messages in cases:
            decision = route_rules(messages, cfg)
            calmed = policy.with_learned(decision, messages, cfg, probs=(1.0, 0.0, 0.0),
                                         limits={"raise": 2.0, "check_in": 2.0, "support": 0.0, "casual": 0.0})
            raised = policy.with_learned(decision, messages, cfg, probs=(0.0, 0.0, 1.0), limits={"raise": 0.0, "check_in": 0.0, "support": 0.0})
            rules = [{"route": decision.route, "check_in_ok": False, "raise_ok": raised.route == "crisis",
                      "casual_ok": decision.route == "therapeutic" and calmed.route == "casual"}]
            expected = policy.with_learned(decision, messages, cfg, probs=probs, limits=limits).route
            assert combined_routes(rules, [probs], limits) == [expected]


def test_the_lowering_thresholds_never_harm_a_crisis_they_were_chosen_on():
    from calma.safety.learned_cv import choose_lower, lower_effect

    cases = [dict(label="casual", route="crisis", lowered="casual", latest=0.02, alarm=0.3, lexicon_alarm=0.0),
             dict(label="therapeutic", route="crisis", lowered="therapeutic", latest=0.04, alarm=0.0, lexicon_alarm=0.02),
             dict(label="crisis", route="crisis", lowered="therapeutic", latest=0.09, alarm=0.1, lexicon_alarm=0.0),
             dict(label="crisis", route="crisis", lowered="casual", latest=0.5, alarm=0.9, lexicon_alarm=0.0)]
    limits = choose_lower(cases)
    assert lower_effect(cases, limits) == (4, 0) and limits["latest"] <= 0.09 and limits["alarm"] <= 0.5


def test_the_small_talk_threshold_moves_no_crisis():
    from calma.safety.learned_cv import choose_small_talk

    rows = [("casual", 0.9, 0.01), ("casual", 0.8, 0.02), ("therapeutic", 0.7, 0.01), ("crisis", 0.6, 0.05)]
    assert choose_small_talk(rows) == 0.75
    assert choose_small_talk([("crisis", 0.99, 0.0)]) == 1.01
