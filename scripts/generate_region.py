#!/usr/bin/env python3
"""Generate a demo region: every council of a region as a synthetic authority, pooled.

    python scripts/generate_region.py --region-name "West Midlands" --out demo/west_midlands \
        [--scale 1.0] [--councils 336 333 335] [--jobs 2]

The region's councils are the rows of seeds/reference/authorities.csv with that region_name
(or --councils, a subset of them). Each council is scripts/generate_demo.py run with its own
code, its own seed (the demo's seed plus the code; the demo authority keeps the demo's), its own
volume (--scale times its 0-17 population over the demo authority's, 2015, from
seeds/reference/population.csv) and its own practice (--vary-by-council: scripts/demo/region.py).
Each council is written to OUT/councils/<la_code>/ with its ground truth in
OUT/ground_truth/<la_code>.json; then every extract is pooled into OUT/extracts/<extract>.csv
(one header, the councils' rows in code order, each row carrying its la_code). Councils'
identifiers are drawn independently, so the same child_id appears in several councils: every
model must tell them apart by la_code, and the ground truth of each council checks it does.

Councils are generated in parallel (--jobs processes). The same arguments give byte-identical
files.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
REFERENCE_DIR = PROJECT_DIR / "seeds" / "reference"
DEMO_AUTHORITY = "336"
DEMO_SEED = 20160731
SCALE_YEAR = "2015"


def region_councils(authorities_csv: Path, region_name: str) -> list[str]:
    with authorities_csv.open(encoding="utf-8", newline="") as fh:
        codes = [r["la_code"] for r in csv.DictReader(fh) if r["region_name"] == region_name]
    if not codes:
        raise SystemExit(f"error: no authority of region {region_name!r} in {authorities_csv}")
    return sorted(codes)


def populations(population_csv: Path, year: str) -> dict[str, int]:
    with population_csv.open(encoding="utf-8", newline="") as fh:
        return {
            r["la_code"]: int(r["population_0_17"]) for r in csv.DictReader(fh) if r["year"] == year
        }


def council_scale(la_code: str, scale: float, population: dict[str, int]) -> float:
    """The council's volume multiplier: its children over the demo authority's, times scale."""
    if la_code not in population:
        raise SystemExit(
            f"error: no {SCALE_YEAR} population of la_code {la_code} in seeds/reference/population.csv"
        )
    return round(scale * population[la_code] / population[DEMO_AUTHORITY], 4)


def council_seed(la_code: str) -> int:
    return DEMO_SEED if la_code == DEMO_AUTHORITY else DEMO_SEED + int(la_code)


def generate_council(la_code: str, scale: float, out: Path, extraction_date: str) -> str:
    command = [
        sys.executable,
        str(PROJECT_DIR / "scripts" / "generate_demo.py"),
        "--out",
        str(out / "councils" / la_code),
        "--ground-truth",
        str(out / "ground_truth" / f"{la_code}.json"),
        "--la-code",
        la_code,
        "--seed",
        str(council_seed(la_code)),
        "--scale",
        str(scale),
        "--extraction-date",
        extraction_date,
        "--vary-by-council",
    ]
    started = time.monotonic()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"error: council {la_code}: {completed.stderr.strip()}")
    return f"  {la_code} (scale {scale}): {time.monotonic() - started:.0f}s"


def pool_extracts(councils: list[str], out: Path) -> dict[str, int]:
    """One CSV per extract with every council's rows (one header); returns rows per extract."""
    pooled_dir = out / "extracts"
    shutil.rmtree(pooled_dir, ignore_errors=True)
    pooled_dir.mkdir(parents=True)
    names = sorted(p.name for p in (out / "councils" / councils[0]).glob("*.csv"))
    rows: dict[str, int] = {}
    for name in names:
        header = None
        rows[name] = 0
        with (pooled_dir / name).open("w", encoding="utf-8", newline="") as pooled:
            for la_code in councils:
                with (out / "councils" / la_code / name).open(encoding="utf-8") as part:
                    first = part.readline()
                    if header is None:
                        header = first
                        pooled.write(header)
                    elif first != header:
                        raise SystemExit(f"error: {name} of {la_code} has another header")
                    for line in part:
                        pooled.write(line)
                        rows[name] += 1
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--region-name", default="West Midlands")
    ap.add_argument("--out", type=Path, default=PROJECT_DIR / "demo" / "west_midlands")
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every council's volume")
    ap.add_argument("--councils", nargs="*", help="a subset of the region's la_codes")
    ap.add_argument("--extraction-date", default="2016-07-31")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)

    members = region_councils(REFERENCE_DIR / "authorities.csv", args.region_name)
    councils = sorted(args.councils) if args.councils else members
    unknown = sorted(set(councils) - set(members))
    if unknown:
        ap.error(f"not councils of {args.region_name}: {' '.join(unknown)}")
    population = populations(REFERENCE_DIR / "population.csv", SCALE_YEAR)
    scales = {c: council_scale(c, args.scale, population) for c in councils}

    started = time.monotonic()
    shutil.rmtree(args.out / "ground_truth", ignore_errors=True)
    shutil.rmtree(args.out / "councils", ignore_errors=True)
    (args.out / "ground_truth").mkdir(parents=True)
    # the largest councils first, so the parallel runs end together
    order = sorted(councils, key=lambda c: -scales[c])
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for line in pool.map(
            lambda c: generate_council(c, scales[c], args.out, args.extraction_date), order
        ):
            print(line, file=sys.stderr)
    rows = pool_extracts(councils, args.out)
    shutil.rmtree(args.out / "councils")
    print(
        f"wrote {sum(rows.values())} rows of {len(councils)} councils in {len(rows)} extracts to "
        f"{args.out / 'extracts'} and their ground truth to {args.out / 'ground_truth'} "
        f"({time.monotonic() - started:.0f}s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
