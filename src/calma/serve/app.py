"""`create_app(engine, config)`: the FastAPI app, with the engine injected.

Auth, OpenAI-style error bodies and the promotion watcher live here; the routes only speak
HTTP and the serving logic lives in `service.py`. Tests build the app with a fake engine.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from calma.config import CalmaConfig
from calma.serve.chat import ChatService
from calma.serve.metrics import CrisisLog, Metrics
from calma.serve.registry import Registry
from calma.serve.routes import build_router
from calma.serve.service import APIError, CompletionService

log = logging.getLogger("calma.serve")


def api_keys(config: CalmaConfig) -> list[str]:
    """Keys from the config plus CALMA_API_KEY (comma-separated)."""
    extra = [k.strip() for k in os.environ.get("CALMA_API_KEY", "").split(",") if k.strip()]
    return [k for k in config.serve.api_keys if k] + extra


def _error(status: int, message: str, type: str = "invalid_request_error", code=None, param=None, headers=None):
    body = {"error": {"message": message, "type": type, "param": param, "code": code}}
    return JSONResponse(body, status_code=status, headers=headers)


def _key_matches(encoded: list[bytes], header: str) -> bool:
    """Whether an Authorization header carries one of the keys (always true without keys)."""
    if not encoded:
        return True  # no keys: the server refuses to bind anything but loopback
    scheme, _, token = header.partition(" ")
    given = token.strip().encode() if scheme.lower() == "bearer" else b""
    # Compare with every key, always, in constant time: no early exit reveals which matched.
    matched = False
    for key in encoded:
        matched |= hmac.compare_digest(given, key)
    return matched


UNAUTHORIZED = ("invalid or missing API key (Authorization: Bearer <key>)", "invalid_api_key", {"WWW-Authenticate": "Bearer"})


def _key_checker(keys: list[str]):
    encoded = [k.encode() for k in keys]

    async def require_key(request: Request) -> None:
        if not _key_matches(encoded, request.headers.get("authorization", "")):
            message, code, headers = UNAUTHORIZED
            raise APIError(401, message, code=code, headers=headers)

    return require_key


class RedactQuery(logging.Filter):
    """Access-log lines without query strings: a key passed as `?api_key=` never lands in a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?<redacted>", *args[3:])
        return True


def redact_access_log() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactQuery) for f in access.filters):
        access.addFilter(RedactQuery())


class BodyGate:
    """ASGI middleware in front of everything: for /v1/ requests the API key is checked from
    the headers before one byte of the body is read, and the body is counted as it arrives
    (chunked or not), so a client can never make the server hold more than `max_body` bytes."""

    def __init__(self, app, max_body: int, keys: list[str], count):
        # count(path, status) puts a request in the metrics: its rejection here, or its success on the way out
        self.app, self.max_body, self.keys, self.count = app, max_body, [k.encode() for k in keys], count

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path = scope.get("path", "")
        if (path.startswith("/v1/") or path == "/metrics") and not _key_matches(self.keys, headers.get("authorization", "")):
            message, code, extra = UNAUTHORIZED
            self.count(path, 401)
            return await _error(401, message, code=code, headers=extra)(scope, receive, send)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            self.count(path, 413)
            return await _error(413, f"request body larger than {self.max_body} bytes", code="request_too_large")(scope, receive, send)
        received = 0

        async def counted():
            nonlocal received
            message = await receive()
            if message.get("type") == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise HTTPException(413, f"request body larger than {self.max_body} bytes")
            return message

        async def counting(message):
            if message.get("type") == "http.response.start" and path.startswith("/v1/") and message.get("status", 500) < 400:
                self.count(path, message["status"])  # successes; errors are counted where they are made
            await send(message)

        # Pure ASGI (no BaseHTTPMiddleware): the app's `request.is_disconnected()` must see the
        # client's disconnect, which stops a non-streaming generation.
        await self.app(scope, counted, counting)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(APIError)
    async def api_error(request: Request, exc: APIError):
        app.state.service.metrics.request(request.url.path, exc.status)
        return _error(exc.status, exc.message, exc.type, exc.code, exc.param, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        app.state.service.metrics.request(request.url.path, 400)
        return _error(400, f"{where}: {first.get('msg')}" if where else str(first.get("msg")), param=where or None)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 413: "request_too_large"}.get(exc.status_code)
        if exc.status_code == 413:
            app.state.service.metrics.request(request.url.path, 413)
        return _error(exc.status_code, str(exc.detail), code=code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.error("internal error on %s: %s", request.url.path, type(exc).__name__)  # no message text
        return _error(500, "internal server error", type="server_error")


def _install_limits(app: FastAPI, max_body: int, keys: list[str]) -> None:
    app.add_middleware(BodyGate, max_body=max_body, keys=keys,
                       count=lambda path, status: app.state.service.metrics.request(path, status))


async def watch_registry(engine, registry: Registry, interval: float) -> None:
    """Load a newly promoted (or rolled back) adapter without a restart.

    The engine swaps adapters between batches on its worker thread, so requests in flight
    finish with the adapter they started with and none fails.
    """
    seen = registry.current_id()
    while True:
        await asyncio.sleep(interval)
        if not engine.ready:
            continue  # still loading (it loads the promoted adapter itself)
        try:
            current = registry.current()
            if current is None or current[0] == seen:
                continue
            await asyncio.to_thread(engine.use_adapter, current[1], current[0])
            log.warning("calma: now serving adapter %s", current[0])
            seen = current[0]
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # keep serving the previous adapter
            log.error("calma: could not load the promoted adapter: %s", str(exc).splitlines()[0][:200])
            seen = current[0] if current else seen


def create_app(engine, config: CalmaConfig | None = None, *, chat: ChatService | None = None,
               registry: Registry | None = None, crisis_log: CrisisLog | None = None) -> FastAPI:
    """The service around `engine`; `registry` enables hot reload of promotions."""
    config = config or CalmaConfig()
    chat = chat or ChatService(config)
    service = CompletionService(engine, chat, config, Metrics(), crisis_log or CrisisLog(config.serve.events_db))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        redact_access_log()  # after uvicorn has configured its loggers
        await asyncio.to_thread(chat.warm_up)
        task = None
        if registry is not None:
            task = asyncio.create_task(watch_registry(engine, registry, config.serve.reload_interval))
        yield
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = FastAPI(title="Calma", version="1", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.service = service
    _install_errors(app)
    keys = api_keys(config)
    _install_limits(app, max_body=config.serve.max_chars * 4 + 65_536, keys=keys)
    app.include_router(build_router(_key_checker(keys)))
    return app
