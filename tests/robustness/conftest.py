"""Helpers for the robustness tests: a real uvicorn server in a thread, and the stub reader class."""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port in a thread; yields its URL.

    Waits until ``/api/documents`` answers, and says why when the server dies while starting.
    """
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    errors: list[BaseException] = []

    def run() -> None:
        try:
            server.run()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        if errors or not thread.is_alive():
            raise RuntimeError(f"the server died while starting: {errors!r}")
        try:
            with urllib.request.urlopen(url + "/api/documents", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not answer within 20 s")
        time.sleep(0.05)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def stub_reader_class() -> Any:
    """The stub reader class of ``tests/conftest.py`` (for subprocesses and module fixtures)."""
    spec = importlib.util.spec_from_file_location("_kronika_root_conftest", ROOT / "tests" / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.StubReader

@pytest.fixture(scope="session")
def serve() -> Any:
    """:func:`running_server`, for tests: ``with serve(app) as url: ...``."""
    return running_server


@pytest.fixture(scope="session")
def stub_class() -> Any:
    """The stub reader class (see ``tests/conftest.py``)."""
    return stub_reader_class()
