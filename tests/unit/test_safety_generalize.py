"""Round 5: crisis cues from each language's structure (stems.py), and conversations whose
casual last message must not inherit an earlier, resolved or false, crisis."""

import pytest

from calma.safety.policy import route
from calma.safety.replies import crisis_reply, resources_line


def conv(*turns):
    roles = ("user", "assistant")
    return [{"role": roles[i % 2], "content": t} for i, t in enumerate(turns)]


@pytest.mark.parametrize("text", [
    "esta noche me tomo todas las pastillas",          # es: means + taking them all + a time
    "me voy a aventar del puente",                     # es: a high place + jumping
    "ya no kiero vivir",                               # es: typo, refusing life
    "ja separei os comprimidos pra tomar tudo hoje",   # pt: preparation + means
    "n aguento mais viver",                            # pt: shorthand negation, refusing life
    "je vais avaler toute la boîte de cachets",        # fr: means + taking them all
    "jveux plus vivre",                                # fr: slang without "ne"
    "ich spring heute vom dach",                       # de: place + jumping + time
    "ich bringe mich heute um",                        # de: separable verb split
    "er schlägt mich gerade und hat ein messer",       # de: a blow + now + a weapon
    "il me frappe maintenant, j'ai peur",              # fr: a blow + now + fear
])
def test_structural_crisis_in_other_languages(text):
    assert route(conv(text)).route == "crisis"


@pytest.mark.parametrize("text", [
    "compré pastillas para el dolor de cabeza",
    "no quiero matarme, solo estoy triste",
    "hace años quería morir, hoy estoy bien",
    "mi abuela murió el año pasado",
    "morri de rir com esse meme",
    "não quero me matar, só tô cansada",
    "j'ai acheté des médicaments pour mon rhume",
    "je meurs de faim",
    "ich will mich nicht umbringen, aber ich bin traurig",
    "ich habe tabletten gegen kopfschmerzen gekauft",
    "wir springen heute in den see",
])
def test_negated_past_idiom_and_remedies_are_not_crises(text):
    assert route(conv(text)).route != "crisis"


@pytest.mark.parametrize("text,language", [
    ("siento que mis padres nunca me valoran", "es"),
    ("ando muito irritado com tudo", "pt"),
    ("je n'ai plus confiance en moi", "fr"),
    ("ich kann seit tagen nicht einschlafen", "de"),
])
def test_feelings_go_therapeutic(text, language):
    decision = route(conv(text))
    assert decision.route == "therapeutic" and decision.language == language


def test_everyday_plan_question_is_not_a_suicide_plan_question():
    messages = conv("ugh so stressed about finals lol", "Finals are rough! Do you have a plan for tonight?", "yeah, pizza and a movie")
    assert route(messages).route != "crisis"


def test_classifier_noise_in_an_earlier_turn_does_not_make_the_conversation_careful():
    assert route(conv("i'm going skydiving", "Wow! Are you sure that's safe?", "no but it'll be fun")).route != "crisis"
    assert route(conv("i'm dying lol", "Haha, what happened?", "tripped in front of my crush")).route != "crisis"


def test_small_talk_long_after_a_crisis_is_casual_and_keeps_the_resources():
    messages = conv("i want to end my life", crisis_reply("en-US"), "thanks, i called them, my sister is here",
                    "I'm glad she's with you.", "we're watching a movie", "That sounds good.",
                    "can you recommend a comedy from the 90s?")
    decision = route(messages)
    assert decision.route == "casual" and decision.resources == resources_line("en-US")


def test_a_time_in_a_sentence_about_something_else_does_not_add_up():
    messages = conv("i want to kill myself", crisis_reply("en-US"), "ok thanks", "I'm here.", "it passed, i'm ok",
                    "I'm glad.", "going to the gym tonight")
    assert route(messages).route != "crisis"


def test_a_bare_time_right_after_a_crisis_is_still_a_crisis():
    assert route(conv("i want to die", crisis_reply("en-US"), "tonight")).route == "crisis"
    assert route(conv("i want to die", "When?", "tonight")).route == "crisis"
