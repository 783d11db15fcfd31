"""The explorer's JavaScript and CSS: installed from npm at set-up time, served locally.

``package.json`` and ``package-lock.json`` beside this module pin the packages;
``python -m kronika.web.assets`` runs ``npm ci`` into ``node_modules/`` here and copies the few
files the pages use into ``static/vendor/`` (both ignored by git). Nothing is fetched from a
CDN at run time. When the files are missing, the pages still work: charts are drawn on the
server, and the graph, timeline and map fall back to tables.

Licences: cytoscape (MIT), leaflet (BSD-2-Clause), topojson-client (ISC), vis-timeline
(Apache-2.0 or MIT), world-atlas (ISC; Natural Earth data, public domain).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "static" / "vendor"

#: Files copied from ``node_modules`` to ``static/vendor`` (source, destination).
FILES: tuple[tuple[str, str], ...] = (
    ("cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"),
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet/dist/images/layers.png", "leaflet/images/layers.png"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("world-atlas/countries-110m.json", "countries-110m.json"),
    ("vis-timeline/standalone/umd/vis-timeline-graph2d.min.js", "vis-timeline/vis-timeline-graph2d.min.js"),
    ("vis-timeline/styles/vis-timeline-graph2d.min.css", "vis-timeline/vis-timeline-graph2d.min.css"),
)


def installed() -> bool:
    """Whether every vendor file is in ``static/vendor``."""
    return all((VENDOR / dest).is_file() for _src, dest in FILES)


def available() -> dict[str, bool]:
    """Which libraries the pages can load: ``graph``, ``timeline``, ``map``."""

    def has(*names: str) -> bool:
        return all((VENDOR / n).is_file() for n in names)

    return {
        "graph": has("cytoscape.min.js"),
        "timeline": has(
            "vis-timeline/vis-timeline-graph2d.min.js", "vis-timeline/vis-timeline-graph2d.min.css"
        ),
        "map": has(
            "leaflet/leaflet.js", "leaflet/leaflet.css", "topojson-client.min.js", "countries-110m.json"
        ),
    }


def install(*, force: bool = False) -> list[str]:
    """Install the npm packages (``npm ci``) and copy the vendor files.

    Args:
        force: run ``npm ci`` even when ``node_modules`` already holds every file.

    Returns:
        The vendor files written.

    Raises:
        RuntimeError: npm is missing or fails.
    """
    modules = HERE / "node_modules"
    if force or not all((modules / src).is_file() for src, _dest in FILES):
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is not installed: install Node.js and npm (Debian: apt-get install npm)")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=HERE,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"npm ci failed in {HERE}:\n{result.stderr.strip()}")
    written = []
    for src, dest in FILES:
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(modules / src, target)
        written.append(str(target.relative_to(HERE)))
    return written


def main() -> None:
    """``python -m kronika.web.assets [--force]``: install the explorer's vendor files."""
    try:
        written = install(force="--force" in sys.argv[1:])
    except RuntimeError as exc:
        print(f"kronika assets: {exc}", file=sys.stderr)
        raise SystemExit(1) from exc
    print(f"kronika assets: {len(written)} files in {VENDOR}")


if __name__ == "__main__":
    main()
