"""The models hold no DuckDB-only SQL, so that running them on Spark touches macros, not models.

Every `.sql` file under models/ is read as the engine will see it: SQL and Jinja comments are
blanked, string literals are blanked (they are data, not syntax), and inside a Jinja tag only the
text of its string literals is kept (the SQL fragments a model passes to a macro, such as
`is_open_during('placements.placement_start_date', ...)`). What remains is searched for the
constructs of CONSTRUCTS, each with the reason it is DuckDB-only and what to write instead:
dbt's cross-database macros or the project's own in macros/cross_database/ (whose DuckDB and
Spark bodies are the one place engine-specific SQL lives; macros/ is not scanned).

Every model is scanned: there is no allow-list. The staging macros outside macros/cross_database
(clean_code, yes_no_flag, postcode_district, extract_rows_checked) were converted by hand and
use the same dispatched macros.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"


class Construct(NamedTuple):
    name: str
    pattern: re.Pattern
    reason: str
    instead: str


def _construct(name: str, pattern: str, reason: str, instead: str) -> Construct:
    return Construct(name, re.compile(pattern, re.IGNORECASE), reason, instead)


# A date-like column: its name holds "date" (start_date, date_of_birth, calendar_date).
_DATE_OPERAND = r"\b\w*date\w*\b|\bas\s+date\s*\)"

CONSTRUCTS = [
    _construct(
        "qualify",
        r"\bqualify\b",
        "QUALIFY is not in open-source Spark 3.5",
        "a CTE with row_number() over (...) as <name>_rank, then a CTE keeping <name>_rank = 1",
    ),
    _construct(
        "star modifier",
        r"\*\s*(?:exclude|replace|rename)\s*\(",
        "select * exclude / replace / rename is DuckDB syntax",
        "list the columns",
    ),
    _construct(
        "columns expression",
        r"\bcolumns\s*\(",
        "COLUMNS(...) star expressions are DuckDB syntax",
        "list the columns",
    ),
    _construct(
        ":: cast",
        r"::",
        "the :: cast is PostgreSQL/DuckDB syntax, not Spark's",
        "cast(x as <type>), {{ dbt.cast(...) }}",
    ),
    _construct(
        "DuckDB type name",
        r"\b(?:varchar|bpchar|hugeint|uhugeint|ubigint|uinteger|usmallint|utinyint)\b",
        "Spark has no VARCHAR without a length nor unsigned or 128-bit integers",
        "cast(x as {{ dbt.type_string() }}) for text, bigint for whole numbers",
    ),
    _construct(
        "interval",
        r"\binterval\b",
        "date +/- interval gives a timestamp on DuckDB and needs its own spelling elsewhere",
        "{{ add_days(d, n) }}, {{ add_months(d, n) }}, {{ add_years(d, n) }}",
    ),
    _construct(
        "date arithmetic",
        rf"(?:{_DATE_OPERAND})\s*[-+](?![-+])\s*[\w(]|[\w)]\s*[-+]\s*(?:{_DATE_OPERAND})(?!\s*\()",
        "date - date is a number of days on DuckDB but an interval on Spark; date + integer "
        "is DuckDB's",
        "{{ days_between(start, end) }}, {{ add_days(d, n) }}",
    ),
    _construct(
        "series table function",
        r"\b(?:range|generate_series|unnest)\s*\(",
        "range() / generate_series() / unnest() table functions are DuckDB's (Spark explodes "
        "a sequence)",
        "{{ days_from_to(first, last) }}, {{ month_starts_between(first, last) }}",
    ),
    _construct(
        "list or struct function",
        r"\b(?:list_\w+|array_\w+|struct_\w+|list|flatten)\s*\(",
        "DuckDB's list and struct functions have other names and semantics on Spark (arrays "
        "index from 0 there)",
        "a dispatched macro in macros/cross_database/",
    ),
    _construct(
        "list literal or index",
        r"\[",
        "[1, 2] list literals and x[1] indexing are DuckDB's (Spark: array(...), x[0])",
        "a dispatched macro in macros/cross_database/",
    ),
    _construct(
        "struct literal",
        r"\{\s*'",
        "{'key': value} struct literals are DuckDB's",
        "a dispatched macro in macros/cross_database/",
    ),
    _construct(
        "day of week",
        r"\b(?:isodow|isoyear|dayofweek|weekday)\b",
        "isodow is DuckDB's; dayofweek counts from Sunday = 0 on DuckDB, Sunday = 1 on Spark",
        "{{ iso_day_of_week(d) }}",
    ),
    _construct(
        "strftime",
        r"\b(?:strftime|strptime)\b",
        "strftime/strptime patterns are DuckDB's (Spark: date_format with Java patterns)",
        "{{ format_day_month_year(d) }}, {{ format_day_month(d) }}, {{ format_month_year(d) }}",
    ),
    _construct(
        "date function with another signature",
        r"\b(?:date_diff|datediff|date_add|date_sub|age)\s*\(",
        "DuckDB's datediff('day', start, end) and date_add(d, interval) take other arguments "
        "than Spark's datediff(end, start) and date_add(d, days)",
        "{{ days_between(start, end) }}, {{ add_days(d, n) }}, {{ dbt.datediff(...) }}",
    ),
    _construct(
        "arg_max",
        r"\b(?:arg_max|arg_min|argmax|argmin)\s*\(",
        "arg_max/arg_min are DuckDB's names (Spark: max_by/min_by)",
        "{{ value_at_max(value, ordering) }}",
    ),
    _construct(
        "string aggregation",
        r"\b(?:string_agg|group_concat|listagg|array_agg|histogram)\s*\(",
        "string and list aggregates are spelt differently on each engine",
        "{{ dbt.listagg(...) }}",
    ),
    _construct(
        "aggregate filter",
        r"\bfilter\s*\(\s*where\b",
        "count(*) filter (where ...) is not Spark 3.5 SQL",
        "sum(case when ... then 1 else 0 end) or count(case when ... then 1 end)",
    ),
    _construct(
        "regexp function",
        r"\bregexp_\w+\s*\(|\bsimilar\s+to\b|\bglob\s*\(",
        "regular-expression functions differ: DuckDB's regexp_replace replaces the first match "
        "unless 'g', regexp_extract's default group is 0 there and 1 on Spark, "
        "regexp_full_match/regexp_matches are DuckDB's",
        "a dispatched macro in macros/cross_database/",
    ),
    _construct(
        "format",
        r"\bformat\s*\(",
        "format('... {} ...') is DuckDB's (Spark has no format(); format_string is printf-style)",
        "{{ format_text('... {} ...', [values]) }}, {{ text_or_placeholder(x, 'none') }}",
    ),
    _construct(
        "DuckDB clause",
        r"\bunion\s+(?:all\s+)?by\s+name\b|\bgroup\s+by\s+all\b|\border\s+by\s+all\b"
        r"|\bdistinct\s+on\b|\b(?:asof|positional)\s+join\b|(?<!left )\b(?:anti|semi)\s+join\b",
        "union by name, group/order by all, distinct on, asof/positional joins and bare "
        "anti/semi joins are DuckDB syntax",
        "name the columns; Spark spells left anti join / left semi join",
    ),
    _construct(
        "json function",
        r"\b(?:to_json|json_\w+|from_json)\s*\(",
        "JSON functions differ by engine",
        "a dispatched macro in macros/cross_database/",
    ),
    _construct(
        "integer division",
        r"//",
        "// is DuckDB's integer division (Spark: div)",
        "cast(floor(a / b) as bigint) or a dispatched macro",
    ),
    _construct(
        "string prefix function",
        r"\b(?:starts_with|ends_with|prefix|suffix|strpos)\s*\(",
        "starts_with/prefix/suffix/strpos are DuckDB's names",
        "x like 'abc%', instr(x, 'abc')",
    ),
    _construct(
        "epoch function",
        r"\bepoch\w*\s*\(",
        "epoch(), epoch_ms() are DuckDB's",
        "a dispatched macro in macros/cross_database/",
    ),
]


class Finding(NamedTuple):
    path: str
    line: int
    construct: Construct
    text: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.construct.name} ({self.text.strip()!r}): "
            f"{self.construct.reason}; use {self.construct.instead}"
        )


def _jinja_tag_end(source: str, start: int, closer: str, out: list[str]) -> int:
    """Blank a Jinja tag from `start` (just past its opener) to its closer, keeping the text
    of its string literals read as SQL; return the index past the closer."""
    index = start
    while index < len(source):
        if source.startswith(closer, index):
            return index + len(closer)
        char = source[index]
        if char in "'\"":
            end = index + 1
            while end < len(source) and source[end] != char:
                end += 2 if source[end] == "\\" else 1
            fragment = _engine_view(source[index + 1 : end])
            out[index + 1 : end] = list(fragment)
            index = end + 1
            continue
        index += 1
    return index


def _engine_view(source: str) -> str:
    """The SQL an engine parses, same length and lines as `source`: comments and string
    literals blanked (quotes kept), Jinja tags blanked but for their string literals' text."""
    out = [char if char == "\n" else " " for char in source]
    index = 0
    in_literal = False
    while index < len(source):
        if source.startswith("{#", index):
            end = source.find("#}", index + 2)
            index = len(source) if end < 0 else end + 2
        elif source.startswith(("{{", "{%"), index):
            closer = "}}" if source.startswith("{{", index) else "%}"
            tag_out = list(out)
            index_after = _jinja_tag_end(source, index + 2, closer, tag_out)
            if not in_literal:  # a tag inside a SQL literal is data like the literal
                out = tag_out
            index = index_after
        elif in_literal:
            if source[index] == "'":
                if source.startswith("''", index):
                    index += 2
                    continue
                out[index] = "'"
                in_literal = False
            index += 1
        elif source[index] == "'":
            out[index] = "'"
            in_literal = True
            index += 1
        elif source.startswith("--", index):
            end = source.find("\n", index)
            index = len(source) if end < 0 else end
        elif source.startswith("/*", index):
            end = source.find("*/", index + 2)
            index = len(source) if end < 0 else end + 2
        else:
            out[index] = source[index]
            index += 1
    return "".join(out)


def duckdb_only_constructs(source: str, path: str = "<sql>") -> list[Finding]:
    """Every DuckDB-only construct in the SQL text `source`, with its line."""
    view = _engine_view(source)
    findings = []
    for construct in CONSTRUCTS:
        for match in construct.pattern.finditer(view):
            line = view.count("\n", 0, match.start()) + 1
            findings.append(Finding(path, line, construct, match.group(0)))
    return sorted(findings, key=lambda finding: (finding.path, finding.line))


def _model_files() -> list[str]:
    return sorted(path.relative_to(ROOT).as_posix() for path in MODELS.rglob("*.sql"))


def _findings(path: str) -> list[Finding]:
    return duckdb_only_constructs((ROOT / path).read_text(encoding="utf-8"), path)


def test_models_hold_no_duckdb_only_sql():
    findings = [finding for path in _model_files() for finding in _findings(path)]
    assert not findings, "DuckDB-only SQL in models:\n" + "\n".join(map(str, findings))


# One example of each construct as a model would write it, and the construct it must raise.
CAUGHT = [
    ("qualify", "select * from a\nqualify row_number() over (partition by k order by d) = 1"),
    ("star modifier", "select * exclude (child_key) from a"),
    ("star modifier", "select a.* replace (upper(code) as code) from a"),
    ("columns expression", "select columns('.*_date') from a"),
    (":: cast", "select null::date as d"),
    ("DuckDB type name", "select cast(slot_number as varchar) as slot"),
    ("DuckDB type name", "select cast(n as hugeint) as n"),
    ("interval", "select cast(start_date + interval 3 month as date) as due_date"),
    ("interval", "{{ is_open_during('a', 'b', 'cast(s - interval 2 year as date)', 's') }}"),
    ("date arithmetic", "select visit_date - placement_start_date as days_taken"),
    ("date arithmetic", "select children.date_of_birth - 280 as d"),
    ("date arithmetic", "select cast(x as date) + 1 as d"),
    ("date arithmetic", "select 7 + start_date as d"),
    ("date arithmetic", "select visit_date - coalesce(previous_visit_date, start_date) as n"),
    ("series table function", "select * from range(a, b, interval 1 day) as spine"),
    ("series table function", "select unnest(codes) as code from a"),
    ("list or struct function", "select list_contains(codes, 'A3') from a"),
    ("list or struct function", "select array_length(codes) from a"),
    ("list literal or index", "select code in [1, 2] from a"),
    ("struct literal", "select {'a': 1} as s"),
    ("day of week", "select isodow(calendar_date) <= 5 as is_weekday"),
    ("day of week", "select extract(isodow from d) as n"),
    ("strftime", "select strftime(d, '%-d %b %Y') as label"),
    ("date function with another signature", "select datediff('day', a, b) as n"),
    ("date function with another signature", "select date_add(d, interval 1 day) as n"),
    ("arg_max", "select arg_max(value, report_date) from a"),
    ("string aggregation", "select string_agg(code, ', ') from a"),
    ("aggregate filter", "select count(*) filter (where is_late) as late from a"),
    ("regexp function", "select regexp_full_match(code, '[A-Z]+') from a"),
    ("regexp function", "select regexp_replace(code, 'x', 'y') from a"),
    ("format", "select format('starts {}', start_date) as detail"),
    ("DuckDB clause", "select * from a union all by name select * from b"),
    ("DuckDB clause", "select k, count(*) from a group by all"),
    ("DuckDB clause", "select * from a anti join b using (k)"),
    ("json function", "select to_json(row) from a"),
    ("integer division", "select days // 7 as weeks"),
    ("string prefix function", "select starts_with(code, 'U') from a"),
    ("epoch function", "select epoch(d) from a"),
]


@pytest.mark.parametrize(("expected", "sql"), CAUGHT)
def test_each_construct_is_caught(expected, sql):
    assert expected in {finding.construct.name for finding in duckdb_only_constructs(sql)}


# Portable SQL the converted models write, and text that only looks like a construct.
PORTABLE = [
    "select {{ days_between('placement_start_date', 'visit_date') }} as days_taken",
    "select {{ add_years('looked_after_at_snapshot.snapshot_date', -2) }} as d",
    "select cast(slot_number as {{ dbt.type_string() }}) as slot",
    "select {{ format_text('starts {} while episode {}', ['a.start_date', 'a.id']) }} as detail",
    "select {{ text_or_placeholder('a.end_date', 'never (open)') }} as detail",
    "select working_day_number - start_day.working_day_number as n",
    "select start_day.working_day_number + 20 as n",
    "select 'interval [1] qualify format(x) :: varchar' as text",
    "select 'it''s a -- not a comment' as text, '-P' || cast(n as string) as id",
    "-- qualify, interval and isodow in a comment\nselect 1 as n",
    "/* select * exclude (x) */ select 1 as n",
    "{# format('{}', d) in a Jinja comment #} select 1 as n",
    "select '{{ var(\"report_date\") }}' as report_date",
    "select * from {{ ref('int_lac_episodes_chained') }}",
    "{{ config(materialized='table') }} select make_date(year(d), 1, 1) as first_date",
    "select count(case when is_late then 1 end) as late, max_by(v, d) as latest",
    "select * from a left anti join b on a.k = b.k",
    "select a.n - 1 from a",
]


@pytest.mark.parametrize("sql", PORTABLE)
def test_portable_sql_passes(sql):
    assert duckdb_only_constructs(sql) == []


def test_a_finding_names_the_file_the_line_and_the_construct():
    sql = "with a as (\n    select 1 as n\n)\nselect * from a\nqualify n = 1\n"
    (finding,) = duckdb_only_constructs(sql, "models/marts/x.sql")
    assert str(finding).startswith("models/marts/x.sql:5: qualify ('qualify'): QUALIFY is not")
    assert "use a CTE with row_number()" in str(finding)
