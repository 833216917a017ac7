"""The learned crisis signal (calma.safety.learned): deterministic training, a cache keyed by the
training files, features that survive missing accents and typos, and how route() combines it
with the rules (it raises, it never lowers a crisis). Every sentence here was written for this
test; none comes from the training files."""

from __future__ import annotations

import json

import numpy as np
import pytest

from calma.config import SafetySection
from calma.safety import learned, policy
from calma.safety.learned import CRISIS, Example
from calma.safety.policy import route, route_rules

pytest.importorskip("sklearn")

# A tiny training set of our own, in five languages: enough for the mechanics.
_TINY = [
    ("quiero matarme esta noche", "crisis", "es"), ("ya tengo las pastillas para acabar con todo", "crisis", "es"),
    ("estoy triste desde que me dejó mi novia", "therapeutic", "es"), ("no duermo bien por la ansiedad", "therapeutic", "es"),
    ("hola, ¿qué tal el finde?", "casual", "es"), ("¿me recomiendas una serie?", "casual", "es"),
    ("je vais me tuer ce soir", "crisis", "fr"), ("je me sens seul depuis le déménagement", "therapeutic", "fr"),
    ("salut, tu as vu le match ?", "casual", "fr"), ("ich will nicht mehr leben", "crisis", "de"),
    ("ich bin so traurig wegen der trennung", "therapeutic", "de"), ("wie wird das wetter morgen?", "casual", "de"),
    ("vou me matar hoje", "crisis", "pt"), ("ando muito ansiosa com o trabalho", "therapeutic", "pt"),
    ("oi, tudo bem?", "casual", "pt"), ("i have the rope ready for tonight", "crisis", "en"),
    ("i feel so lonely lately", "therapeutic", "en"), ("what's a good pasta recipe?", "casual", "en"),
]


def _tiny_files(extra: str = "") -> list[tuple[str, bytes]]:
    lines = [json.dumps({"id": f"t{i}", "text": t, "label": l, "lang": g}, ensure_ascii=False) for i, (t, l, g) in enumerate(_TINY)]
    conversation = {"id": "c1", "label": "crisis", "messages": [
        {"role": "user", "content": "i can't do this anymore"},
        {"role": "assistant", "content": "I'm here. Are you thinking about killing yourself?"},
        {"role": "user", "content": "yes"}]}
    calm = {"id": "c2", "label": "casual", "messages": [
        {"role": "user", "content": "planning a picnic"},
        {"role": "assistant", "content": "Fun! Do you need ideas for food?"},
        {"role": "user", "content": "yes"}]}
    convs = [json.dumps(c) for c in (conversation, calm)]
    return [("tiny_es.jsonl", ("\n".join(lines) + extra + "\n").encode()), ("tiny_conversations.jsonl", "\n".join(convs).encode())]


def test_labels_map_to_three_routes_and_groups_follow_the_writers_round():
    rows = learned.examples_from("x.jsonl", b'{"text": "a", "label": "self_harm"}\n{"text": "b", "label": "casual"}\n')
    assert [r.label for r in rows] == [CRISIS, learned.CASUAL]
    assert learned.group_of("round7_es_tune.jsonl") == learned.group_of("round7_conversations_hold.jsonl") == "round7"
    assert learned.group_of("corpus_fr.jsonl") == learned.group_of("corpus_de.jsonl") == "corpus_multilingual"
    assert learned.group_of("corpus_conversations.jsonl") == "corpus_conversations"
    assert learned.group_of("routing_train.jsonl") == "routing_train"


def test_context_is_the_assistant_just_before_and_the_earlier_user_turns():
    messages = [{"role": "user", "content": "one"}, {"role": "assistant", "content": "Q?"}, {"role": "user", "content": "two"}]
    assert learned.context_of(messages) == ("two", "Q?", ("one",))
    # two user turns in a row: the assistant message is not the one being answered
    assert learned.context_of(messages + [{"role": "user", "content": "three"}]) == ("three", "", ("one", "two"))


def test_training_is_deterministic():
    examples = learned.training_examples(_tiny_files())
    first, second = learned.fit(examples), learned.fit(examples)
    a, b = first.arrays(), second.arrays()
    assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
    assert first.conversation is not None


def test_cache_is_reused_and_invalidated_when_a_training_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("CALMA_HOME", str(tmp_path))
    files = _tiny_files()
    model = learned.load_or_train(files)
    path = learned.cache_path(files)
    assert path.is_file() and path.parent == tmp_path / "safety"
    monkeypatch.setattr(learned, "fit", lambda *a, **k: pytest.fail("retrained although the cache was valid"))
    again = learned.load_or_train(files)
    assert np.allclose(again.predict("quiero matarme"), model.predict("quiero matarme"))
    changed = _tiny_files(extra="\n" + json.dumps({"id": "new", "text": "me quiero morir", "label": "crisis", "lang": "es"}))
    assert learned.fingerprint(changed) != learned.fingerprint(files)
    calls = []
    monkeypatch.setattr(learned, "fit", lambda examples, **k: calls.append(len(examples)) or model)
    learned.load_or_train(changed)
    assert calls == [len(learned.training_examples(changed))]
    assert learned.cache_path(changed).is_file()


def test_the_fingerprint_covers_the_procedure(monkeypatch):
    files = _tiny_files()
    before = learned.fingerprint(files)
    monkeypatch.setattr(learned, "VERSION", learned.VERSION + "-next")
    assert learned.fingerprint(files) != before


def test_missing_accents_and_typos_keep_most_features():
    def grams(text):
        return set(learned.message_features(text)["c"])

    accented, bare, typo = grams("me siento fatal, ya no aguanto más"), grams("me siento fatal, ya no aguanto mas"), grams("me siento fatal ya no agunto mas")
    assert len(accented & bare) / len(bare) > 0.95  # the accent-free n-grams are all shared
    assert accented - bare and all(not g.isascii() for g in accented - bare)  # plus the accented ones
    assert len(bare & typo) / len(bare) > 0.7
    assert grams("NOOOO") == grams("nooo")  # repeats cut to two, case folded


def test_a_short_answer_is_crossed_with_the_question():
    feats = learned.context_features("yes", "I hear you. Are you thinking about suicide?", ("everything is awful",))
    assert "yes|suicide" in feats["x"] and "suicide" in feats["a"] and "awful" in feats["u"]
    assert "x" not in learned.context_features("we went to the beach and it was lovely and sunny", "Are you ok?", ())


@pytest.fixture(scope="module")
def model():
    trained = learned.load()
    if trained is None:
        pytest.fail(f"the learned signal did not load: {learned.load_error()}")
    return trained


@pytest.mark.parametrize("text, language", [
    ("ya no quiero seguir viviendo, esta noche me tomo todas las pastillas", "es"),
    ("je vais sauter du pont ce soir, j'ai écrit une lettre à ma sœur", "fr"),
    ("hab die tabletten gesammelt und heute nacht nehm ich sie alle", "de"),
    ("não aguento mais, comprei veneno e vou tomar hoje", "pt"),
    ("i've decided tonight is the night, the note is on my desk", "en"),
])
def test_clear_crises_get_a_high_crisis_probability(model, text, language):
    assert model.predict(text, language=language)[CRISIS] >= 0.5


@pytest.mark.parametrize("text, language", [
    ("hola! a qué hora abre la biblioteca el sábado?", "es"),
    ("tu connais une bonne recette de crêpes ?", "fr"),
    ("wir grillen heute abend, kommst du auch?", "de"),
    ("qual é o melhor horário pra ir à praia?", "pt"),
])
def test_small_talk_gets_a_low_crisis_probability(model, text, language):
    probs = model.predict(text, language=language)
    assert probs[CRISIS] < 0.3 and int(np.argmax(probs)) == learned.CASUAL


def test_yes_after_a_suicide_question_reads_differently_from_yes_after_a_picnic_question(model):
    risky = model.predict("sí", "Gracias por contármelo. ¿Estás pensando en quitarte la vida?", ("ya no puedo más con nada",), "es")
    picnic = model.predict("sí", "¡Qué bien! ¿Quieres ideas para la comida del picnic?", ("vamos de picnic el domingo",), "es")
    assert risky[CRISIS] > picnic[CRISIS] + 0.15
    assert int(np.argmax(picnic)) != CRISIS


def test_the_rules_cues_are_features_of_the_conversation_model():
    cues = learned.rule_cues("oui", "Merci. Est-ce que tu penses au suicide ?", ("je n'en peux plus",), "fr")
    assert cues["asks:suicide"] and cues["cue:affirm"] and cues["suicide&affirm"]
    assert not learned.rule_cues("oui", "On va au cinéma ce soir ?", (), "fr")["asks:suicide"]


def _conv(*turns):
    return [{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)]


def test_route_never_lowers_a_rules_crisis(monkeypatch):
    messages = _conv("quiero matarme esta noche")
    assert route_rules(messages, SafetySection()).route == "crisis"
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.98, 0.01, 0.01))
    assert route(messages).route == "crisis"


def test_route_raises_support_to_crisis_small_talk_to_the_check_in_and_a_support_need_out_of_small_talk(monkeypatch):
    limits = {"raise": 0.8, "check_in": 0.5, "support": 0.3}
    monkeypatch.setitem(learned.THRESHOLDS, "en", limits)
    sad, small_talk = _conv("i've been feeling really sad and alone lately"), _conv("how was your weekend?")
    assert route_rules(sad, SafetySection()).route == "therapeutic"
    assert route_rules(small_talk, SafetySection()).route == "casual"
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.0, 0.1, 0.9))
    raised = route(sad)
    assert raised.route == "crisis" and raised.reply and any(r.startswith("learned:crisis=") for r in raised.reasons)
    # small talk by the rules: the check-in at most (learned.RAISE_FROM_SMALL_TALK is off)
    assert route(small_talk).route == ("crisis" if learned.RAISE_FROM_SMALL_TALK else "check_in")
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.4, 0.0, 0.6))
    assert route(small_talk).route == "check_in" and route(sad).route == "check_in"
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.2, 0.7, 0.1))
    assert route(small_talk).route == "therapeutic"
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.9, 0.1, 0.0))
    assert route(small_talk).route == "casual" and route(sad).route == "therapeutic"
    monkeypatch.setattr(learned, "predict", lambda m, language="en": None)  # unavailable: the rules alone
    assert route(small_talk).route == "casual"


def test_nothing_is_raised_where_the_rules_explained_the_words_away_or_after_a_crisis(monkeypatch):
    monkeypatch.setitem(learned.THRESHOLDS, "en", {"raise": 0.5, "check_in": 0.3, "support": 0.3})
    monkeypatch.setitem(learned.THRESHOLDS, "conversation", {"raise": 0.5, "check_in": 0.3, "support": 0.3})
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.0, 0.0, 1.0))
    assert route(_conv("years ago i used to cut myself, these days i'm mostly just stressed")).route != "crisis"
    from calma.safety.replies import crisis_reply

    after = _conv("i want to end my life", crisis_reply("en-US"), "thanks, i called the line and my sister is here")
    assert route(after).route == "therapeutic" and route(after).resources
    assert route(_conv("quiero matarme"), SafetySection(use_classifier=False)).reasons[-1] == route_rules(
        _conv("quiero matarme"), SafetySection(use_classifier=False)).reasons[-1]  # lexicon-only: no learned signal


def test_no_check_in_right_after_the_suicide_question_was_answered(monkeypatch):
    messages = _conv("rough day", "I'm sorry. Are you having thoughts of suicide?", "no, just tired")
    monkeypatch.setattr(learned, "predict", lambda m, language="en": (0.4, 0.0, 0.6))
    assert route(messages).route != "check_in"


def test_use_learned_false_is_the_rules_alone(monkeypatch):
    monkeypatch.setattr(learned, "predict", lambda m, language="en": pytest.fail("the learned signal was consulted"))
    messages = _conv("what's the capital of peru?")
    assert route(messages, SafetySection(use_learned=False)).route == route_rules(messages, SafetySection()).route


def test_the_cross_validation_simulation_agrees_with_route():
    from calma.safety.learned_cv import combined_routes

    cases = [_conv("hola, qué tal?"), _conv("estoy muy triste"), _conv("quiero matarme"),
             _conv("i'm fine", "Are you having thoughts of suicide?", "no")]
    cfg = SafetySection()
    limits = {"raise": 0.9, "check_in": 0.45, "support": 0.3, "from_small_talk": learned.RAISE_FROM_SMALL_TALK}
    for probs in ((0.9, 0.0, 0.1), (0.2, 0.7, 0.1), (0.5, 0.0, 0.5), (0.2, 0.0, 0.8), (0.0, 0.03, 0.97)):
        for messages in cases:
            decision = route_rules(messages, cfg)
            probe = policy.with_learned(decision, messages, cfg, probs=(0.0, 0.0, 0.5), limits={"raise": 2.0, "check_in": 0.0, "support": 0.0})
            raised = policy.with_learned(decision, messages, cfg, probs=(0.0, 0.0, 1.0), limits={"raise": 0.0, "check_in": 0.0, "support": 0.0})
            rules = [{"route": decision.route, "check_in_ok": probe.route == "check_in", "raise_ok": raised.route == "crisis"}]
            expected = policy.with_learned(decision, messages, cfg, probs=probs, limits=limits).route
            assert combined_routes(rules, np.array([probs]), limits) == [expected]


def test_thresholds_are_chosen_by_the_models_cost_on_held_out_folds():
    from calma.safety.learned_cv import choose_thresholds

    rng = np.random.default_rng(0)
    labels = np.repeat([learned.CASUAL, learned.THERAPEUTIC, CRISIS], 200)
    crisis = np.concatenate([rng.uniform(0, 0.6, 200), rng.uniform(0, 0.7, 200), rng.uniform(0.3, 1.0, 200)])
    probs = np.stack([1 - crisis, np.zeros_like(crisis), crisis], axis=1)
    chosen = choose_thresholds(labels, probs)
    assert (crisis[labels == learned.CASUAL] >= chosen["raise"]).mean() <= 0.02
    assert (crisis[labels == learned.THERAPEUTIC] >= chosen["raise"]).mean() <= 0.05
    assert chosen["check_in"] <= chosen["raise"]
    assert (crisis[labels == learned.CASUAL] >= chosen["check_in"]).mean() <= 0.05


def test_domains():
    assert learned.domain_of(_conv("hola"), "es") == "intl"
    assert learned.domain_of(_conv("hello"), "en") == "en"
    assert learned.domain_of(_conv("hola", "¿Qué tal?", "bien"), "es") == "conversation"
    assert set(learned.THRESHOLDS) == {"en", "intl", "conversation"}
    assert all({"raise", "check_in", "support"} <= set(t) <= {"raise", "check_in", "support", "raise_small_talk", "casual"}
               and (t["check_in"] <= t["raise"] or t["check_in"] > 1) and t.get("raise_small_talk", 1.01) >= t["raise"]
               for t in learned.THRESHOLDS.values())


def test_example_domain():
    e = Example("x", "f.jsonl", "f", "fr", "message", "salut")
    assert e.domain == "intl" and Example("y", "f", "f", "en", "conversation", "hi").domain == "conversation"
