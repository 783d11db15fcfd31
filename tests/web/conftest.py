"""Fixtures for the explorer: one sample base (the atlas plus small texts), the app and a client."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kronika
from kronika.atlas import install_atlas

with warnings.catch_warnings():
    # Starlette's test client warns about httpx at import time; the warning is not ours.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

#: Texts read into the sample base with the stub reader (see tests/conftest.py): one disagrees
#: with the atlas about Dainova's founding year, one carries markup that must stay text.
SAMPLE_TEXTS: dict[str, str] = {
    "memo:dainova": "Dainova was founded in 1993.\nDainova employs more than 120 people.\n",
    "memo:markup": "<script>alert('x')</script> Belhard was founded in 1994.\nBelhard employs 40 people.\n",
}


def build_sample_db(path: Path, reader: Any) -> Path:
    """The explorer's sample base: the curated atlas plus :data:`SAMPLE_TEXTS`.

    Args:
        path: the database file to create.
        reader: a document reader (the stub reader keeps this model-free).

    Returns:
        The path.
    """
    with kronika.open(path, reader=reader) as kb:
        install_atlas(kb.store)
        for origin, text in SAMPLE_TEXTS.items():
            kb.ingest_text(text, title=origin.split(":")[1].title() + " memo", origin=origin)
    return path


def stub_reader_class() -> Any:
    """The stub reader class of ``tests/conftest.py`` (session fixtures cannot ask for it)."""
    spec = importlib.util.spec_from_file_location(
        "_kronika_root_conftest", Path(__file__).parents[1] / "conftest.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.StubReader


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample base in a temporary file, built once per session."""
    return build_sample_db(tmp_path_factory.mktemp("web") / "sample.db", stub_reader_class()())


@pytest.fixture(scope="session")
def client(sample_db: Path) -> Iterator[Any]:
    """A test client for the explorer over the sample base."""
    from kronika.web.app import make_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with TestClient(make_app(sample_db)) as test_client:
            yield test_client
