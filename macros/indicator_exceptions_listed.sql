{#-
    indicator_exceptions_listed(cases, catalogue)

    The exception list of a case model (int_<family>_cases_judged): its failing records, on
    the period rows fct_indicator_values keeps for the measure (the three years, and the
    Latest on the catalogue's latest_basis), with the columns of the exception models
    (models/intermediate/exceptions/_exceptions__models.yml).

    Arguments are the names of CTEs in the calling model: the case model and the indicator
    catalogue.
-#}
{% macro indicator_exceptions_listed(cases='cases', catalogue='catalogue') -%}
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
    inner join {{ catalogue }}
        on {{ cases }}.indicator_id = {{ catalogue }}.indicator_id
    where
        {{ cases }}.is_failing
        and (
            ({{ cases }}.period_key != 'latest' and {{ cases }}.basis = 'financial_year')
            or (
                {{ cases }}.period_key = 'latest'
                and {{ cases }}.basis = {{ catalogue }}.latest_basis
            )
        )
{%- endmacro %}
