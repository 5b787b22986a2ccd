"""The demo authority generator (scripts/generate_demo.py): deterministic, shaped as declared in
seeds/_extracts__seeds.yml, nothing dated after the extraction date, unique identifiers, the
fields of seeds/reference/field_recording.csv empty before their date and nothing else changed
by them, and a ground truth covering every measure of the built sections with its state. Small
scale, so it stays fast."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
GENERATOR = PROJECT_DIR / "scripts" / "generate_demo.py"
SEEDS_YML = PROJECT_DIR / "seeds" / "_extracts__seeds.yml"
REFERENCE = PROJECT_DIR / "seeds" / "reference"
FIELD_RECORDING = REFERENCE / "field_recording.csv"
EXTRACTION_DATE = "2016-07-31"
SCALE = "0.05"
PERIOD_KEYS = {"year_1", "year_2", "year_3", "latest"}
# the financial quarters of a table (series_basis financial_quarter) at 31 July 2016: 2014/15 Q1
# (the second year column's first quarter) to 2016/17 Q1 (the latest complete quarter)
QUARTER_KEYS = {f"quarter_{y}_q{n}" for y in (2014, 2015) for n in (1, 2, 3, 4)} | {
    "quarter_2016_q1"
}
# the calendar months of a table (series_basis calendar_month) at 31 July 2016: the twelve
# ending with July 2016
MONTH_KEYS = {f"month_2015_{m:02d}" for m in range(8, 13)} | {
    f"month_2016_{m:02d}" for m in range(1, 8)
}
SERIES_KEYS = {"financial_quarter": QUARTER_KEYS, "calendar_month": MONTH_KEYS, "": set()}
# extracts whose rows may repeat whole: two members of a family invited to one conference in the
# same way are two equal rows of carefirst_conference_attendance (it has no identifier)
REPEATABLE_ROWS = {"carefirst_conference_attendance"}
# keyless extracts whose rows the demo repeats on purpose, at most twice: a recording slip the
# data-quality rules find (disability_code_repeated: a child's code entered twice)
REPEATED_ON_PURPOSE = {"carefirst_child_disabilities"}
# the other systems' extracts the measures join to CareFirst's children (step-up and step-down,
# disabled children in need with a plan): the demo must give them children known to both
JOINED_TO_CAREFIRST = {
    "eclipse_early_help_assessments",
    "education_sen_plans",
    "education_school_census",
    "education_cme_investigations",
    "yot_young_people",
}
# extracts whose records begin when the authority began recording the field (the special
# personalised learning plans, from September 2015): nothing to empty before the date
RECORDS_BEGIN_WHEN_RECORDED = {"education_learning_plans"}
# identifiers that are numbers by nature: a school's URN is the DfE's six-digit number
NUMERIC_IDENTIFIERS = {"education_schools"}


sys.path.insert(0, str(PROJECT_DIR / "scripts"))
from demo.recording import RECORD_DATE_COLUMNS, load_field_recording  # noqa: E402

from demo import ground_truth as gt  # noqa: E402


def _run(out: Path, seed: int = 20160731, field_recording: Path = FIELD_RECORDING):
    return subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            "--out",
            str(out / "extracts"),
            "--ground-truth",
            str(out / "ground_truth.json"),
            "--seed",
            str(seed),
            "--scale",
            SCALE,
            "--extraction-date",
            EXTRACTION_DATE,
            "--la-code",
            "336",
            "--field-recording",
            str(field_recording),
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )


def _generate(out: Path, seed: int = 20160731, field_recording: Path = FIELD_RECORDING) -> Path:
    completed = _run(out, seed, field_recording)
    assert completed.returncode == 0, completed.stderr
    return out


@pytest.fixture(scope="module")
def declared() -> dict[str, dict]:
    spec = yaml.safe_load(SEEDS_YML.read_text(encoding="utf-8"))
    return {
        seed["name"]: {
            "columns": [c["name"] for c in seed["columns"]],
            "types": seed["config"]["column_types"],
            "identifier": seed["config"].get("meta", {}).get("identifier"),
        }
        for seed in spec["seeds"]
    }


@pytest.fixture(scope="module")
def run_a(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("demo_a"))


@pytest.fixture(scope="module")
def run_b(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("demo_b"))


def _rows(run: Path, name: str) -> tuple[list[str], list[dict]]:
    with open(run / "extracts" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_two_runs_give_identical_bytes(run_a, run_b, declared):
    for name in declared:
        a = (run_a / "extracts" / f"{name}.csv").read_bytes()
        b = (run_b / "extracts" / f"{name}.csv").read_bytes()
        assert a == b, f"{name} differs between two runs with the same arguments"
    assert (run_a / "ground_truth.json").read_bytes() == (run_b / "ground_truth.json").read_bytes()


def test_another_seed_gives_other_data(run_a, tmp_path):
    other = _generate(tmp_path, seed=7)
    a = (run_a / "extracts" / "carefirst_referrals.csv").read_bytes()
    assert (other / "extracts" / "carefirst_referrals.csv").read_bytes() != a


def test_only_the_declared_extracts_are_written(run_a, declared):
    written = {p.stem for p in (run_a / "extracts").glob("*.csv")}
    assert written == set(declared)


def test_every_extract_has_the_declared_header(run_a, declared):
    for name, spec in declared.items():
        header, rows = _rows(run_a, name)
        assert header == spec["columns"], name
        assert header[0] == "la_code"
        assert rows, f"{name} is empty"
        assert {r["la_code"] for r in rows} == {"336"}


def test_dates_flags_and_numbers_are_well_formed(run_a, declared):
    for name, spec in declared.items():
        _, rows = _rows(run_a, name)
        for column, kind in spec["types"].items():
            values = [r[column] for r in rows if r[column] != ""]
            if kind == "date":
                for v in values:
                    assert len(v) == 10 and v[4] == "-" and v[7] == "-", (name, column, v)
                    assert v <= EXTRACTION_DATE, (
                        f"{name}.{column} = {v} is after the extraction date"
                    )
            elif kind == "integer":
                assert all(v.lstrip("-").isdigit() for v in values), (name, column)
            elif column.startswith("is_"):
                assert set(values) <= {"Y", "N"}, (name, column)


def test_identifiers_are_unique_strings_and_references_resolve(run_a, declared):
    keys = {}
    for name, spec in declared.items():
        key = spec["identifier"]
        _, rows = _rows(run_a, name)
        if key is None and name in REPEATABLE_ROWS:
            continue
        if key is None:
            # an extract with no key of its own (carefirst_care_leavers): no row twice
            whole_rows = [tuple(r.values()) for r in rows]
            if name in REPEATED_ON_PURPOSE:
                counts = Counter(whole_rows)
                assert max(counts.values()) <= 2, f"{name} repeats a row more than twice"
            else:
                assert len(whole_rows) == len(set(whole_rows)), f"{name} repeats a row"
            continue
        ids = [r[key] for r in rows]
        assert len(ids) == len(set(ids)), f"{name}.{key} is not unique"
        if name in NUMERIC_IDENTIFIERS:
            assert all(re.fullmatch(r"\d{6}", i) for i in ids), f"{name}.{key} should be six digits"
        else:
            assert all(i and not i.isdigit() for i in ids), (
                f"{name}.{key} should be prefixed strings"
            )
        keys[name] = set(ids)
    children = keys["carefirst_children"]
    for name in declared:
        _, rows = _rows(run_a, name)
        if not rows or "child_id" not in rows[0] or name == "carefirst_children":
            continue
        # the census and YOIS name a child only for a pupil or young person known to social
        # care (empty otherwise)
        optional = ("education_school_census", "yot_young_people")
        named = {r["child_id"] for r in rows if r["child_id"] or name not in optional}
        if name.startswith("carefirst_"):
            assert named <= children, f"{name} names unknown children"
        else:
            # another system's child_id is the council's person id: CareFirst's for a child
            # known to both (some are), a new one of the same form for a child it never met
            if name in JOINED_TO_CAREFIRST:
                assert named & children, f"{name} shares no child with CareFirst"
            assert all(re.fullmatch(r"C\d{6}", i) for i in named), f"{name}: child_id form"
    _, plans = _rows(run_a, "carefirst_cp_plans")
    _, visits = _rows(run_a, "carefirst_cp_visits")
    assert {v["cp_plan_id"] for v in visits} <= keys["carefirst_cp_plans"]
    _, conferences = _rows(run_a, "carefirst_cp_conferences")
    assert {c["s47_id"] for c in conferences if c["s47_id"]} <= keys[
        "carefirst_section47_enquiries"
    ]
    assert {c["cp_plan_id"] for c in conferences if c["cp_plan_id"]} <= keys["carefirst_cp_plans"]
    assert {p["referral_id"] for p in plans} <= keys["carefirst_referrals"]
    _, invitations = _rows(run_a, "carefirst_conference_attendance")
    assert invitations, "no conference invitations"
    assert {i["conference_id"] for i in invitations} <= keys["carefirst_cp_conferences"]
    _, allocations = _rows(run_a, "carefirst_worker_allocations")
    assert allocations, "no worker allocations"


def test_open_items_have_empty_end_dates_and_ends_follow_starts(run_a):
    pairs = {
        "carefirst_referrals": ("referral_date", "closure_date"),
        "carefirst_cp_plans": ("start_date", "end_date"),
        "carefirst_lac_episodes": ("start_date", "end_date"),
        "carefirst_assessments": ("start_date", "authorised_date"),
    }
    for name, (start, end) in pairs.items():
        _, rows = _rows(run_a, name)
        assert any(r[end] == "" for r in rows), f"{name}: nothing open at the extraction date"
        assert all(r[end] == "" or r[end] >= r[start] for r in rows), name
    _, arrangements = _rows(run_a, "carefirst_private_fostering")
    assert all(r["end_date"] == "" or r["end_date"] > r["notification_date"] for r in arrangements)


@pytest.fixture(scope="module")
def measures() -> list:
    return gt.load_measures(
        str(REFERENCE / "indicator_catalogue.csv"), str(REFERENCE / "indicator_units.csv")
    )


@pytest.fixture(scope="module")
def recordings() -> list:
    listed = load_field_recording(str(FIELD_RECORDING), "336")
    assert listed, "the demo authority records every field throughout: nothing to test"
    return listed


@pytest.fixture(scope="module")
def run_recording_everything(tmp_path_factory) -> Path:
    """The same arguments with a field recording seed that lists nothing."""
    out = tmp_path_factory.mktemp("demo_all_recorded")
    seed = out / "field_recording.csv"
    seed.write_text(
        FIELD_RECORDING.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    return _generate(out, field_recording=seed)


def test_ground_truth_covers_every_measure_and_period(run_a, measures):
    truth = json.loads((run_a / "ground_truth.json").read_text(encoding="utf-8"))
    assert truth["report_date"] == EXTRACTION_DATE and truth["la_code"] == "336"
    cells = {(v["indicator_id"], v["period_key"]) for v in truth["values"]}
    assert len(cells) == len(truth["values"])
    assert cells == {
        (m.indicator_id, k) for m in measures for k in PERIOD_KEYS | SERIES_KEYS[m.series_basis]
    }
    assert any(m.series_basis for m in measures), "no built measure has a table of periods"
    units = {m.indicator_id: m.unit for m in measures}
    year_bases = {m.indicator_id: m.year_basis for m in measures}
    for v in truth["values"]:
        assert v["state"] in ("computed", "not_recorded", "no_data", "not_yet_available"), v
        if v["state"] == "not_yet_available":
            # an academic year not over at the report date: only the third year column
            assert year_bases[v["indicator_id"]] == "academic_year", v
            assert v["period_key"] == "year_3", v
        if v["state"] != "computed":
            assert v["numerator"] is None and v["denominator"] is None, v
            continue
        unit = units[v["indicator_id"]]
        if unit == "average_hours":
            # a sum of weekly hours (21.5): a number, not a count
            assert isinstance(v["numerator"], int | float) and v["numerator"] >= 0, v
            assert isinstance(v["denominator"], int), v
            continue
        assert isinstance(v["numerator"], int) and v["numerator"] >= 0, v
        if unit == "count":
            assert v["denominator"] is None, v
        elif unit in ("percent", "count_and_percent"):
            assert isinstance(v["denominator"], int) and 0 <= v["numerator"] <= v["denominator"], v
        elif unit == "average_days":
            assert isinstance(v["denominator"], int), v


def test_the_catalogue_is_the_list_of_measures(measures):
    """Every built measure of the catalogue has its function, and every function its measure."""
    built = {m.indicator_id for m in measures}
    with open(REFERENCE / "indicator_catalogue.csv", encoding="utf-8", newline="") as fh:
        families = {r["indicator_id"] for r in csv.DictReader(fh) if r["family"].strip()}
    assert built == families
    assert set(gt.MEASURE_FUNCTIONS) == built


def test_a_measure_without_a_function_is_an_error(measures):
    new = gt.Measure(
        "a_new_measure",
        "quality_assurance",
        "percent",
        "counted",
        "financial_year",
        "rolling_12_months",
        "",
        (),
    )
    with pytest.raises(ValueError, match="a_new_measure"):
        gt.compute({}, dt.date(2016, 7, 31), "336", {}, [*measures, new], {})


def test_series_periods_are_the_financial_quarters():
    """The periods of a table on the financial_quarter basis (int_reporting_periods_defined,
    `financial_quarters`): Q1 April-June ... Q4 January-March, from the second year column's
    first quarter to the latest complete one, the last being the Latest quarter."""
    periods = gt.reporting_periods(dt.date(2016, 7, 31))
    series = [p for p in periods if p.kind == "series" and p.basis == "financial_quarter"]
    assert [p.key for p in series] == sorted(QUARTER_KEYS) and len(series) == 9
    # the calendar months of a table (truth_cse_missing's measures) follow the quarters
    bases = [p.basis for p in periods if p.kind == "series"]
    assert bases == ["financial_quarter"] * 9 + ["calendar_month"] * 12
    windows = {p.key: (p.label, p.start, p.end) for p in series}
    assert windows["quarter_2014_q1"] == ("2014/15 Q1", dt.date(2014, 4, 1), dt.date(2014, 6, 30))
    assert windows["quarter_2014_q3"] == ("2014/15 Q3", dt.date(2014, 10, 1), dt.date(2014, 12, 31))
    assert windows["quarter_2014_q4"] == ("2014/15 Q4", dt.date(2015, 1, 1), dt.date(2015, 3, 31))
    latest = next(p for p in periods if p.kind == "latest" and p.basis == "financial_quarter")
    assert windows["quarter_2016_q1"] == ("2016/17 Q1", latest.start, latest.end)
    assert {p.kind for p in periods} == {"year", "latest", "series"}
    # at 31 March the quarter ending that day is complete; 2012/13 (year_1 then) is not listed
    march = [p.key for p in gt.series_periods(dt.date(2016, 3, 31))]
    assert march[0] == "quarter_2014_q1" and march[-1] == "quarter_2015_q4" and len(march) == 8
    february = [p.key for p in gt.series_periods(dt.date(2016, 2, 29))]
    assert february[0] == "quarter_2013_q1" and february[-1] == "quarter_2015_q3"


def test_an_unknown_series_basis_is_an_error(tmp_path):
    source = REFERENCE / "indicator_catalogue.csv"
    with open(source, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, [r for r in reader if r["family"].strip()]
    catalogue = tmp_path / "indicator_catalogue.csv"
    with open(catalogue, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerow(dict(rows[0], series_basis="calendar_week"))
    with pytest.raises(ValueError, match="line 2: .*series_basis 'calendar_week'"):
        gt.load_measures(str(catalogue), str(REFERENCE / "indicator_units.csv"))


def test_fields_are_empty_before_they_are_recorded_and_filled_after(run_a, recordings):
    spec = yaml.safe_load(SEEDS_YML.read_text(encoding="utf-8"))
    flags = {
        (seed["name"], column)
        for seed in spec["seeds"]
        for column in seed["config"].get("meta", {}).get("flags", [])
    }
    for r in recordings:
        _, rows = _rows(run_a, r.extract_name)
        date_column = RECORD_DATE_COLUMNS[r.extract_name]
        since = r.recorded_from.isoformat()
        before = [row for row in rows if row[date_column] and row[date_column] < since]
        after = [row for row in rows if row[date_column] and row[date_column] >= since]
        # a field recorded from a date on records that go on before it (visits, assessments)
        # is emptied before; records that begin then (learning plans) have nothing before
        assert after and (before or r.extract_name in RECORDS_BEGIN_WHEN_RECORDED), r.field
        assert all(row[r.column_name] == "" for row in before), f"{r.field} filled before {since}"
        # filled after: a flag with Y or N, another field (weekly hours) with a value
        filled = ("Y", "N") if (r.extract_name, r.column_name) in flags else None
        assert all(
            row[r.column_name] in filled if filled else row[r.column_name] != "" for row in after
        ), f"{r.field} empty after {since}"


def test_the_seed_changes_nothing_but_its_fields_before_their_date(
    run_a, run_recording_everything, recordings, declared, measures
):
    """Blanking comes after the random draws: without the seed's rows every other cell is the
    same, and the only cells that differ are the listed fields of records dated before."""
    listed = {(r.extract_name, r.column_name): r.recorded_from.isoformat() for r in recordings}
    for name in declared:
        header, rows = _rows(run_a, name)
        header_all, rows_all = _rows(run_recording_everything, name)
        assert header == header_all and len(rows) == len(rows_all), name
        for row, row_all in zip(rows, rows_all, strict=True):
            for column in header:
                if row[column] == row_all[column]:
                    continue
                since = listed.get((name, column))
                assert since is not None, (
                    f"{name}.{column} changed though the seed does not list it"
                )
                assert row[column] == "" and row_all[column] in ("Y", "N"), (name, column)
                assert row[RECORD_DATE_COLUMNS[name]] < since, (
                    f"{name}.{column} emptied on or after {since}"
                )
    truth = json.loads((run_a / "ground_truth.json").read_text(encoding="utf-8"))
    truth_all = json.loads(
        (run_recording_everything / "ground_truth.json").read_text(encoding="utf-8")
    )
    # a measure needing none of the listed fields has the same ground truth either way
    needs_listed = {
        m.indicator_id for m in measures if any(f"{e}.{c}" in m.fields_needed for e, c in listed)
    }
    assert needs_listed
    for value, value_all in zip(truth["values"], truth_all["values"], strict=True):
        assert value_all["state"] in ("computed", "no_data", "not_yet_available"), value_all
        if value["indicator_id"] not in needs_listed:
            assert value == value_all, value


def test_ground_truth_states_follow_the_seed_and_the_catalogue(run_a, measures, recordings):
    """not_recorded exactly where the period's window starts before the recorded_from of a field
    the measure needs; the windows for a report date of 31 July 2016 written out here."""
    window_start = {
        "year_1": dt.date(2013, 4, 1),
        "year_2": dt.date(2014, 4, 1),
        "year_3": dt.date(2015, 4, 1),
        ("latest", "rolling_12_months"): dt.date(2015, 8, 1),
        ("latest", "year_to_date"): dt.date(2016, 4, 1),
        ("latest", "snapshot"): dt.date(2016, 7, 31),
        # the adoption scorecard's three years to 31 March, and the 36 months to 31 July
        ("year_1", "three_years_to_march"): dt.date(2011, 4, 1),
        ("year_2", "three_years_to_march"): dt.date(2012, 4, 1),
        ("year_3", "three_years_to_march"): dt.date(2013, 4, 1),
        ("latest", "rolling_36_months"): dt.date(2013, 8, 1),
        ("latest", "financial_quarter"): dt.date(2016, 4, 1),
        # the Education section's academic years (1 September), and the year to date
        ("year_1", "academic_year"): dt.date(2013, 9, 1),
        ("year_2", "academic_year"): dt.date(2014, 9, 1),
        ("year_3", "academic_year"): dt.date(2015, 9, 1),
        ("latest", "academic_year_to_date"): dt.date(2015, 9, 1),
        # the return home interviews' fourth quarters, and the missing measures' month
        ("year_1", "fourth_quarter"): dt.date(2014, 1, 1),
        ("year_2", "fourth_quarter"): dt.date(2015, 1, 1),
        ("year_3", "fourth_quarter"): dt.date(2016, 1, 1),
        ("latest", "calendar_month"): dt.date(2016, 7, 1),
    }
    since = {r.field: r.recorded_from for r in recordings}
    by_id = {m.indicator_id: m for m in measures}
    truth = json.loads((run_a / "ground_truth.json").read_text(encoding="utf-8"))
    not_recorded = set()
    for v in truth["values"]:
        m = by_id[v["indicator_id"]]
        key = v["period_key"]
        if key == "latest":
            start = window_start[(key, m.latest_basis)]
        elif key.startswith("quarter_"):
            # quarter_<Y>_q<n>: Q1 from 1 April Y, Q2 1 July, Q3 1 October, Q4 1 January Y+1
            year, n = (int(x) for x in key.removeprefix("quarter_").split("_q"))
            start = dt.date(year + n // 4, 3 * n % 12 + 1, 1)
        elif key.startswith("month_"):
            year, month = (int(x) for x in key.removeprefix("month_").split("_"))
            start = dt.date(year, month, 1)
        else:
            start = window_start.get((key, m.year_basis), window_start[key])
        expected = any(f in since and start < since[f] for f in m.fields_needed)
        assert (v["state"] == "not_recorded") == expected, v
        if expected:
            not_recorded.add((v["indicator_id"], key))
    assert not_recorded, "the seed's fields make no cell not_recorded"


def test_a_bad_field_recording_row_is_named(tmp_path):
    seed = tmp_path / "field_recording.csv"
    header = FIELD_RECORDING.read_text(encoding="utf-8").splitlines()[0]
    cases = {
        "336,carefirst_unknown,is_x,2015-04-01,r": "extract_name is not one of the extracts",
        "336,carefirst_cp_visits,is_x,2015-04-01,r": "column_name is not a column",
        "336,carefirst_cp_plans,visit_interval_days,2015-04-01,r": "knows no record date",
        "336,carefirst_cp_visits,visit_date,2015-04-01,r": "always recorded",
        "336,carefirst_cp_visits,is_child_seen,01/04/2015,r": "is not a date",
    }
    for row, rule in cases.items():
        seed.write_text(f"{header}\n{row}\n", encoding="utf-8")
        completed = _run(tmp_path / "out", field_recording=seed)
        assert completed.returncode == 2, row
        assert f"{seed}: line 2: " in completed.stderr and rule in completed.stderr, (
            completed.stderr
        )
    seed.write_text(
        f"{header}\n" + "336,carefirst_cp_visits,is_child_seen,2015-04-01,r\n" * 2, encoding="utf-8"
    )
    completed = _run(tmp_path / "out", field_recording=seed)
    assert (
        completed.returncode == 2
        and "line 3: " in completed.stderr
        and "listed twice" in completed.stderr
    )
    # another authority's rows are not the demo authority's
    seed.write_text(f"{header}\n999,carefirst_unknown,is_x,2015-04-01,r\n", encoding="utf-8")
    assert _run(tmp_path / "out", field_recording=seed).returncode == 0
