{#-
    history_first_report_date()

    The first month-end a run computes (int_reporting_periods_defined), as a SQL date literal.

    A full build computes every month-end from var('history_start_date') to var('report_date').
    Once marts.fct_indicator_history is in the database (an incremental model keyed on
    la_code, indicator_id and report_date), a run computes only the report date's month and
    the var('history_lookback_months') month-ends before it (default 3: records entered late
    change recent months), and the history model replaces those months and keeps the older
    ones; `dbt build --full-refresh` (or a database without the history) computes them all
    again. Never earlier than the history's start. Every model reads the month-ends from
    int_reporting_periods_defined, so the increment reaches every family model and mart: in an
    incremental run fct_indicator_values holds the recomputed report dates only, and the
    history all of them.
-#}
{% macro history_first_report_date() -%}
    {%- set history_start = var('history_start_date', '2013-04-30') -%}
    {%- if execute and not flags.FULL_REFRESH and history_is_built() -%}
        {%- set report = modules.datetime.date.fromisoformat(var('report_date')) -%}
        {%- set lookback = var('history_lookback_months', 3) | int -%}
        {%- set months = report.year * 12 + report.month - 1 - lookback -%}
        {%- set first = modules.datetime.date(months // 12, months % 12 + 1, 1) -%}
        {%- set first_iso = [first.isoformat(), history_start] | max -%}
        cast('{{ first_iso }}' as date)
    {%- else -%}
        cast('{{ history_start }}' as date)
    {%- endif -%}
{%- endmacro %}


{#-
    Whether the monthly history mart is already in the database (an increment can extend it).
    Looked up by name, not ref(): a ref from the models it is built from would be a cycle.
-#}
{% macro history_is_built() -%}
    {%- set relation = adapter.get_relation(
        database=target.database,
        schema=generate_schema_name('marts', none) | trim,
        identifier='fct_indicator_history',
    ) -%}
    {{ return(relation is not none) }}
{%- endmacro %}
