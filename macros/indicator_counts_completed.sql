{#-
    indicator_counts_completed(counted_items, periods, la_codes, indicators)

    The last step of an indicator model: one row per authority x reporting period x
    indicator with `la_code, indicator_id, report_date, period_key, basis, numerator,
    denominator` (docs/design.md, "Indicator models"). Every combination gets a row, so a
    period with nothing to count gives numerator 0 rather than no row.

    Arguments are the names of CTEs in the calling model:
    - counted_items: one row per counted thing per period, with la_code, indicator_id,
      report_date, period_key, basis and the booleans is_in_numerator and is_in_denominator;
    - periods: int_reporting_periods_defined;
    - la_codes: the authorities (one column, la_code);
    - indicators: indicator_id and has_denominator (false for rates and counts, whose
      denominator, the population or nothing, is joined in the marts: null here).
-#}
{% macro indicator_counts_completed(
    counted_items='counted_items',
    periods='periods',
    la_codes='la_codes',
    indicators='indicators'
) -%}
    select
        {{ la_codes }}.la_code,
        {{ indicators }}.indicator_id,
        {{ periods }}.report_date,
        {{ periods }}.period_key,
        {{ periods }}.basis,
        cast(
            count(case when {{ counted_items }}.is_in_numerator then 1 end) as double
        ) as numerator,
        case
            when bool_or({{ indicators }}.has_denominator)
                then cast(
                    count(case when {{ counted_items }}.is_in_denominator then 1 end)
                    as double
                )
        end as denominator
    from {{ periods }}
    cross join {{ la_codes }}
    cross join {{ indicators }}
    left join {{ counted_items }}
        on
            {{ la_codes }}.la_code = {{ counted_items }}.la_code
            and {{ indicators }}.indicator_id = {{ counted_items }}.indicator_id
            and {{ periods }}.report_date = {{ counted_items }}.report_date
            and {{ periods }}.period_key = {{ counted_items }}.period_key
            and {{ periods }}.basis = {{ counted_items }}.basis
    group by 1, 2, 3, 4, 5
{%- endmacro %}
