"""Cue combinations, texting shorthand and the risk-word margins (no embedding model needed:
the classifier is replaced by fixed probabilities where a test needs one)."""

import numpy as np
import pytest

from calma.safety import classifier, detect
from calma.safety.detect import assess
from calma.safety.policy import _assess_cached, route
from calma.safety.signals import expand_shorthand, risk_level


def lexicon(text):
    return assess(text, use_model=False)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ngl im gonna do it tn", "honestly I'm going to do it tonight"),
        ("thinking abt it w/ my sis rn", "thinking about it with my sis right now"),
        ("idk, wanna sleep", "I don't know, want to sleep"),
        ("I feel ill today", "I feel ill today"),
        ("posted on r/anxiety", "posted on r/anxiety"),
    ],
)
def test_shorthand_is_spelled_out(text, expected):
    assert expand_shorthand(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # kind 1: texting style, euphemism + preparation or despair
        "tbh gonna end it all this wknd, my stuff is already boxed up and i set the date",
        "idc abt anything now. ordered the pills, they arrive tmrw",
        "ive got it all figured out, nobody would even notice im gone",
        "gonna check out for good after my shift",
        "cant keep doing this anymore, my letters are written",
        "wrote goodbye notes to my kids and im so tired",
        "just wanna be done with everything, the rope's in my car",
        "i'm finally going through with it tn",
        "the package with the stuff comes friday and then i can stop",
        "honestly i feel calm now that i picked the spot",
        # finality farewells
        "pls look after my dog for me, i won't be around after tonight",
        "this is my final message, thank you for everything",
        "goodbye forever, tell mom i'm sorry",
    ],
)
def test_texting_style_crisis_with_preparation_is_caught_by_the_lexicon(text):
    result = lexicon(text)
    assert result.crisis, result.reasons
    assert any(r.startswith("lexicon:suicide") for r in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "i'm going to stir antifreeze into my uncle's tea",
        "got the stuff, dropping it in her drink at dinner",
        "i have my brother's shotgun and i know where she works, going there after lunch",
        "i'll be waiting for him behind the gym with a hammer",
        "lacing my boss's coffee with rat poison starting monday",
        "gonna make him sick, i already crushed pills into his soup",
    ],
)
def test_harm_to_others_with_means_is_a_crisis(text):
    result = lexicon(text)
    assert result.crisis, result.reasons
    assert result.categories["harm_others"] >= 0.9


@pytest.mark.parametrize(
    "text",
    [
        "got everything ready for the camping trip tomorrow",
        "checking out of the hotel at noon",
        "I'm ending it with my boyfriend tonight, he cheated",
        "put cinnamon in her coffee, she loved it",
        "we wrote notes in class today, I'm so tired",
        "see you tomorrow!",
        "talk later, bye for now",
        "my brother bought a knife set for mom, he is going to wrap it tonight",
        "going to the lake tonight and not coming back until sunday",
        "I'm scared I'll hurt someone's feelings if I say no",
        "my trainer is going to destroy me tomorrow",
        "finally i can rest this weekend after exams",
        "two more shifts and then i can stop working overtime",
    ],
)
def test_everyday_messages_with_single_cues_are_not_a_crisis(text):
    result = lexicon(text)
    assert not result.crisis, result.reasons


def test_a_plan_told_in_the_past_is_not_a_crisis():
    text = "back in 2014 I had it all planned and I was so tired of everything; I'm in a good place now"
    assert not lexicon(text).crisis, lexicon(text).reasons


@pytest.mark.parametrize(
    "text, level",
    [("see you tomorrow", 0), ("how do I turn off notifications", 0), ("I'm so done, ready for bed", 1),
     ("I have pills saved", 2), ("he is following me", 2), ("cleaning the garage this weekend", 1)],
)
def test_risk_levels(text, level):
    assert risk_level(text) == level


@pytest.fixture
def fixed_classifier(monkeypatch):
    """A classifier that gives every unit the same crisis probability `p` (set by the test)."""
    probability = {"p": 0.0}

    def predict(texts):
        p = probability["p"]
        row = [1 - p, 0.0, p, 0.0, 0.0, 0.0]  # no therapeutic mass: only the risk rule can lift it
        return np.array([row for _ in texts])

    monkeypatch.setattr(classifier, "predict", predict)
    monkeypatch.setattr(classifier, "neighbour_margins", lambda texts: np.zeros(len(texts)))  # no second opinion
    _assess_cached.cache_clear()
    yield probability
    _assess_cached.cache_clear()


def test_no_risk_words_need_a_confident_classifier(fixed_classifier):
    fixed_classifier["p"] = 0.45
    neutral = assess("see you tomorrow")
    assert not neutral.crisis and any(r.startswith("risk-words:none") for r in neutral.reasons)
    assert assess("I have the pills here").crisis  # a strong risk word: the plain threshold
    fixed_classifier["p"] = 0.35  # between the strong-word and the weak-word thresholds
    assert not assess("I'm so done, ready for bed").crisis
    assert assess("I have the pills here").crisis
    assert route([{"role": "user", "content": "see you tomorrow"}]).route == "casual"  # little crisis mass is no support need
    fixed_classifier["p"] = 0.55
    assert assess("see you tomorrow").crisis  # a confident classifier still routes it


def test_substantial_crisis_mass_without_risk_words_is_not_small_talk(fixed_classifier):
    fixed_classifier["p"] = 0.45  # under the no-risk-word threshold (0.50), over the not-casual one (0.40)
    decision = route([{"role": "user", "content": "after friday none of it will concern me"}])
    assert decision.route == "therapeutic" and "possible-risk:not small talk" in decision.assessment.reasons
    fixed_classifier["p"] = 0.30
    _assess_cached.cache_clear()
    assert route([{"role": "user", "content": "after friday none of it will concern me"}]).route == "casual"


def test_the_neighbour_margin_moves_the_crisis_score(fixed_classifier, monkeypatch):
    fixed_classifier["p"] = 0.20  # alone under every threshold
    assert not assess("dad's gun is in the drawer").crisis
    monkeypatch.setattr(classifier, "neighbour_margins", lambda texts: np.full(len(texts), 0.3))
    _assess_cached.cache_clear()
    boosted = assess("dad's gun is in the drawer")
    assert boosted.crisis and abs(boosted.crisis_score - 0.35) < 1e-6
    monkeypatch.setattr(classifier, "neighbour_margins", lambda texts: np.full(len(texts), -0.5))
    fixed_classifier["p"] = 0.45
    assert not assess("I have the pills here").crisis  # a near-copy of a casual example pulls it down


def test_a_lexicon_crisis_is_never_vetoed_by_the_margins(fixed_classifier):
    fixed_classifier["p"] = 0.0
    result = assess("gonna end it all tn, got everything ready")
    assert result.crisis and result.crisis_score >= 0.9


def test_possible_risk_below_the_threshold_is_never_small_talk(fixed_classifier):
    fixed_classifier["p"] = 0.27
    decision = route([{"role": "user", "content": "the rope is still in the garage"}])
    assert decision.route == "therapeutic", decision.to_dict()
    assert "possible-risk:not small talk" in decision.assessment.reasons
    fixed_classifier["p"] = 0.1
    _assess_cached.cache_clear()
    assert route([{"role": "user", "content": "the rope is still in the garage"}]).route == "casual"
    fixed_classifier["p"] = 0.27
    assert route([{"role": "user", "content": "see you at the garden party"}]).route == "casual"  # no risk words


def test_a_game_or_story_explains_every_clause_of_its_sentence(fixed_classifier):
    fixed_classifier["p"] = 0.5
    assert not assess("the boss fight took me 3 hours but I finally killed him").crisis
    assert assess("it took me 3 hours but I finally killed him").crisis  # no game: the classifier decides
    assert assess("after this game I'm going to kill myself").crisis  # a lexicon crisis is never a game
