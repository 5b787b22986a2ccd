"""A region on a small scale: three councils pooled in one build, their comparators computed.

scripts/generate_region.py writes three West Midlands councils (336 Wolverhampton, 333 Sandwell,
884 Herefordshire) at a twentieth of their volume, each with its own practice and with the same
identifiers drawn independently in each (C000001 is a child in all three). The pool goes
through the load a region uses (scripts/validate_extracts.py --load-into: DuckDB loads the
files, dbt seed only the reference seeds), then dbt builds, with their tests, the staging models and every
model the reports and the computed comparators need, into a DuckDB file of its own, and the reports are rendered for every council.

What it shows: each council's measures equal its own ground truth, computed by the generator
from its own records (so no model lets one council's records into another's figures, whatever
their identifiers); every row of the loaded extracts is accounted for (the sources' tests); the
comparators equal the DfE's and LAIT's rules recomputed here from the ground truths (aggregates
of summed numerators and denominators, the neighbours' mean, ranks by polarity); and each
council's report names it and shows the comparators computed from the pool, with the published
statistical neighbours and the Analysis only in the publication's authority's report; and the
regional benchmarking page, opened in headless Chromium, draws every council of every measure
with the pool's quartile bands, needing nothing outside itself.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from .conftest import PROJECT_DIR
from .test_demo_ground_truth import value_mismatches
from .test_report_browser import CHROMIUM_ARGS, _chromium

DBT = Path(sys.executable).parent / "dbt"
SCRIPTS = PROJECT_DIR / "scripts"
REFERENCE = PROJECT_DIR / "seeds" / "reference"
COUNCILS = ["333", "336", "884"]
NAMES = {"333": "Sandwell", "336": "Wolverhampton", "884": "Herefordshire"}
PUBLICATION_AUTHORITY = "336"
SCALE = "0.05"
REPORT_DATE = "2016-07-31"
EARLIER_REPORT_DATE = "2016-05-31"

# inside the project (the extracts folder must be: macros/check_extracts_dir.sql), one folder
# per test process
POOL_ROOT = Path("build") / f"test_pool_{os.getpid()}"
POOL_EXTRACTS = POOL_ROOT / "extracts"
POOL_DATABASE = POOL_ROOT / "pool.duckdb"


@pytest.fixture(scope="module")
def pool_run():
    root = PROJECT_DIR / POOL_ROOT
    shutil.rmtree(root, ignore_errors=True)
    env = dict(
        os.environ,
        CSC_EXTRACTS_DIR=str(POOL_EXTRACTS),
        CSC_DUCKDB_PATH=str(POOL_DATABASE),
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
    )
    paths = ["--target-path", str(POOL_ROOT / "target"), "--log-path", str(POOL_ROOT / "logs")]

    def dbt_vars(report_date: str, **more: object) -> list[str]:
        extra = "".join(f", {name}: {value}" for name, value in more.items())
        return [
            "--vars",
            f"{{report_date: '{report_date}', extraction_date: '{REPORT_DATE}'{extra}}}",
        ]

    dbt_options = [*paths, *dbt_vars(REPORT_DATE)]
    steps = {
        "generate": [
            sys.executable,
            str(SCRIPTS / "generate_region.py"),
            "--out",
            str(root),
            "--scale",
            SCALE,
            "--councils",
            *COUNCILS,
        ],
        "validate": [
            sys.executable,
            str(SCRIPTS / "validate_extracts.py"),
            "--extracts",
            str(POOL_EXTRACTS),
            "--load-into",
            str(POOL_DATABASE),
        ],
        "seed": [str(DBT), "seed", "--full-refresh", "--select", "path:seeds", *dbt_options],
        "build": [
            str(DBT),
            "build",
            "--select",
            "staging",
            "+rpt_performance_framework_computed_comparators",
            "+rpt_performance_framework",
            "+rpt_performance_framework_tables",
            "+rpt_performance_framework_comparators",
            "+rpt_regional_benchmarking",
            "+fct_indicator_history",
            "--exclude",
            "resource_type:seed",
            *dbt_options,
        ],
        "report": [
            sys.executable,
            str(SCRIPTS / "render_report.py"),
            "--database",
            str(POOL_DATABASE),
            "--out",
            str(POOL_ROOT / "report"),
            "--la-code",
            "all",
        ],
        "benchmarking": [
            sys.executable,
            str(SCRIPTS / "render_benchmarking.py"),
            "--database",
            str(POOL_DATABASE),
            "--out",
            str(POOL_ROOT / "report"),
        ],
        # the full build's history kept aside, and the history taken back to what a build at
        # the month-end two months before would have left (its last two months deleted); then a
        # monthly increment to the report date with a month's look-back recomputes them
        "keep_full_history": [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
            "c.execute('create or replace table main.full_build_history as "
            "select * from marts.fct_indicator_history'); "
            'c.execute("delete from marts.fct_indicator_history where report_date > \'" '
            '+ sys.argv[2] + "\'")',
            str(POOL_DATABASE),
            EARLIER_REPORT_DATE,
        ],
        "history_increment": [
            str(DBT),
            "run",
            "--select",
            "+fct_indicator_history",
            *paths,
            *dbt_vars(REPORT_DATE, history_lookback_months=1),
        ],
    }
    results = {}
    for name, command in steps.items():
        results[name] = subprocess.run(
            command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False
        )
        if results[name].returncode != 0:
            break
    yield results
    shutil.rmtree(root, ignore_errors=True)


def _step(pool_run, name: str) -> subprocess.CompletedProcess:
    assert name in pool_run, f"an earlier step failed: {list(pool_run)}"
    result = pool_run[name]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def pool_warehouse(pool_run):
    _step(pool_run, "history_increment")
    connection = duckdb.connect(str(PROJECT_DIR / POOL_DATABASE), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def ground_truths(pool_run) -> dict[str, dict]:
    _step(pool_run, "generate")
    folder = PROJECT_DIR / POOL_ROOT / "ground_truth"
    return {
        code: json.loads((folder / f"{code}.json").read_text(encoding="utf-8")) for code in COUNCILS
    }


def _seed(name: str) -> list[dict[str, str]]:
    with (REFERENCE / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_councils_share_identifiers(pool_run):
    """The pool is a test of la_code in every join only if the councils' ids collide."""
    _step(pool_run, "generate")
    with (PROJECT_DIR / POOL_EXTRACTS / "carefirst_children.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ids = {code: {r["child_id"] for r in rows if r["la_code"] == code} for code in COUNCILS}
    assert all(ids.values())
    assert ids["333"] & ids["336"] & ids["884"]


def test_duckdb_loads_every_row_and_the_sources_account_for_them(pool_run):
    loaded = _step(pool_run, "validate").stdout
    assert "Extracts OK" in loaded
    seeded = _step(pool_run, "seed").stdout
    assert "raw." not in seeded, "dbt seed loaded an extract: only the reference seeds"
    # the build's tests, every source's rows_accounted_for among them, over the tables DuckDB
    # loaded (a failing test fails the build step)
    built = _step(pool_run, "build").stdout
    assert "rows_accounted_for" in built
    assert " ERROR=0 " in built


def test_each_council_matches_its_own_ground_truth(pool_warehouse, ground_truths):
    mismatches = []
    for code, truth in ground_truths.items():
        assert truth["la_code"] == code
        rows = pool_warehouse.execute(
            "select indicator_id, period_key, numerator, denominator, state "
            "from marts.fct_indicator_values where la_code = ? and report_date = ?",
            [code, truth["report_date"]],
        ).fetchall()
        mart = {(r[0], r[1]): r[2:] for r in rows}
        for expected in truth["values"]:
            key = (expected["indicator_id"], expected["period_key"])
            assert key in mart, f"{code}: {key} not in the mart"
            mismatches += [f"{code} {m}" for m in value_mismatches(expected, *mart[key])]
    assert not mismatches, "\n".join(mismatches[:30])


def _expected_comparators(ground_truths: dict[str, dict]) -> dict[tuple, dict]:
    """The comparators of every council and cell, recomputed from the ground truths."""
    units = {u["unit"]: u for u in _seed("indicator_units")}
    catalogue = {m["indicator_id"]: m for m in _seed("indicator_catalogue")}
    neighbours = {a["la_code"]: a["statistical_neighbours"].split() for a in _seed("authorities")}
    cells: dict[tuple, dict[str, dict]] = {}
    for code, truth in ground_truths.items():
        for value in truth["values"]:
            if value["state"] == "computed":
                cells.setdefault((value["indicator_id"], value["period_key"]), {})[code] = value
    expected = {}
    for (indicator_id, period_key), by_council in cells.items():
        measure = catalogue[indicator_id]
        unit = units[measure["unit"]]
        multiplier = float(unit["value_multiplier"])

        def value_of(v, unit=unit, multiplier=multiplier):
            if unit["denominator_kind"] == "none":
                return float(v["numerator"])
            return multiplier * v["numerator"] / v["denominator"]

        numerators = sum(v["numerator"] for v in by_council.values())
        denominators = sum(v["denominator"] or 0 for v in by_council.values())
        if unit["denominator_kind"] == "none":
            aggregate = float(numerators)
        else:
            aggregate = multiplier * numerators / denominators if denominators else None
        values = {code: value_of(v) for code, v in by_council.items()}
        polarity = measure["polarity"]
        for code, own in values.items():
            in_pool = [values[n] for n in neighbours[code] if n in values]
            if polarity == "neutral":
                rank = None
            else:
                better = [
                    v for v in values.values() if (v > own if polarity == "high" else v < own)
                ]
                rank = len(better) + 1
            expected[(code, indicator_id, period_key)] = {
                "aggregate": aggregate,
                "councils": len(values),
                "neighbours": sum(in_pool) / len(in_pool) if in_pool else None,
                "neighbours_counted": len(in_pool),
                "rank": rank,
            }
    return expected


def _near(left, right) -> bool:
    if left is None or right is None:
        return left is None and right is None
    return abs(left - right) <= 1e-9 * max(1.0, abs(right))


def test_the_comparators_follow_the_dfe_and_lait_rules(pool_warehouse, ground_truths):
    expected = _expected_comparators(ground_truths)
    rows = pool_warehouse.execute(
        "select la_code, indicator_id, period_key, region_value, region_councils_counted, "
        "england_value, england_councils_counted, statistical_neighbours_value, "
        "statistical_neighbours_counted, rank_in_pool "
        "from marts.fct_indicator_comparators_computed "
        "where report_date = ? and state = 'computed'",
        [REPORT_DATE],
    ).fetchall()
    assert len(rows) == len(expected)
    wrong = []
    for (
        code,
        indicator_id,
        period_key,
        region,
        n_region,
        england,
        n_england,
        sn,
        n_sn,
        rank,
    ) in rows:
        want = expected[(code, indicator_id, period_key)]
        got = {
            "region": (region, n_region),
            "england": (england, n_england),
            "neighbours": (sn, n_sn),
            "rank": rank,
        }
        if not (
            _near(region, want["aggregate"])
            and _near(england, want["aggregate"])
            and n_region == n_england == want["councils"]
            and _near(sn, want["neighbours"])
            and n_sn == want["neighbours_counted"]
            and rank == want["rank"]
        ):
            wrong.append(f"{code} {indicator_id} {period_key}: {got} != {want}")
    assert not wrong, "\n".join(wrong[:20])
    # Wolverhampton's and Sandwell's lists name each other; Herefordshire's names neither
    counted = dict(
        pool_warehouse.execute(
            "select la_code, max(statistical_neighbours_counted) "
            "from marts.fct_indicator_comparators_computed group by 1"
        ).fetchall()
    )
    assert counted == {"333": 1, "336": 1, "884": 0}


def test_each_councils_report_names_it_with_the_pools_comparators(pool_run):
    _step(pool_run, "report")
    for code in COUNCILS:
        page = (
            PROJECT_DIR / POOL_ROOT / "report" / code / f"performance_framework_{REPORT_DATE}.html"
        ).read_text(encoding="utf-8")
        assert f"Performance Framework: {NAMES[code]}," in page
        assert "West Midlands (computed from the pool), 3 of 14 councils" in page
        assert "Eng (computed from the pool), 3 of 152 councils" in page
        # the document's statistical neighbours and its Analysis are Wolverhampton's
        own = code == PUBLICATION_AUTHORITY
        assert ("Stat N - " in page) == own
        assert ('data-commentary="present"' in page) == own


@pytest.fixture(scope="module")
def benchmarking_page(pool_run):
    _step(pool_run, "benchmarking")
    path = PROJECT_DIR / POOL_ROOT / "report" / f"benchmarking_{REPORT_DATE}.html"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -r requirements.txt")
    chromium = _chromium()
    events: dict[str, list[str]] = {"errors": [], "requests": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on(
            "console",
            lambda m: events["errors"].append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: events["errors"].append(str(e)))

        def route(r):
            events["requests"].append(r.request.url)
            if r.request.url.startswith("file://"):
                r.continue_()
            else:  # the page must need nothing from outside itself
                r.abort()

        page.route("**/*", route)
        page.goto(path.as_uri(), wait_until="load")
        yield page, events, path
        browser.close()


def test_the_benchmarking_page_draws_every_council_of_every_measure(
    benchmarking_page, pool_warehouse
):
    page, events, path = benchmarking_page
    assert events["errors"] == []
    assert events["requests"] == [path.as_uri()], "the page fetched something besides itself"
    assert page.evaluate("document.scripts.length") == 0
    drawn = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('tr[data-indicator]')].map(
            tr => [tr.dataset.indicator, [...tr.querySelectorAll('td.chart')].map(td => {
                const svg = td.querySelector('svg.strip');
                return svg ? [svg.querySelectorAll('circle.council').length,
                              svg.querySelectorAll('rect.band').length] : [0, 0];
            })]))"""
    )
    expected = {}
    for indicator_id, comparison, councils, bands in pool_warehouse.execute(
        "select indicator_id, comparison, count(value), count(distinct quartile_band) "
        "from marts.rpt_regional_benchmarking where report_date = ? group by 1, 2",
        [REPORT_DATE],
    ).fetchall():
        expected.setdefault(indicator_id, {})[comparison] = [councils, bands]
    assert set(drawn) == set(expected)
    wrong = {
        indicator_id: charts
        for indicator_id, charts in drawn.items()
        if charts != [expected[indicator_id].get(c, [0, 0]) for c in ("latest", "last_full_year")]
    }
    assert not wrong, list(wrong.items())[:10]
    # a measure with a polarity is banded: three councils, three bands
    assert any(charts[0] == [3, 3] for charts in drawn.values())
    names = page.evaluate("document.querySelector('p.key').textContent")
    assert all(name in names for name in NAMES.values())


def test_a_monthly_increment_equals_the_full_build(pool_run, pool_warehouse):
    increment = _step(pool_run, "history_increment").stdout
    assert "fct_indicator_history" in increment
    counts = pool_warehouse.execute(
        "select count(distinct report_date) from marts.fct_indicator_values"
    ).fetchone()[0]
    assert counts == 2, "the increment computed more than the report date and its look-back"
    kept = pool_warehouse.execute(
        "select count(*) from main.full_build_history where report_date > ?",
        [EARLIER_REPORT_DATE],
    ).fetchone()[0]
    assert kept > 0, "the months the increment recomputes were not taken out first"
    differences = pool_warehouse.execute(
        """
        select count(*) from (
            (select * from marts.fct_indicator_history except all
             select * from main.full_build_history)
            union all
            (select * from main.full_build_history except all
             select * from marts.fct_indicator_history)
        )
        """
    ).fetchone()[0]
    months = pool_warehouse.execute(
        "select count(distinct report_date) from marts.fct_indicator_history"
    ).fetchone()[0]
    assert months == 40  # April 2013 to July 2016
    assert differences == 0
