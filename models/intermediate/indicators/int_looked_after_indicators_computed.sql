{{ config(materialized='table') }}

with

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

children_looked_after as (

    select * from {{ ref('int_children_looked_after_snapshotted') }}

),

lac_visits as (

    select * from {{ ref('int_lac_visits_timed') }}

),

review_slots as (

    select * from {{ ref('int_lac_reviews_scheduled') }}

),

lac_reviews as (

    select * from {{ ref('stg_carefirst__lac_reviews') }}

),

foster_households as (

    select * from {{ ref('stg_carefirst__foster_households') }}

),

private_fostering_arrangements as (

    select * from {{ ref('stg_carefirst__private_fostering_arrangements') }}

),

cases as (

    select * from {{ ref('int_looked_after_cases_judged') }}

),

indicators as (

    -- the counted measures; has_denominator is false for rates and counts
    select
        indicator_list.indicator_id,
        indicator_list.has_denominator
    from (
        values
        ('lac_review_participation', true),
        ('lac_rate', false),
        ('lac_visits_on_time', true),
        ('lac_reviews_on_time', true),
        ('lac_placement_stability_over_2y', true),
        ('lac_placement_stability_under_2y', true),
        ('lac_long_term_placement_stability', true),
        ('lac_in_house_foster', true),
        ('lac_placed_with_parents_care_order', true),
        ('private_fostering_known', false),
        ('foster_carers_in_pipeline', false),
        ('foster_carers_approved', false)
    ) as indicator_list (indicator_id, has_denominator)

),

authorities_seen as (

    -- every authority in the extracts read (visits, review slots and reviews are read here
    -- for that alone: their measures are counted from the case model)
    select la_code from children_looked_after
    union
    select la_code from lac_visits
    union
    select la_code from review_slots
    union
    select la_code from lac_reviews
    union
    select la_code from foster_households
    union
    select la_code from private_fostering_arrangements

),

la_codes as (

    -- the run's authority when the extracts are empty, so every measure still gets its rows
    select la_code from authorities_seen
    union
    select '{{ var("la_code") }}' as la_code
    where not exists (select 1 from authorities_seen)

),

cases_counted as (

    -- lac_review_participation, lac_visits_on_time and lac_reviews_on_time: cohort and
    -- verdict from the case model, one item per counted unit (review, visit or child),
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
        true as is_in_denominator
    from children_looked_after

    union all

    select
        la_code,
        'lac_in_house_foster' as indicator_id,
        report_date,
        period_key,
        basis,
        is_in_house_foster_placement as is_in_numerator,
        true as is_in_denominator
    from children_looked_after

    union all

    select
        la_code,
        'lac_placed_with_parents_care_order' as indicator_id,
        report_date,
        period_key,
        basis,
        is_placed_with_parents_on_care_order as is_in_numerator,
        true as is_in_denominator
    from children_looked_after

    union all

    select
        la_code,
        'lac_placement_stability_over_2y' as indicator_id,
        report_date,
        period_key,
        basis,
        has_fewer_than_3_recent_placements as is_in_numerator,
        true as is_in_denominator
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
        true as is_in_denominator
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
        true as is_in_denominator
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
        false as is_in_denominator
    from periods
    inner join private_fostering_arrangements
        on {{ is_open_at(
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
        false as is_in_denominator
    from periods
    inner join foster_households
        on
            periods.window_end_date >= foster_households.enquiry_date
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
        foster_households.approval_date - foster_households.enquiry_date as days_to_approve
    from periods
    inner join foster_households
        on
            foster_households.approval_date
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
        false as is_in_denominator
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

),

counts_completed as (

    {{ indicator_counts_completed('counted_items', 'periods', 'la_codes', 'indicators') }}

),

days_to_approve_completed as (

    -- average days: total days from enquiry to approval / households approved in the window
    -- (a household with no enquiry date cannot be timed and is left out of both)
    select
        la_codes.la_code,
        'foster_carer_days_to_approve' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        cast(coalesce(sum(approvals_windowed.days_to_approve), 0) as double) as numerator,
        cast(count(approvals_windowed.days_to_approve) as double) as denominator
    from periods
    cross join la_codes
    left join approvals_windowed
        on
            la_codes.la_code = approvals_windowed.la_code
            and periods.report_date = approvals_windowed.report_date
            and periods.period_key = approvals_windowed.period_key
            and periods.basis = approvals_windowed.basis
    group by 1, 2, 3, 4, 5

),

unioned as (

    select * from counts_completed
    union all
    select * from days_to_approve_completed

),

final as (

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator
    from unioned

)

select * from final
