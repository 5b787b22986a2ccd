"""Measure what a build costs: wall time and peak memory of each step.

Generates the demo authority at a given --scale into a folder inside the project, then loads
it (dbt seed) and builds everything else (dbt build) into a DuckDB file of its own, for a given
monthly history (var history_start_date) up to a report date. Prints one line per step: the
wall time and the peak resident memory of the step's processes (resource.getrusage of the
children), and the build's slowest nodes from dbt's run_results.json.

    .venv/bin/python scripts/benchmark_build.py --scale 1 --history-start-date 2013-04-30
    .venv/bin/python scripts/benchmark_build.py --scale 2 --history-start-date 2009-03-31
    .venv/bin/python scripts/benchmark_build.py --demo west_midlands --councils 336
    .venv/bin/python scripts/benchmark_build.py --demo west_midlands --councils 336 333 884 894
    .venv/bin/python scripts/benchmark_build.py --demo west_midlands \
        --extracts demo/west_midlands/extracts    # the 14 councils `make build DEMO=...` made

--demo west_midlands generates the region's councils (scripts/generate_region.py; --councils a
subset, --scale their volume) and loads them as a region does (EXTRACTS_LOAD=duckdb: the
validator loads the files into the DuckDB file, dbt seed only the reference seeds); the steps
are then load, dbt seed, dbt build and the reports (every council's). --extracts reads a folder
already generated (inside the project) instead of generating one. Generation is timed apart:
the build's figures are load + seed + build + report.

Nothing outside --work-dir (default build/bench) is written: the DuckDB file, dbt's target
folder and logs, and the extracts all live there, so the project's own build, target/ and logs/
are untouched. Everything is created readable by its owner only (umask 077), as `make` does.

The children's pseudonyms need a key, as in `make build`: CSC_PSEUDONYMISATION_KEY when it is
set, else the key in --work-dir/pseudonymisation.key, made at random (owner-only) on the first
run and reused after. The key is never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
KEY_VARIABLE = "CSC_PSEUDONYMISATION_KEY"
MINIMUM_KEY_LENGTH = 32  # as models/staging/carefirst/stg_carefirst__child_pseudonyms.py


def pseudonymisation_key(work_dir: Path) -> tuple[str, str]:
    """The key of the children's pseudonyms and where it came from (never the key itself in
    that text): the environment's CSC_PSEUDONYMISATION_KEY, else work_dir/pseudonymisation.key,
    made at random with owner-only permissions when missing or too short."""
    from_environment = os.environ.get(KEY_VARIABLE, "")
    if from_environment:
        return from_environment, f"{KEY_VARIABLE} from the environment"
    key_file = work_dir / "pseudonymisation.key"
    if key_file.exists():
        key = key_file.read_text(encoding="utf-8").strip()
        if len(key) >= MINIMUM_KEY_LENGTH:
            return key, f"{key_file.relative_to(PROJECT_DIR)}"
        key_file.unlink()
    key = secrets.token_hex(32)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as fh:
        fh.write(key + "\n")
    return key, f"{key_file.relative_to(PROJECT_DIR)} (made for the benchmark)"


def _measure_child(command: list[str]) -> int:
    """Run command; print the peak memory of it and its children (kB) for the parent."""
    returncode = subprocess.call(command, cwd=PROJECT_DIR)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"__peak_kb__ {peak_kb}", file=sys.stderr, flush=True)
    return returncode


def run_step(name: str, command: list[str], env: dict[str, str], log_path: Path) -> dict:
    """Run one step in a fresh measuring process, so each step's peak memory is its own."""
    started = time.perf_counter()
    with log_path.open("w", encoding="utf-8") as log:
        completed = subprocess.run(
            [sys.executable, __file__, "--measure", "--", *command],
            cwd=PROJECT_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    seconds = time.perf_counter() - started
    peak_kb = 0
    for line in completed.stderr.splitlines():
        if line.startswith("__peak_kb__ "):
            peak_kb = int(line.split()[1])
        else:
            with log_path.open("a", encoding="utf-8") as log:
                log.write(line + "\n")
    return {
        "step": name,
        "seconds": round(seconds, 1),
        "peak_memory_mb": round(peak_kb / 1024, 1),
        "returncode": completed.returncode,
        "log": str(log_path.relative_to(PROJECT_DIR)),
    }


def slowest_nodes(target_dir: Path, count: int) -> list[tuple[float, str]]:
    run_results = target_dir / "run_results.json"
    if not run_results.exists():
        return []
    results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
    timed = sorted(
        ((result["execution_time"], result["unique_id"]) for result in results), reverse=True
    )
    return timed[:count]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="demo volumes multiplier")
    parser.add_argument("--history-start-date", default="2013-04-30")
    parser.add_argument("--report-date", default="2016-07-31")
    parser.add_argument(
        "--work-dir",
        default="build/bench",
        help="folder inside the project for extracts, DuckDB file, dbt target and logs",
    )
    parser.add_argument(
        "--skip-generate",
        action="store_true",
        help="reuse the extracts already in --work-dir/extracts",
    )
    parser.add_argument(
        "--select",
        default=None,
        help="dbt selector for the build step (default: everything but seeds)",
    )
    parser.add_argument("--demo", choices=["authority", "west_midlands"], default="authority")
    parser.add_argument("--councils", nargs="*", help="--demo west_midlands: a subset (la_codes)")
    parser.add_argument(
        "--extracts", default=None, help="a folder of extracts inside the project (no generate)"
    )
    parser.add_argument("--slowest", type=int, default=10, help="slowest dbt nodes to list")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    if argv[:2] == ["--measure", "--"]:
        return _measure_child(argv[2:])
    args = parse_args(argv)
    os.umask(0o077)  # owner-only files, as the Makefile's OWNER_ONLY

    work_dir = (PROJECT_DIR / args.work_dir).resolve()
    if PROJECT_DIR not in work_dir.parents:
        # dbt seed must read a folder inside the project (macros/check_extracts_dir.sql)
        print(f"--work-dir must be inside the project: {work_dir}", file=sys.stderr)
        return 2
    extracts_dir = (
        (PROJECT_DIR / args.extracts).resolve() if args.extracts else work_dir / "extracts"
    )
    region = args.demo != "authority"
    target_dir = work_dir / "target"
    database = work_dir / "bench.duckdb"
    work_dir.mkdir(parents=True, exist_ok=True)
    key, key_source = pseudonymisation_key(work_dir)
    for stale in (database, database.with_name(database.name + ".wal")):
        stale.unlink(missing_ok=True)

    env = dict(
        os.environ,
        CSC_EXTRACTS_DIR=str(extracts_dir.relative_to(PROJECT_DIR)),
        CSC_DUCKDB_PATH=str(database),
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
        DBT_TARGET_PATH=str(target_dir),
        DBT_LOG_PATH=str(work_dir / "logs"),
        **{KEY_VARIABLE: key},
    )
    dbt_vars = json.dumps(
        {"report_date": args.report_date, "history_start_date": args.history_start_date}
    )
    dbt = str(BIN / "dbt")
    build_selection = (
        ["--select", args.select, "--exclude", "resource_type:seed"]
        if args.select
        else ["--exclude", "resource_type:seed"]
    )

    steps: list[tuple[str, list[str]]] = []
    if region and not (args.skip_generate or args.extracts):
        steps.append(
            (
                "generate",
                [
                    sys.executable,
                    "scripts/generate_region.py",
                    "--out",
                    str(work_dir),
                    "--scale",
                    str(args.scale),
                    *(["--councils", *args.councils] if args.councils else []),
                ],
            )
        )
    elif not (args.skip_generate or args.extracts):
        steps.append(
            (
                "generate",
                [
                    sys.executable,
                    "scripts/generate_demo.py",
                    "--out",
                    str(extracts_dir),
                    "--ground-truth",
                    str(work_dir / "ground_truth.json"),
                    "--scale",
                    str(args.scale),
                ],
            )
        )
    load = [sys.executable, "scripts/validate_extracts.py", "--extracts", str(extracts_dir)]
    if region:
        steps += [
            ("load", [*load, "--load-into", str(database)]),
            (
                "dbt seed",
                [dbt, "seed", "--full-refresh", "--select", "path:seeds", "--vars", dbt_vars],
            ),
        ]
    else:
        steps += [
            ("validate", load),
            ("dbt seed", [dbt, "seed", "--full-refresh", "--vars", dbt_vars]),
        ]
    steps.append(("dbt build", [dbt, "build", *build_selection, "--vars", dbt_vars]))
    steps.append(
        (
            "report",
            [
                sys.executable,
                "scripts/render_report.py",
                "--database",
                str(database),
                "--out",
                str(work_dir / "report"),
                "--la-code",
                "all",
            ],
        )
    )

    if region:
        steps.append(
            (
                "benchmarking",
                [
                    sys.executable,
                    "scripts/render_benchmarking.py",
                    "--database",
                    str(database),
                    "--out",
                    str(work_dir / "report"),
                ],
            )
        )

    print(
        f"demo {args.demo}{' councils ' + ' '.join(args.councils) if args.councils else ''}, "
        f"scale {args.scale}, history {args.history_start_date} to {args.report_date}, "
        f"database {database.relative_to(PROJECT_DIR)}, pseudonymisation key {key_source}"
    )
    figures = []
    for name, command in steps:
        figure = run_step(name, command, env, work_dir / f"{name.replace(' ', '_')}.log")
        figures.append(figure)
        status = "ok" if figure["returncode"] == 0 else f"FAILED ({figure['returncode']})"
        print(
            f"{name:<10} {figure['seconds']:>8.1f} s  peak {figure['peak_memory_mb']:>8.1f} MB  "
            f"{status}  log {figure['log']}"
        )
        if figure["returncode"] != 0 and name == "generate":
            break

    built = [f for f in figures if f["step"] != "generate"]
    print(
        f"{'build':<10} {sum(f['seconds'] for f in built):>8.1f} s  peak "
        f"{max((f['peak_memory_mb'] for f in built), default=0):>8.1f} MB  "
        "(every step but generate)"
    )
    if database.exists():
        size_mb = database.stat().st_size / 1024 / 1024
        print(f"{'database':<10} {size_mb:>8.1f} MB on disk")
    slowest = slowest_nodes(target_dir, args.slowest)
    if slowest:
        print("slowest dbt nodes:")
        for seconds, unique_id in slowest:
            print(f"  {seconds:>7.1f} s  {unique_id}")
    if args.json:
        print(json.dumps({"arguments": vars(args), "steps": figures}, indent=2))
    return 0 if all(figure["returncode"] == 0 for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
