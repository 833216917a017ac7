"""Round 12: a deflection right after an unanswered crisis, the learned raise after the
assistant's risk question, and sure small talk despite a noisy embedding score (`safety.followup`)."""

from types import SimpleNamespace

from calma.config import SafetySection
from calma.safety import followup
from calma.safety.policy import route_rules, with_learned
from calma.safety.replies import crisis_reply

RULES = SafetySection(use_learned=False)


def conv(*turns):
    return [{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)]


CRISIS_THEN_QUESTIONS = ("i'm going to kill myself tonight", "I'm so sorry you're feeling this way. Where are you right now?",
                         "at home", "Is anyone with you right now?")


def test_a_change_of_subject_after_an_unanswered_crisis_is_a_crisis():
    decision = route_rules(conv(*CRISIS_THEN_QUESTIONS, "anyway, what's a good show to watch tonight?"), RULES)
    assert decision.route == "crisis" and decision.reasons[0] == followup.DEFLECTION


def test_after_our_crisis_reply_careful_mode_decides_not_the_deflection_rule():
    turns = (CRISIS_THEN_QUESTIONS[0], crisis_reply("en-US"), *CRISIS_THEN_QUESTIONS[2:], "anyway, what's a good show to watch tonight?")
    assert route_rules(conv(*turns), RULES).reasons[0] != followup.DEFLECTION


def test_a_plain_reassurance_is_not_a_deflection():
    no = SimpleNamespace(deny=True, affirm=False)
    yes = SimpleNamespace(deny=False, affirm=True)
    assert followup.deflection(no, frozenset({"suicide"}), True, 1, False) is None
    assert followup.deflection(yes, frozenset({"safety"}), True, 1, False) is None
    assert followup.deflection(no, frozenset(), True, 1, False) == followup.DEFLECTION
    assert followup.deflection(no, frozenset(), True, 2, False) is None  # later turns: careful mode's rules
    assert followup.deflection(no, frozenset(), False, 1, False) is None


# An unsure answer to the suicide question: the rules read it as answered (support), so whether
# it is a crisis is left to the learned signal's confidence.
ASKED = conv("i feel like a burden", "Thank you for telling me. Are you having thoughts of ending your life?",
             "i dont know anymore, it comes and goes")


def test_a_confident_learned_crisis_after_the_suicide_question_is_raised():
    decision = route_rules(ASKED, RULES)
    assert decision.route == "therapeutic", "pick an answer the rules do not already route to crisis"
    assert with_learned(decision, ASKED, RULES, probs=(0.0, 0.05, 0.95)).route == "crisis"
    assert with_learned(decision, ASKED, RULES, probs=(0.2, 0.5, 0.3)).route != "crisis"
    assert with_learned(decision, ASKED, RULES, probs=(0.0, 0.15, 0.85)).route != "crisis"  # below 0.90


def test_the_learned_tiers_of_round_12_apply_to_conversations_only():
    assert followup.raises_after_question("therapeutic", 0.95, frozenset({"suicide"}), "conversation")
    assert not followup.raises_after_question("therapeutic", 0.95, frozenset({"suicide"}), "intl")
    assert not followup.raises_after_question("therapeutic", 0.85, frozenset({"suicide"}), "conversation")
    assert not followup.raises_after_question("therapeutic", 0.95, frozenset(), "conversation")
    assert followup.sure_small_talk(0.95, 0.01, "conversation")
    assert not followup.sure_small_talk(0.95, 0.06, "conversation")
    assert not followup.sure_small_talk(0.95, 0.01, "en")
