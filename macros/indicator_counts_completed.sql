{#-
    indicator_counts_completed(counted_items, measure_periods)

    The last step of a family's indicator model: one row per row of `measure_periods` (the
    family's rows of int_indicator_periods_listed: authority x measure x report date x period
    x basis, as the catalogue chooses them) with `la_code, indicator_id, report_date,
    period_key, basis, numerator, denominator` (docs/design.md, "Indicator models"). Every
    period the catalogue asks for gets a row, so one with nothing to count gives numerator 0
    rather than no row; no other row is made.

    Arguments are the names of CTEs in the calling model:
    - counted_items: one row per counted thing per period, with la_code, indicator_id,
      report_date, period_key, basis, the booleans is_in_numerator and is_in_denominator, and
      numerator_amount: what the item adds to the numerator when in it (1 for a count; the
      days of a case for an average of days);
    - measure_periods: the family's rows of int_indicator_periods_listed; its
      denominator_kind (indicator_units) says whether the denominator is counted here
      (counted) or is the population joined in the marts or nothing (population, none: null
      here);
    - denominator_amounts (default false): when true, counted_items also has
      denominator_amount, what an item adds to the denominator when in it (the possible
      sessions of an enrolment, for a rate of sessions), and the denominator is their sum
      rather than the count of items. Every item of such a family carries the column (1 for
      an item counted once).
-#}
{% macro indicator_counts_completed(
    counted_items='counted_items',
    measure_periods='measure_periods',
    denominator_amounts=false
) -%}
    select
        {{ measure_periods }}.la_code,
        {{ measure_periods }}.indicator_id,
        {{ measure_periods }}.report_date,
        {{ measure_periods }}.period_key,
        {{ measure_periods }}.basis,
        cast(
            coalesce(
                sum(
                    case
                        when {{ counted_items }}.is_in_numerator
                            then {{ counted_items }}.numerator_amount
                    end
                ),
                0
            ) as double
        ) as numerator,
        case
            when {{ measure_periods }}.denominator_kind = 'counted'
                then cast(
                    {%- if denominator_amounts %}
                    coalesce(
                        sum(
                            case
                                when {{ counted_items }}.is_in_denominator
                                    then {{ counted_items }}.denominator_amount
                            end
                        ),
                        0
                    )
                    {%- else %}
                    count(case when {{ counted_items }}.is_in_denominator then 1 end)
                    {%- endif %}
                    as double
                )
        end as denominator
    from {{ measure_periods }}
    left join {{ counted_items }}
        on
            {{ measure_periods }}.la_code = {{ counted_items }}.la_code
            and {{ measure_periods }}.indicator_id = {{ counted_items }}.indicator_id
            and {{ measure_periods }}.report_date = {{ counted_items }}.report_date
            and {{ measure_periods }}.period_key = {{ counted_items }}.period_key
            and {{ measure_periods }}.basis = {{ counted_items }}.basis
    group by
        {{ measure_periods }}.la_code,
        {{ measure_periods }}.indicator_id,
        {{ measure_periods }}.report_date,
        {{ measure_periods }}.period_key,
        {{ measure_periods }}.basis,
        {{ measure_periods }}.denominator_kind
{%- endmacro %}
