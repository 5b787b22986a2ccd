{#-
    exception_units_reconciled(model, values)

    On an exception list (fct_indicator_exceptions): for every measure the catalogue marks
    has_exception_list and every period it is computed for in `values` (fct_indicator_values),
    the distinct failing units listed (counted_unit_id) number exactly denominator -
    numerator (for a measure where low is better, whose failing units are what it counts:
    the numerator); and no measure without has_exception_list has listed cases. So a measure given
    an exception list whose cases are not in a case model, or a case model counting
    differently from its indicator, fails. Returns the mismatched periods and the measures
    listed without being catalogued so. Usage:

        data_tests:
          - exception_units_reconciled:
              arguments:
                values: ref('fct_indicator_values')
-#}
{% test exception_units_reconciled(model, values) %}

with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

failing_units as (

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        count(distinct counted_unit_id) as failing_unit_count
    from {{ model }}
    group by la_code, indicator_id, report_date, period_key

),

expected as (

    select
        indicator_values.la_code,
        indicator_values.indicator_id,
        indicator_values.report_date,
        indicator_values.period_key,
        cast(
            case
                when catalogue.polarity = 'low' then indicator_values.numerator
                else indicator_values.denominator - indicator_values.numerator
            end as bigint
        ) as expected_failing_count
    from {{ values }} as indicator_values
    inner join catalogue
        on indicator_values.indicator_id = catalogue.indicator_id
    where indicator_values.state = 'computed' and catalogue.has_exception_list

),

mismatched as (

    select
        expected.la_code,
        expected.indicator_id,
        expected.report_date,
        expected.period_key,
        'failing units differ from denominator - numerator' as problem,
        expected.expected_failing_count,
        coalesce(failing_units.failing_unit_count, 0) as failing_unit_count
    from expected
    left join failing_units
        on
            expected.la_code = failing_units.la_code
            and expected.indicator_id = failing_units.indicator_id
            and expected.report_date = failing_units.report_date
            and expected.period_key = failing_units.period_key
    where expected.expected_failing_count != coalesce(failing_units.failing_unit_count, 0)

),

listed_without_catalogue as (

    -- cases listed for a measure the catalogue gives no exception list, or for a period the
    -- measure is not computed for
    select
        failing_units.la_code,
        failing_units.indicator_id,
        failing_units.report_date,
        failing_units.period_key,
        'listed, but not an exception-list measure computed for this period' as problem,
        cast(null as bigint) as expected_failing_count,
        failing_units.failing_unit_count
    from failing_units
    left join expected
        on
            failing_units.la_code = expected.la_code
            and failing_units.indicator_id = expected.indicator_id
            and failing_units.report_date = expected.report_date
            and failing_units.period_key = expected.period_key
    where expected.indicator_id is null

)

select * from mismatched
union all
select * from listed_without_catalogue

{% endtest %}
