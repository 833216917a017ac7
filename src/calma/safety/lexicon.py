"""The lexicon layer: crisis phrases per category, and what makes a match not count.

Sentence embeddings barely separate "I'm suicidal" from "I'm not suicidal", so negation,
past tense and idioms are handled here, explicitly, where a reviewer can read every rule.
Each crisis phrase is matched per sentence; a match is then dropped when it is negated
("I'm not suicidal"), in the past ("years ago I used to cut") or inside an idiom ("this
traffic is killing me"), unless the sentence says it is happening again now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ME = r"(?:my\s*self|myself|meself|my\s+self|myslef|mysefl|myslf)"
CRISIS_PATTERNS: dict[str, list[str]] = {
    "suicide": [
        r"\bsu[i1]c[i1]d(?:e|al|ial)\b|\bsuicid\w*|\bsu[ie]?c[ie]?d(?:al|el|le|ial)\b|\bsuiside\w*|\bsuicde\b|\bsu(?:ci|ic|cic|ici)c?idal\b|\bsuicdal\b|\bsuicial\b|\bsuicidle\b|\bsuisidal\b|\bsewer\s*slide\b|\bs[u\*]ic[i\*]de\b",
        rf"\b(?:kill?(?:ing)?|killin|off(?:ing)?|unalive|unaliving|end(?:ing)?|hang(?:ing)?|shoot(?:ing)?|drown(?:ing)?|poison(?:ing)?)\s+{_ME}\b",
        rf"\btop(?:ping)?\s+{_ME}\b|\bneck(?:ing)?\s+{_ME}\b|\bdo(?:ing)?\s+{_ME}\s+in\b|\bdo\s+away\s+with\s+{_ME}\b|\bend\s+{_ME}\b",  # UK slang: "top myself"
        r"\bkms\b|\bunalive\b|\bself[\s-]?delet\w*|\bdelete\s+myself\b|\bctb\b",
        r"\b(?:end|ending|take|taking)\s+(?:my|my\s+own)\s+(?:own\s+)?life\b|\bend\s+it\s+all\b|\bend\s+(?:it|things)\s+(?:tonight|today|now|soon|for\s+good)\b",
        r"\b(?:want|wanna|wana|wanting|going|gonna|ready|plan(?:ning)?)\s+(?:to\s+|2\s+)?die\b|\bwish\s+i\s+(?:was|were)\s+dead\b|\bwish\s+i\s+(?:could\s+)?(?:die|disappear\s+forever)\b",
        r"\b(?:don'?t|do\s+not|dont|no\s+longer|not)\s+(?:want|wanna|wish)\s+(?:to\s+)?(?:live|be\s+alive|exist|be\s+here|wake\s+up)\b",
        r"\bbetter\s+off\s+(?:dead|without\s+me|if\s+i\s+(?:was|were)n?'?t\s+(?:here|around|alive))\b",
        r"\b(?:no|nothing\s+left\s+to)\s+(?:reason|point)\s+(?:(?:to|in)\s+)?(?:live|living|go\s+on|going\s+on|being\s+alive)\b|\bnothing\s+(?:left\s+)?to\s+live\s+for\b|\blife\s+(?:is\s+not|isn'?t|aint|ain'?t)\s+worth\s+(?:it|living)\b",
        r"\b(?:happier|better|easier)\s+(?:off\s+)?(?:if|when)\s+i\s+(?:was|were|am|'m)\s+(?:dead|gone)\b|\bsleep\s+forever\b|\b(?:i'?m|im|i\s+am)\s+ending\s+(?:it|things|my\s+life)\b(?!\s+(?:with|between|off))",
        r"\b(?:saved|saving|stockpiled|hoarded|collected)\s+(?:up\s+)?(?:\w+\s+)?(?:pills|meds|tablets)\b|\b(?:pills|meds|tablets)\s+(?:saved|stockpiled|ready)\b|\btak(?:e|ing)\s+them\s+all\b",
        r"\b(?:going\s+to|gonna|about\s+to|ready\s+to)\s+jump\b(?!\s+(?:in|into|on|at|to|back|ahead|the\s+gun|rope|for\s+joy))|\b(?:use|using)\s+(?:it|them|the\s+\w+)\s+on\s+myself\b",
        r"\bcan'?t\s+(?:go\s+on|keep\s+going|do\s+this\s+anymore|take\s+(?:it|this)\s+anymore)\b|\bdon'?t\s+think\s+i\s+can\s+(?:go\s+on|keep\s+going)\b",
        r"\b(?:go\s+to\s+sleep|fall\s+asleep)\s+and\s+(?:never|not)\s+wake\s+up\b|\bnot\s+wake\s+up\s+(?:tomorrow|again)\b",
        r"\b(?:over\s*dos(?:e|ing)|od(?:ing)?\s+on|swallow\s+all|take\s+all\s+(?:my|the|of\s+my)\s+(?:pills|meds))\b|\b(?:stockpil|sav|hoard)\w*\s+(?:my\s+|up\s+)?(?:pills|meds|pain\s*killers)\b",
        r"\b(?:jump|jumping)\s+(?:off|from|in\s+front\s+of)\b|\b(?:noose|rope\s+(?:is\s+)?ready|tie\s+a\s+rope|(?:bought|got|have)\s+(?:a|the)\s+rope)\b",
        r"\b(?:standing|sitting|up)\s+(?:on|at)\s+(?:the|a)\s+(?:bridge|roof|rooftop|ledge|edge|cliff|tracks|railway)\b|\btonight\s+is\s+the\s+night\b",
        r"\b(?:took|swallowed|taken)\s+(?:a\s+bunch\s+of|too\s+many|all\s+(?:of\s+)?(?:my|the)|a\s+(?:lot|handful)\s+of)\s+(?:\w+\s+)?(?:pills|meds|tablets)\b|\bhow\s+many\s+(?:\w+\s+)?(?:pills|tablets)\b|\blethal\s+dose\b|\bpainless\s+ways?\s+to\s+die\b",
        r"\b(?:written|wrote|writing|finished)\s+my\s+will\b|\bmy\s+will\s+and\s+a\s+note\b",
        r"\b(?:pills|meds|tablets|rope|gun|noose)\s+(?:are\s+|is\s+)?(?:in\s+my\s+hands?|in\s+front\s+of\s+me|ready|next\s+to\s+me|loaded)\b",
        r"\b(?:suicide|goodbye)\s+(?:note|letter)s?\b|\bsaying\s+(?:my\s+)?goodbyes?\b|\bwr[io]te?\s+(?:my\s+)?(?:goodbye|final)\s+(?:letters?|notes?|messages?)\b",
        r"\b(?:gave|give|giving)\s+away\s+(?:all\s+)?(?:my\s+)?(?:stuff|things|belongings)\b|\b(?:gave|give|giving)\s+(?:all\s+)?my\s+(?:stuff|things|belongings)\s+away\b|\b(?:stop|stopped)\s+being\s+(?:around|alive|here)\b|\bthis\s+is\s+(?:my\s+)?(?:goodbye|last\s+message)\b",
        r"\b(?:wants?|going|gonna|planning|plans|about|trying|tried)\s+(?:to\s+)?(?:kill|end|hurt|hang|shoot)\s+(?:himself|herself|themselves|themself|his\s+life|her\s+life|their\s+life)\b|\bthreaten(?:ed|ing)?\s+to\s+(?:kill|hurt)\s+(?:himself|herself|themselves)\b",
        r"\bnot\s+(?:be|being)\s+(?:here|around|alive)\s+(?:anymore|any\s+more|much\s+longer|tomorrow|by\s+(?:tomorrow|morning|the\s+weekend))\b|\bwon'?t\s+be\s+(?:here|around)\s+(?:tomorrow|much\s+longer|anymore)\b",
        r"\bi\s+(?:want|need)\s+(?:it\s+all\s+)?to\s+(?:stop|end)\s+(?:forever|for\s+good|permanently)\b|\bdisappear\s+(?:forever|for\s+good|permanently)\b",
        r"\bhose\b[^.!?]{0,60}\b(?:car|engine|exhaust)\b|\b(?:car|engine)\s+(?:is\s+)?running\b[^.!?]{0,40}\b(?:garage|hose)\b|\bhow\s+(?:high|tall|far\s+down)\s+(?:a|the)\s+(?:bridge|building|roof|garage|floor|drop|fall)\s+(?:has|needs|would\s+have)\s+to\s+be\b|\b(?:checking|checked|looking\s+up|looked\s+up|researching|googling|googled)\s+how\s+(?:high|tall)\s+(?:the|a)\s+(?:\w+\s+)?(?:bridge|building|roof|garage|tower|cliff|floor)\b",
    ],
    "self_harm": [
        rf"\b(?:cut|cutting|cuttin|burn|burning|hurt|hurting|harm|harming|hit|hitting|punish|punishing|starve|starving|scratch|scratching|carve|carving)\s+{_ME}\b",
        r"\bself[\s-]?harm\w*|\bself[\s-]?injur\w*|\bsh\s+(?:again|relapse)\b|\bsh'd\b|\b(?:carv|cut|scratch|burn|slic)(?:e|es|ed|ing)?\s+(?:\w+\s+){0,3}into\s+my\s+(?:skin|arms?|legs?|thighs?|wrists?|stomach|hips?)\b|\brelapsed?\s+(?:on|with|into)\s+(?:sh|self[\s-]?harm|cutting)\b",
        r"\b(?:slit|slash|cut|cutting|open)\s+(?:my|me)\s+(?:wrists?|arms?|thighs?|legs?|skin)\b|\bblades?\s+(?:to|on|against)\s+my\s+(?:skin|arms?|wrists?|thighs?)\b",
        r"\b(?:urge|urges|need|want|wanna)\s+to\s+(?:cut|bleed|burn\s+myself)\b|\bstarted\s+cutting\s+again\b|\bbang(?:ing)?\s+my\s+head\s+(?:against|on|into)\b",
        r"\b(?:blade|razor|knife)\s+(?:is\s+)?(?:in\s+my\s+hand|on\s+my\s+(?:skin|wrist|arm))\b",
        r"\b(?:burn|burned|burnt|cut|hit|hurt|scratched|bruised|punched)\s+(?:\w+\s+){0,6}on\s+purpose\b",
        r"\bused\s+to\s+(?:cut|burn|hurt|harm|self[\s-]?harm)\b",  # counts only with "again", "now", ...
    ],
    "harm_others": [
        r"\b(?:kill|killing|shoot|shooting|stab|stabbing|murder|murdering|strangle|poison|hurt|hurting)\s+(?!(?:\w+\s+)?(?:someone|somebody|people|everyone|everybody|him|her|them)(?:'s|s')?\s+feelings)(?:him|her|them|someone|somebody|people|everyone|everybody|(?:the|those|these|all\s+the)\s+(?:kids|people|students|guys|bullies|girls|boys|class|teachers|boss|manager|supervisor|landlord|neighbou?rs?)|that\s+(?:kid|guy|girl|man|woman|boy|dude|teacher|bully)|my\s+(?:\w+\s+)?(?:wife|husband|dad|father|mom|mother|boss|baby|kids?|son|daughter|brother|sister|roommate|partner|girlfriend|boyfriend|ex|teacher|neighbou?r|coworker|family))\b",
        r"\bburn\s+(?:down\s+)?(?:the|his|her|their|my|our)\s+(?:\w+\s+)?(?:school|house|home|office|church|building|flat|apartment)\s+(?:down\s+)?with\s+(?:everyone|them|him|her|people|the\s+\w+)\s+(?:still\s+)?(?:in|inside)\b",
        r"\b(?:shoot\s+up|bring\s+a\s+(?:gun|knife)\s+to)\s+(?:the\s+|my\s+)?(?:school|office|work|class|party|church|mall)\b|\bmake\s+(?:them|him|her|everyone)\s+(?:all\s+)?pay\b.*\b(?:gun|knife|blood|dead)\b",
        r"\b(?:shake|shaking|hit|hitting|smother|drown|hurt|hurting)\s+(?:the|my|our)\s+(?:baby|newborn|infant|child|kids?|toddler)\b",
    ],
    "abuse_danger": [
        r"\b(?:he|she|they|my\s+(?:[\w']+\s+)?(?:husband|wife|partner|boyfriend|girlfriend|dad|father|stepdad|mom|mother|stepmom|uncle|brother|ex))\s+(?:is\s+|keeps\s+|has\s+been\s+|just\s+|always\s+|still\s+)?(?:hit(?:s|ting)?|beat(?:s|ing)?|chok(?:ed|es|ing)|strangl(?:ed|es|ing)|punch(?:ed|es|ing)|kick(?:ed|s|ing)|rap(?:ed|es|ing)|touch(?:es|ing|ed)\s+me|lock(?:ed|s)\s+me)\b",
        r"\bthreaten(?:ed|s|ing)?\s+to\s+(?:kill|hurt|shoot|stab)\s+(?:me|us|my)\b|\b(?:said|says)\s+(?:he|she)(?:'ll|\s+will|\s+would|'d)\s+(?:kill|hurt)\s+me\b",
        r"\b(?:not|don'?t\s+feel)\s+safe\s+(?:at\s+home|here|in\s+my\s+(?:house|home))\b|\bscared\s+(?:for\s+my\s+life|he(?:'ll|\s+will)\s+(?:kill|hurt)\s+me|she(?:'ll|\s+will)\s+(?:kill|hurt)\s+me)\b",
        r"\b(?:being|been|getting)\s+(?:abused|raped|assaulted|trafficked|beaten)\b|\b(?:he|she|someone|somebody|a\s+man|a\s+guy)\s+(?:is|'s)\s+(?:outside|breaking\s+in(?:to)?|trying\s+to\s+(?:get|break)\s+in(?:to)?)\b|\bhas\s+a\s+(?:gun|knife)\s+(?:and|pointed)\b",
        r"\bwas\s+(?:just\s+)?(?:sexually\s+)?(?:raped|assaulted|attacked)\s+(?:tonight|today|last\s+night|an\s+hour\s+ago|earlier)\b|\b(?:just|just\s+got|was\s+just)\s+(?:been\s+)?(?:sexually\s+)?(?:raped|assaulted|attacked|beaten\s+up)\b",
        r"\b(?:abuses|beats|molests|rapes)\s+(?:me|us|my\s+(?:mom|mum|mother|sister|brother))\b|\btook\s+my\s+passport\b|\bforced\s+(?:me\s+)?to\s+(?:work|have\s+sex)\b",
    ],
}

# Games and fiction: "the boss fight took 3 hours but I finally killed him", "in the movie he
# poisons her". An idiom like the others, but it explains the whole sentence, not one clause.
FICTION_CONTEXT = re.compile(
    r"\b(?:boss\s+(?:fight|battle)|final\s+boss|npcs?|respawn\w*|zombies?|video\s*games?|headshot\w*|multiplayer|playthrough|speedrun\w*|fortnite|minecraft|call\s+of\s+duty|elden\s+ring|dark\s+souls|valorant|overwatch|warzone)\b"
    r"|\bin\s+(?:the|this|that|my)\s+(?:game|movie|film|show|book|novel|episode|series|campaign)\b",
    re.I,
)
IDIOMS = [
    # Round 9: someone else, or a pet, jumping into water for fun ("my dog jumping off the dock into the lake").
    r"\b(?:my|the|his|her|our|their)\s+(?:\w+\s+)?(?:dog|dogs|puppy|cat|kids?|son|daughter|brother|sister|friends?|cousins?|nephew|niece)\s+(?:\w+\s+)?jump(?:s|ed|ing)?\s+(?:off|from)\s+(?:the|a)\s+(?:dock|pier|jetty|boat|diving\s+board|rocks?|couch|sofa|bed|trampoline)\b",
    r"\bjump(?:s|ed|ing)?\s+(?:off|from)\s+(?:the|a)\s+(?:dock|pier|jetty|boat|diving\s+board)\s+into\s+the\s+(?:lake|water|sea|pool|river)\b",
    FICTION_CONTEXT.pattern,
    r"\bcut\s+(?:my|your|her|his)\s+(?:own\s+)?(?:hair|bangs|fringe|nails|toenails|beard)\b",
    r"\b(?:going\s+to|gonna|will|'ll|about\s+to)\s+(?:absolutely\s+|totally\s+|literally\s+)?(?:destroy|wreck|obliterate|crush|annihilate)\s+me\b|\b(?:song|track|beat|album|playlist|tune|remix|this|that|it)\s+(?:\w+\s+)?slaps\b",
    r"\b(?:i'?d|i\s+would|could)\s+kill\s+to\s+(?:have|get|be|see|sleep|go|live)\b|\b(?:it|that|this|he|she|they|you)\s+(?:totally\s+|literally\s+)?killed\s+me\b(?!\s+(?:if|when))",
    r"\bjump(?:ing)?\s+(?:in|into|on|onto)\s+(?:the|a|my|our)\s+(?!front\b|river\b|lake\b|sea\b|ocean\b|water\b|traffic\b|tracks\b)\w+",
    r"\b(?:be|is|was|'ll\s+be|will\s+be)\s+the\s+death\s+of\s+me\b|\b(?:i'?d|i\s+would)\s+rather\s+die\s+than\b",
    r"\b(?:i'?m|im|i\s+am)\s+(?:so|totally|soo+|literally)\s+dead\b|\b(?:i'?m|im)\s+(?:so\s+)?dead\s+(?:if|when|meat)\b|\b(?:brain|legs|arms|feet)\s+(?:is|are)\s+dead\b",
    r"\bi\s+could\s+(?:just\s+)?die\b(?!\s+(?:tonight|now|today))|\b(?:dying|melting)\s+(?:here|out\s+here)\b",
    r"\b(?:is|are|was|'s|'re)\s+(?:literally\s+|absolutely\s+|seriously\s+|just\s+)?killing\s+me\b",  # this traffic is killing me
    r"\b(?:kill|die|dying)\s+for\s+(?:(?:a|an|some|the|this|that|my)\s+)?(?!you\b|him\b|her\b|them\b|it\b|me\b|nothing\b)\w+",  # I'd die for a coffee
    r"\b(?:almost|nearly|literally)\s+(?:died|dead|had\s+a\s+heart\s+attack)\b(?=[^.!?]*\b(?:when|laughing|because|at|of|lol|haha)\b)",
    r"\b(?:kill|strangle|murder|smack|punch|throttle|hurt)\s+(?:him|her|them|my\s+\w+)\b(?=[^.!?]*(?:\b(?:lol|lmao|haha|hahaha|jk|kidding)\b|😂|🤣|😤))",
    r"\bto\s+die\s+for\b|\bdying\s+to\s+(?:see|try|know|hear|meet|go|get|watch|tell|eat|read)\b",
    r"\b(?:dying|died|die)\s+(?:of|from)\s+(?:laughter|laughing|boredom|embarrassment|cringe|shame|cuteness|heat|thirst)\b",
    r"\b(?:bored|scared|worried|freezing|frozen|tickled|loved|talked)\s+to\s+death\b|\bdead\s+(?:tired|serious|on|set|last|ringer|end|line)\b|\bdeadline\w*",
    r"\b(?:gonna|going\s+to|will|is\s+going\s+to|'s\s+going\s+to|'ll|would|'d)\s+(?:kill|murder|destroy|wreck|end|ruin)\s+me\b(?=[^.!?]*(?:\b(?:when|if|for|because|lol|lmao|haha)\b|😂|🤣))",  # my mom is going to kill me when...
    r"\b(?:trainer|coach|workout|practice|leg\s+day|exam|test|class|boss|deadline|shift|hike|run|game|homework|this\s+week)(?:\s+(?:is|are|will)|'s|'ll)\s+(?:gonna\s+|going\s+to\s+|about\s+to\s+)?(?:destroy|wreck|murder|end|kill|ruin|crush)\s+me\b",
    r"\b(?:mom|mum|dad|boss|teacher|coach|wife|husband|sister|brother|parents|girlfriend|boyfriend)(?:\s+(?:is|are|will|would)|'s|'re|'ll|'d)\s+(?:gonna\s+|going\s+to\s+)?(?:kill|murder)\s+me\b",
    r"\bkill(?:ing|ed)?\s+(?:it|time|the\s+(?:vibe|mood|lights?|engine|process|app|bug)|two\s+birds|a\s+\w+\s+process)\b|\bkiller\s+\w+",
    r"\b(?:phone|battery|laptop|car|plant|plants|printer|wifi|game|character|sim)\s+(?:is\s+|just\s+|has\s+)?(?:dead|died|dying)\b|\bmy\s+(?:phone|battery|laptop|car)\s+(?:is\s+)?about\s+to\s+die\b",
    r"\b(?:i'?m|im|i\s+am)\s+(?:literally\s+)?(?:dead|deceased|dying)\s*(?:😂|🤣|lol|lmao|haha|💀)|\b(?:lol|lmao|haha)\b.*\b(?:i'?m|im)\s+(?:dead|dying)\b|💀",
    r"\bsuicide\s+(?:squad|prevention|awareness|hotline|rates?|statistics)\b|\b(?:essay|paper|report|project|presentation|documentary|book|movie|podcast|research)\s+(?:about|on)\s+(?:suicide|self[\s-]?harm)\b",
    r"\bshoot\s+(?:me|you|him|her)\s+(?:a|an)\s+(?:text|email|message|dm|line)\b|\bshoot(?:ing)?\s+(?:hoops|photos|pictures|a\s+video|the\s+breeze)\b",
    r"\b(?:murder|destroy|kill)\s+(?:a|an|some|this|that|the)\s+(?:burger|pizza|coffee|beer|pint|sandwich|cake|steak|taco|tacos|plate|buffet|workout|exam|test|song)\b|\b(?:so|too)\s+\w+\s+(?:that\s+)?i\s+could\s+(?:just\s+)?die\b|\b(?:killed|murdered|slayed|crushed)\s+(?:it|that|the\s+(?:exam|test|interview|presentation|game))\b",
    r"\b(?:could|would)\s+(?:just\s+)?die\s+(?:of|from)\s+(?:embarrassment|shame|happiness)\b|\bcut\s+(?:myself\s+)?(?:(?:a|an|some|another)\s+)?(?:\w+\s+)?(?:slice|piece|some\s+slack|my\s+hair|my\s+finger|back|down|costs?|bangs)\b",
    # Round 14: a cut by accident ("cut myself shaving", the gloss of "beim rasieren" / "en me rasant").
    r"\bcut\s+myself\s+(?:(?:while|when|at\s+the|in\s+me|in\s+the|on\s+the|by|doing|from)\s+)?(?:shaving|cooking|chopping|slicing|dicing|peeling|gardening|on\s+(?:a|the|some)\s+(?:can|tin|glass|paper|box|lid|blender|mandoline|grater|fence)|by\s+accident|accidentally)\b",
    r"\bhurt\s+myself\s+(?:laughing|at\s+the\s+gym|working\s+out|playing|running|skiing|lifting)\b|\b(?:burn(?:ed|t)?\s+myself\s+(?:on|with)\s+(?:the\s+)?(?:stove|oven|pan|iron|coffee|tea|kettle))\b",
    r"\b(?:kill|hit|shoot|hurt|murder)\s+(?:him|her|them|my\s+\w+)\s+(?:if|when)\s+(?:he|she|they)\s+(?:eats?|takes?|uses?|borrows?|touches?|spoils?|steals?|forgets?)\b",
]

NEGATORS = r"\b(?:not|never|no|n't|nt|without|zero|none|nor|dont|doesnt|isnt|wasnt|wouldnt|wont|cant|aren't|hardly)\b|n't\b"
# Words that may sit between a negator and the phrase it negates ("I'm not really suicidal").
_BRIDGE = set(
    "i i'm im am is be being been going gonna to have had any thoughts thought of about plan plans planning "
    "intention intentions intent want wanting would will ever really actually at all currently feeling feel "
    "like a an the in way thinking think considering so".split()
)
_UNDO = re.compile(r"\b(?:stop|help|know|sure|care|tell|anymore|anyone|anybody|why|whether|unless)\b")

PAST_MARKERS = re.compile(
    r"\b(?:used\s+to|grew\s+up|last\s+(?:year|summer|winter|spring|autumn|fall)|growing\s+up|my\s+(?:past|former|history\s+of)|my\s+old\s+(?!man\b|lady\b)|years?\s+ago|months\s+ago|(?:a\s+)?long\s+(?:time\s+)?ago|in\s+the\s+past|back\s+(?:then|in|when)|when\s+i\s+was\s+(?:younger|a\s+(?:kid|child|teen|teenager)|in\s+(?:high\s+)?school|\d+|\w+teen|twenty[\w-]*|thirty[\w-]*|young|little)|(?:survived|after)\s+(?:an?|my)\s+(?:suicide\s+)?attempt"
    r"|as\s+a\s+(?:kid|child|teen|teenager)|in\s+(?:high\s+school|college|my\s+teens|my\s+twenties)|(?:years?|months)\s+(?:clean|free|sober)|clean\s+(?:for|since)"
    r"|clean\s+from|haven'?t\s+(?:\w+\s+){0,2}(?:in|for|since)\s+(?:years|months|a\s+long\s+time)|recovered\s+from|survivor\s+of|once\s+(?:tried|attempted)|in\s+(?:19|20)\d\d"
    r"|died\s+(?:by|of|from)\s+suicide|committed\s+suicide|lost\s+(?:\w+\s+){0,3}to\s+suicide|took\s+(?:his|her|their)\s+own\s+life|suicide\s+of\s+(?:my|a|his|her))\b",
    re.I,
)
PRESENT_MARKERS = re.compile(
    r"\b(?:again|right\s+now|tonight|lately|these\s+days|this\s+week|relapsed|started\s+again|back\s+to\s+(?:cutting|hurting|harming))\b",
    re.I,
)
RELAPSE_MARKERS = re.compile(r"\b(?:again|relapsed|started\s+(?:again|back)|back\s+to\s+(?:cutting|hurting|harming|self[\s-]?harm))\b", re.I)
THIRD_PERSON = re.compile(
    r"\b(?:my\s+(?:best\s+)?(?:friend|daughter|son|kid|child|sister|brother|partner|student|girlfriend|boyfriend|cousin|niece|nephew)|she|he|they)"
    r"\s+(?:is|are|has\s+been|have\s+been|'s|keeps|started|might\s+be|may\s+be|self|who|who\s+is|who's|who\s+has\s+been)?\s*(?:self[\s-]?harm\w*|cutting|cuts\s+(?:herself|himself|themselves)|hurting\s+(?:herself|himself|themselves)|harm\w*)"
    r"|\b(?:someone|somebody|a\s+(?:friend|student|person|child|kid|teen|teenager|client|patient)|people)\s+(?:who|that)\s+(?:is\s+|are\s+|has\s+been\s+)?(?:self[\s-]?harm\w*|cut(?:s|ting)?|hurt(?:s|ing)?\s+(?:herself|himself|themselves))",
    re.I,
)
# Round 9: someone else's overdose ("my sister was in the hospital after an overdose", "he
# overdosed last year"): worry or grief, when the writer is not the one who took it.
OTHERS_OVERDOSE = re.compile(
    r"\b(?:my|his|her|their|our|a)\s+(?:\w+\s+){0,2}?(?:friend|sister|brother|mom|mum|mother|dad|father|son|daughter|cousin|uncle|aunt|partner|boyfriend|girlfriend|husband|wife|roommate|flatmate|neighbou?r|classmate|coworker|colleague|kid|child|grandma|grandpa|grandmother|grandfather|niece|nephew|ex)\b[^.!?]{0,60}?\boverdos\w*"
    r"|\b(?:he|she|they)\s+(?:\w+\s+){0,3}?overdos\w*",
    re.I,
)
_WRITER = re.compile(r"\b(?:i|i'm|im|i've|i'd|i'll|me|myself)\b", re.I)
WEAPONS = re.compile(r"\b(?:gun|guns|rifle|knife|knives|blade|bomb|school|class)\b", re.I)
# Unwanted intrusive thoughts ("intrusive thoughts about hurting my baby, I would never do it"):
# a support need, when the writer both names them and disowns them. Without the disowning
# ("I keep picturing it and I'm scared I'll do it tonight") the phrase stays active.
INTRUSIVE = re.compile(r"\b(?:intrusive|unwanted|obsessive|ocd)\s+(?:\w+\s+)?(?:thoughts?|images?|urges?)\b", re.I)
DISOWNED = re.compile(r"\b(?:(?:i'?d|i\s+would|i\s+will|i'?ll)\s+never|(?:don'?t|do\s+not)\s+want\s+to|horrif\w*|disgust\w*|hate\s+(?:that|these|them|it)|is\s+(?:this|that|it)\s+normal)\b", re.I)
JOKE_MARKERS = re.compile(r"\b(?:lol|lmao|lmfao|rofl|haha\w*|jk|just\s+kidding|not\s+really)\b|😂|🤣|💀|😅|🙃", re.I)
HYPERBOLE = re.compile(r"\b(?:want\s+to\s+die|wanna\s+die|going\s+to\s+die|gonna\s+die|kms|kill\s+myself|shoot\s+myself|dead)\b", re.I)
_CLAUSE = re.compile(r",|;|\s+(?:and|but|so|though|although)\s+", re.I)
_PAST_VERB_BEFORE = re.compile(r"\b(?:was|were|used\s+to|had|wanted|tried|attempted|felt|thought\s+about|did)\s+(?:\w+\s+){0,2}$", re.I)

_COMPILED = {cat: [re.compile(p, re.I) for p in pats] for cat, pats in CRISIS_PATTERNS.items()}
_IDIOMS = [re.compile(p, re.I) for p in IDIOMS]


@dataclass(frozen=True)
class LexiconHit:
    category: str
    phrase: str
    status: str  # "active", or why not: "negated", "past-tense", "idiom", "third-person", "joking", "intrusive-thought"


def _negated(before: str) -> bool:
    """True when the words just before a crisis phrase negate it ("I'm not really suicidal")."""
    words = re.findall(r"[\w']+", before.lower())[-6:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if re.fullmatch(NEGATORS, word) or word.endswith("n't") or word in {"dont", "cant", "wont", "isnt", "never", "no"}:
            between = words[i + 1 :]
            if _UNDO.search(" ".join(words[i:])):
                return False  # "can't stop thinking about", "don't know why I want to die"
            return all(w in _BRIDGE for w in between)
        if word not in _BRIDGE:
            return False
    return False


def _clause_at(sentence: str, start: int) -> str:
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(sentence) if m.end() <= start]
    following = [m.start() for m in _CLAUSE.finditer(sentence) if m.start() > start]
    return sentence[bounds[-1] : (following[0] if following else len(sentence))]


def _past(sentence: str, start: int) -> bool:
    """Past when the phrase's clause is in the past, unless the sentence says it is back now."""
    clause = _clause_at(sentence, start)
    if RELAPSE_MARKERS.search(sentence[start:]) or PRESENT_MARKERS.search(clause):
        return False  # "I used to cut and I started again" is current
    return bool(PAST_MARKERS.search(clause) or _PAST_VERB_BEFORE.search(sentence[:start]))


def idioms_in(sentence: str) -> list[str]:
    """The idioms in a sentence ("this traffic is killing me"), for reasons and damping."""
    return [m.group() for rx in _IDIOMS for m in rx.finditer(sentence)]


def _idiom_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for rx in _IDIOMS for m in rx.finditer(sentence)]


def is_past_clause(clause: str) -> bool:
    """A clause told in the past ("my ex used to hit me, years ago") with nothing current in it."""
    return bool(PAST_MARKERS.search(clause)) and not PRESENT_MARKERS.search(clause) and not RELAPSE_MARKERS.search(clause)


def _idiom_applies(category: str, sentence: str) -> bool:
    """Abuse is never 'just an idiom'; neither is a threat to others that names a weapon or a school."""
    if category == "abuse_danger":
        return False
    return not (category == "harm_others" and WEAPONS.search(sentence))


def scan_sentence(sentence: str) -> list[LexiconHit]:
    """Every crisis phrase in one sentence, each with whether it counts and why not."""
    hits = []
    idioms = _idiom_spans(sentence)
    for category, patterns in _COMPILED.items():
        for rx in patterns:
            for m in rx.finditer(sentence):
                if _idiom_applies(category, sentence) and any(s <= m.start() < e or s < m.end() <= e for s, e in idioms):
                    status = "idiom"
                elif category == "suicide" and HYPERBOLE.fullmatch(m.group()) and JOKE_MARKERS.search(sentence):
                    status = "joking"  # "ugh I want to die, wrong email lol": the classifier still decides
                elif _negated(sentence[: m.start()]):
                    status = "negated"
                elif category == "harm_others" and INTRUSIVE.search(sentence) and DISOWNED.search(sentence):
                    status = "intrusive-thought"  # an OCD-type fear, not an intent
                elif category == "self_harm" and THIRD_PERSON.search(_clause_at(sentence, m.start())):
                    status = "third-person"  # "my friend is self harming": support, not an emergency
                elif ("overdos" in m.group().lower() and OTHERS_OVERDOSE.search(sentence)
                      and not _WRITER.search(sentence) and not RELAPSE_MARKERS.search(sentence)):
                    status = "third-person"  # "my sister was in the hospital after an overdose"
                elif _past(sentence, m.start()):
                    status = "past-tense"
                else:
                    status = "active"
                hits.append(LexiconHit(category, m.group(), status))
    return hits
