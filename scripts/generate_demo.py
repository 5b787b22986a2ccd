#!/usr/bin/env python3
"""Generate the demo authority: synthetic CareFirst extracts and their ground truth.

    python scripts/generate_demo.py --out demo/extracts --ground-truth demo/ground_truth.json \
        --seed 20160731 --scale 1.0 --extraction-date 2016-07-31 --la-code 336 [--summary]

Writes the twelve extracts of seeds/_extracts__seeds.yml (with a leading la_code column) and
demo/ground_truth.json: every measure of the built sections (seeds/reference/indicator_catalogue.csv,
`family` not empty) and every period, with its state, computed in Python from the generated
records (scripts/demo/ground_truth.py). Everything is invented; the same arguments always give
byte-identical files. Standard library plus `holidays`.

The fields seeds/reference/field_recording.csv lists for the authority are left empty on the
records dated before the field's recorded_from, by each record's own date: a CP or LAC visit's
visit_date, an assessment's authorised_date (its flags are recorded on completion), a LAC
review's review_date (scripts/demo/recording.py says why). They are emptied after the
simulation has drawn every value, so nothing else in the extracts changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from demo.dates import month_end, parse_date  # noqa: E402
from demo.recording import (  # noqa: E402
    FieldRecordingError,
    blank_unrecorded,
    load_field_recording,
    recorded_from_by_field,
)
from demo.records import write_extracts  # noqa: E402
from demo.region import apply_council  # noqa: E402
from demo.simulate import Simulator  # noqa: E402
from demo.summary import summary_table  # noqa: E402
from demo.truth_participation import conference_attendance_cells  # noqa: E402

from demo import ground_truth as gt  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE_DIR = os.path.join(REPO_ROOT, "seeds", "reference")
POPULATION_SEED = os.path.join(REFERENCE_DIR, "population.csv")
FIELD_RECORDING_SEED = os.path.join(REFERENCE_DIR, "field_recording.csv")
CATALOGUE_SEED = os.path.join(REFERENCE_DIR, "indicator_catalogue.csv")
UNITS_SEED = os.path.join(REFERENCE_DIR, "indicator_units.csv")


def default_report_date(extraction: dt.date) -> dt.date:
    """The last month-end on or before the extraction date."""
    if month_end(extraction) == extraction:
        return extraction
    return dt.date(extraction.year, extraction.month, 1) - dt.timedelta(days=1)


def dump_ground_truth(truth: dict) -> str:
    """JSON with one value per line (readable diffs)."""
    lists = [k for k, v in truth.items() if isinstance(v, list)]
    head = {k: v for k, v in truth.items() if k not in lists}
    lines = [json.dumps(head)[:-1]]
    for key in lists:
        lines[-1] += f", {json.dumps(key)}: ["
        items = truth[key]
        lines += [
            "  " + json.dumps(v) + ("," if i < len(items) - 1 else "") for i, v in enumerate(items)
        ]
        lines.append("]")
    lines[-1] += "}"
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="demo/extracts", help="folder for the extract CSVs")
    ap.add_argument(
        "--ground-truth", default="demo/ground_truth.json", help="ground truth JSON path"
    )
    ap.add_argument("--seed", type=int, default=20160731)
    ap.add_argument(
        "--scale", type=float, default=1.0, help="multiplies volumes (children, households)"
    )
    ap.add_argument("--extraction-date", type=parse_date, default=parse_date("2016-07-31"))
    ap.add_argument("--la-code", default="336")
    ap.add_argument(
        "--report-date",
        type=parse_date,
        default=None,
        help="report date of the ground truth (default: the last month-end on or before the extraction date)",
    )
    ap.add_argument(
        "--population",
        default=POPULATION_SEED,
        help="population seed for rate denominators (absent: denominators null)",
    )
    ap.add_argument(
        "--field-recording",
        default=FIELD_RECORDING_SEED,
        help="fields the authority records only from a date (left empty before it)",
    )
    ap.add_argument(
        "--vary-by-council",
        action="store_true",
        help="give the council its own practice, drawn from --la-code (scripts/demo/region.py)",
    )
    ap.add_argument(
        "--summary",
        action="store_true",
        help="print generator vs document, per indicator and period",
    )
    args = ap.parse_args(argv)
    if args.scale <= 0:
        ap.error("--scale must be positive")

    try:
        recordings = load_field_recording(args.field_recording, args.la_code)
        measures = gt.load_measures(CATALOGUE_SEED, UNITS_SEED)
    except (FieldRecordingError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    t0 = time.monotonic()
    if args.vary_by_council:
        apply_council(args.la_code)
    sim = Simulator(args.seed, args.scale, args.extraction_date, args.la_code)
    records = sim.run()
    emptied = blank_unrecorded(records, recordings)
    counts = write_extracts(records, args.out, args.la_code)

    report_date = args.report_date or default_report_date(args.extraction_date)
    population = gt.load_population(args.population, args.la_code)
    truth = gt.compute(
        records,
        report_date,
        args.la_code,
        population,
        measures,
        recorded_from_by_field(recordings),
        wd=sim.wd,
    )
    # the Participation section's attendance tables, cell by cell (marts.fct_conference_attendance)
    truth["conference_attendance"] = conference_attendance_cells(
        gt.Facts(records, sim.wd), gt.reporting_periods(report_date)
    )
    gt_dir = os.path.dirname(args.ground_truth)
    if gt_dir:
        os.makedirs(gt_dir, exist_ok=True)
    with open(args.ground_truth, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(dump_ground_truth(truth))
    elapsed = time.monotonic() - t0

    print(
        f"wrote {sum(counts.values())} rows in {len(counts)} extracts to {args.out} "
        f"and {len(truth['values'])} ground-truth values to {args.ground_truth} ({elapsed:.1f}s)",
        file=sys.stdout if args.summary else sys.stderr,
    )
    if args.summary:
        for name, n in counts.items():
            print(f"  {name}: {n}")
        for r in recordings:
            print(f"  {r.field}: {emptied[r.field]} cells left empty before {r.recorded_from}")
        labels = {p.key: p.label for p in gt.reporting_periods(report_date) if p.key != "latest"}
        labels["latest"] = "Latest"
        print()
        print(summary_table(truth, measures, labels))
        if not population:
            print("\n(no population seed for this authority: rates show the count only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
