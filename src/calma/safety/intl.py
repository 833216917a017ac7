"""Crisis detection in Spanish, Portuguese, French and German, from per-language lexicons.

No multilingual sentence-embedding model ships offline as a package, and the English
MiniLM classifier reads "me quiero morir" as noise, so these languages are routed on
readable rules (`calma.safety.lexicons`), with the same checks as the English lexicon: a
phrase does not count when it is negated ("no quiero matarme"), told in the past ("hace años
me cortaba") or inside an idiom ("me muero de risa", "ça me tue"), unless the sentence says
it is happening again now ("otra vez", "de nouveau"). Abuse is never an idiom. Text is read
accent-free and lower-case (`plain`), so "está" and "esta" match alike.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import lru_cache

from calma.safety.detect import RiskAssessment, split_sentences
from calma.safety.lexicon import LexiconHit
from calma.safety.stems import burden_cue, combinations, final_cue, risk_stem, spell_out, support_cue
from calma.safety.textfold import fold

LANGUAGES = ("es", "pt", "fr", "de")
CATEGORIES = ("suicide", "self_harm", "harm_others", "abuse_danger")
LEXICON_CRISIS_SCORE = 0.95
# One's own death spoken of ("cuando me muera", "wenn ich tot bin"): with passive risk in the same
# message ("nadie me va a extrañar cuando me muera") it is a suicide crisis, not a check-in.
OWN_DEATH = {
    "es": re.compile(r"\bcuando\s+(?:me\s+muera|este\s+muert[oa]|ya\s+no\s+este)\b"),
    "pt": re.compile(r"\bquando\s+eu\s+(?:morrer|estiver\s+mort[oa]|nao\s+estiver\s+mais\s+aqui)\b"),
    "fr": re.compile(r"\bquand\s+je\s+(?:serai\s+mort[e]?|ne\s+serai\s+plus\s+la|mourrai)\b"),
    "de": re.compile(r"\bwenn\s+ich\s+(?:tot\s+bin|nicht\s+mehr\s+da\s+bin|sterbe)\b"),
}
_TOKEN = re.compile(r"[\w']+")


def plain(text: str) -> str:
    """Folded (calma.safety.textfold: no zero-width characters, look-alike letters made Latin),
    lower-case, accents removed, "ß" as "ss", straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFKD", fold(text).replace("ß", "ss").replace("ẞ", "ss"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=None)
def lexicon(language: str) -> dict:
    """The compiled lexicon of `language` ('en' has the conversation-level keys only)."""
    raw = importlib.import_module(f"calma.safety.lexicons.{language}").LEXICON
    compiled = {}
    for key, value in raw.items():
        if key == "bridge":
            compiled[key] = set(value.split())
        elif isinstance(value, list):
            compiled[key] = [re.compile(p, re.I) for p in value]
        else:
            compiled[key] = re.compile(value, re.I)
    return compiled


def _negated(before: str, lex: dict) -> bool:
    """A negator among the few words before the phrase, with only bridge words between."""
    words = _TOKEN.findall(before)[-5:]
    for word in reversed(words):
        if lex["negators"].fullmatch(word) or word.startswith("n'"):
            return True
        if word not in lex["bridge"]:
            return False
    return False


_FAREWELLS = ("thanks for everything + finality", "it was nice knowing you + goodbye", "letters + finality",
              "possessions given away + finality", "a burden or disappearing + finality", "wishing to vanish + no point going on")
_CONJUNCTIONS = {"es": "pero|y|aunque", "pt": "mas|e|porem", "fr": "mais|et", "de": "aber|und|doch|sondern"}
_CLAUSE = {lang: re.compile(rf"[,;]|\s(?:{words})\s") for lang, words in _CONJUNCTIONS.items()}


def _clause_at(sentence: str, start: int, end: int, language: str) -> str:
    """The clause around a match: "hace años me cortaba, hoy estoy mejor" -> "hace años me cortaba"."""
    rx = _CLAUSE[language]
    left = max([m.end() for m in rx.finditer(sentence, 0, start)] or [0])
    right = min([m.start() for m in rx.finditer(sentence, end)] or [len(sentence)])
    return sentence[left:right]


def _third_person(sentence: str, match: re.Match, lex: dict) -> bool:
    return any(s <= match.start() < e or match.start() <= s < match.end() for s, e in
               (m.span() for m in lex["third_person"].finditer(sentence)))


def _past(clause: str, lex: dict) -> bool:
    return bool(lex["past"].search(clause)) and not lex["present"].search(clause)


# Round 9: a violent idiom next to a weapon ("mi papá me va a matar, agarró un cuchillo", "mein
# Vater bringt mich um, er hat ein Messer") is no idiom, as in English.
_WEAPON = re.compile(r"\b(?:cuchill\w*|navaja|pistola|armas?|escopeta|revolver|rifle|machete|faca|facao|espingarda|couteau|fusil|flingue|pistolet|arme|messer|waffe|pistole|gewehr|knarre|knife|gun)\b")


def _idiom_spans(sentence: str, lex: dict) -> list[tuple[int, int]]:
    if _WEAPON.search(sentence):
        return []
    return [m.span() for rx in lex["idioms"] for m in rx.finditer(sentence)]


def scan(sentence: str, language: str) -> list[LexiconHit]:
    """Every crisis phrase of one (plain) sentence, with whether it counts and why not."""
    lex, hits = lexicon(language), []
    idioms = _idiom_spans(sentence, lex)
    for category in CATEGORIES:
        for rx in lex[category]:
            for m in rx.finditer(sentence):
                if category != "abuse_danger" and any(s <= m.start() < e or s < m.end() <= e for s, e in idioms):
                    status = "idiom"
                elif _negated(sentence[: m.start()], lex):
                    status = "negated"
                elif category in ("suicide", "self_harm") and _third_person(sentence, m, lex):
                    status = "third-person"  # "mi hermano se suicidó": grief or worry, a support need
                elif _past(_clause_at(sentence, m.start(), m.end(), language), lex):
                    status = "past-tense"
                else:
                    status = "active"
                hits.append(LexiconHit(category, m.group(), status))
    return hits


def passive_risk(text: str, language: str) -> str | None:
    """The passive-risk phrase ("no veo futuro", "à quoi bon") in `text`, if any, not negated."""
    lex = lexicon(language)
    lowered = plain(text)
    for rx in lex["passive"]:
        m = rx.search(lowered)
        if m and not (language != "en" and lex["past"].search(lowered) and not lex["present"].search(lowered)):
            return m.group()
    return None


def _status(sentence: str, span: tuple[int, int], category: str, language: str, own_negation: bool = False) -> str:
    """The lexicon's checks on a cue at `span`: idiom, negated (before it, or inside it as German
    puts it: "mich nicht umbringen"), third-person, past-tense or active."""
    lex = lexicon(language)
    start, end = span
    if category != "abuse_danger" and any(s < max(end, start + 1) and start < e for s, e in _idiom_spans(sentence, lex)):
        return "idiom"
    tokens = _TOKEN.findall(sentence[start:end])
    # A cue that starts with its own negation ("no despertar nunca", "ne jamais me réveiller",
    # "nicht mehr aufwachen") is not negated by it; "mich nicht umbringen" is.
    own_negation = own_negation or bool(tokens and (lex["negators"].fullmatch(tokens[0]) or tokens[0].startswith("n'")))
    inside = not own_negation and any(lex["negators"].fullmatch(w) for w in tokens)
    if inside or _negated(sentence[:start], lex):
        return "negated"
    if category in ("suicide", "self_harm") and lex["third_person"].search(sentence):
        return "third-person"
    if _past(_clause_at(sentence, start, start + 1, language), lex):
        return "past-tense"
    return "active"


def _combinations(sentence: str, language: str) -> list[tuple[str, str, str]]:
    # Their cue carries its own negation ("no quiero vivir", "ihr seht mich nie wieder").
    own = ("refusing life", "a burden or disappearing + finality", "wishing to die", "waiting for a train, not to board it")
    return [(category, why, _status(sentence, span, category, language, why in own))
            for category, why, span in combinations(sentence, language)]


def _live_stem(sentences: list[str], language: str) -> str | None:
    """A death or self-harm stem that no check explained away (`stems.risk_stem`)."""
    for sentence in sentences:
        stem = risk_stem(sentence, language)
        start = sentence.find(stem) if stem else -1
        if stem and _status(sentence, (start, start + len(stem)), "suicide", language, True) == "active":
            return stem
    return None


_FICTION = re.compile(r"\b(?:peli\w*|pelicula|filme?|serie|juego|jogo|jeu|spiel\w*|horror\w*|terror|horreur|video|videos|buch|libro|livro|livre|roman)\b")
_DEATH_WORD = re.compile(r"\b(?:mat\w*|muer\w*|muri\w*|morr\w*|mort\w*|tu(?:e|es|er|ee|ait)|creve\w*|sterb\w*|gestorben|tot|tod\w*|umbring\w*|bringt)\b")


def _blank(sentence: str, spans: list[tuple[int, int]]) -> str:
    """`sentence` without its idioms' death words ("se me murió el celular" is no grief), or
    without the whole idiom in a film or game ("esa peli de terror me mató de miedo")."""
    fiction = bool(_FICTION.search(sentence))
    for start, end in spans:
        part = sentence[start:end]
        part = " " * len(part) if fiction else _DEATH_WORD.sub(lambda m: " " * len(m.group()), part)
        sentence = sentence[:start] + part + sentence[end:]
    return sentence


@lru_cache(maxsize=4096)
def assess_foreign(text: str, language: str) -> RiskAssessment:
    """Score one message in `language` (es, pt, fr, de) on its lexicon alone."""
    lex = lexicon(language)
    folded = spell_out(plain(text), language)
    sentences = split_sentences(folded)
    categories = {c: 0.0 for c in CATEGORIES}
    reasons, riskiest, explained = [f"language:{language}:lexicon"], "", False
    for sentence in sentences:
        for hit in scan(sentence, language):
            if hit.status == "active":
                categories[hit.category] = LEXICON_CRISIS_SCORE
                riskiest = riskiest or sentence
                reasons.append(f"lexicon:{hit.category}:{hit.phrase}")
            else:
                explained = explained or hit.status != "idiom"  # "me muero de risa" is no support need
                reasons.append(f"{hit.status}:{hit.phrase}")
        for category, why, status in _combinations(sentence, language):
            if status == "active":
                categories[category] = LEXICON_CRISIS_SCORE
                riskiest = riskiest or sentence
                reasons.append(f"combination:{category}:{why}")
            elif status != "idiom":
                explained = True
                reasons.append(f"{status}:{why}")
        reasons += [f"idiom:{sentence[s:e]}" for s, e in _idiom_spans(sentence, lex)]
    # A farewell spread over sentences ("perdónenme por todo. cuiden a mi perro") is one farewell.
    if len(sentences) > 1 and not any(categories.values()):
        for category, why, status in _combinations(" , ".join(sentences), language):
            if why in _FAREWELLS and status == "active":
                categories[category] = LEXICON_CRISIS_SCORE
                riskiest = riskiest or plain(text)
                reasons.append(f"combination:{category}:{why} (across sentences)")
    passive = passive_risk(folded, language)
    own_death = OWN_DEATH[language].search(folded)
    if passive and own_death and not categories["suicide"]:
        categories["suicide"] = LEXICON_CRISIS_SCORE
        riskiest = riskiest or plain(text)
        reasons.append(f"lexicon:suicide:{passive} + {own_death.group()}")
    hopeless = None if categories["suicide"] else (passive or burden_cue(folded, language))
    final = final_cue(folded, language) if hopeless else None
    if final and not explained:  # "no le veo sentido a nada, mejor me voy para siempre"
        categories["suicide"] = LEXICON_CRISIS_SCORE
        riskiest = riskiest or plain(text)
        reasons.append(f"lexicon:suicide:{hopeless} + {final}")
    crisis = any(categories.values())
    # Round 9: a support word inside an idiom ("se me murió el celular", "mourir de peur") is no support need.
    unidiomed = " . ".join(_blank(sentence, _idiom_spans(sentence, lex)) for sentence in sentences)
    def support(text: str) -> str | None:
        found = lex["therapeutic"].search(text) or lex["third_person"].search(text)
        return found.group() if found else support_cue(text, language)

    cue = support(folded)
    cue = cue if cue and (unidiomed == folded or support(unidiomed)) else None
    stem = None if crisis else _live_stem(sentences, language)
    therapeutic = 0.7 if (cue or explained or passive or crisis or stem) else 0.2
    if cue:
        reasons.append(f"support:{cue}")
    if stem:
        reasons.append(f"possible-risk:{stem}:not small talk")
    return RiskAssessment(
        crisis=crisis,
        crisis_score=max(categories.values()),
        categories=categories,
        therapeutic_score=therapeutic,
        casual_score=1.0 - therapeutic,
        reasons=list(dict.fromkeys(reasons)),
        model_used=False,
        riskiest_sentence=riskiest,
    )
