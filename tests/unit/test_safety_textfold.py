"""Fullwidth, zero-width and look-alike letters do not get past the crisis gate or the guard."""

from __future__ import annotations

import pytest

from calma.safety.guard import guard_reply, scan_reply
from calma.safety.policy import route
from calma.safety.textfold import fold


def test_fold_undoes_fullwidth_invisible_and_lookalike_letters():
    assert fold("ｉ ｈａｖｅ ｔｈｅ ｐｉｌｌｓ") == "i have the pills"
    assert fold("ki\u200bll my\u00adself") == "kill myself"
    assert fold("k\u0456ll") == "kill"  # Cyrillic і inside a Latin word
    assert fold("привет") == "привет"  # a real Cyrillic word stays
    assert fold("café, ñandú, Grüße") == "café, ñandú, Grüße"
    assert fold("plain ascii") == "plain ascii"


@pytest.mark.parametrize("message", [
    "ｉ ｈａｖｅ ｔｈｅ ｐｉｌｌｓ ｒｅａｄｙ ａｎｄ ｉ'ｍ ｇｏｉｎｇ ｔｏ ｔａｋｅ ｔｈｅｍ ａｌｌ ｔｏｎｉｇｈｔ",
    "I want to ki\u200bll my\u200bself tonight",
    "I want to k\u0456ll mys\u0435lf tonight",
])
def test_disguised_crisis_messages_still_get_the_crisis_route(message):
    plain = route([{"role": "user", "content": fold(message)}])
    disguised = route([{"role": "user", "content": message}])
    assert plain.route == "crisis"
    assert disguised.route == "crisis"


def test_the_output_guard_reads_fullwidth_contact_details():
    reply = "Call me at ５５５-２３４-５６７８ or write to ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ"
    kinds = {f.kind for f in scan_reply(reply)}
    assert {"phone", "email"} <= kinds
    guarded = guard_reply(reply)
    assert guarded.action == "redacted"
    assert "555" not in guarded.text and "example" not in guarded.text
