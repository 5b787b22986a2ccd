{#-
    indicator_exceptions_listed(cases)

    The exception list of case models (int_<family>_cases_judged): their failing records,
    with the columns of fct_indicator_exceptions before the period's label and window are
    joined. A case model judges each measure only over the periods the catalogue asks of it
    (int_indicator_periods_listed, where the authority records what the measure needs), so
    these are exactly the failing units the measure's denominator - numerator counts.

    The argument is the name of the CTE holding the case models' rows in the calling model.
-#}
{% macro indicator_exceptions_listed(cases='cases') -%}
    select
        {{ cases }}.la_code,
        {{ cases }}.indicator_id,
        {{ cases }}.report_date,
        {{ cases }}.period_key,
        {{ cases }}.basis,
        {{ cases }}.child_key,
        {{ cases }}.counted_unit_id,
        {{ cases }}.record_type,
        {{ cases }}.record_id,
        {{ cases }}.event_date,
        {{ cases }}.due_date,
        {{ cases }}.working_days,
        {{ cases }}.days_elapsed,
        {{ cases }}.reason_code,
        {{ cases }}.reason
    from {{ cases }}
    where {{ cases }}.is_failing
{%- endmacro %}
