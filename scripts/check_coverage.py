"""Documentation and test coverage of the dbt project, per layer, from dbt's artifacts.

Reads target/manifest.json and target/catalog.json (written by `dbt docs generate`) and prints,
for each layer (staging, intermediate, marts), the share of models described, of columns
(as built in the warehouse) described, of models with at least one test (data or unit test),
and of columns checked: a column is checked when a data test names it, or when the model's
contract is enforced and declares the column's data type (dbt then checks it on every build).

Exits 1 when a layer is below its floor: 100% of everything for the public marts (the
published models), 100% of model and column documentation and model tests elsewhere
(internal marts, such as child-level exception lists, count as `marts_internal`).

Usage: python scripts/check_coverage.py [--target target]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

PROJECT = "csc_performance"
FLOORS = {
    "marts": {
        "models_described": 1.0,
        "columns_described": 1.0,
        "models_tested": 1.0,
        "columns_checked": 1.0,
    },
    "intermediate": {"models_described": 1.0, "columns_described": 1.0, "models_tested": 1.0},
    "staging": {"models_described": 1.0, "columns_described": 1.0, "models_tested": 1.0},
    "marts_internal": {"models_described": 1.0, "columns_described": 1.0, "models_tested": 1.0},
}


def layer_of(node: dict) -> str:
    """The model's layer folder; marts that are not public count as `marts_internal`."""
    parts = Path(node["original_file_path"]).parts
    layer = parts[1] if len(parts) > 2 else "other"
    if layer == "marts" and node.get("access") != "public":
        return "marts_internal"
    return layer


def coverage(manifest: dict, catalog: dict) -> dict[str, dict[str, tuple[int, int]]]:
    models = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["package_name"] == PROJECT
    }
    tested_models: set[str] = set()
    tested_columns: set[tuple[str, str]] = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test":
            continue
        for parent in node["depends_on"]["nodes"]:
            tested_models.add(parent)
        attached = node.get("attached_node")
        if attached and node.get("column_name"):
            tested_columns.add((attached, node["column_name"].lower()))
    for unit_test in manifest.get("unit_tests", {}).values():
        tested_models.add(f"model.{PROJECT}.{unit_test['model']}")

    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for uid, model in models.items():
        layer = layer_of(model)
        described = model["columns"]
        built = catalog["nodes"].get(uid, {}).get("columns", {})
        enforced = model["config"].get("contract", {}).get("enforced", False)
        layer_counts = counts[layer]
        layer_counts["models_described"][0] += bool(model["description"].strip())
        layer_counts["models_described"][1] += 1
        layer_counts["models_tested"][0] += uid in tested_models
        layer_counts["models_tested"][1] += 1
        for column in built:
            name = column.lower()
            doc = described.get(column) or described.get(name) or {}
            layer_counts["columns_described"][0] += bool(doc.get("description", "").strip())
            layer_counts["columns_described"][1] += 1
            typed = enforced and bool(doc.get("data_type"))
            layer_counts["columns_checked"][0] += (uid, name) in tested_columns or typed
            layer_counts["columns_checked"][1] += 1
    return {layer: {k: tuple(v) for k, v in values.items()} for layer, values in counts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="target", help="dbt target folder")
    args = parser.parse_args(argv)
    target = Path(args.target)
    for artifact in ("manifest.json", "catalog.json"):
        if not (target / artifact).exists():
            print(f"{target / artifact} is missing: run `dbt docs generate` first", file=sys.stderr)
            return 1
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))

    failures = []
    print(f"{'layer':<14}{'measure':<20}{'covered':>10}{'of':>6}{'share':>9}")
    for layer, measures in sorted(coverage(manifest, catalog).items()):
        for measure, (covered, total) in sorted(measures.items()):
            share = covered / total if total else 1.0
            print(f"{layer:<14}{measure:<20}{covered:>10}{total:>6}{share:>9.1%}")
            floor = FLOORS.get(layer, {}).get(measure)
            if floor is not None and share < floor:
                failures.append(f"{layer} {measure}: {share:.1%} is below {floor:.0%}")
    if failures:
        print("\n".join(["Coverage below its floor:"] + failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
