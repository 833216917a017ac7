"""An engine that loads in the background, so the server answers while the model loads.

`calma serve` used to load the model before it listened: until then a probe's connection was
refused, which load balancers read as a dead host. `BackgroundEngine` starts loading on a
thread and stands in for the engine: `ready` is false (so `/ready` answers 503 with
Retry-After and generation requests 503) until the real engine exists; then every attribute is
the real engine's. A load that fails is logged in one line and `/ready` keeps saying why.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger("calma.serve")


class BackgroundEngine:
    def __init__(self, factory, name: str = "engine"):
        self._factory, self._name = factory, name
        self._engine = None
        self.error: str | None = None
        self.on_failure = None  # called with the error line (calma serve stops and exits with it)
        self._thread = threading.Thread(target=self._load, name="calma-engine-load", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            self._engine = self._factory()
        except Exception as exc:  # noqa: BLE001 - the server stays up and says why
            self.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
            log.error("calma: the model could not be loaded: %s", self.error)
            if self.on_failure is not None:
                self.on_failure(self.error)

    @property
    def ready(self) -> bool:
        return self._engine is not None and getattr(self._engine, "ready", True)

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return self.ready

    def describe(self) -> dict:
        if self._engine is None:
            return {"engine": self._name, "status": "failed" if self.error else "loading", "error": self.error}
        return self._engine.describe()

    def close(self) -> None:
        self._thread.join()
        if self._engine is not None:
            self._engine.close()

    def __getattr__(self, name):
        engine = self.__dict__.get("_engine")
        if engine is None:
            raise AttributeError(f"{name}: the engine is still loading")
        return getattr(engine, name)
