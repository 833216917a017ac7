"""Round 9: how a message is written, before any lexicon or gloss reads it (es/pt/fr/de).

Three rewrites, each a reading the later checks could not make themselves:

1. **"Not that ..." frames.** "no es que quiera morir, es que ya no aguanto", "não é que eu
   queira morrer", "c'est pas que je veux mourir", "nicht dass ich sterben will, aber ..." deny
   a *reason*, not the risk: the clause after the frame is still said. The negation checks saw
   "no"/"pas"/"nicht" before a crisis phrase and explained it away; the frame's negator is
   removed so the clause is read as said. Unless the message also denies acting in plain words
   ("nunca lo haría", "je ne ferais jamais ça", "ich würde das nie tun"): then it is left alone.
2. **German written without umlauts** ("schlaegt", "bruecke", "fuer", "naechstes") is read as with
   them (the lexicons work on accent-free text: "schlägt" is "schlagt"), and Austrian, Bavarian
   and Swiss spellings of the words the lexicons need ("i mag nimma", "i bring mi heit um", "i
   chan nüme", "hüt z'nacht") are spelled out in standard German.
3. **Informal and Québec French** ("jai", "chu", "pis", "pantoute", "j'vais") spelled out.

All of it is regexes on the plain text (`intl.plain`), cached per text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from calma.safety.intl import plain

# The frame, at the start of a clause, then the clause it frames.
_NOT_THAT = {
    "es": re.compile(r"(^|[,.;:!?]\s*|\by\s+|\bpero\s+)(?:y\s+)?(?:tampoco\s+|no\s+)es\s+(?:que|porque|como\s+que)\s+"),
    "pt": re.compile(r"(^|[,.;:!?]\s*|\be\s+|\bmas\s+)(?:nao\s+(?:e|eh)\s+(?:que|porque)\s+|nao\s+que\s+|nem\s+e\s+que\s+)"),
    "fr": re.compile(r"(^|[,.;:!?]\s*|\bet\s+|\bmais\s+)(?:ce\s+n'est\s+pas|c'est\s+pas|cest\s+pas|c\s+pas|c'pas|non\s+pas|pas)\s+(?:que|parce\s+que)\s+"),
    "de": re.compile(r"(^|[,.;:!?]\s*|\bund\s+|\baber\s+)(?:(?:es\s+ist\s+)?nicht\s+(?:so\s*,?\s*)?|nich\s+)(?:dass\s+|das\s+(?=ich\b))"),
}
_FRAME_TO = {"es": r"\1es que ", "pt": r"\1e que ", "fr": r"\1c'est que ", "de": r"\1dass "}
# A plain denial of acting elsewhere in the message: the frame is then a real denial.
_DENIES_ACTING = {
    "es": re.compile(r"\b(?:nunca|jamas)\s+(?:lo\s+|me\s+lo\s+)?(?:haria|hare|voy\s+a\s+hacer)\b|\bno\s+(?:lo\s+)?(?:voy\s+a|haria)\s+(?:hacer(?:lo)?\b|nada)|\bno\s+voy\s+a\s+hacer(?:me)?\s+nada\b"),
    "pt": re.compile(r"\b(?:nunca|jamais)\s+(?:faria|vou\s+fazer|farei)\b|\bnao\s+vou\s+fazer\s+nada\b|\bnao\s+faria\s+(?:isso|nada)\b"),
    "fr": re.compile(r"\bjamais\s+je\s+(?:le\s+)?ferai\w*|\b(?:je\s+)?(?:ne\s+)?(?:le\s+|l')?ferai\w*\s+(?:jamais|rien|pas)\b|\bje\s+(?:ne\s+)?vais\s+(?:rien|pas\s+le)\s+faire\b"),
    "de": re.compile(r"\b(?:wurde|werde|wurd)\s+(?:ich\s+)?(?:das|es|mir)?\s*(?:nie|niemals|nicht)\s+(?:\w+\s+)?(?:tun|machen|antun)\b|\bich\s+(?:tu|tue|mach|mache)\s+(?:das\s+|mir\s+)?(?:nie|nichts)\b"),
}

# German without umlauts: "ae", "oe", "ue" after a consonant ("schlaegt", "fuer"; not "feuer",
# "trauer", "quelle", "neue"); the lexicons read "ä" as "a".
_UMLAUT = re.compile(r"(?<=[bcdfghjklmnprstvwxzß])(?:ae|oe|ue)(?!(?:ll|nz|ntin|rst))")
_GERMAN_DIALECT = [(re.compile(p), r) for p, r in (
    (r"\bi\b(?!\s*[.!?]?$)(?=\s+(?:\w+))", "ich"),  # Bavarian/Austrian/Swiss "i" (only ever in German text here)
    (r"\b(?:nimma|nimmer|nimmi|nume|numme|numm|nimme|nimmermehr)\b", "nicht mehr"),
    (r"\b(?:ned|net|nid|nod|ni)\b", "nicht"),
    (r"\b(?:heit|hut|hit|hiit|hoit)\b", "heute"),
    (r"\bz'?nacht\b", "heute nacht"), (r"\bd'nacht\b", "die nacht"), (r"\bauf\s+d'\s*", "auf die "),
    (r"\bmi\b", "mich"), (r"\bdi\b", "dich"), (r"\bmir\s+sell\b", "mir selbst"),
    (r"\bchan\b", "kann"), (r"\bchasch\b", "kannst"), (r"\bbi\b", "bin"), (r"\bisch\b", "ist"), (r"\bgsi\b", "gewesen"),
    (r"\bsit\b", "seit"), (r"\bmini\b", "meine"), (r"\bmis\b", "mein"), (r"\btruurig\b", "traurig"),
    (r"\bschlafe\b", "schlafen"), (r"\bhoam\b", "heim"), (r"\bois\b", "alles"), (r"\bkoana?\b", "keiner"),
    (r"\bgoht\b", "geht"), (r"\bgange\b", "gegangen"), (r"\bwott\b", "will"), (r"\bwui\b", "will"),
    (r"\bmog\b", "mag"), (r"\bgrad\b", "gerade"), (r"\bnen\b", "einen"), (r"\bner\b", "einer"), (r"\bne\b", "eine"),
    (r"\bfertigmachen\b", "fertig machen"), (r"\baufm\b", "auf dem"), (r"\bausm\b", "aus dem"),
    (r"\buberleg\b", "uberlege"), (r"\bmocht\b", "mochte"),
)]
_FRENCH_INFORMAL = [(re.compile(p), r) for p, r in (
    (r"\bjai\b", "j'ai"), (r"\bjen\b", "j'en"), (r"\bjme\b", "je me"), (r"\bjte\b", "je te"), (r"\bcest\b", "c'est"),
    (r"\bchu\b|\bch'suis\b|\bj'?chui\b", "je suis"), (r"\bj'(?=(?:vais|veux|peux|sais|pense|crois)\b)", "je "),
    (r"(?<!tant )(?<!de mal en )\bpis\b", "et puis"), (r"\bpantoute\b", "pas du tout"), (r"\bicitte\b", "ici"),
    (r"\bt'?sais\b", "tu sais"), (r"\bya\b", "il y a"), (r"\bmm\b", "meme"),
)]


# The frame and the clause it frames, up to the next clause boundary.
_CLAUSE_FRAMED = {lang: re.compile(rx.pattern + r"[^,.;:!?]*?(?=[,.;:!?]|\b(?:pero|sino|mas|mais|aber|sondern|es\s+que|e\s+que|c'est\s+que)\b|$)")
                  for lang, rx in _NOT_THAT.items()}
_CLAUSE_END = re.compile(r"[,.;:!?]|\b(?:pero|sino|mas|mais|aber|sondern)\b")


def _unframe(text: str, language: str) -> str:
    rx = _NOT_THAT.get(language)
    if rx is None or not rx.search(text):
        return text
    if _DENIES_ACTING[language].search(text):
        # With a plain denial of acting the frame is a denial: its clause is dropped, the rest read.
        out, at = [], 0
        for m in rx.finditer(text):
            end = _CLAUSE_END.search(text, m.end())
            out.append(text[at:m.start()] + m.group(1))
            at = end.start() if end else len(text)
        return "".join(out) + text[at:]
    return rx.sub(_FRAME_TO[language], text)


@lru_cache(maxsize=8192)
def prepare(text: str, language: str, unframe: bool = True) -> str:
    """`text` as the lexicons and the gloss should read it (plain, lower-case, accent-free), or
    `text` itself when nothing was rewritten (English, or nothing to do). `unframe` False keeps
    the "not that" frames as written."""
    if language not in _NOT_THAT:
        return text
    s = plain(text)
    if language == "de":
        s = _UMLAUT.sub(lambda m: m.group()[0], s)
        for rx, repl in _GERMAN_DIALECT:
            s = rx.sub(repl, s)
    elif language == "fr":
        for rx, repl in _FRENCH_INFORMAL:
            s = rx.sub(repl, s)
    if unframe:
        s = _unframe(s, language)
    return text if s == plain(text) else s


def other_risk(text: str, language: str) -> bool:
    """Risk in the message besides a framed wish: means, preparation, a plan or decision, a time,
    "I can't take it any more", finality, a burden, refusing life, self-harm (stems roles)."""
    from calma.safety.stems import ROLES, _TIME

    s = prepare(text, language, unframe=False)
    s = plain(s)
    rx = _NOT_THAT.get(language)
    if rx is not None:  # the framed clause itself does not count
        s = _CLAUSE_FRAMED.get(language, rx).sub(" ", s)
    roles = ROLES.get(language, {})
    keys = ("means", "prep", "decided", "over", "finality", "burden", "life_refusal", "harm", "letter", "farewell", "giveaway", "place")
    return (any(k in roles and roles[k].search(s) for k in keys) or bool(_TIME.get(language) and _TIME[language].search(s))
            or bool(_CANT_TAKE[language].search(s)))


# "I can't take it any more" after the frame: the risk the frame reframes ("no es que quiera morir,
# es que ya no aguanto").
_CANT_TAKE = {lang: re.compile(p) for lang, p in {
    "es": r"\b(?:ya\s+)?no\s+(?:lo\s+)?(?:aguanto|soporto|puedo)(?:\s+mas)?\b|\bestoy\s+harta?\s+de\s+vivir\b",
    "pt": r"\bnao\s+(?:aguento|suporto|consigo)(?:\s+mais)?\b|\bcansei\s+de\s+(?:tudo|viver)\b",
    "fr": r"\bj'en\s+peux\s+plus\b|\bje\s+(?:n'en\s+peux|tiens)\s+plus\b|\bj'en\s+ai\s+marre\s+de\s+(?:tout|vivre)\b",
    "de": r"\b(?:ich\s+)?kann\s+(?:einfach\s+)?nicht\s+mehr\b|\bhalt\w*\s+(?:das|es)\s+nicht\s+(?:mehr\s+)?aus\b",
}.items()}


def not_that_frame(text: str, language: str) -> bool:
    """The message uses a "not that ..." frame that does not deny acting."""
    s = plain(text)
    rx = _NOT_THAT.get(language)
    return bool(rx and rx.search(s) and not _DENIES_ACTING[language].search(s))
