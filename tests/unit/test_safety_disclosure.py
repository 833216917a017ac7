"""The AI disclosure: first reply, when the user asks whether they talk to a person (any of our
languages), and again after safety.disclosure_interval_hours (timestamps on the messages)."""

import time

import pytest

from calma.config import CalmaConfig
from calma.safety.disclosure import asks_if_human, disclosure_due, timestamp
from calma.safety.replies import AI_DISCLOSURE, crisis_reply, disclosure
from calma.serve.chat import ChatService

T0 = 1_800_000_000.0


def msg(role, content, at=None):
    row = {"role": role, "content": content}
    if at is not None:
        row["timestamp"] = at
    return row


def test_first_reply_is_disclosed():
    assert disclosure_due([msg("user", "hi")]) == "first reply"


@pytest.mark.parametrize("text", ["are you a real person?", "am I talking to a bot", "is this a human?", "¿eres una persona?",
                                  "você é um robô?", "es-tu un robot ?", "bist du ein Mensch?"])
def test_asking_whether_it_is_a_person_brings_the_disclosure_back(text):
    assert asks_if_human(text)
    convo = [msg("user", "hi"), msg("assistant", f"{AI_DISCLOSURE}\n\nHello!"), msg("user", text)]
    assert "asked" in disclosure_due(convo)


def test_ordinary_questions_do_not():
    assert not asks_if_human("are you free on friday?") and not asks_if_human("is this a good recipe?")
    convo = [msg("user", "hi"), msg("assistant", f"{AI_DISCLOSURE}\n\nHello!"), msg("user", "what's a good book?")]
    assert disclosure_due(convo) is None


def test_disclosed_again_after_three_hours_and_not_before():
    convo = [msg("user", "hi", T0), msg("assistant", f"{AI_DISCLOSURE}\n\nHello!", T0 + 5), msg("user", "still here", T0 + 2 * 3600)]
    assert disclosure_due(convo, 3.0, now=T0 + 2 * 3600) is None
    assert "3.0 h" in disclosure_due(convo, 3.0, now=T0 + 3 * 3600 + 10)
    assert disclosure_due(convo, 0, now=T0 + 10 * 3600) is None  # 0 turns the interval off
    # the clock restarts at the last disclosure, and a crisis reply counts (it says it is an AI)
    later = convo + [msg("assistant", crisis_reply(), T0 + 3 * 3600), msg("user", "ok", T0 + 4 * 3600)]
    assert disclosure_due(later, 3.0, now=T0 + 4 * 3600) is None


def test_iso_timestamps_and_bad_ones():
    assert timestamp({"timestamp": "2026-12-01T10:00:00Z"}) == pytest.approx(1796119200.0)
    assert timestamp({"timestamp": "yesterday"}) is None and timestamp({}) is None and timestamp({"timestamp": True}) is None


def test_the_chat_service_discloses_in_the_users_language_when_due():
    config = CalmaConfig()
    config.safety.use_classifier = False
    service = ChatService(config)
    plan = service.plan([msg("user", "hola, me siento muy sola hoy")])
    assert plan.disclose and plan.disclosure == disclosure("es")
    assert service.finish(plan, "Lo siento mucho.").text.startswith(disclosure("es"))
    start = time.time() - 4 * 3600  # the service reads the real clock
    convo = [msg("user", "hi there", start), msg("assistant", f"{AI_DISCLOSURE}\n\nHi!", start), msg("user", "tell me a joke", time.time())]
    later = service.plan(convo)
    assert later.disclose and service.finish(later, "Why did...").text.startswith(AI_DISCLOSURE)
    config.safety.disclosure_interval_hours = 0
    assert not service.plan(convo).disclose
