"""Crisis signals that no single phrase carries: texting shorthand, euphemism plus a plan,
harm to others with means, final farewells, and whether a message has any risk word at all.

People in crisis often write "ngl gonna end it all tn, got everything ready": no phrase of
the lexicon matches, and the embedding model reads the shorthand as small talk. Three weak
cues together are a crisis, though: a euphemism for dying ("end it", "checking out", "be
done"), a preparation ("got everything ready", "wrote the letters", "set a date") and despair
("tired of everything", "nobody would notice"). Each is too common alone to route on, so the
rules here fire only on combinations across the whole message, and a reviewer can read them.
"""

from __future__ import annotations

import re

# Texting shorthand -> plain words, so the lexicon and the embedding model read the same English.
_SHORTHAND = {
    r"abt": "about", r"w/o": "without", r"w/": "with ", r"rn": "right now", r"tn": "tonight",
    r"2nite": "tonight", r"tonite": "tonight", r"2night": "tonight", r"ngl": "honestly", r"tbh": "honestly",
    r"idk": "I don't know", r"idc": "I don't care", r"gonna": "going to", r"wanna": "want to",
    r"gotta": "got to", r"tmrw": "tomorrow", r"tmr": "tomorrow", r"2morrow": "tomorrow", r"2day": "today",
    r"bc": "because", r"cuz": "because", r"cos": "because", r"u": "you", r"ur": "your", r"im": "I'm",
    r"ive": "I've", r"ill": "I'll", r"cant": "can't", r"dont": "don't", r"wont": "won't", r"didnt": "didn't",
    r"smth": "something", r"sth": "something", r"every1": "everyone", r"some1": "someone",
    r"b4": "before", r"4ever": "forever", r"rly": "really", r"pls": "please", r"plz": "please",
    r"nvm": "never mind", r"bf": "boyfriend", r"gf": "girlfriend", r"thx": "thanks", r"ppl": "people",
    r"n": "and", r"r": "are", r"lil": "little", r"shes": "she's", r"hes": "he's", r"theyre": "they're",
    r"thats": "that's", r"whats": "what's",
}
_SHORTHAND_RX = re.compile(
    r"(?<![\w/'])(" + "|".join(re.escape(k) for k in sorted(_SHORTHAND, key=len, reverse=True)) + r")(?![\w'])",
    re.I,
)


def expand_shorthand(text: str) -> str:
    """"ngl im gonna end it tn" -> "honestly I'm going to end it tonight" (word by word, case kept elsewhere)."""

    def repl(m: re.Match) -> str:
        word = m.group(1)
        if word.lower() == "ill" and not re.match(r"\s+(?:be|do|go|just|take|end|never|try|make|kill|hurt)\b", m.string[m.end():], re.I):
            return word  # "I feel ill" stays ill
        if word.lower() in ("u", "r", "n") and (m.string[m.end():m.end() + 1] in "/." or m.string[max(0, m.start() - 1)] == "/"):
            return word  # r/depression, U.S.
        return _SHORTHAND[word.lower()].strip() + (" " if word.lower() == "w/" else "")

    return re.sub(r"[ \t]+", " ", _SHORTHAND_RX.sub(repl, text)).strip()


_I = r"(?:i|i'm|i've|i'll|i'd|i\s+am|i\s+have|i\s+will)"
# A euphemism for one's own death, with intent ("going to end it", "checking out for good").
EUPHEMISM = re.compile(
    r"\b(?:end(?:ing)?\s+(?:it|it\s+all|everything|things|my\s+story)(?!\s+(?:with|off|between|early\s+with))\b"
    r"|check(?:ing)?\s+out(?:\s+(?:for\s+good|permanently|early|of\s+(?:life|here|this\s+world)))?(?!\s+(?:the|this|that|a|my|our|at|of\s+the|from|tomorrow\s+morning))"
    r"|(?:be|being|just\s+be)\s+done(?:\s+(?:with\s+(?:it\s+all|everything|life|living|all\s+of\s+(?:it|this)|this\s+life)|for\s+good))?"
    r"|not\s+(?:be\s+)?(?:here|around|alive)\b|no\s+longer\s+(?:be\s+)?(?:here|around)|(?:go|leave|leaving|going)\s+(?:away\s+)?for\s+good"
    r"|(?:then|finally)\s+i\s+(?:can|get\s+to|will|'ll)\s+(?:finally\s+)?(?:stop|be\s+free|be\s+at\s+peace)(?=\s*(?:[.,;!?]|$|forever|for\s+good))"
    r"|go(?:ing)?\s+through\s+with\s+it|(?:not|never)\s+(?:come|coming)\s+back(?!\s+(?:until|till|for|before|to|from|here|there|home\s+(?:until|before)))|(?:stop|stopping)\s+(?:existing|breathing)|never\s+wake\s+up|(?:sleep|rest)\s+forever"
    r"|(?:won'?t|will\s+not)\s+(?:be\s+(?:a\s+)?(?:problem|burden)|need\s+(?:them|it|this|any\s+of\s+(?:it|this))|have\s+to\s+(?:deal|worry))(?:\s+\w+){0,3}\s+(?:anymore|much\s+longer|for\s+long))"
    # Round 9: finality without a risk word ("won't need it where i'm going", "nobody will have to
    # deal with me", "it'll all be over soon", "this time i won't drive home", "for whoever finds
    # it", "so they know it wasn't their fault").
    r"|(?:won'?t|will\s+not|wo\s+not)\s+need\s+(?:\w+\s+){0,3}?(?:where\s+i'?m\s+going|where\s+i\s+am\s+going|after\s+(?:tonight|this|today|tomorrow|\w+day))"
    r"|(?:nobody|no\s+one|noone)\s+(?:will|'ll|is\s+going\s+to|would)\s+(?:ever\s+)?(?:have|need)\s+to\s+(?:deal\s+with|worry\s+about|put\s+up\s+with|take\s+care\s+of|look\s+after|clean\s+up\s+after|carry|support|babysit)\s+me"
    r"|(?:it'?ll|it\s+will|this\s+will|everything\s+will|it'?s\s+(?:all\s+)?going\s+to|all\s+of\s+(?:this|it)\s+will)\s+(?:all\s+)?be\s+over\s+(?:soon|tonight|tomorrow|by|after)|soon\s+(?:it'?ll|it\s+will|this\s+will)\s+(?:all\s+)?be\s+over"
    r"|this\s+time\s+i\s+(?:won'?t|will\s+not|'m\s+not\s+going\s+to|am\s+not\s+going\s+to)\s+(?:come|drive|walk|go|make\s+it|be\s+coming)\s+(?:home|back)"
    r"|(?:for|to)\s+whoever\s+finds\s+(?:me|it|them|my\s+\w+)|(?:be|being)\s+the\s+one\s+(?:to\s+find|who\s+finds)\s+(?:me|it)"
    r"|(?:know|knows|understand|understands)\s+it\s+(?:wasn'?t|isn'?t|was\s+not|is\s+not)\s+(?:their|her|his|your|anyone'?s|my\s+\w+'?s)\s+fault",
    re.I,
)
# Euphemisms final enough to count alone ("checking out for good", "never wake up").
STRONG_EUPHEMISM = re.compile(
    r"\b(?:check(?:ing)?\s+out\s+(?:for\s+good|permanently|of\s+(?:life|this\s+world))|(?:be|being)\s+done\s+(?:for\s+good|with\s+(?:life|living|this\s+life))"
    r"|(?:go\s+to\s+sleep|fall\s+asleep)\s+(?:and\s+)?(?:never|not)\s+wake\s+up|(?:stop|stopping)\s+existing|end\s+my\s+story)\b",
    re.I,
)
# Getting ready: a plan, a date, the means, letters, goodbyes.
PREPARATION = re.compile(
    r"\b(?:(?:got|have|had|gotten|getting|'ve\s+got)\s+(?:everything|it\s+all|all\s+of\s+it|it|all)\s+(?:\w+\s+)?(?:ready|planned|sorted|figured\s+out|worked\s+out|lined\s+up|set\s+up|in\s+place|prepared)"
    r"|(?:made|making|have|got|has|'ve\s+got)\s+(?:a|my|the)\s+(?:plan|decision)|planned\s+(?:it|everything|it\s+all|it\s+out|how)|(?:it'?s|it\s+is)\s+all\s+planned"
    r"|(?:wrote|written|writing|left|finished|sealed)\s+(?:(?:a|the|my|some|a\s+few|all\s+the|all\s+my|final|last|goodbye)\s+)+(?:\w+\s+)?(?:letters?|notes?)(?!\s+(?:in|for|on|from|during|about)\s+(?:class|lecture|the\s+lecture|school|work|the\s+meeting|the\s+exam|the\s+test|chapter))"
    r"|(?:wrote|written|writing|left)\s+(?:letters?|notes?)\s+(?:to|for)\s+(?:my|everyone|each|all|them|him|her|every1)|(?:letters?|notes?)\s+(?:are|is)\s+(?:on|in|written|ready|done)"
    r"|(?:bought|buying|got|picked\s+up|ordered|have|saved|stockpiled|hid|hidden|hiding|collected)\s+(?:the\s+|a\s+|some\s+|my\s+|enough\s+|all\s+the\s+)?(?:rope|pills|meds|tablets|gun|razor|razors|blades?|charcoal|stuff|hose|poison|sleeping\s+pills|everything\s+i\s+need)"
    r"|set\s+(?:a|the)\s+date|picked\s+(?:a|the)\s+(?:day|date|time|spot|place|bridge)|the\s+(?:date|day)\s+is\s+(?:set|picked|chosen)|(?:saving|saved|been\s+saving)\s+(?:up\s+)?my\s+(?:meds|pills)"
    r"|(?:everything|it\s+all)\s+(?:is|'s)\s+(?:ready|planned|lined\s+up|set\s+up|sorted|in\s+place|arranged)|(?:my\s+)?affairs\s+(?:are|'re)\s+(?:sorted|in\s+order|settled)|(?:letter|note)'s\s+(?:in|on|under)"
    r"|(?:rope|noose)\s+(?:in|under|hidden\s+in)\s+(?:my|the)|(?:gave|giving|give)\s+away\s+my|said\s+(?:my\s+)?(?:bye|goodbyes?|sorry)\s+to|(?:said|made)\s+(?:all\s+)?my\s+goodbyes|(?:gave|giving|given)\s+away\s+(?:the|all\s+my|most\s+of\s+my)\s+(?:records|books|clothes|stuff|things|guitar|watch|games|plants|jewel\w*)\s+(?:too|already|as\s+well)|(?:deleted|deleting)\s+(?:all\s+)?my\s+(?:accounts|socials)|(?:sorted|sorting|put)\s+(?:out\s+)?my\s+affairs(?:\s+in\s+order)?"
    r"|(?:rope|pills|meds|gun|stuff)\s+(?:is|are)\s+(?:ready|in\s+my\s+(?:closet|drawer|car|bag|room)|hidden))\b",
    re.I,
)
DESPAIR = re.compile(
    r"\b(?:tired\s+of\s+(?:everything|it\s+all|life|living|being\s+alive|fighting|trying)|nothing\s+matters|no\s+point|pointless|can'?t\s+do\s+(?:this|it)\s+anymore"
    r"|can'?t\s+(?:take|handle|keep\s+doing)\s+(?:it|this)\s+anymore|done\s+with\s+(?:life|everything|it\s+all|all\s+of\s+(?:it|this))|hopeless|(?:don'?t|do\s+not)\s+care\s+(?:about\s+)?(?:anything|anymore|what\s+happens)|(?:nobody|no\s+one)\s+(?:will|would|'ll)\s+(?:even\s+)?(?:notice|care|miss\s+me)"
    r"|(?:easier|better|happier|lighter|simpler)\s+(?:\w+\s+){0,4}?without\s+me\b"  # round 9
    r"|burden|worthless|giv(?:e|ing)\s+up|given\s+up|at\s+peace\s+with|ready\s+to\s+go|(?:want|need)\s+(?:it|this|the\s+pain|everything)\s+to\s+(?:stop|end)|stop\s+hurting|so\s+done"
    r"|hate\s+(?:my\s+life|myself)|nothing\s+left|no\s+way\s+out|last\s+(?:time|day|night|message)|(?:goodbye|bye)\s+(?:forever|everyone)|exhausted\s+of\s+living|(?:feel|feeling|i'?m)\s+(?:so\s+|oddly\s+|strangely\s+|finally\s+)?(?:calm|relieved|at\s+peace)|i'?m\s+(?:so\s+|just\s+|really\s+)?tired\s*(?:[.!]|$)|empty|numb|alone|can'?t\s+go\s+on|how\s+much\s+longer)\b",
    re.I,
)
TIME_NOW = re.compile(r"\b(?:tonight|today|right\s+now|this\s+(?:weekend|week|morning|evening)|tomorrow|soon|friday|saturday|sunday|monday|after\s+(?:work|school|dinner|my\s+shift|this\s+shift|everyone\s+(?:leaves|is\s+asleep)))\b", re.I)
# A farewell is only a crisis with finality in it.
FINAL_FAREWELL = re.compile(
    r"\b(?:goodbye|bye|farewell)\s+(?:forever|for\s+good|for\s+the\s+last\s+time|everyone,?\s+(?:i\s+love|thank)|world)\b|\b(?:take|taking)\s+care\s+of\s+my\s+(?:cat|dog|kids?|children|pets?|plants|fish|bird|rabbit|hamster|son|daughter)\s+(?:for\s+me|when\s+i'?m\s+gone|after)"
    r"|\b(?:won'?t|will\s+not)\s+be\s+(?:around|here)\s+(?:after|to\s+see|for\s+(?:much\s+longer|long))|\bthis\s+is\s+(?:my\s+)?(?:final|last)\s+(?:goodbye|message|text|post)\b|\bmy\s+(?:very\s+)?last\s+(?:sunrise|sunset)\b|\b(?:forever|for\s+good)\s+after\s+this\s+(?:message|text|post)\b|\bwhen\s+i'?m\s+gone\b|\btell\s+(?:them|everyone|my\s+\w+)\s+i'?m\s+sorry\s+(?:for\s+everything|when)\b",
    re.I,
)
# Harm to others with concrete means: a substance into someone's food, a weapon and a target.
HARM_MEANS = re.compile(
    r"\b(?:rat\s+poison|poison|bleach|antifreeze|arsenic|cyanide|gasoline|petrol|lighter\s+fluid|knife|knives|gun|rifle|pistol|shotgun|bat|crowbar|hammer|machete|the\s+stuff|that\s+stuff|crushed\s+(?:up\s+)?(?:pills|tablets)|pills|drugs|something)\b",
    re.I,
)
FOOD_TARGET = re.compile(
    r"\b(?:put|putting|slip|slipping|mix|mixing|crush(?:ed|ing)?|pour|pouring|add|adding|lace|lacing|spike|spiking|drop|dropping)\b[^.!?]{0,40}?\b(?:in|into|inside)\s+(?:his|her|their|its|my\s+[\w-]+(?:'s)?|[\w-]+'s|the\s+\w+'s)\s+(?:\w+\s+)?(?:food|drink|coffee|tea|water|dinner|lunch|breakfast|meal|soup|bottle|cup|juice|beer|wine|glass|smoothie|shake|snack|cereal|sauce|pasta|bowl|mug|milk|medicine|meds|plate|thermos|lunchbox)\b"
    r"|\b(?:spike|spiking|lace|lacing|poison|poisoning)\s+(?:his|her|their|my\s+[\w-]+(?:'s)?|[\w-]+'s)\s+(?:\w+\s+)?(?:food|drink|coffee|tea|water|dinner|lunch|meal|soup|bottle|cup|juice|beer|wine|glass)\b",
    re.I,
)
HARMLESS_IN_FOOD = re.compile(r"\b(?:sugar|salt|milk|cream|honey|lemon|ice|sprinkles|cinnamon|vanilla|syrup|oat\s+milk|chocolate|a\s+note|vitamins?)\b", re.I)
PERSON_TARGET = re.compile(
    r"\b(?:him|her|them|he|she|they|his|their|my\s+(?:\w+\s+)?(?:wife|husband|dad|father|stepdad|stepfather|mom|mother|stepmom|boss|brother|sister|roommate|partner|ex|teacher|neighbou?r|coworker|classmate|uncle|aunt|landlord|family|bully)|that\s+(?:guy|girl|man|woman|kid|teacher|bitch|bastard))\b",
    re.I,
)
HARM_INTENT = re.compile(
    r"\b(?:(?:i'?m|i\s+am)\s+(?:going|planning|about)\s+to|i'?ll|i\s+will|i'?m\s+(?:driving|heading|going)\s+(?:over|there|to)|(?:going|heading|driving)\s+(?:over\s+)?(?:there|to\s+(?:his|her|their)\s+(?:place|house|work|apartment))"
    r"|know\s+where\s+(?:he|she|they|that\s+\w+|my\s+\w+)\s+(?:lives?|works?|sleeps?)|(?:bought|got|loaded|sharpened|crushed|hid)\s+(?:the|a|my|some|his|her|dad's|\w+'s)?\s*(?:\w+\s+)?(?:stuff|poison|gun|knife|bullets|pills|bleach|gasoline|bat)"
    r"|wait(?:ing)?\s+for\s+(?:him|her|them)|won'?t\s+see\s+(?:tomorrow|monday|another\s+day|the\s+weekend|morning)|(?:is|are)\s+going\s+up\s+in\s+flames|going\s+up\s+tonight|make\s+(?:him|her|them)\s+(?:sick|pay|suffer))",
    re.I,
)
# Words that can belong to a crisis. STRONG ones name death, harm, means or danger; WEAK ones
# are everyday words that crisis messages also use ("done", "ready", "sleep", "peace").
STRONG_RISK_WORDS = re.compile(
    r"\b(?:die|dies|died|dying|dead|death|deaths|kill\w*|kms|suicid\w*|sucid\w*|sewer\s*slide|unaliv\w*|hurt(?:s|ing)?\s+(?:myself|me|him|her|them|someone|somebody|people|anyone|others|my\s+(?:self|body|arms?|wrists?|legs?|kids?|baby|child|wife|husband|partner|mom|dad))|harm\w*|sh|cutting|cuts|cut\s+(?:my|myself)|bleed\w*|bled|blood\w*|pills?|meds|medicine|overdos\w*|rope|noose|hanging|hang\s+myself|gun|guns|knife|knives|blade|razor|lighter|cigarette|burn(?:s|ed|t|ing)?\s+(?:my|myself|me)|scratch\w*|bang\w*"
    r"|(?:train|one)\s+that\s+(?:doesn'?t|does\s+not|won'?t)\s+stop|bridge|jump\w*|poison\w*|end\s+it|ending|gone|goodbyes?|bye\s+forever|letters?|notes?|plan(?:s|ned|ning)?|weapon|shoot\w*|stab\w*|hit|hits|hitting|beat\w*|abus\w*|scared|afraid|terrified|unsafe|threat\w*|chok\w*|neck|rape\w*|assault\w*"
    r"|punch\w*|slap(?:s|ped|ping)?\s+(?:me|us|her|him|my)|push\w*|smash\w*|rag(?:e|ing)|attack\w*|forced|locked|hiding\s+(?:from|in|under|with)|following\s+me|breaking\s+in(?:to)?|break\s+in(?:to)?|won'?t\s+let\s+me|took\s+my|stalk\w*|touch\w*\s+me|passport|alive|exist\w*|disappear\w*|vanish\w*|burden|better\s+off"
    r"|hopeless|pointless|decided|decision|made\s+sure|relief|relieved|funeral|grave|final|bruise\w*|scar\w*|starv\w*|purg\w*|throw\w*\s+up"
    r"|hose|car\s+running|crash\w*|drive\s+(?:my\s+car\s+)?off|run\s+\w+\s+over|off\s+the\s+road|tracks|platform|step\s+off|roof|ledge|cliff|bathtub|breath\w*|asleep|wake"
    r"|on\s+purpose|affairs|be\s+here|worry\s+about\s+me|the\s+picture|need\s+them|birthday|do\s+it|worked\s+out|figured\s+out|lined\s+up|relaps\w*|strangl\w*|murder\w*"
    # means named without a crisis word ("my dad's revolver in my lap", "40 tablets and vodka")
    r"|revolver|rifle|shotgun|pistol|oxy\w*|fentanyl|percocet|vicodin|codeine|hydrocodone|benzos?|klonopin|valium|ambien|firearm|ammo|bullets?|crossbow|tablets?|painkillers?|paracetamol|acetaminophen|tylenol|insulin|antidepressants?|morphine|opioids?|xanax|bleach|antifreeze|charcoal|carbon\s+monoxide|exhaust|fatal|lethal|drown\w*|scissors|cord|belt\s+to|swallow\w*"
    r"|myslef|mysefl|myslf|kil|sui|su[ic]{1,3}i?c?idal|suicdal|suicial|suicidle|sucidle|suisidal|suacidal)\b",
    re.I,
)
WEAK_RISK_WORDS = re.compile(
    r"\b(?:ready|safe|forever|anymore|no\s+more|live|living|life|point|nothing|done|tired|can'?t|escape|peace|last|sorry|over|again|worse|sleep|high|sea|river|water|train|edge|hang|cut|garage|hurt\w*|burn\w*|destroy\w*"
    r"|bye|goodbye|love\s+you|not\s+your\s+fault|forgive\s+me|my\s+problem|it'?s\s+time|arranged|finished|won'?t\s+be\s+(?:around|here|able)|none\s+of\s+this|lap|engine\s+on|vodka)\b",
    re.I,
)


# A farewell that says when it ends ("goodbye for now", "see you when i'm back", "off on holiday"):
# its "goodbye" is no risk word (round 9).
TEMP_FAREWELL = re.compile(
    r"\b(?:good)?bye\s+for\s+now\b|\bsee\s+(?:you|ya|u)\s+(?:when|soon|next|in\s+(?:a|two|three|\d+)|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the\s+\d+\w*)|after|tomorrow|later|around)\b"
    r"|\b(?:off|going|leaving|heading)\s+(?:on|for)\s+(?:a\s+|my\s+|our\s+)?(?:holiday|vacation|trip|honeymoon|holidays|business\s+trip)\b|\bbe\s+back\s+(?:on|in|next|by|soon)\b",
    re.I,
)


def risk_level(text: str) -> int:
    """2: a word that names death, harm, means or danger; 1: only everyday words crisis messages
    also use; 0: none. The less risk language, the more confident the classifier must be."""
    if TEMP_FAREWELL.search(text) and not re.search(r"\b(?:forever|for\s+good|last\s+time|never)\b", text, re.I):
        text = TEMP_FAREWELL.sub(" ", text)
    if STRONG_RISK_WORDS.search(text) or PREPARATION.search(text) or EUPHEMISM.search(text):
        return 2
    return 1 if WEAK_RISK_WORDS.search(text) else 0


def suicide_combination(text: str) -> str | None:
    """The cue combination that makes a suicide crisis across the message, or None."""
    from calma.safety.lexicon import _negated, is_past_clause

    euphemisms = [m for m in EUPHEMISM.finditer(text) if not _negated(text[: m.start()])]
    strong = [m for m in STRONG_EUPHEMISM.finditer(text) if not _negated(text[: m.start()])]
    if strong and not is_past_clause(_sentence_around(text, strong[0].start())):
        return strong[0].group()
    preparations = [m for m in PREPARATION.finditer(text) if not is_past_clause(_sentence_around(text, m.start()))]
    despair = DESPAIR.search(text)
    if len({m.group().lower() for m in preparations}) >= 2:
        return f"{preparations[0].group()} + {preparations[1].group()}"
    if preparations and (euphemisms or despair):
        cue = euphemisms[0].group() if euphemisms else despair.group()
        return f"{preparations[0].group()} + {cue}"
    if euphemisms and (despair or TIME_NOW.search(text)):
        return f"{euphemisms[0].group()} + {(despair or TIME_NOW.search(text)).group()}"
    farewell = FINAL_FAREWELL.search(text)
    return farewell.group() if farewell else None


def harm_to_others(text: str) -> str | None:
    """Harm to someone else with means and intent ("bought the stuff, putting it in his coffee")."""
    food = FOOD_TARGET.search(text)
    if food and not HARMLESS_IN_FOOD.search(food.group()):
        return food.group()
    means, intent = HARM_MEANS.search(text), HARM_INTENT.search(text)
    if means and intent and PERSON_TARGET.search(text) and _speaker_acts(text):
        return f"{means.group()} + {intent.group()}"
    return None


def _speaker_acts(text: str) -> bool:
    """The writer is the one acting: "I'll ..." or a subject-less "going to wait for him", not "he bought a gun"."""
    if re.search(r"\b(?:i|i'm|i'll|i've|i'd)\b", text, re.I):
        return True
    return not re.search(r"\b(?:he|she|they|someone)\s+(?:is|'s|are|was|were|has|have|will|'ll|bought|got)\b", text, re.I)


def _sentence_around(text: str, start: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    right = [i for i in (text.find(c, start) for c in ".!?\n") if i >= 0]
    return text[left + 1 : min(right) if right else len(text)]
