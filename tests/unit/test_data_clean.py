"""Cleaning: HTML, entities, Unicode, glued sentences; the things it must not break."""

from __future__ import annotations

import pytest

from calma.data.clean import clean_text, normalize_unicode, repair_glued_sentences, strip_html


def test_html_tags_script_style_and_entities():
    raw = (
        "<p>You are not alone&nbsp;&amp; this is common.</p><script>var x = 'tracking';</script>"
        "<style>p { color: red }</style><br/>Try <b>one</b> small step &#8212; today.<!-- hidden -->"
    )
    text = clean_text(raw)
    assert text == "You are not alone & this is common.\n\nTry one small step \u2014 today."
    assert "tracking" not in text and "color" not in text


def test_angle_brackets_that_are_not_tags_survive():
    assert strip_html("I <3 my dog and 2 < 5") == "I <3 my dog and 2 < 5"


def test_unicode_normalisation():
    text = normalize_unicode("It\u2019s \u201cfine\u201d\u00a0now\u200b \uff21 \ufb01le\r\nnext")
    assert text == "It's \"fine\" now A file\nnext"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("find new people to hang out with.Seriously, it matters.", "find new people to hang out with. Seriously, it matters."),
        ("Are you tired?Maybe rest.", "Are you tired? Maybe rest."),
        ("That is hard.I hear you.", "That is hard. I hear you."),
        ("Wait...Then breathe.", "Wait... Then breathe."),
        ("Use tools, e.g. journaling, i.e. writing.", "Use tools, e.g. journaling, i.e. writing."),
        ("Sleep 7.5 hours; version 3.5 works.", "Sleep 7.5 hours; version 3.5 works."),
        ("Ask Dr. Smith or J.R.R. Tolkien fans.", "Ask Dr. Smith or J.R.R. Tolkien fans."),
        ("See www.CalmaExample.org or https://calma.example.com/Path.Page today.", "See www.CalmaExample.org or https://calma.example.com/Path.Page today."),
        ("Write me at jane.Doe@example.com now.", "Write me at jane.Doe@example.com now."),
        ("Jane Roewww.CalmaExample.com", "Jane Roe www.CalmaExample.com"),
        ("See www.calma-example.org.Then rest, or http://calma.example.com.Next", "See www.calma-example.org. Then rest, or http://calma.example.com. Next"),
    ],
)
def test_glued_sentences(raw, expected):
    assert repair_glued_sentences(raw) == expected


def test_whitespace_is_tidied():
    assert clean_text("  one   two \n\n\n\n three\t\tfour  ") == "one two\n\nthree four"
