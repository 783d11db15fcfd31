"""The ``kronika`` command: a thin layer over :mod:`kronika.kb`.

Each command parses options, calls one library function and formats the result.
``cli/_util.py`` holds the app and shared options; ``ingest.py`` and ``read.py`` the commands.
"""

from __future__ import annotations

from kronika.cli import ingest, read
from kronika.cli._util import app

__all__ = ["app", "ingest", "main", "read"]


def main() -> None:
    """Run the ``kronika`` command line."""
    app(prog_name="kronika")
