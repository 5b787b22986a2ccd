{#-
    For every timeliness and completeness measure and every period it is computed for, the
    distinct failing units listed in fct_indicator_exceptions (children or events, as the
    measure counts) number exactly denominator - numerator in fct_indicator_values. Returns
    the periods where they differ.
-#}
with

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

indicator_exceptions as (

    select * from {{ ref('fct_indicator_exceptions') }}

),

failing_units as (

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        count(distinct counted_unit_id) as failing_unit_count
    from indicator_exceptions
    group by 1, 2, 3, 4

),

expected as (

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        cast(denominator - numerator as bigint) as expected_failing_count
    from indicator_values
    where
        state = 'computed'
        and indicator_id in (
            'icpc_within_15_working_days',
            'cp_visits_on_time',
            'cp_children_seen_alone',
            'assessments_within_45_working_days',
            'assessments_child_seen',
            'assessments_child_seen_alone',
            'lac_review_participation',
            'lac_visits_on_time',
            'lac_reviews_on_time'
        )

),

compared as (

    select
        expected.la_code,
        expected.indicator_id,
        expected.report_date,
        expected.period_key,
        expected.expected_failing_count,
        coalesce(failing_units.failing_unit_count, 0) as failing_unit_count
    from expected
    left join failing_units
        on
            expected.la_code = failing_units.la_code
            and expected.indicator_id = failing_units.indicator_id
            and expected.report_date = failing_units.report_date
            and expected.period_key = failing_units.period_key

),

mismatched as (

    select *
    from compared
    where expected_failing_count != failing_unit_count

)

select * from mismatched
