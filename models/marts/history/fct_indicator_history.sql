{#-
    Incremental, keyed on the authority, measure and report date: a monthly run recomputes the
    report date's month and its look-back (macros/history_report_dates.sql) and replaces those
    rows; the older months stay. `--full-refresh` recomputes every month.
-#}
{{ config(
    materialized='incremental',
    unique_key=['la_code', 'indicator_id', 'report_date'],
    incremental_strategy=('merge' if target.type == 'spark' else 'delete+insert'),
    on_schema_change='fail',
) }}

with

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

latest_values as (

    -- the Latest of every measure at each report date: one point of its monthly trend
    select
        la_code,
        indicator_id,
        report_date,
        value,
        numerator,
        denominator,
        unit,
        state,
        basis,
        window_start_date,
        window_end_date
    from indicator_values
    where period_key = 'latest'

)

select * from latest_values
