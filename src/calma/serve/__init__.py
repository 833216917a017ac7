"""Serving Calma: one engine for both roles, the chat service, the OpenAI-compatible API, promotion.

Data flows request → safety route (crisis gate) → engine role → output guard → disclosure.
Heavy libraries (torch, transformers, fastapi) load only when the submodules that need them
are imported, so importing this package stays cheap.
"""

from calma.serve.chat import ChatService, Conversation, StreamGuard, TurnPlan
from calma.serve.decoding import Completion, SamplingParams
from calma.serve.registry import Registry, Version, content_hash

__all__ = [
    "ChatService",
    "Completion",
    "Conversation",
    "Registry",
    "SamplingParams",
    "StreamGuard",
    "TurnPlan",
    "Version",
    "content_hash",
    "create_app",
    "TransformersEngine",
]


def __getattr__(name):  # lazy: fastapi / torch only when asked for
    if name == "create_app":
        from calma.serve.app import create_app

        return create_app
    if name == "TransformersEngine":
        from calma.serve.engine import TransformersEngine

        return TransformersEngine
    raise AttributeError(name)
