"""`calma chat`, `calma serve`, `calma promote`, `calma rollback`, `calma versions`."""

from __future__ import annotations

import ipaddress
import sys
import time
from pathlib import Path

from calma.cli_options import add_config_options, config_from_args, print_config
from calma.errors import CalmaError

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def _common(parser) -> None:
    add_config_options(parser, example="serve.max_queue=16")


def _config(args, extra: dict | None = None):
    config = config_from_args(args, extra)
    if getattr(args, "print_config", False):
        print_config(config)
    return config


def _registry(config):
    from calma.serve.registry import Registry

    return Registry(config.serve.registry, config.serve.production_dir)


def choose_adapter(config, explicit: Path | None) -> tuple[Path | None, str | None, bool]:
    """(adapter folder, version label, watch the registry?) for chat and serve."""
    if explicit is not None:
        return Path(explicit).expanduser(), Path(explicit).name, False
    current = _registry(config).current()
    if current is not None:
        return current[1], current[0], True
    prod = config.serve.production_dir
    if (prod / "adapter_config.json").is_file():
        return prod, prod.name, False
    return None, None, True


def _engine(config, adapter: Path | None, version: str | None, model: str | None, max_batch: int | None = None):
    from calma.serve.engine import TransformersEngine, adapter_base_model, check_adapter_dir

    if adapter is not None:
        check_adapter_dir(adapter)
    name = model or (adapter_base_model(adapter) if adapter else None) or config.model.name
    if adapter is None:
        print("calma: warning: no adapter promoted or given: the base model answers in both roles "
              "(train one, then `calma promote OUT/final`)", file=sys.stderr)
    print(f"calma: loading {name}" + (f" with adapter {adapter}" if adapter else ""), file=sys.stderr)
    if config.serve.engine == "llamacpp":
        from calma.serve.llamacpp import LlamaCppEngine

        return LlamaCppEngine(name, adapter, gguf=config.serve.gguf, cache_dir=config.model.cache_dir,
                              adapter_version=version, num_threads=config.serve.num_threads)
    return TransformersEngine(
        name, adapter, device=config.serve.device, dtype=config.serve.dtype, cache_dir=config.model.cache_dir,
        batch_window_ms=config.serve.batch_window_ms, max_batch=max_batch or config.serve.max_batch,
        adapter_version=version, num_threads=config.serve.num_threads, quantize=config.serve.quantize,
    )


# ---------------------------------------------------------------- chat


def run_chat(args) -> int:
    from calma.serve.chat import ChatService, Conversation

    config = _config(args, {"serve.engine": args.engine})
    if args.print_config:
        return 0
    adapter, version, _ = choose_adapter(config, args.adapter or config.serve.adapter)
    engine = _engine(config, adapter, version, args.model, max_batch=1)
    conversation = Conversation(ChatService(config), engine)
    interactive = sys.stdin.isatty()
    print("Calma chat — /reset starts over, /quit leaves. Each reply shows its route.", file=sys.stderr)
    try:
        while True:
            try:
                line = input("you> " if interactive else "")
            except EOFError:
                break
            text = line.strip()
            if not text:
                continue
            if text in ("/quit", "/exit"):
                break
            if text == "/reset":
                conversation.reset()
                print("(conversation reset)")
                continue
            _chat_turn(conversation, text)
    finally:
        engine.close()
    return 0


def _chat_turn(conversation, text: str) -> None:
    def show_route(plan) -> None:
        mode = " careful" if plan.careful else ""
        language = "" if plan.language == "en" else f" {plan.language}"
        print(f"calma [{plan.route}{mode}{language}]> ", end="", flush=True)

    for piece in conversation.send(text, on_route=show_route):
        print(piece, end="", flush=True)
    turn = conversation.last
    note = f"  (guard: {turn.guard_action})" if turn.guard_action != "none" else ""
    print(note)


# ---------------------------------------------------------------- serve


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_server_app(config, adapter_flag: Path | None = None, upstream: str | None = None):
    """The app `calma serve` runs (also used by tests that start a real server)."""
    from calma.serve.app import create_app

    registry = None
    if upstream:
        from calma.serve.upstream import UpstreamEngine

        engine = UpstreamEngine(upstream, config)
    else:
        from calma.serve.loading import BackgroundEngine

        adapter, version, watch = choose_adapter(config, adapter_flag or config.serve.adapter)
        if adapter is not None:
            from calma.serve.engine import check_adapter_dir

            check_adapter_dir(adapter)  # a bad --adapter is one line now, not a log line later
        # Loads while the server already listens: /ready answers 503 + Retry-After until then.
        engine = BackgroundEngine(lambda: _engine(config, adapter, version, None), config.serve.engine)
        registry = _registry(config) if watch else None
    return create_app(engine, config, registry=registry), engine


def check_binding(config, host: str) -> None:
    from calma.serve.app import api_keys

    if api_keys(config):
        return
    if not is_loopback(host):
        raise CalmaError(f"--host {host}: refusing to serve a non-loopback address without an API key; "
                         "set serve.api_keys or CALMA_API_KEY")
    print(f"calma: warning: no API key configured; serving on {host} only (set CALMA_API_KEY to require one)",
          file=sys.stderr)


def run_serve(args) -> int:
    import uvicorn

    config = _config(args, {"serve.host": args.host, "serve.port": args.port, "serve.upstream_url": args.upstream,
                            "serve.engine": args.engine})
    if args.print_config:
        return 0
    check_binding(config, config.serve.host)
    app, engine = build_server_app(config, args.adapter, config.serve.upstream_url)
    server = uvicorn.Server(uvicorn.Config(app, host=config.serve.host, port=config.serve.port, log_level="info"))
    failed: list[str] = []

    def stop(error: str) -> None:  # the model could not be loaded: a user's mistake ends the command
        failed.append(error)
        server.should_exit = True

    if hasattr(engine, "on_failure"):
        engine.on_failure = stop
        if engine.error:
            stop(engine.error)
    try:
        if not failed:
            server.run()
    finally:
        engine.close()
    if failed:
        raise CalmaError(f"cannot load the model: {failed[0]}")
    return 0


# ---------------------------------------------------------------- registry


def run_promote(args) -> int:
    config = _config(args)
    if args.print_config:
        return 0
    version = _registry(config).promote(Path(args.path))
    metrics = ", ".join(f"{k}={v}" for k, v in version.metrics.items()) or "no report found"
    print(f"promoted {args.path} as {version.id} (sha256 {version.sha256[:12]}), now in production at "
          f"{config.serve.production_dir}\n  metrics: {metrics}\n  a running `calma serve` picks it up within "
          f"{config.serve.reload_interval:g} s; undo with `calma rollback`")
    return 0


def run_rollback(args) -> int:
    config = _config(args)
    if args.print_config:
        return 0
    version = _registry(config).rollback()
    print(f"rolled back: {version.id} (from {version.source}) is in production again")
    return 0


def run_versions(args) -> int:
    config = _config(args)
    if args.print_config:
        return 0
    registry = _registry(config)
    versions, current = registry.versions(), registry.current_id()
    if not versions:
        print(f"no versions in {config.serve.registry}: promote one with `calma promote OUT/final`")
        return 0
    print(f"{'':2}{'id':6}{'promoted (UTC)':21}{'sha256':14}source / metrics")
    for v in versions:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(v.created))
        mark = "* " if v.id == current else "  "
        metrics = ", ".join(f"{k}={val}" for k, val in list(v.metrics.items())[:4])
        print(f"{mark}{v.id:6}{when:21}{v.sha256[:12]:14}{v.source}" + (f"\n{'':41}{metrics}" if metrics else ""))
    return 0


ENGINE_HELP = "built-in engine (default serve.engine: transformers); llamacpp needs `make llamacpp`"


def register(subparsers) -> None:
    chat = subparsers.add_parser("chat", help="talk to Calma in the terminal (route shown on each turn)")
    chat.add_argument("--adapter", type=Path, help="adapter folder (default: the promoted production adapter)")
    chat.add_argument("--model", help="base model (default: the adapter's, else model.name)")
    chat.add_argument("--engine", choices=["transformers", "llamacpp"], help=ENGINE_HELP)
    _common(chat)
    chat.set_defaults(handler=run_chat)

    serve = subparsers.add_parser("serve", help="OpenAI-compatible HTTP API with the crisis gate and output guard")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1; others need an API key)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--adapter", type=Path, help="serve this adapter instead of the promoted one (no hot reload)")
    serve.add_argument("--upstream", metavar="URL", help="generate with an OpenAI-compatible server (vLLM, llama.cpp)")
    serve.add_argument("--engine", choices=["transformers", "llamacpp"], help=ENGINE_HELP)
    _common(serve)
    serve.set_defaults(handler=run_serve)

    promote = subparsers.add_parser("promote", help="register an adapter as a new version and put it in production")
    promote.add_argument("path", help="adapter folder, e.g. models/calma-hf-trained/final")
    _common(promote)
    promote.set_defaults(handler=run_promote)

    rollback = subparsers.add_parser("rollback", help="put the previous production version back")
    _common(rollback)
    rollback.set_defaults(handler=run_rollback)

    versions = subparsers.add_parser("versions", help="list promoted adapter versions (* = production)")
    _common(versions)
    versions.set_defaults(handler=run_versions)
