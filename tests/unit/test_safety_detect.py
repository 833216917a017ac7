"""Crisis detection without the embedding model: the lexicon rules from issue 5, one by one."""

import pytest

from calma.safety.detect import assess, split_sentences
from calma.safety.lexicon import scan_sentence


def lexicon(text):
    return assess(text, use_model=False)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("I'm not suicidal", "negated:suicidal"),
        ("I would never kill myself", "negated:kill myself"),
        ("I have no plans to hurt myself", "negated:hurt myself"),
        ("I don't want to die", "negated:want to die"),
        ("years ago I used to cut", "past-tense:used to cut"),
        ("I was suicidal in high school", "past-tense:suicidal"),
        ("my best friend died by suicide and I miss her", "past-tense:suicide"),
        ("I cut myself a big slice of cake", "idiom:cut myself"),
        ("my friend is self harming and I don't know how to help her", "third-person:self harming"),
        ("how do I support a friend who self-harms?", "third-person:self-harms"),
        ("my sister self-harms and I don't know how to bring it up", "third-person:self-harms"),
        ("how do I tell my therapist about my past self-harm?", "past-tense:self-harm"),
        ("I grew up in a house where my mom hit us", "past-tense:my mom hit"),
        ("I get intrusive thoughts about hurting my baby and they horrify me, I would never do it",
         "intrusive-thought:hurting my baby"),
    ],
)
def test_explained_away_crisis_words_are_not_a_crisis(text, reason):
    result = lexicon(text)
    assert not result.crisis, result.reasons
    assert reason in result.reasons
    assert result.model_used is False


@pytest.mark.parametrize(
    "text",
    [
        "this traffic is killing me",
        "I'd die for a coffee",
        "my feet are killing me after that hike",
        "my mom is going to kill me when she sees the kitchen",
        "I'm dying to see that movie",
        "that cake was to die for",
        "my phone is dead",
        "I killed it at the interview",
        "I'm writing an essay about suicide prevention",
        "I'm writing a school presentation on suicide prevention",
        "I'm going to strangle my brother if he eats my fries again lol",
    ],
)
def test_idioms_are_not_a_crisis(text):
    result = lexicon(text)
    assert not result.crisis, result.reasons
    assert result.crisis_score == 0.0


@pytest.mark.parametrize(
    "text, category",
    [
        ("I want to kill myself", "suicide"),
        ("i want to kms", "suicide"),
        ("thinking about how to unalive myself", "suicide"),
        ("im so sucidal rn", "suicide"),
        ("i wanna die", "suicide"),
        ("I don't want to live anymore", "suicide"),
        ("I can't stop thinking about killing myself", "suicide"),
        ("I don't know why I want to die", "suicide"),
        ("everyone would be better off without me", "suicide"),
        ("I have pills saved up and tonight I'm taking them all", "suicide"),
        ("I cut myself last night", "self_harm"),
        ("I used to cut but I started again last night", "self_harm"),
        ("I'm going to stab him", "harm_others"),
        ("I'm afraid I'll hurt my baby", "harm_others"),
        ("my husband hit me again tonight", "abuse_danger"),
        ("I'm scared he'll kill me when he gets home", "abuse_danger"),
        ("my friend says she's going to kill herself tonight", "suicide"),
        ("I'm going to shoot up the school lol", "harm_others"),  # a joke marker does not excuse a weapon
    ],
)
def test_current_crisis_is_detected_with_its_category(text, category):
    result = lexicon(text)
    assert result.crisis, result.reasons
    assert result.categories[category] >= 0.9
    assert any(r.startswith(f"lexicon:{category}:") for r in result.reasons)


def test_negation_does_not_hide_a_second_crisis_clause():
    assert lexicon("I'm not suicidal, but I bought a rope today").crisis


def test_past_tense_relapse_across_sentences_is_current():
    result = lexicon("I used to self harm years ago. I started again last night and I can't stop.")
    assert result.crisis, result.reasons


def test_crisis_sentence_buried_in_a_long_message_is_found():
    chatter = "Work was fine. I walked the dog and made pasta. The weather was nice for once. " * 8
    text = chatter + "Anyway, I've decided to end my life this weekend. " + "My sister called about her holiday plans."
    result = lexicon(text)
    assert result.crisis
    assert "end my life" in result.riskiest_sentence


def test_sentence_splitting_keeps_each_sentence():
    assert split_sentences("Hi there. I feel awful!\nBye") == ["Hi there.", "I feel awful!", "Bye"]


def test_small_talk_and_support_needs_are_told_apart_without_a_model():
    assert lexicon("I've been so anxious and lonely lately").therapeutic_score > 0.5
    assert lexicon("what's a good pasta recipe?").casual_score > 0.5


def test_typographic_apostrophes_are_normalized():
    assert lexicon("I don\u2019t want to live anymore").crisis
    assert not lexicon("I\u2019m not suicidal").crisis


def test_scan_sentence_reports_status_per_phrase():
    hits = scan_sentence("I'm not suicidal")
    assert [(h.category, h.status) for h in hits] == [("suicide", "negated")]


@pytest.mark.parametrize(
    "text, category",
    [
        ("sucicidal af rn", "suicide"),
        ("i wnat to kil myslef", "suicide"),
        ("I keep picturing hurting my baby and I'm scared I'll do it tonight", "harm_others"),  # not disowned
        ("my old scars are itching and I started cutting again tonight", "self_harm"),  # "my old" is no alibi
        ("honestly going to top myself this weekend", "suicide"),  # UK slang
        ("i might just do myself in", "suicide"),
        ("want to carve words into my skin rn", "self_harm"),
        ("sh'd again, worse than before", "self_harm"),
        ("I'll burn down the school with everyone in it", "harm_others"),
        ("i'm turning off my phone forever after this message", "suicide"),
    ],
)
def test_typos_and_owned_thoughts_stay_a_crisis(text, category):
    result = lexicon(text)
    assert result.crisis and result.categories[category] >= 0.9, result.reasons


@pytest.mark.parametrize(
    "text",
    ["I topped myself up with coffee", "I carved a pumpkin into a cat face", "the last sunset of summer was gorgeous",
     "I cut my own hair and it looks awful", "my sister would kill me if she knew I borrowed her jacket"],
)
def test_near_misses_of_the_new_patterns_are_not_a_crisis(text):
    assert not lexicon(text).crisis
