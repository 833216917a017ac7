"""An offline word-by-word gloss of Spanish, Portuguese, French and German into plain English.

Hand-written patterns memorise wordings; the English lexicon and the MiniLM classifier read
meaning in English. This module bridges the two without a translation model: a bilingual
lexicon per language (`calma.safety.glosses`), with light morphology, turns
"ya no quiero seguir, esta noche me tomo todas las pastillas" into
"I no longer want to go on , tonight I take all the pills", which the English machinery
(`detect.assess`) reads. It is deliberately crude English: the aim is sentence meaning, not style.

What it handles:
- text read accent-free and lower-case (`intl.plain`), contractions split ("j'ai", "d'un",
  "pro", "no", "du", "zum");
- verbs by lemma and ending (regular -ar/-er/-ir, -er/-ir/-re, German -en classes, plus listed
  irregular forms): person, past, imperfect ("used to"), future, conditional, gerund, participle;
- a dropped subject: "quiero morir" -> "I want to die" (a first-person verb gets "I");
- clitic pronouns before or after the verb: "matarme", "me matar", "matar-me", "me tuer",
  "mich umbringen" -> "kill myself"; "me pega" -> "he hits me";
- German separable verbs ("bring mich um", "hänge mich auf") and verb-final infinitives and
  participles ("ich will heute sterben" -> "I want to die today");
- negation: "no", "nunca", "ne ... pas", "nicht", "kein" -> "not"/"never"/"no", placed before the
  verb; "ya no", "ne ... plus", "nicht mehr", "não ... mais" -> "no longer".

`gloss` is a pure function and cached.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache

from calma.safety.intl import plain

LANGUAGES = ("es", "pt", "fr", "de")
_WORD = re.compile(r"[a-z0-9]+|[.,;:!?]")
_CLAUSE_END = {".", ",", ";", ":", "!", "?"}

# English helpers ----------------------------------------------------------------------------------
_TAKES_TO = {"want", "need", "try", "have", "going", "decide", "decided", "plan", "planning", "like", "prefer", "wish",
             "hope", "start", "stop", "used", "begin", "forget", "learn", "love", "hate", "refuse", "ready", "afraid",
             "wanted", "tried", "needed", "planned", "think", "thinking", "promise", "choose"}
_BARE = {"can", "could", "will", "would", "should", "must", "may", "might", "let", "do", "does", "did", "don't", "make"}
REFLEXIVE = {"1": "myself", "2": "yourself", "3": "himself", "1pl": "ourselves", "3pl": "themselves"}
SUBJECT = {"1": "i", "2": "you", "3": "he", "1pl": "we", "3pl": "they"}


def _ing(base: str) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", base) and len(base) <= 4:
        return base + base[-1] + "ing"
    return base + "ing"


def _third(base: str) -> str:
    if base in ("have",):
        return "has"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


@dataclass(frozen=True)
class Verb:
    base: str  # english base form, may be several words ("give away")
    past: str
    refl: bool  # a clitic "me" makes it reflexive: kill myself, cut myself (else it is an object: hits me)
    modal: str  # "to": takes a to-infinitive ("want"); "bare": a bare one ("can"); "": neither
    aux: bool = False  # be, go, have: a clitic before it belongs to the verb after it ("me está matando")

    def form(self, kind: str) -> str:
        head, _, rest = self.base.partition(" ")
        tail = f" {rest}" if rest else ""
        if kind == "ing":
            return _ing(head) + tail
        if kind == "3s":
            return _third(head) + tail
        return self.base if kind == "base" else self.past


@dataclass
class Lexicon:
    words: dict[str, str]
    verbs: dict[str, tuple[Verb, str, str]]  # surface form -> verb, tense, person
    phrases: list[tuple[re.Pattern, str]]
    pre: list[tuple[re.Pattern, str]]
    clitics: set[str]  # first-person object clitics ("me", "mich", "mir")
    enclitic: re.Pattern | None
    post_negators: dict[str, str]  # negators that follow the verb (fr "pas", de "nicht") -> english
    negation_opener: set[str]  # "ne": dropped, the negator after the verb is the meaning
    clitic_reach: int  # how far ahead a clitic's verb may be (German: to the end of the clause)
    irregular: set[str]  # forms listed as irregular: a verb even where a word has the same spelling


def _parse_pairs(text: str) -> dict[str, str]:
    out = {}
    for item in re.split(r";\s*|\n", text):
        if "=" in item:
            src, en = item.split("=", 1)
            for s in src.split("/"):
                if s.strip():
                    out[s.strip()] = en.strip()
    return out


def _verb_forms(module, endings: dict[str, list[tuple[str, str, str]]], words: dict[str, str]) -> dict[str, tuple[Verb, str, str]]:
    """Every surface form of every listed verb: regular endings per class, then listed irregular forms."""
    forms: dict[str, tuple[Verb, str, str]] = {}
    lemmas: dict[str, Verb] = {}
    for line in module.VERBS.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        src, en = line.split("=", 1)
        parts = en.split("/")
        base, past = parts[0].strip(), (parts[1].strip() if len(parts) > 1 and parts[1].strip() else parts[0].strip() + "ed")
        flags = "".join(parts[2:])
        verb = Verb(base, past, "R" in flags, "to" if "M" in flags else "bare" if "B" in flags else "", "A" in flags)
        for lemma in src.split(","):
            lemma = lemma.strip()
            lemmas[lemma] = verb
            cls, stem = module.verb_class(lemma)
            if len(stem) < 2:  # "ir", "dar", "ser": their regular forms would be "en", "de", "si"
                continue
            for ending, tense, person in endings.get(cls, []):
                if stem + ending not in words:  # "de", "como": the word wins over a regular verb form
                    forms.setdefault(stem + ending, (verb, tense, person))
    for line in module.IRREGULAR.strip().splitlines():
        for item in line.split(";"):
            if "=" not in item:
                continue
            src, target = item.split("=", 1)
            lemma, tense, person = (target.strip().split(":") + ["", ""])[:3]
            if lemma in lemmas:
                for s in src.split("/"):
                    forms[s.strip()] = (lemmas[lemma], tense, person)  # irregular forms win
    return forms


@lru_cache(maxsize=None)
def lexicon(language: str) -> Lexicon:
    module = importlib.import_module(f"calma.safety.glosses.{language}")
    words = _parse_pairs(module.WORDS)
    return Lexicon(
        words=words,
        verbs=_verb_forms(module, module.ENDINGS, words),
        phrases=[(re.compile(rf"\b(?:{p})\b"), en) for p, en in module.PHRASES],
        pre=[(re.compile(p), r) for p, r in getattr(module, "PRE", [])],
        clitics=set(module.CLITICS),
        enclitic=re.compile(module.ENCLITIC) if getattr(module, "ENCLITIC", None) else None,
        post_negators=dict(getattr(module, "POST_NEGATORS", {})),
        negation_opener=set(getattr(module, "NEGATION_OPENER", ())),
        clitic_reach=getattr(module, "CLITIC_REACH", 2),
        irregular={f.strip() for line in module.IRREGULAR.splitlines() for item in line.split(";") if "=" in item
                   for f in item.split("=")[0].split("/")},
    )


class _Out:
    """The English being built, and per clause: where the last finite verb and modal sit, whether a
    subject was said, the person of the last finite verb, a clitic waiting for its verb."""

    def __init__(self):
        self.words: list[str] = []
        self.clause()

    def clause(self):
        self.last_finite = -1  # index of the last finite verb in this clause
        self.last_modal = -1  # index just after the last modal/aux, where a verb-final infinitive goes
        self.modal_kind = ""
        self.subject = False
        self.person = ""
        self.pending_clitic = False
        self.pending_neg = ""
        self.last_verb: Verb | None = None
        self.last_inf_at = -1  # where an infinitive not yet claimed by a modal starts

    def add(self, text: str):
        self.words.extend(text.split())

    def insert(self, at: int, text: str):
        n = len(text.split())
        self.words[at:at] = text.split()
        if self.last_finite >= at:
            self.last_finite += n
        if self.last_modal >= at:
            self.last_modal += n


# Word-by-word English that the English machinery would misread.
_ENGLISH_FIXES = [(re.compile(p), r) for p, r in (
    (r"\b(jump|jumping|jumped|throw myself|throwing myself|threw myself)\s+(?:of|from)\s+(the|a|my)\b", r"\1 off \2"),
    (r"\bpoint (?:of|to) (?:living|live)\b", "point in living"),
    (r"\b(?:no longer|don't|do not) see (?:the|a|any) (point|reason|sense) in living\b", r"see no \1 in living anymore"),
    (r"\b(i|he|she|we|they|you) \1\b", r"\1"),
    # "me corté el pelo", "ich schneide mir die haare": one's own hair, not oneself
    (r"\b(\w+) (?:myself|me)((?: \w+){0,2}?) (?:the|my) (hair|bangs|nails|beard)\b", r"\1\2 my \3"), (r"\bpoint (?:anymore )?in (?:the )?life\b", "point in living"),
)]
_PREPOSITIONS = {"of", "without", "about", "before", "after", "in", "for", "by", "from"}
_NEGATIONS = ("not", "never", "no longer", "never again")
_NO_DO = {"am", "is", "are", "was", "were", "can", "could", "will", "would", "must", "should", "have", "has", "had", "may", "might", "used"}
_BASE = {"does": "do", "goes": "go", "has": "have"}


def _negate_finite(out: _Out, neg: str) -> None:
    """Put `neg` before the clause's finite verb, with do-support for "not" ("want" -> "don't want")."""
    verb_word = out.words[out.last_finite]
    if neg == "not" and verb_word in _NO_DO:
        out.insert(out.last_finite + 1, neg)
        return
    if neg == "not":
        neg = "doesn't" if verb_word.endswith("s") and verb_word != "was" else "don't"
        out.words[out.last_finite] = _BASE.get(verb_word, verb_word[:-1] if neg == "doesn't" else verb_word)
    out.insert(out.last_finite, neg)


def _object(verb: Verb, tense: str, person: str, out: _Out, clitic: bool) -> str:
    """What a first-person clitic becomes with this verb: "myself" when I do it to myself (a
    reflexive verb in the first person, or non-finite after a first-person verb), else "me"."""
    if not clitic:
        return ""
    who = person if tense not in ("inf", "ger", "part") else (out.person or "1")
    if verb.refl and who in ("1", ""):
        return "myself"
    if verb.refl or who in ("3", "3pl", "2"):
        return "me"
    return ""  # "me siento", "me voy": a pronominal verb of mine


def _resolve(tense: str, person: str, out: _Out) -> tuple[str, str]:
    """French "-e" ("coupe", "touche"): first person after "je", else third; after "avoir" or
    "être" a participle ("j'ai gardé", "je me suis coupé")."""
    if person != "13":
        return tense, person
    after_aux = out.last_modal >= 1 and out.words[out.last_modal - 1] in ("have", "has", "am", "is", "are", "had", "was")
    if after_aux and tense == "pres":
        return "part", ""
    return tense, "1" if out.person == "1" or (out.words and out.words[-1] == "i") else "3"


def _render(verb: Verb, tense: str, person: str, out: _Out, obj: str) -> None:
    """Emit one verb: an infinitive or participle after a modal goes right after it (German puts it last)."""
    neg, out.pending_neg = out.pending_neg, ""
    if tense == "part" and out.last_modal >= 1 and out.words[out.last_modal - 1] in ("am", "is", "are"):
        out.words[out.last_modal - 1] = "have" if out.words[out.last_modal - 1] != "is" else "has"
    if tense in ("inf", "part"):
        word = verb.base if tense == "inf" else verb.past
        if tense == "inf" and out.modal_kind == "to":
            word = "to " + word
        elif tense == "inf" and out.last_modal < 0 and out.words and out.words[-1] in _PREPOSITIONS:
            word = verb.form("ing")  # "the point of living", "without anyone noticing"
        if neg and out.last_finite >= 0 and out.last_modal >= 0:  # "will nicht sterben": negate the modal
            _negate_finite(out, neg)
            neg = ""
        text = " ".join(w for w in (neg, word, obj) if w)
        if out.last_modal >= 0 and out.last_modal < len(out.words):
            at = out.last_modal
            out.insert(at, text)
            out.last_modal = at + len(text.split())
        else:
            out.last_inf_at = len(out.words)
            out.add(text)
            out.last_modal = len(out.words)
        out.modal_kind = verb.modal
        if not verb.modal:
            out.last_modal = -1
        return
    if tense == "ger":
        out.add(" ".join(w for w in (neg, verb.form("ing"), obj) if w))
        out.last_modal, out.modal_kind = -1, ""
        return
    if verb.modal and 0 <= out.last_inf_at < len(out.words) and tense in ("pres", "past") and not obj:
        # German verb-final: "dass ich mich umbringen will" -> "that i want to kill myself"
        word = (verb.form("3s") if person == "3" else verb.base) if tense == "pres" else verb.past
        out.insert(out.last_inf_at, " ".join(w for w in (neg, word, "to" if verb.modal == "to" else "") if w))
        out.last_inf_at = -1
        return
    out.last_inf_at = -1
    if not out.subject and person in SUBJECT and (person != "3" or obj == "me"):
        out.add(SUBJECT[person])
        out.subject = True
    if tense == "pres":
        word = verb.form("3s") if person == "3" else verb.base
        if verb.base == "be":
            word = {"1": "am", "3": "is"}.get(person, "are")
    elif tense in ("past", "impf"):
        word = verb.past
        if verb.base == "be":
            word = "was" if person in ("1", "3", "") else "were"
        elif tense == "impf" and not verb.modal and not verb.aux:
            word = "used to " + verb.base
    elif tense == "fut":
        word = "will " + verb.base
    elif tense == "cond":
        word = "would " + verb.base
    else:  # subjunctive and the like
        word = verb.base
    if neg:
        if verb.base == "be" or verb.modal == "bare" or tense in ("fut", "cond"):
            word = f"{word.split()[0]} {neg} {' '.join(word.split()[1:])}".strip()
        elif neg == "not":
            word = ("didn't " + verb.base) if tense == "past" else ("doesn't " if person == "3" else "don't ") + verb.base
        else:
            word = f"{neg} {word}"
    out.last_finite = len(out.words)
    out.person = person
    out.last_verb = verb
    out.add(" ".join(w for w in (word, obj) if w))
    if verb.modal or verb.aux or tense in ("fut", "cond"):
        out.last_modal = len(out.words)
        out.modal_kind = verb.modal
    else:
        out.last_modal, out.modal_kind = -1, ""


def _verb_of(token: str, lex: Lexicon) -> tuple[tuple[Verb, str, str] | None, str]:
    """The verb a token is, and a clitic it carries ("matarme" -> matar + me)."""
    if token in lex.verbs:
        return lex.verbs[token], ""
    if lex.enclitic:
        m = lex.enclitic.fullmatch(token)
        if m and m.group(1) in lex.verbs:
            return lex.verbs[m.group(1)], m.group(2)
    return None, ""


_SUBJECTS = {"i", "you", "he", "she", "we", "they", "it", "someone", "nobody", "everyone", "everybody", "people", "nothing",
             "everything", "who"}


@lru_cache(maxsize=4096)
def gloss(text: str, language: str) -> str:
    """The English gloss of `text` in `language` (es, pt, fr, de); '' for another language."""
    if language not in LANGUAGES:
        return ""
    lex = lexicon(language)
    s = plain(text.replace("œ", "oe").replace("Œ", "oe"))
    for rx, repl in lex.pre:
        s = rx.sub(repl, s)
    for rx, en in lex.phrases:
        s = rx.sub(" " + en.replace(" ", "_") + " ", s)
    out = _Out()
    tokens = re.findall(r"[a-z0-9_']+|[.,;:!?]", s)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok in _CLAUSE_END:
            if out.pending_clitic:
                out.add("me")
            if out.pending_neg:
                out.add(out.pending_neg)
            out.add(tok)
            out.clause()
            continue
        if tok in lex.negation_opener:
            continue
        if tok in lex.post_negators:  # fr "pas", de "nicht": the verb came before
            neg = lex.post_negators[tok]
            reach = 1 if tok in ("plus", "mehr") else 4  # "aller plus profond": more, not "no longer"
            if out.last_finite >= 0 and out.last_finite >= len(out.words) - reach:
                _negate_finite(out, neg)
                continue
            if tok in ("pas", "nicht", "jamais", "nie") or out.last_finite < 0:
                out.pending_neg = neg
                continue
        en = tok.replace("_", " ") if "_" in tok else lex.words.get(tok)
        verb, clitic = (None, "") if "_" in tok else _verb_of(tok, lex)
        if tok in lex.verbs and tok in lex.words and tok not in lex.irregular:
            verb = None
        if en in _NEGATIONS and not verb:
            ahead = [t for t in tokens[i + 1 : i + 4] if t not in lex.clitics]
            if ahead and (_verb_of(ahead[0], lex)[0] or ahead[0].startswith(("i_", "we_"))):
                out.pending_neg = en
                continue
        if tok in lex.clitics and not verb:
            last = out.last_verb
            if last and out.last_finite == len(out.words) - 1 and not (last.modal or last.aux):
                # German: "bring mich um" -> "kill myself", "schlägt mich" -> "hits me"
                out.add("myself" if last.refl and out.person == "1" else "me")
                continue
            ahead = []
            for t in tokens[i + 1 : i + 1 + lex.clitic_reach]:
                if t in _CLAUSE_END:
                    break
                ahead.append(t)
            if lex.clitic_reach <= 2:
                ahead = [t for t in ahead if t not in lex.clitics][:1]
            if any(_verb_of(t, lex)[0] for t in ahead) or (ahead and lex.words.get(ahead[0]) in _NEGATIONS):
                out.pending_clitic = True
                continue
        if verb:
            v, tense, person = verb
            tense, person = _resolve(tense, person, out)
            mine = clitic in lex.clitics or (out.pending_clitic and not v.aux and not (v.modal and not v.refl))
            obj = _object(v, tense, person, out, mine)
            if mine:
                out.pending_clitic = False
            _render(v, tense, person, out, obj)
            continue
        if en is None:
            en = tok  # unknown words pass through: names, english words, numbers
        if en == "-" or not en:
            continue
        head = en.split()[0]
        if head in _SUBJECTS:
            out.subject = True
            if head in ("i", "we"):
                out.person = "1"
            elif head in ("he", "she", "it", "they", "someone", "nobody", "everyone", "everybody", "people"):
                out.person = "3"
        if en in ("i", "we", "he", "she", "they", "you") and out.last_finite >= 0 and out.last_finite == len(out.words) - 1:
            # German inversion "morgen mache ich", "kann ich": the subject goes before its verb
            if not (out.last_finite >= 1 and out.words[out.last_finite - 1] in ("i", "we", "he", "she", "they", "you")):
                out.insert(out.last_finite, en)
            continue
        out.add(en)
        if "_" in tok and head in ("is", "he", "she", "it"):
            out.person = "3"
        if en.split()[-1] in ("to",) or en.split()[-1] in _TAKES_TO:
            out.last_modal, out.modal_kind = len(out.words), ("" if en.endswith(" to") else "to")
    if out.pending_clitic:
        out.add("me")
    if out.pending_neg:
        out.add(out.pending_neg)
    english = " ".join(out.words)
    for rx, repl in _ENGLISH_FIXES:
        english = rx.sub(repl, english)
    return re.sub(r"\s+([.,;:!?])", r"\1", english).strip()


# Combining the gloss with the per-language rules -------------------------------------------------
# A classifier-only crisis on the gloss must be this confident: the gloss is broken English, and the
# embedding of broken English is noisier than that of a real message (tuned on round8_*_tune).
GLOSS_CLASSIFIER_MIN = 0.5
GLOSS_THERAPEUTIC_MIN = 0.7
_EXPLAINED = ("negated", "past-tense", "third-person", "idiom")


_BARE_WORD_HIT = re.compile(r"^(?:lexicon|combination):\w+:(?:suicid\w*|self[\s-]?harm\w*)$")  # the rules read "suicidio" already
# Everyday medication ("tomar mis pastillas de la presión"): the classifier reads "take my pills" as an overdose.
_ROUTINE_MEDS = re.compile(r"\b(?:take|taking|took)\s+(?:\w+\s+){0,2}?(?:my|the|his|her)\s+(?:pills|medication)\b"
                           r"|\b(?:pills|medication)\s+(?:for|to|of|against)\s+(?:the\s+|my\s+|a\s+)?(?:headache|pain|blood pressure|fever|cold|flu|football|allerg\w+|period|cramps|stomach\w*|back|sleep)")
# Quitting a sport or a job, breaking up: "decided ... done" that the classifier reads as a decision to die.
_EVERYDAY_END = re.compile(r"\b(?:to\s+)?quit\s+(?!life|living|everything|it\s+all)\w+|\bbreak\s+up\s+with\b")
# Round 9: a remedy for an ailment ("hab meine Kopfschmerztabletten genommen"): everyday medication.
_REMEDY = re.compile(r"\b(?:took|take|taking|have\s+took|have\s+taken)\s+(?:\w+\s+){0,3}?(?:headache|migraine|cold|flu|fever|allergy|allergies|cough|period|stomach)\b")
_WHOLE = re.compile(r"\b(?:all|every|whole|entire|box|bottle|forever|never|die|death|dead|end|last)\b")


def everyday(glossed: str) -> bool:
    """One's usual or a remedy's medication, quitting a sport or a job: risk words in an everyday sense."""
    return (((bool(_ROUTINE_MEDS.search(glossed)) or bool(_REMEDY.search(glossed))) and not _WHOLE.search(glossed))
            or bool(_EVERYDAY_END.search(glossed)))


def _set_aside(glossed: str) -> bool:
    """Round 14 (`practical`): the English classifier alone on the gloss of a how-to question about
    a thing ("how i will the ameisen in the kuche los without poison?") or of a plain "i am safe"
    ("i am not in danger, just exhausted") makes no crisis."""
    from calma.safety.practical import practical_question, says_safe

    return practical_question(glossed) or says_safe(glossed)


def combine(rules, english, glossed: str, third_person: bool = False):
    """One assessment from the per-language rules and the English reading of the gloss.

    Crisis when the rules say so, or when the English machinery does on the gloss: by its lexicon
    (which has its own negation, past-tense and idiom checks), or by the classifier with at least
    `GLOSS_CLASSIFIER_MIN` on a gloss with at least a weak risk word. Never against the rules'
    explanations: when they explained a phrase away ("no quiero matarme", "me muero de risa",
    "hace años me cortaba") or the message is about someone else (`third_person`), the gloss
    cannot make it a crisis. A support need read on the gloss makes the message therapeutic."""
    from dataclasses import replace

    from calma.safety.signals import risk_level

    explained = third_person or any(r.split(":")[0] in _EXPLAINED for r in rules.reasons)
    reasons = list(rules.reasons) + [f"gloss:{glossed[:200]}"]
    if rules.crisis:
        return replace(rules, reasons=reasons)
    hits = [r for r in english.reasons if r.startswith(("lexicon:", "combination:")) and not _BARE_WORD_HIT.match(r)]
    en_rule = english.crisis and bool(hits)
    en_explained = any(r.split(":")[0] in _EXPLAINED + ("joking", "intrusive-thought") for r in english.reasons)
    routine = everyday(glossed)
    en_model = (english.crisis and english.crisis_score >= GLOSS_CLASSIFIER_MIN and not en_explained and not routine
                and risk_level(glossed) >= 1)
    if en_model and not en_rule and _set_aside(glossed):
        en_model = False
        reasons.append("gloss:practical: a how-to question about a thing or a plain 'i am safe', read as a crisis by the classifier alone")
    if not explained and (en_rule or en_model):
        why = [f"lexicon:gloss:{h}" for h in hits] if en_rule else [f"gloss:classifier:crisis={english.crisis_score:.2f}"]
        categories = {c: max(rules.categories.get(c, 0.0), english.categories.get(c, 0.0)) for c in rules.categories}
        therapeutic = max(rules.therapeutic_score, 0.7)
        return replace(rules, crisis=True, crisis_score=max(english.crisis_score, rules.crisis_score), categories=categories,
                       therapeutic_score=therapeutic, casual_score=1.0 - therapeutic, reasons=reasons + why,
                       riskiest_sentence=english.riskiest_sentence or rules.riskiest_sentence)
    from calma.safety.detect import THERAPEUTIC_CUES

    # Not for a joke, an idiom, everyday medication, or a question about something else ("wie backe ich brot?").
    light = ("lol" in glossed.split() or any(r.startswith("idiom:") for r in rules.reasons) or routine
             or (glossed.rstrip().endswith("?") and not THERAPEUTIC_CUES.search(glossed)))
    if rules.therapeutic_score < 0.5 and english.therapeutic_score >= GLOSS_THERAPEUTIC_MIN and not light:
        return replace(rules, therapeutic_score=0.6, casual_score=0.4,
                       reasons=reasons + [f"gloss:support:therapeutic={english.therapeutic_score:.2f}"])
    return replace(rules, reasons=reasons)
