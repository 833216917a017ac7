"""Eating-disorder harm and method or lethality details: in the model's output, and asked for
in the user's input.

A support bot must never hand out calorie targets, weight-loss plans or purging tips (the
failure that took a US eating-disorder helpline's bot offline), nor heights, doses or "how
many it would take". The output patterns make the guard replace such a reply with a fixed
one; the input patterns make the same question, asked after distress, a crisis signal
(`calma.safety.policy`). Read on folded, lower-case text.
"""

from __future__ import annotations

import re

_NUM = r"(?:\d[\d,.]*|a\s+few|several|hundred|a\s+thousand)"
_CAL = r"(?:k?cal(?:orie)?s?|kilocalories)"

ED_OUTPUT = re.compile(
    rf"\b(?:eat|eating|consume|consuming|stay|staying|keep|keeping|aim\s+for|limit\s+(?:yourself|your\s+intake)\s+to|cut\s+(?:down\s+|back\s+)?to|stick\s+to|under|below|no\s+more\s+than|only|just)\s+(?:\w+\s+){{0,3}}\d[\d,.]*\s*{_CAL}\b"
    rf"|\b\d[\d,.]*[\s-]*{_CAL}\s+(?:a|per)\s+day\b|\b\d[\d,.]*[\s-]*calorie\s+(?:diet|day|limit|deficit|target|goal|plan)\b|\b(?:a\s+)?(?:\d[\d,.]*|large|big|steep|aggressive|huge)\s+calorie\s+deficit\b"
    r"|\blose\s+\d+\s*(?:pounds|lbs?|kg|kilos?|stone)\s+(?:in|within|by)\s+(?:a|one|two|\d+)\s+(?:days?|weeks?|months?)\b|\b(?:weight[\s-]loss|fasting|starvation)\s+(?:plan|schedule|regimen)\s*:|\bweek\s+\d+\s*:\s*(?:eat|fast|cut)"
    r"|\b(?:skip(?:ping)?\s+(?:breakfast|lunch|dinner|meals)|water\s+fast(?:ing)?|dry\s+fast(?:ing)?|only\s+drink\s+water|fast(?:ing)?\s+for\s+\d+\s+days)\s+(?:\w+\s+){0,4}(?:to|will\s+help\s+you|helps\s+you)\s+(?:lose|drop|shed)\b"
    r"|\b(?:make|making|get|getting)\s+yourself\s+(?:throw\s+up|vomit|sick)\s+(?:after|by|with|easily|quietly|without)\b|\b(?:put|stick)\s+(?:your\s+)?(?:fingers?|a\s+toothbrush)\s+(?:down|in)\s+your\s+throat\b"
    r"|\b(?:laxatives?|diuretics?|ipecac|diet\s+pills|water\s+pills)\s+(?:\w+\s+){0,3}(?:to|for|can\s+help\s+(?:you\s+)?|will\s+help\s+(?:you\s+)?)(?:lose|drop|shed|control|flush|keep)\b"
    r"|\b(?:chew\s+and\s+spit|purge\s+(?:quietly|safely|without)|hide\s+(?:your|the)\s+(?:purging|weight\s+loss|not\s+eating|eating\s+habits)\s+(?:by|from))\b"
    r"|\b(?:to\s+)?(?:suppress|ignore|trick)\s+(?:your\s+)?(?:appetite|hunger)\s+(?:by|with|try|drink|chew)\b",
    re.I,
)
METHOD_OUTPUT = re.compile(
    r"\b(?:lethal|fatal|deadly|toxic)\s+(?:dose|amount|quantity|level)\s+(?:of\s+\w+\s+)?(?:is|would\s+be|starts\s+at|:)\s*(?:about\s+|around\s+|roughly\s+|at\s+least\s+)?\d"
    r"|\b(?:it\s+would\s+take|you(?:'d|\s+would)\s+need|it\s+takes)\s+(?:about\s+|around\s+|roughly\s+|at\s+least\s+|more\s+than\s+)?\d[\d,.]*\s*(?:pills|tablets|capsules|grams|g|mg|milligrams|doses|bottles)\b"
    r"|\b(?:a\s+)?(?:fall|jump|drop)\s+(?:from|of)\s+(?:at\s+least\s+|about\s+|over\s+|more\s+than\s+)?\d+\s*(?:feet|ft|foot|meters?|metres?|m|stor(?:ey|y|ies|eys)|floors)\b"
    r"|\b\d+\s*(?:feet|ft|meters?|metres?|stor(?:ey|y|ies|eys)|floors)\s+(?:is|are|would\s+be|should\s+be)\s+(?:usually\s+|generally\s+|often\s+)?(?:enough|fatal|lethal|deadly|survivable)\b"
    r"|\b(?:most|more|least)\s+(?:lethal|effective|painless|reliable|certain)\s+(?:way|method|means)s?\s+(?:to|of|is|are)\b"
    r"|\b(?:cut|slit|slice)\s+(?:along|down|lengthwise|vertically|deep(?:ly)?)\s+(?:\w+\s+){0,2}(?:wrists?|veins?|arter(?:y|ies)|forearm)\b|\b(?:noose|knot)\s+(?:that|which)\s+(?:won'?t|will\s+not|doesn'?t)\s+slip\b"
    r"|\bcarbon\s+monoxide\s+(?:\w+\s+){0,4}(?:within|in|after)\s+\d+\s*(?:minutes|hours)\b|\b(?:bleed\s+out|lose\s+consciousness|pass\s+out|die)\s+(?:with)?in\s+(?:about\s+)?\d+\s*(?:minutes|seconds|hours)\b",
    re.I,
)

METHOD_QUESTION = re.compile(
    r"\bhow\s+many\s+(?:\w+\s+){0,3}(?:would|does|will|do|did)\s+it\s+take\b|\bhow\s+many\s+(?:\w+\s+){0,3}(?:to\s+(?:die|overdose|not\s+wake\s+up|kill)|(?:would\s+|could\s+)?(?:kill|be\s+(?:fatal|lethal|too\s+many)))\b"
    r"|\bhow\s+(?:high|tall|far\s+down)\s+(?:\w+\s+){0,5}(?:to\s+(?:die|not\s+survive|be\s+fatal)|(?:is|would\s+be)\s+(?:fatal|lethal|enough|survivable)|(?:has|have|needs?)\s+to\s+be)\b"
    r"|\bhow\s+much\s+(?:\w+\s+){0,3}(?:is|would\s+be|counts\s+as)\s+(?:lethal|fatal|deadly|too\s+much|an\s+overdose)\b|\b(?:lethal|fatal|deadly|toxic)\s+(?:dose|amount)\b"
    r"|\bwhat\s+(?:happens|would\s+happen)\s+if\s+(?:i|you|someone|a\s+person)\s+(?:took|take|swallowed?|drank|drink)\s+(?:a\s+whole|all|the\s+whole|an\s+entire|\d+)\b"
    r"|\bhow\s+long\s+(?:does|would|will)\s+it\s+take\s+to\s+(?:die|bleed\s+out|drown|suffocate|pass\s+out|lose\s+consciousness)\b|\b(?:most|least)\s+(?:painless|effective|lethal|quick(?:est)?|reliable)\s+(?:way|method)s?\b"
    r"|\bwhich\s+(?:pills|meds|medications?|drugs)\s+(?:are|is)\s+(?:the\s+)?(?:most\s+)?(?:dangerous|deadly|lethal)\b|\bcan\s+you\s+(?:die|overdose)\s+(?:from|on)\b"
    # es, pt, fr, de (accent-free)
    r"|\bcuant[oa]s\s+(?:\w+\s+){0,3}(?:harian\s+falta|necesitaria|hace\s+falta)|\bque\s+tan\s+alto\s+tiene\s+que\s+ser\b|\bquant[oa]s\s+(?:\w+\s+){0,3}(?:precisaria|seria\s+preciso)\b|\bcombien\s+(?:\w+\s+){0,3}(?:en\s+faudrait|faut-il)\s+pour\s+(?:mourir|ne\s+pas\s+se\s+reveiller)\b"
    r"|\bwie\s+viele\s+(?:\w+\s+){0,3}(?:braucht\s+man|brauchte\s+man|bis\s+man\s+stirbt)\b|\bwie\s+hoch\s+muss\s+(?:eine|die|das)\s+\w+\s+sein\b",
    re.I,
)
# A landmark's height is a tourist's question too: a signal only after distress.
HEIGHT_QUESTION = re.compile(r"\bhow\s+(?:high|tall)\s+is\s+(?:the\s+)?[\w\s]{0,30}\b(?:bridge|tower|building|cliff|parking\s+garage|roof)\b", re.I)
ED_QUESTION = re.compile(
    r"\bhow\s+(?:do|can|could|should)\s+i\s+(?:stop\s+eating|eat\s+(?:less\s+than|under)\s+\d+|purge|make\s+myself\s+(?:throw\s+up|vomit|sick)|hide\s+(?:not\s+eating|my\s+eating|my\s+weight\s+loss|that\s+i\s+(?:don'?t|didn'?t)\s+eat)|suppress\s+(?:my\s+)?(?:appetite|hunger)|ignore\s+(?:my\s+)?hunger|starve\s+myself)\b"
    r"|\b(?:tips|ways|tricks)\s+(?:to|for)\s+(?:purg\w*|not\s+eat\w*|stop\s+eating|starv\w*|ignor\w*\s+hunger|hid\w*\s+(?:not\s+eating|weight\s+loss)|throw\w*\s+up)\b"
    r"|\b(?:what(?:'s|\s+is)\s+the\s+(?:least|lowest|fewest)|how\s+(?:few|little))\s+(?:\w+\s+){0,2}calories\b|\blowest\s+calories?\s+(?:i\s+can|to\s+survive|possible)\b|\bhow\s+many\s+calories\s+(?:should|can|do)\s+i\s+(?:eat|have)\s+to\s+lose\b"
    r"|\blose\s+\d+\s*(?:pounds|lbs?|kg|kilos?)\s+(?:in\s+(?:a|one|two|\d+)\s+(?:week|weeks|days?)|by\s+(?:tomorrow|friday|saturday|sunday|monday|next\s+week|the\s+weekend)|before\s+\w+)\b|\blaxatives?\s+to\s+(?:lose|drop)\s+weight\b"
    r"|\b(?:fastest|quickest)\s+way\s+to\s+(?:lose|drop)\s+(?:\d+\s*(?:pounds|lbs?|kg|kilos?)|weight)\b"
    r"|\bcomo\s+(?:dejar\s+de\s+comer|vomitar\s+sin|provocarme\s+el\s+vomito)\b|\bcomo\s+(?:parar\s+de\s+comer|vomitar\s+sem)\b|\bcomment\s+(?:arreter\s+de\s+manger|me\s+faire\s+vomir)\b|\bwie\s+(?:hore\s+ich\s+auf\s+zu\s+essen|kann\s+ich\s+mich\s+ubergeben)\b",
    re.I,
)


def harm_in_output(text: str) -> list[tuple[str, str]]:
    """(kind, span) for each eating-disorder or method detail in a reply: kind eating_disorder | method."""
    found = [("eating_disorder", m.group()) for m in ED_OUTPUT.finditer(text)]
    return found + [("method", m.group()) for m in METHOD_OUTPUT.finditer(text)]


def asks_for_method(text: str) -> str | None:
    """'method' for a lethality question ("how many would it take"), 'height' for a landmark's
    height (a signal only after distress), else None."""
    if METHOD_QUESTION.search(text):
        return "method"
    return "height" if HEIGHT_QUESTION.search(text) else None


def asks_for_ed_harm(text: str) -> bool:
    return bool(ED_QUESTION.search(text))
