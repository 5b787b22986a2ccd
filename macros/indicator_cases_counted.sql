{#-
    indicator_cases_counted(cases)

    Turns a case model (int_<family>_cases_judged: one row per record judged for a measure's
    counted unit in a period) into the counted items indicator_counts_completed takes: one row
    per counted unit, in the denominator, and in the numerator (adding 1) when none of its
    records fails. A child with several failing records counts once; so failing units, the
    distinct counted_unit_ids the exception lists carry, are denominator - numerator.

    The argument is the name of the CTE holding the case model in the calling model.

    failing_in_numerator (default false): for a measure where low is better and the failing
    units are what it counts (the persistently absent enrolments), a unit is in the numerator
    when any of its records fails, so the listed failing units are the numerator; the
    exception lists' reconciliation test (exception_units_reconciled) reads the catalogue's
    polarity for which of the two a measure is.
-#}
{% macro indicator_cases_counted(cases='cases', failing_in_numerator=false) -%}
    select
        {{ cases }}.la_code,
        {{ cases }}.indicator_id,
        {{ cases }}.report_date,
        {{ cases }}.period_key,
        {{ cases }}.basis,
        {% if not failing_in_numerator %}not {% endif -%}
        {{ dbt.bool_or(cases ~ '.is_failing') }} as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from {{ cases }}
    group by
        {{ cases }}.la_code,
        {{ cases }}.indicator_id,
        {{ cases }}.report_date,
        {{ cases }}.period_key,
        {{ cases }}.basis,
        {{ cases }}.counted_unit_id
{%- endmacro %}
