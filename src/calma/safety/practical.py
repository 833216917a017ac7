"""Round 14: readings that set aside an embedding-only crisis (used by `policy` and `gloss`).

The round-14 writer's conversations, read before any change, sent 21 % of casual last turns to
crisis, nearly all by the English embedding classifier on a message whose words only sound
dangerous: a how-to or factual question about a thing ("how do you humanely kill a lobster",
"easiest way to kill weeds between patio stones", "is drilling holes through a hard drive
enough"), or a request after distress the user says is over ("so much better now! anyway, a
book for the beach?"). The same classifier, on the English gloss of es/pt/fr/de, read "wie werd
ich die ameisen los ohne gift?" and "je suis pas en danger, juste épuisée" as crises. Three
readings here, each only for a crisis *no rule found* (the lexicon and its combinations are
never overridden) and never with anything that can belong to a crisis (`_SELF_RISK`, despair,
preparation, a euphemism, a farewell, words about going on):

1. **A practical question or request** (`practical_question`): "how do/can/should i ...",
   "what's the best/safest way to ...", "should i ... or ...", "is it ok to ...", "do i need
   ...", "any tips/ideas ...", "recommend ...". Never about the writer's own body or life, means
   of self-harm or doses (pills, rope, a bridge, a gun, "how many", "how long does it take"),
   which the method-question rules read.
2. **An explicit safety statement** (`says_safe`): "i'm not in danger", "i'm safe, they're not
   violent", "no suicidal thoughts", with no hedge ("for now", "right now") and nothing else
   risky: support, not a crisis.
3. **Distress told as over, then a new request** (`resolved_request`): "way better, like night
   and day ... i came to ask for a meal prep plan": small talk, not support.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A question or request about doing something, or about a thing.
_PRACTICAL = re.compile(
    r"\bhow\s+(?:do|does|did|can|could|should|would|to)\s+(?:i|you|we|one|u|people|they|it|someone)?\s*(?!feel\b|cope\b|stop\s+(?:feeling|thinking|crying))\w+"
    r"|\bhow\s+to\s+\w+|\b(?:what'?s|what\s+is|whats)\s+the\s+(?:best|easiest|safest|proper|right|fastest|quickest|cheapest|correct|simplest|humane|most\s+humane|deadliest|biggest)\b"
    r"|\b(?:best|easiest|safest|proper|right|correct|humane)\s+way\s+(?:to|of)\b|\bshould\s+i\s+(?:just\s+)?\w+[^.!?]*\bor\b|\bshould\s+i\s+(?:just\s+)?(?:rip|cut|retire|replace|buy|get|use|do|skin|gut|sand|paint|call|take\s+it|try|wait|start)\b"
    r"|\bis\s+it\s+(?:ok|okay|safe|bad|normal|worth|better|fine|dumb|enough)\s+to\b|\bdo\s+i\s+need\s+(?:to\s+)?\w+|\bis\s+\w+(?:\s+\w+){0,5}\s+enough\b"
    r"|\bwhat\s+(?:gear|kind|type|size|tools?|brand|angle|temperature|temp|setting)\b|\bany\s+(?:good\s+)?(?:tips|ideas|advice|recs?|recommendations|suggestions|gift\s+ideas)\b"
    r"|\brecommend\w*|\bsuggest(?:ion)?s?\b|\bhelp\s+me\s+(?:plan|pick|choose|find|write|figure\s+out)\b|\bwhat\s+are\s+some\s+good\b|\bwhat'?s\s+a\s+good\b"
    r"|\b(?:came|come)\s+to\s+ask\b|\bi\s+need\s+(?:a|an|some)\s+\w+\s+(?:recommendation|idea|tip)s?\b"
    r"|\bcan\s+i\s+(?:just\s+)?(?:do|use|fix|cut|make|eat|put|leave|mix|freeze|reuse|wash|clean|paint|plant|bring)\b"
    # the English gloss of "wie werd ich ... los", "como limpo ...", "comment on vide ..."
    r"|(?:^|[.!?]\s*)how\s+(?:i|you|we|one|is|are|and\s+that)\s+\w+|(?:^|[.!?]\s*)how\s+\w+[^.!?]*\?",
    re.I,
)
# Anything that can belong to the writer's own crisis: never set aside by these readings.
_SELF_RISK = re.compile(
    r"\b(?:myself|my\s+(?:life|wrists?|arms?|veins?|neck|thighs?)|kill\s+me|end\s+(?:it|things|my)|suicid\w*|overdos\w*|o\.?d\b|dose|lethal|fatal|painless\w*"
    r"|pills?|tablets?|meds|medication|sleeping|noose|hang(?:ing)?|rope|bridge|jump\w*|ledge|roof|cliff|gun|guns|firearm|bullets?|shoot\w*|razor|blades?|bleed\w*"
    r"|drown\w*|carbon\s+monoxide|exhaust|charcoal|how\s+(?:many|much)|how\s+long\s+(?:does|would|will)\s+it\s+take|would\s+(?:it|that)\s+(?:kill|hurt)|a\s+will\b|my\s+will\b|life\s+insurance"
    r"|goodbye|letters?|note\b|give\s+away|rehom\w*|without\s+me|when\s+i'?m\s+gone|after\s+i'?m|anymore|no\s+more|forever|for\s+good|never\s+wake"
    # the words a farewell or giving up is made of (as `policy._GOING_ON`)
    r"|alive|be\s+here|be\s+around|exist\w*|wake\s+up|disappear\w*|go\s+on|keep\s+going|carry\s+on|escape|the\s+end|it'?s\s+time|made\s+up\s+my\s+mind"
    r"|my\s+mind\s+is\s+made\s+up|whoever|where\s+i'?m\s+going|peace|last\s+(?:time|day|night|message)|sorry|forgive|love\s+you|(?:take\s+care\s+of|look\s+after)\s+my"
    # dying without pain ("the quickest way to go without it hurting"); harm to someone, or a plan
    # told as a question ("i keep planning how to run my ex over")
    r"|hurt\w*|pain(?:s|ful\w*)?|suffer\w*|way\s+to\s+go(?!\s+(?:to|from|about|through|for|on|back|home|there|here|in|out|up|down|with))|to\s+do\s+it"
    r"|run\s+(?:\w+\s+){1,2}over|(?:kill|poison|stab|shoot|hit|punch|beat|strangle|choke|drug|spike|hurt)\w*\s+(?:him|her|them|my\s+\w+|someone|somebody|people|a\s+person|everyone|the\s+\w+\s+who)"
    r"|finds?\s+me|miss\s+me|notice\s+(?:me|i'?m)|top\s+floor|garage|tracks|train|platform|high\s+enough|how\s+high|height"
    r"|plan\w*\s+(?:\w+\s+)?how|thinking\s+(?:about\s+)?how|keep\s+(?:thinking|imagining|picturing)|fantasi\w*)\b",
    re.I,
)
# Everyday phrases with a risk word in them: set aside before `_SELF_RISK` is read.
_EVERYDAY = re.compile(
    r"\b(?:do|did|doing|fix|fixing|build|install|make|paint|cut|bake|sew|learn|teach|dye|trim)\s+(?:it|this|that|them|one|mine)\s+(?:by\s+)?myself\b"
    r"|\b(?:work|works|working|fit|fits|open|opens|charge|charges|start|starts|run|runs|help|helps|stick|sticks)\s+anymore\b"
    r"|\bjump(?:-|\s+)?start\w*|\bjumper\s+cables\b|\bjump\s+ropes?\b|\bin\s+forever\b|\bsleeping\s+bags?\b",
    re.I,
)
# Feeling words alone ("alone", "numb", "empty") are distress, not despair (as `policy._AFFECT_ONLY`).
_AFFECT_ONLY = {"empty", "numb", "alone"}
# "I'm safe": said plainly, with no hedge.
_SAYS_SAFE = re.compile(
    r"\b(?:i'?m|i\s+am|im)\s+(?:totally\s+|completely\s+|perfectly\s+)?(?:safe|not\s+in\s+(?:any\s+)?danger|not\s+suicidal|not\s+unsafe)\b(?!\s+(?:for\s+now|right\s+now|at\s+the\s+moment|yet|tonight|today|from))"
    r"|\bno\s+(?:suicidal\s+(?:thoughts|ideas|ideation)|thoughts\s+of\s+(?:suicide|hurting\s+myself|killing\s+myself))\b(?!\s+(?:for\s+now|right\s+now|yet))"
    r"|\b(?:nobody|no\s+one|nobody'?s|no\s+one'?s)\s+(?:is\s+)?(?:unsafe|in\s+danger)\b|\b(?:they'?re|he'?s|she'?s|they\s+are|he\s+is|she\s+is)\s+not\s+violent\b"
    r"|\b(?:i\s+have|i'?ve|i\s+don'?t\s+have|i\s+do\s+not\s+have)\s+(?:not\s+|no\s+)?(?:any\s+)?(?:suicidal\s+(?:thoughts|ideas))\b",
    re.I,
)
_HEDGE = re.compile(r"\b(?:for\s+now|right\s+now|at\s+the\s+moment|yet|but\s+(?:i\s+)?(?:want|wanna|might|could|don'?t\s+know\s+for\s+how\s+long))\b", re.I)
# Distress the writer says is over.
_RESOLVED = re.compile(
    r"\b(?:(?:so|way|much|a\s+lot|loads)\s+better|doing\s+(?:so\s+much\s+|way\s+|much\s+|a\s+lot\s+)?(?:better|great|well|good)|night\s+and\s+day|like\s+a\s+new\s+person"
    r"|(?:has|have)\s+been\s+(?:good|great|better)|(?:she|he|they)'?s\s+(?:doing\s+)?(?:ok|okay|fine|great|amazing|better|good)|(?:she|he|they)\s+(?:is|are)\s+(?:doing\s+)?(?:ok|okay|fine|great|amazing|better|good)"
    r"|recovered|i'?m\s+(?:fine|good|okay|ok|great)\s+now|(?:the\s+)?best\s+time|over\s+it\s+now|behind\s+me)\b",
    re.I,
)
_STILL_BAD = re.compile(r"\b(?:but|except|still|again|lately|these\s+days|relaps\w*|slipping|scared|afraid|terrified|worried|anxious|struggl\w*|hard\b|sad|cry\w*|can'?t)\b", re.I)


def _risky(text: str) -> bool:
    from calma.safety.signals import DESPAIR, EUPHEMISM, FINAL_FAREWELL, PREPARATION

    text = _EVERYDAY.sub(" ", text)
    despair = any(m.group().lower() not in _AFFECT_ONLY for m in DESPAIR.finditer(text))
    return bool(_SELF_RISK.search(text) or despair or EUPHEMISM.search(text) or PREPARATION.search(text)
                or FINAL_FAREWELL.search(text))


@lru_cache(maxsize=4096)
def practical_question(text: str) -> bool:
    """A how-to or factual question, or a request, about a thing (English or an English gloss),
    with nothing in it that can belong to the writer's own crisis."""
    return bool(_PRACTICAL.search(text)) and not _risky(text)


@lru_cache(maxsize=4096)
def says_safe(text: str) -> bool:
    """An explicit, unhedged statement that the writer is safe or not suicidal, nothing risky else."""
    if not _SAYS_SAFE.search(text) or _HEDGE.search(text):
        return False
    rest = _SAYS_SAFE.sub(" ", text)
    return not _risky(rest)


@lru_cache(maxsize=4096)
def resolved_request(text: str, previous: str = "") -> bool:
    """Distress said to be over ("way better", "she's doing great now"), in this message before a
    new request or in the user's previous message ("i was in a dark place last winter, but spring
    has been good"), with nothing still bad after it."""
    request = _PRACTICAL.search(text)
    if not request or _risky(text):
        return False
    for said in (text[: request.start()], previous):
        resolved = _RESOLVED.search(said)
        if resolved and not _STILL_BAD.search(said[resolved.start():]) and not _risky(said[resolved.start():]):
            return True
    return False
