{#-
    family_windows(family_periods)

    The distinct windows of a family's periods (la_code, report_date, period_key, period_kind,
    basis, window_start_date, window_end_date), from the family's rows of
    int_indicator_periods_listed (the CTE named by `family_periods`). A family model counts each
    of its items over every window once, and indicator_counts_completed keeps each measure's own
    periods; written once here for every family model.
-#}
{% macro family_windows(family_periods='family_periods') -%}
    select distinct
        {{ family_periods }}.la_code,
        {{ family_periods }}.report_date,
        {{ family_periods }}.period_key,
        {{ family_periods }}.period_kind,
        {{ family_periods }}.basis,
        {{ family_periods }}.window_start_date,
        {{ family_periods }}.window_end_date
    from {{ family_periods }}
{%- endmacro %}
