"""Round 8: an offline English gloss of es/pt/fr/de messages (`calma.safety.gloss`), read by the
English lexicon and classifier, combined with the per-language rules."""

import json
from pathlib import Path

import pytest

from calma.safety.detect import RiskAssessment
from calma.safety.gloss import combine, gloss
from calma.safety.policy import route

RESOURCES = Path(__file__).resolve().parents[2] / "src" / "calma" / "safety" / "resources"


def conv(*turns):
    roles = ("user", "assistant")
    return [{"role": roles[i % 2], "content": t} for i, t in enumerate(turns)]


@pytest.mark.parametrize("text, lang, expected", [
    # clitics before and after the verb, and across an auxiliary or modal
    ("quiero matarme", "es", "i want to kill myself"),
    ("me quiero matar", "es", "i want to kill myself"),
    ("me estoy cortando", "es", "cutting myself"),
    ("quero me matar", "pt", "i want to kill myself"),
    ("quero matar-me", "pt", "i want to kill myself"),
    ("je veux me tuer", "fr", "i want to kill myself"),
    ("ich will mich umbringen", "de", "i want to kill myself"),
    # German separable verbs and verb-final infinitives
    ("ich bringe mich heute um", "de", "i kill myself today"),
    ("ich will mich heute nacht umbringen", "de", "i want to kill myself tonight"),
    # an object clitic with a third-person verb is "me", not "myself"
    ("mi padrastro me pega", "es", "he hits me"),
    ("mein mann schlägt mich", "de", "hits me"),
    # negation placed before the verb
    ("no quiero morir", "es", "i don't want to die"),
    ("je veux pas mourir", "fr", "i don't want to die"),
    ("je ne veux pas mourir", "fr", "i don't want to die"),
    ("ich will nicht sterben", "de", "i don't want to die"),
    ("ya no quiero vivir", "es", "i no longer want to live"),
    ("je ne veux plus vivre", "fr", "i no longer want to live"),
    ("ich will nicht mehr leben", "de", "i no longer want to live"),
    ("não quero mais viver", "pt", "i no longer want to live"),
    # inflections, accents, dropped subjects, past and imperfect
    ("Mañana me AVIENTO del puente", "es", "tomorrow i throw myself off the bridge"),
    ("me cortaba", "es", "i used to cut myself"),
    ("je me suis coupée", "fr", "i have cut myself"),
    ("hab mich gestern geritzt", "de", "i have cut myself yesterday"),
    ("nicht dass ich mich umbringen will", "de", "i don't want to kill myself"),
])
def test_gloss_morphology(text, lang, expected):
    assert expected in gloss(text, lang)


def test_gloss_is_pure_and_other_languages_empty():
    assert gloss("quiero dormir", "es") == gloss("quiero dormir", "es")
    assert gloss("hello there", "en") == ""
    assert gloss("", "fr") == ""


def _assessment(crisis=False, score=0.0, reasons=(), therapeutic=0.2):
    cats = {c: 0.0 for c in ("suicide", "self_harm", "harm_others", "abuse_danger")}
    if crisis:
        cats["suicide"] = score
    return RiskAssessment(crisis, score, cats, therapeutic, 1 - therapeutic, list(reasons))


def test_combine_rules_crisis_stands():
    rules = _assessment(True, 0.95, ["lexicon:suicide:matarme"])
    assert combine(rules, _assessment(), "x").crisis


def test_combine_gloss_lexicon_and_confident_classifier():
    rules = _assessment()
    assert combine(rules, _assessment(True, 0.95, ["lexicon:suicide:kill myself"]), "i want to kill myself").crisis
    assert combine(rules, _assessment(True, 0.8, ["classifier:crisis=0.80"]), "i wrote the letters, goodbye").crisis
    weak = combine(rules, _assessment(True, 0.4, ["classifier:crisis=0.40"]), "i wrote the letters, goodbye")
    assert not weak.crisis
    # the classifier alone on a gloss without a single risk word is noise
    assert not combine(rules, _assessment(True, 0.8, ["classifier:crisis=0.80"]), "how do i bake bread?").crisis
    # everyday medication
    assert not combine(rules, _assessment(True, 0.9, ["classifier:crisis=0.90"]), "i take tonight my pills").crisis


def test_combine_explanations_stand_against_the_classifier():
    """A phrase the rules explained away (negated, past, idiom) is not made a crisis by the classifier alone."""
    for why in ("negated:matarme", "past-tense:me cortaba", "idiom:me muero de risa"):
        rules = _assessment(reasons=[why])
        assert not combine(rules, _assessment(True, 0.8, ["classifier:crisis=0.80"]), "g").crisis


def test_combine_english_explanation_is_no_crisis():
    english = _assessment(True, 0.7, ["negated:want to die", "classifier:crisis=0.70"])
    assert not combine(_assessment(), english, "i don't want to die").crisis


@pytest.mark.parametrize("text", [
    "wey ya me canse, mañana me aviento del puente de la autopista y ya",
    "todo mundo ia ficar melhor sem mim, ja dei meu videogame e minhas roupas pros meus primos",
    "j'ai ecrit une lettre pour mes parents, c'est la derniere chose que je fais",
    "ich denk dran von der brücke bei uns zu springen, war gestern schon da",
])
def test_gloss_finds_crises_the_rules_miss(text):
    assert route(conv(text)).route == "crisis"


@pytest.mark.parametrize("text", [
    "este trafico me esta matando, llevo una hora en el mismo lugar",
    "me muero de hambre, que puedo cocinar con arroz y huevos?",
    "esse calor ta me matando, alguem tem dica de sorvete bom?",
    "cette chaleur me tue, une idee de glace sympa?",
    "je vais me couper les cheveux demain, court ou mi long?",
    "diese hitze bringt mich um, kennt jemand ne gute eisdiele?",
    "meine chefin bringt mich um wenn ich wieder zu spät komme haha",
])
def test_idioms_stay_out_of_crisis(text):
    assert route(conv(text)).route != "crisis"


@pytest.mark.parametrize("text", [
    "no quiero morirme ni nada asi, solo estoy super cansada de pelear con mi mama",
    "hace dos años me cortaba pero ya no lo hago, aunque hoy me siento muy sola",
    "je veux pas mourir hein, je suis juste epuisée par le boulot",
    "früher hab ich mich geritzt aber das ist jahre her, heute bin ich nur traurig",
])
def test_negated_and_past_stay_support(text):
    assert route(conv(text)).route == "therapeutic"


@pytest.mark.parametrize("lang", ["es", "pt", "fr", "de"])
def test_round8_dev_files_are_balanced(lang):
    for part in ("tune", "hold"):
        rows = [json.loads(l) for l in (RESOURCES / f"round8_{lang}_{part}.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
        assert len(rows) >= 30
        assert {r["lang"] for r in rows} == {lang}
        counts = {label: sum(r["label"] == label for r in rows) for label in ("crisis", "therapeutic", "casual")}
        assert min(counts.values()) >= 10
