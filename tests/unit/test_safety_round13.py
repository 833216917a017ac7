"""Round 13: history-driven crisis raises need the earlier risk to still be live (`safety.history`),
an engaged answer in between is no deflection (`followup.deflection`), questions that point back
at suicide ("thoughts like that?"), and Quebec French "mettons que oui"."""

from types import SimpleNamespace

import pytest

from calma.config import SafetySection
from calma.safety import followup, history
from calma.safety.conversation import assistant_asks
from calma.safety.intl import lexicon
from calma.safety.policy import _classifier_only, _read, route_rules

RULES = SafetySection(use_learned=False)


def conv(*turns):
    return [{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)]


FRAMED_OPENERS = [
    "in the graphic novel i'm drawing, the main character self-harms after the war",
    "our gaming clan is going to shoot everyone on the other team in minecraft tonight",
    "i'm a nurse and we had a seminar about self-harm in teenagers",
]


@pytest.mark.parametrize("opener", FRAMED_OPENERS)
def test_a_risk_topic_in_a_frame_does_not_make_later_small_talk_a_crisis(opener):
    assert _read(opener, "en", RULES.crisis_threshold, RULES).assessment.crisis  # its own turn is still read as one
    decision = route_rules(conv(opener, "Oh, interesting. How is it going?", "pretty well. what's a good brand of fineliner pens for inking?"), RULES)
    assert decision.route != "crisis" and not decision.careful


def test_a_risk_topic_in_a_frame_is_still_a_crisis_when_it_is_the_latest_message():
    assert route_rules(conv(FRAMED_OPENERS[0]), RULES).route == "crisis"


@pytest.mark.parametrize("opener", [
    "i'm writing a story but honestly i want to kill myself",  # the user's own risk, whatever the frame
    "i'm researching suicide methods for a paper",  # method words are never a mere topic
])
def test_the_users_own_risk_or_a_method_stays_live(opener):
    decision = route_rules(conv(opener, "Can I ask what's going on?", "what's a normal word count for it anyway"), RULES)
    assert decision.route == "crisis"


def test_framed_needs_a_frame_and_no_first_person_phrase():
    def turn(text):
        return _read(text, "en", RULES.crisis_threshold, RULES)

    nurse = FRAMED_OPENERS[2]
    assert history.framed(turn(nurse), nurse)
    own = "i'm a nurse and i want to kill myself"
    assert not history.framed(turn(own), own)


CANT_TAKE_IT = ("i can't take it anymore", "I'm here. Are you thinking about killing yourself?")


def test_a_no_with_an_explanation_settles_the_alarm():
    turns = (*CANT_TAKE_IT, "no no, sorry, i meant my upstairs neighbours and their drum practice every single night",
             "Oh, that sounds maddening. Have you talked to them?", "not yet. how do i write a polite note about noise")
    decision = route_rules(conv(*turns), RULES)
    assert decision.route != "crisis" and not decision.careful


def test_a_bare_no_does_not_settle_the_alarm():
    turns = (*CANT_TAKE_IT, "no", "Okay. What's been going on?", "anyway what's on tv tonight")
    decision = route_rules(conv(*turns), RULES)
    assert decision.route == "crisis" and decision.reasons[0] == followup.DEFLECTION


BOSS = ("i'm going to kill my boss", "Whoa, what happened?")


def test_an_engaged_answer_in_between_is_no_deflection():
    turns = (*BOSS, "he called a mandatory meeting at six on a friday and then cancelled it once we were all sitting there",
             "Ugh, that's so frustrating.", "anyway, what's a good takeout place for tonight?")
    assert route_rules(conv(*turns), RULES).route != "crisis"


def test_an_evasive_answer_in_between_still_makes_a_deflection():
    turns = (*BOSS, "whatever", "Okay, I'm here if you want to talk.", "anyway, what's a good takeout place for tonight?")
    decision = route_rules(conv(*turns), RULES)
    assert decision.route == "crisis" and decision.reasons[0] == followup.DEFLECTION


def _turn(**flags):
    base = dict(passive=None, euphemism=False, plan=False, act=False, method_question=None, ed_question=False, retract=False,
                means=False, time=False, now=False, deny=False, starts_no=True, language="en", intent=False, distress=False,
                assessment=SimpleNamespace(crisis=True))
    base.update(flags)
    return SimpleNamespace(**base)


def test_denies_asked_risk_only_for_a_clean_no_to_the_suicide_question():
    text = "no, zero urges. i just feel wound up"
    suicide = frozenset({"suicide"})
    assert history.denies_asked_risk(_turn(), text, suicide, True)
    assert not history.denies_asked_risk(_turn(), text, frozenset(), True)  # no risk question asked
    assert not history.denies_asked_risk(_turn(), text, suicide, False)  # a lexicon crisis stands
    assert not history.denies_asked_risk(_turn(means=True), text, suicide, True)
    assert not history.denies_asked_risk(_turn(time=True), text, suicide, True)
    assert not history.denies_asked_risk(_turn(retract=True), text, suicide, True)
    assert not history.denies_asked_risk(_turn(), "yes but only a little", suicide, True)
    # a "no" that begins a sentence is no answer
    assert not history.denies_asked_risk(_turn(), "no one would even miss me", suicide, True)
    assert not history.denies_asked_risk(_turn(), "no puedo más con esto", suicide, True)
    assert history.denies_asked_risk(_turn(), "none, honestly. just tired of the commute", suicide, True)


def test_a_classifier_only_crisis_reading_of_a_clear_no_goes_to_support():
    answer = "no, zero urges at all. i just feel like that overwhelmed kid again and i hate it"
    turn = _read(answer, "en", RULES.crisis_threshold, RULES)
    if not (turn.assessment.crisis and _classifier_only(turn.assessment)):
        pytest.skip("needs the embedding classifier's crisis reading of this answer")
    decision = route_rules(conv("my new job has me so anxious it reminds me of being a teenager",
                                "That makes sense. Are you having any urges to hurt yourself now?", answer), RULES)
    assert decision.route == "therapeutic" and decision.reasons[0].startswith("answered the assistant's question about suicide")


def test_a_no_that_brings_means_and_a_time_is_still_a_crisis():
    decision = route_rules(conv("everything is too much", "Are you thinking about killing yourself?",
                                "no, but i have the pills counted out for tonight"), RULES)
    assert decision.route == "crisis"


BACK_REFERENCE = "That sounds exhausting. Sometimes when people feel this low they think about suicide. Have you had thoughts like that?"


def test_a_question_pointing_back_at_suicide_asks_about_suicide():
    assert "suicide" in assistant_asks(BACK_REFERENCE)
    assert "suicide" not in assistant_asks("That sounds fun. Have you done anything like that before?")


def test_yes_to_a_question_pointing_back_at_suicide_is_a_crisis():
    assert route_rules(conv("everything has felt so heavy for months", BACK_REFERENCE, "yes"), RULES).route == "crisis"


def test_quebec_mettons_que_oui_is_a_yes():
    affirm = lexicon("fr")["affirm"]
    assert affirm.match("mettons que oui") and affirm.match("disons que oui. samedi")
    decision = route_rules(conv("j'ai tout rangé et j'ai donné mon chat à ma voisine",
                                "Ça m'inquiète un peu. Est-ce que tu penses à mettre fin à tes jours ?", "mettons que oui"), RULES)
    assert decision.route == "crisis"


def test_a_yes_in_between_is_never_an_engaged_answer():
    turns = ("i keep thinking about driving off the overpass on purpose", "Thank you for telling me. Are you having those thoughts now?",
             "yeah pretty much every single night on the drive back from my shift", "That sounds so heavy. Are you driving right now?",
             "just getting some groceries")
    decision = route_rules(conv(*turns), RULES)
    assert decision.route == "crisis"
