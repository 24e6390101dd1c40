"""Measure how `kg build` scales: throughput against bare spaCy, size, re-runs, Dask.

Every measurement runs in its own subprocess and is timed from outside it; peak memory is the
child's ``ru_maxrss`` from ``os.wait4`` (the largest single process of the run; pool and Dask
workers are separate processes, so their peaks are not summed). Results are appended to
``bench/results/scale.jsonl`` as they finish, so a long run can be read while it goes on, and
the table is printed at the end (or any time with ``--table``).

Example::

    python bench/corpus_gen.py --size 5000 --out bench/results/corpus-5k.jsonl
    nohup python bench/scale_bench.py --sizes 1000 5000 20000 > bench/results/scale.log 2>&1 &
    python bench/scale_bench.py --table
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
LOG = RESULTS / "scale.jsonl"
SUMMARY = re.compile(r"(\d+) new, (\d+) cached")
STEPS = ("bare", "build", "rerun", "plus1", "pool", "dask")


def corpus(size: int, *, seed: int = 7) -> Path:
    """Return the generated corpus of `size` articles, generating it on first use."""
    path = RESULTS / f"corpus-{size}-s{seed}.jsonl"
    if not path.is_file():
        sys.path.insert(0, str(HERE))
        from corpus_gen import write_corpus

        write_corpus(path, size, seed=seed)
    return path


def measure(command: Sequence[str]) -> dict[str, object]:
    """Run `command`; return wall and CPU seconds, peak RSS in MiB, exit code and stderr tail."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    usage = _children_usage()
    return {
        "command": " ".join(command), "wall_s": round(wall, 2), "rc": proc.returncode,
        "cpu_s": round(usage[0], 2), "peak_mib": round(usage[1] / 1024, 1),
        "stdout": out.strip()[-400:], "stderr": err.strip()[-400:],
    }


def _children_usage() -> tuple[float, float]:
    """CPU seconds and peak RSS (KiB) of this process's reaped children."""
    import resource

    # communicate() already reaped the child; RUSAGE_CHILDREN holds the max over all reaped
    # children, so each measurement runs through a fresh helper process (see `probe`).
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, float(usage.ru_maxrss)


def probe(command: Sequence[str]) -> dict[str, object]:
    """Measure `command` from a fresh helper process, so peak RSS belongs to this run only."""
    helper = subprocess.run(
        [sys.executable, __file__, "--probe", "--", *command],
        capture_output=True, text=True, check=True,
    )
    return json.loads(helper.stdout)  # type: ignore[no-any-return]


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def record(step: str, size: int, result: dict[str, object], **extra: object) -> dict[str, object]:
    """Add derived figures to `result`, append it to the results log, and return it."""
    row = {"step": step, "size": size, **extra, **result}
    match = SUMMARY.search(str(result.get("stderr", "")))
    if match:
        row["new"], row["cached"] = int(match[1]), int(match[2])
    RESULTS.mkdir(parents=True, exist_ok=True)
    with LOG.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")
    print(f"{step:>6} {size:>6}: {row['wall_s']:>8} s, peak {row['peak_mib']} MiB, rc {row['rc']}",
          flush=True)
    return row


def run_steps(sizes: Sequence[int], steps: Sequence[str], jobs: int) -> None:
    for size in sizes:
        data = corpus(size)
        out = RESULTS / f"out-{size}"
        if "bare" in steps:
            record("bare", size, probe([sys.executable, __file__, "--bare", str(data)]))
        if "build" in steps:
            shutil.rmtree(out, ignore_errors=True)
            record("build", size, probe(kg("build", str(data), "--out", str(out))))
        if "rerun" in steps and out.is_dir():
            record("rerun", size, probe(kg("build", str(data), "--out", str(out))))
        if "plus1" in steps and out.is_dir():
            extra = corpus(max(1, size // 100), seed=8)
            record("plus1", size, probe(kg("build", str(data), str(extra), "--out", str(out))))
        if "pool" in steps:
            pool_out = RESULTS / f"out-{size}-pool"
            shutil.rmtree(pool_out, ignore_errors=True)
            record("pool", size, probe(kg("build", str(data), "--out", str(pool_out),
                                          "--jobs", str(jobs))), jobs=jobs)
        if "dask" in steps:
            dask_out = RESULTS / f"out-{size}-dask"
            shutil.rmtree(dask_out, ignore_errors=True)
            record("dask", size, probe(kg("build", str(data), "--out", str(dask_out),
                                          "--scheduler", "local", "--jobs", str(jobs))),
                   jobs=jobs)


def bare_pipe(path: Path) -> None:
    """Parse the prepared texts with the very pipeline `kg build` uses, and nothing else."""
    from kg.extract.analyse import load_resources
    from kg.extract.nlp import load_nlp
    from kg.paths import default_ontology_dir
    from kg.pipeline.compose import DEFAULT_BATCH, read_articles

    articles, _ = read_articles([path])
    texts = [a.text for a in articles]
    nlp = load_nlp(None, gazetteer=load_resources(default_ontology_dir()).gazetteer)
    start, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=DEFAULT_BATCH):
        pass
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    words = sum(len(t.split()) for t in texts)
    print(json.dumps({"pipe_s": round(seconds, 2), "pipe_cpu_s": round(cpu, 2),
                      "articles": len(texts), "words": words}))


def table() -> str:
    """Format the results log: the latest row per (step, size), with the ratios asked for."""
    if not LOG.is_file():
        return "no results yet"
    latest: dict[tuple[str, int], dict[str, object]] = {}
    for line in LOG.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        latest[(row["step"], row["size"])] = row
    lines = [f"{'step':<6} {'articles':>8} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} "
             f"{'new':>6} {'cached':>6}  note"]
    order = sorted(latest.items(), key=lambda kv: (kv[0][1], STEPS.index(kv[0][0])))
    for (step, size), row in order:
        build = latest.get(("build", size))
        note = ""
        if step == "bare" and build:
            bare = json.loads(str(row["stdout"]))
            pipe = bare["pipe_s"]
            note = (f"nlp.pipe {pipe} s; kg build/bare throughput "
                    f"{pipe / float(build['wall_s']):.2f} (pipe only), "
                    f"{float(row['wall_s']) / float(build['wall_s']):.2f} (whole process)")
            if "pipe_cpu_s" in bare:  # the machine is shared: CPU time is the steadier measure
                note += (f"; CPU {bare['pipe_cpu_s'] / float(build['cpu_s']):.2f} (pipe only), "
                         f"{float(row['cpu_s']) / float(build['cpu_s']):.2f} (whole process)")
        elif step in ("rerun", "plus1") and build:
            note = (f"{100 * float(row['wall_s']) / float(build['wall_s']):.1f}% of the full "
                    f"build ({100 * float(row['cpu_s']) / float(build['cpu_s']):.1f}% of its CPU)")
        elif step in ("pool", "dask") and build:
            speedup = float(build["wall_s"]) / float(row["wall_s"])
            note = f"{row.get('jobs')} workers; {speedup:.2f}x the 1-process build"
        elif step == "build" and ("build", 5000) in latest and size == 20000:
            five = float(latest[("build", 5000)]["wall_s"])
            note = f"{float(row['wall_s']) / five:.2f}x the 5k build"
        lines.append(f"{step:<6} {size:>8} {row['wall_s']:>8} {row['cpu_s']:>8} "
                     f"{row['peak_mib']:>9} {row.get('new', ''):>6} {row.get('cached', ''):>6}"
                     f"  {note}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--steps", default=",".join(STEPS),
                        help=f"comma-separated subset of {','.join(STEPS)}")
    parser.add_argument("--jobs", type=int, default=2, help="workers for the pool and Dask steps")
    parser.add_argument("--table", action="store_true", help="print the table of results so far")
    parser.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(measure(args.command)))
    elif args.bare:
        bare_pipe(args.bare)
    elif args.table:
        print(table())
    else:
        run_steps(args.sizes, [s for s in args.steps.split(",") if s], args.jobs)
        print(table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
