"""Run every benchmark in turn and print their tables (no timed tests anywhere else).

    python bench/run_all.py           # full sizes (the scale benchmark takes hours on 2 cores)
    python bench/run_all.py --quick   # small sizes, minutes
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (script, arguments for --quick, arguments for a full run)
BENCHES = [
    ("ingest_bench.py", [], []),
    ("actors_bench.py", [], []),
    ("events_bench.py", [], []),
    ("rdf_bench.py", ["--events", "4000", "--rdflib-cap", "30"], []),
    ("serve_bench.py", ["--seconds", "10"], []),
    ("html_bench.py", ["--sizes", "100", "1000", "--repeat", "1", "--cap", "60"],
     ["--sizes", "100", "1000", "5000"]),
    ("scale_bench.py", ["--sizes", "1000"], ["--sizes", "1000", "5000", "20000"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    args = parser.parse_args()
    failed = []
    for script, quick, full in BENCHES:
        print(f"\n=== {script}", flush=True)
        options = quick if args.quick else full
        code = subprocess.call([sys.executable, str(HERE / script), *options])
        if code:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
