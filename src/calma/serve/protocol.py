"""The OpenAI chat-completions wire format, as pydantic models.

Only what Calma serves is modelled; unknown request fields that OpenAI clients commonly send
(`n`, `user`, `seed`, ...) are accepted and ignored rather than rejected, so an unchanged
client works. Calma's own information (route, safety interventions) travels in the extra
`calma` field, which OpenAI clients keep as an attribute.
"""

from __future__ import annotations

import time
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MODEL_NAMES = ("calma", "calma-casual", "calma-therapeutic")


SEED_RANGE = (-(2**63), 2**64 - 1)  # what torch.manual_seed accepts


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "user", "assistant", "developer", "tool", "function"]
    content: str | list[dict] | None = None
    # Not OpenAI's: when the message was written (unix seconds or ISO 8601), sent by an app's
    # backend so that the AI disclosure can be repeated every safety.disclosure_interval_hours.
    timestamp: float | str | None = None

    @field_validator("content")
    @classmethod
    def _parts(cls, value):
        if isinstance(value, list):
            for part in value:
                if part.get("type") == "text" and not isinstance(part.get("text"), str):
                    raise ValueError("a text part's 'text' must be a string")
        return value

    def text(self) -> str:
        """Plain text of the message; content parts other than text are not supported."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.get("text", "") for part in self.content if part.get("type") == "text")


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    model: str
    messages: list[ChatMessage] = Field(min_length=1)
    temperature: float | None = Field(None, ge=0, le=2)
    top_p: float | None = Field(None, gt=0, le=1)
    max_tokens: int | None = Field(None, ge=1)
    max_completion_tokens: int | None = Field(None, ge=1)
    stop: str | list[str] | None = None
    stream: bool = False
    stream_options: dict | None = None  # {"include_usage": true}: a last chunk with the token counts
    seed: int | None = Field(None, ge=SEED_RANGE[0], le=SEED_RANGE[1])
    n: int = Field(1, ge=1, le=1)
    # OpenAI's additive penalties are not implemented (Calma samples with generation.repetition_penalty);
    # 0 or null is accepted, anything else is refused rather than silently ignored.
    frequency_penalty: float | None = Field(None, ge=-2, le=2)
    presence_penalty: float | None = Field(None, ge=-2, le=2)

    @field_validator("frequency_penalty", "presence_penalty")
    @classmethod
    def _penalties(cls, value):
        if value:
            raise ValueError("not supported by Calma (0 or null only); the server applies generation.repetition_penalty")
        return value

    @field_validator("stop")
    @classmethod
    def _stops(cls, value):
        if isinstance(value, str):
            value = [value]
        if value is not None and (len(value) > 4 or any(not s for s in value)):
            raise ValueError("stop takes at most 4 non-empty strings")
        return value


class CalmaInfo(BaseModel):
    """Calma's extra field: which route answered and what safety did."""

    route: str  # crisis | check_in | unsupported_language | therapeutic | casual
    role: str | None
    careful: bool = False
    crisis: bool = False
    check_in: bool = False  # the fixed reply that asks directly about suicidal thoughts
    language: str = "en"  # the user's language as the crisis gate read it
    resources: bool = False  # the resources line was added (the conversation had a crisis)
    guard: str = "none"  # none | redacted | replaced
    guard_findings: list[str] = Field(default_factory=list)
    disclosure: bool = False
    adapter: str | None = None


class AssistantMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: AssistantMessage
    finish_reason: str
    logprobs: None = None


class Usage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


def new_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"


class ChatCompletion(BaseModel):
    id: str = Field(default_factory=new_id)
    object: Literal["chat.completion"] = "chat.completion"
    created: int = Field(default_factory=lambda: int(time.time()))
    model: str
    choices: list[Choice]
    usage: Usage
    calma: CalmaInfo


class Delta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: Delta
    finish_reason: str | None = None
    logprobs: None = None


class ChatCompletionChunk(BaseModel):
    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    choices: list[ChunkChoice]
    calma: CalmaInfo | None = None
    usage: Usage | None = None


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "calma"
    calma: dict = Field(default_factory=dict)


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail
