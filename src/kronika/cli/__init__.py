"""The ``kronika`` command: a thin layer over :mod:`kronika.kb`.

Each command parses options, calls one library function and formats the result.
``cli/_util.py`` holds the app and shared options; ``ingest.py`` and ``read.py`` the commands.
"""

from __future__ import annotations

import os
import sys

from kronika.cli import ask as _ask  # noqa: F401 - registers `kronika ask`
from kronika.cli import import_ as _import  # noqa: F401 - registers `kronika import`
from kronika.cli import ingest, read, serve
from kronika.cli import review as _review  # noqa: F401 - registers `kronika review ...`
from kronika.cli import token as _token  # noqa: F401 - registers `kronika token ...`
from kronika.cli._util import app

__all__ = ["app", "ingest", "main", "read", "serve"]


def main() -> None:
    """Run the ``kronika`` command line."""
    try:
        app(prog_name="kronika")
    except SystemExit as exc:
        if exc.code in (ingest.EXIT_INTERRUPTED, ingest.EXIT_TERMINATED):
            # After an interrupt, leave at once: the queues that fed stopped worker processes
            # may still hold data nobody will read, and joining their feeder threads at
            # interpreter exit would hang. The store is already closed and consistent.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(int(exc.code))
        raise
