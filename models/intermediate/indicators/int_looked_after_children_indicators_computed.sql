{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

children_looked_after as (

    select * from {{ ref('int_children_looked_after_snapshotted') }}

),

foster_households as (

    select * from {{ ref('stg_carefirst__foster_households') }}

),

private_fostering_arrangements as (

    select * from {{ ref('stg_carefirst__private_fostering_arrangements') }}

),

cases as (

    select * from {{ ref('int_looked_after_children_cases_judged') }}

),

family_periods as (

    -- the periods the catalogue asks of the looked after measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'looked_after_children' and is_recorded

),

-- the distinct windows of those periods: each item below is counted over every one of them,
-- and indicator_counts_completed keeps each measure's own
periods as (

    {{ family_windows('family_periods') }}

),

cases_counted as (

    -- lac_visits_on_time and lac_reviews_on_time: cohort and verdict from the case model,
    -- one item per counted unit (visit or child),
    -- passing when none of its records fails
    {{ indicator_cases_counted('cases') }}

),

looked_after_counted as (

    -- children looked after at S (the window's end): each measure's cohort and numerator
    select
        la_code,
        'lac_rate' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_looked_after

    union all

    select
        la_code,
        'lac_in_house_foster' as indicator_id,
        report_date,
        period_key,
        basis,
        is_in_house_foster_placement as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_looked_after

    union all

    select
        la_code,
        'lac_placed_with_parents_care_order' as indicator_id,
        report_date,
        period_key,
        basis,
        is_placed_with_parents_on_care_order as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_looked_after

    union all

    select
        la_code,
        'lac_placement_stability_over_2y' as indicator_id,
        report_date,
        period_key,
        basis,
        has_fewer_than_3_recent_placements as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_looked_after
    where is_looked_after_2_years_plus

    union all

    select
        la_code,
        'lac_placement_stability_under_2y' as indicator_id,
        report_date,
        period_key,
        basis,
        has_fewer_than_3_recent_placements as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_looked_after
    where not is_looked_after_2_years_plus

    union all

    select
        la_code,
        'lac_long_term_placement_stability' as indicator_id,
        report_date,
        period_key,
        basis,
        is_in_long_term_placement as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_looked_after
    where is_long_term_stability_cohort

),

private_fostering_counted as (

    select
        private_fostering_arrangements.la_code,
        'private_fostering_known' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join private_fostering_arrangements
        on
            periods.la_code = private_fostering_arrangements.la_code
            and {{ is_open_at(
                'private_fostering_arrangements.notification_date',
                'private_fostering_arrangements.end_date',
                'periods.window_end_date'
            ) }}

),

pipeline_counted as (

    -- enquired by S, neither approved nor withdrawn by S
    select
        foster_households.la_code,
        'foster_carers_in_pipeline' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join foster_households
        on
            periods.la_code = foster_households.la_code
            and periods.window_end_date >= foster_households.enquiry_date
            and coalesce(periods.window_end_date < foster_households.approval_date, true)
            and coalesce(periods.window_end_date < foster_households.withdrawn_date, true)

),

approvals_windowed as (

    select
        foster_households.la_code,
        foster_households.household_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        {{ days_between('foster_households.enquiry_date', 'foster_households.approval_date') }}
            as days_to_approve
    from periods
    inner join foster_households
        on
            periods.la_code = foster_households.la_code
            and foster_households.approval_date
            between periods.window_start_date and periods.window_end_date

),

approvals_counted as (

    select
        la_code,
        'foster_carers_approved' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from approvals_windowed

),

days_to_approve_counted as (

    -- average days: total days from enquiry to approval / households approved in the window
    -- (a household with no enquiry date cannot be timed and is left out of both)
    select
        la_code,
        'foster_carer_days_to_approve' as indicator_id,
        report_date,
        period_key,
        basis,
        days_to_approve is not null as is_in_numerator,
        days_to_approve is not null as is_in_denominator,
        days_to_approve as numerator_amount
    from approvals_windowed

),

counted_items as (

    select * from cases_counted
    union all
    select * from looked_after_counted
    union all
    select * from private_fostering_counted
    union all
    select * from pipeline_counted
    union all
    select * from approvals_counted
    union all
    select * from days_to_approve_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
