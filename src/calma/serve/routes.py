"""HTTP routes only: parse, call the service, shape the HTTP response. No serving logic here."""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse

from calma.serve.protocol import ChatCompletionRequest


def build_router(require_key) -> APIRouter:
    router = APIRouter()

    @router.post("/v1/chat/completions", dependencies=[Depends(require_key)])
    async def chat_completions(body: ChatCompletionRequest, request: Request):
        service = request.app.state.service
        if body.stream:
            events = await service.open_stream(body)
            return StreamingResponse(events, media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        start = time.monotonic()
        result = await service.complete(body, request.is_disconnected)
        service.metrics.observe("total", time.monotonic() - start)
        return JSONResponse(result.model_dump(mode="json"))

    @router.get("/v1/models", dependencies=[Depends(require_key)])
    async def models(request: Request):
        return request.app.state.service.models().model_dump(mode="json")

    @router.get("/v1/models/{name}", dependencies=[Depends(require_key)])
    async def model(name: str, request: Request):
        return request.app.state.service.model(name).model_dump(mode="json")

    @router.get("/health")
    async def health():
        return {"status": "ok"}

    @router.get("/ready")
    async def ready(request: Request):
        engine = request.app.state.service.engine
        if not engine.ready:
            failed = getattr(engine, "error", None)
            return JSONResponse({"status": "failed" if failed else "loading", **({"error": failed} if failed else {})},
                                status_code=503, headers={"Retry-After": "5"})
        return {"status": "ready", **request.app.state.service.public_info()}

    @router.get("/metrics", dependencies=[Depends(require_key)])  # crisis counts: for key holders only
    async def metrics(request: Request):
        service = request.app.state.service
        extra = {"calma_adapter_loaded": 1 if service.public_info()["adapter_loaded"] else 0}
        return PlainTextResponse(service.metrics.render(extra), media_type="text/plain; version=0.0.4")

    return router
