"""Which language a user writes in, offline: our own stop-word counts first, py3langid second.

The crisis gate must read the user's language and answer in it, and a short message ("sí",
"jk", "tonight") carries too little for any statistical detector (py3langid calls "hola"
Zulu), so the words people write most in each supported language decide first, with the
letters only one language uses (ñ ¿ ã õ ß œ) as extra votes. py3langid (a maintained, pure
numpy fork of langid.py with its model inside the wheel, about 0.05 ms a message) settles
longer texts and recognises the languages we do not support. A message too short to tell
takes the language of the conversation so far (`conversation_language`).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from calma.safety.textfold import fold

SUPPORTED = ("en", "es", "pt", "fr", "de")
NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German"}

_STOPWORDS = {
    "en": "the and i i'm im i've i'll you your is are am was my me to it it's that this what have has not don't dont "
          "just feel feeling so but with for of can't cant want do does how be like an lol ok okay yes yeah hi hey "
          "hello thanks please tonight anymore really know think about there they we he she would could should "
          "been being at on in if or all get got going gonna wanna because when why who",
    "es": "el la de los las que y un una es estoy está esta este eso yo pero por para con muy todo toda nada quiero "
          "tengo hola gracias sí qué cómo como porque ya más también hoy noche puedo siento vida hacer bien soy "
          "hay nadie nunca cuando donde dónde mí mis tu tú te se lo le nos del al estás estaba fue quiera creo "
          "así ahora mañana casa mamá papá algo alguien sé me mi va voy vas van son mucho bueno pues tan estar ser "
          "tiene tienes puedes quieres eres ella él porqué ayer siempre da hace desde anoche otra vez jaja jajaja",
    "pt": "o de me os as que e em um uma não nao eu meu minha você voce vc está estou tô com para pra mas muito tudo "
          "nada quero tenho olá oi obrigado obrigada sim hoje noite isso isto posso sinto vida fazer bem sou "
          "ninguém ninguem nunca quando onde também já mais mim comigo né ele ela é do da dos das no na nos "
          "agora amanhã casa mãe pai alguém algo sei acho bom boa dia tá vou vai estava ontem sempre "
          "queria consigo aguento sinto novo desde fico pode kkk kkkk outra vez",
    "fr": "le la de les des du et un une est je j'ai tu il elle nous vous ne pas moi mon ma mes qui pour avec mais très "
          "tout rien veux suis ai bonjour salut merci oui non ce cette ça c'est plus aujourd'hui soir vie faire "
          "personne jamais quand où aussi déjà au aux sur dans sont été être avoir peux sais maintenant demain "
          "maison mère père quelqu'un quelque chose j'en j'suis me mdr ptdr trop vraiment bof ouais genre "
          "chu pis pantoute tsé icitte jai jpeux jveux jvais wesh",
    "de": "der die das und ist ich du nicht ein eine einen mich mir mein meine meinen zu es sie er wir ihr mit "
          "für aber sehr alles nichts will bin habe hab hallo danke ja nein heute nacht abend leben machen gut "
          "niemand nie wann wo auch schon mehr kann wie was warum noch auf im dem den keine kein gerade wieder "
          "jetzt morgen hause mama papa jemand etwas weiß glaube möchte mag "
          # Austrian, Bavarian and Swiss spellings (round 9)
          "isch nöd nüme nümm nimma nimmer ned hüt heit chan gsi truurig gange oida gell ois koana hoam mog wui bissl",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_LETTERS = {"es": "ñ¿¡", "pt": "ãõ", "fr": "èùœîïëç", "de": "ßäöü"}
_TOKEN = re.compile(r"[\w']+", re.UNICODE)
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

log = logging.getLogger(__name__)
_lock = threading.Lock()
_identifier = None


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, e.g. "es"; a code py3langid knows for an unsupported language
    confident: bool
    supported: bool
    source: str  # "stopwords" | "py3langid" | "script" | "default" | "conversation"


class _StopWordsOnly:
    """Stands in when py3langid cannot load: no opinion, so our stop words decide alone."""

    def classify(self, text):
        return "und", 0.0

    def rank(self, text):
        return []


def _py3langid():
    global _identifier
    with _lock:
        if _identifier is None:
            try:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            except Exception as exc:  # noqa: BLE001 - routing must go on without it
                log.warning("py3langid unavailable, languages told by stop words alone: %s", exc)
                _identifier = _StopWordsOnly()
        return _identifier


def warm_up() -> None:
    _py3langid()


def _votes(text: str) -> dict[str, float]:
    lowered = text.lower()
    tokens = _TOKEN.findall(lowered)
    votes = {lang: float(sum(t in words for t in tokens)) for lang, words in _WORDS.items()}
    for lang, letters in _LETTERS.items():
        if any(c in lowered for c in letters):
            votes[lang] += 1.5
    return votes


@lru_cache(maxsize=8192)
def detect(text: str) -> Language:
    """The language of one message; `confident` is False when the message is too short to tell."""
    text = fold(text)  # fullwidth and look-alike letters read as the letters they show
    letters = _LETTER.findall(text)
    if not letters:
        return Language("en", False, True, "default")
    latin = sum(bool(_LATIN.match(c)) for c in letters)
    if latin < len(letters) / 2 and len(letters) >= 2:  # Cyrillic, Greek, Arabic, CJK, ...
        code, _ = _py3langid().classify(text)
        return Language(code, True, code in SUPPORTED, "script")
    votes = _votes(text)
    ranked = sorted(votes, key=votes.get, reverse=True)
    best, second = votes[ranked[0]], votes[ranked[1]]
    if set(ranked[:2]) == {"es", "pt"} and second > 0 and best < 2 * second:
        # Spanish and Portuguese share most short words; py3langid's letter n-grams tell them apart.
        scores = dict(_py3langid().rank(text))  # probabilities (norm_probs)
        margin = scores.get("es", 0.0) - scores.get("pt", 0.0)
        if abs(margin) >= 0.3:
            return Language("es" if margin > 0 else "pt", best >= 3, True, "py3langid")
        return Language(ranked[0], False, True, "stopwords")
    if best >= 1.5 and best >= 1.5 * second:
        return Language(ranked[0], True, True, "stopwords")
    code, prob = _py3langid().classify(text)
    words = len(_TOKEN.findall(text))
    if code in SUPPORTED and prob >= 0.5 and votes[code] >= second:
        return Language(code, prob >= 0.9 and words >= 3, True, "py3langid")
    if code not in SUPPORTED and prob >= 0.9 and words >= 4 and best <= max(1.0, 0.25 * words):
        return Language(code, True, False, "py3langid")
    if best >= 1 and best > second:
        return Language(ranked[0], False, True, "stopwords")
    return Language("en", False, True, "default")


def conversation_language(user_texts: list[str]) -> Language:
    """The latest message's language when it is clear, else the last clear one before it, else
    the latest guess: "sí" after three Spanish messages is Spanish, "ok" after them too."""
    latest = detect(user_texts[-1])
    if latest.confident:
        return latest
    for text in reversed(user_texts[:-1]):
        earlier = detect(text)
        if earlier.confident:
            return Language(earlier.code, False, earlier.supported, "conversation")
    return latest if latest.supported else Language("en", False, True, "default")
