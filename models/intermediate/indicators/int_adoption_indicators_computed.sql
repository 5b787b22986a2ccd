{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

adoptions_timed as (

    select * from {{ ref('int_adoptions_timed') }}

),

permanence_records as (

    select * from {{ ref('stg_carefirst__permanence_records') }}

),

adopter_households as (

    select * from {{ ref('stg_carefirst__adopter_households') }}

),

legal_orders as (

    select * from {{ ref('stg_carefirst__legal_orders') }}

),

family_periods as (

    -- the periods the catalogue asks of the adoption measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'adoption' and is_recorded

),

-- the distinct windows of those periods: each item below is counted over every one of them,
-- and indicator_counts_completed keeps each measure's own
periods as (

    {{ family_windows('family_periods') }}

),

adoptions_windowed as (

    -- A1, A10, A2, A3: children whose adoption order is dated in the window
    select
        adoptions_timed.*,
        periods.report_date,
        periods.period_key,
        periods.basis
    from periods
    inner join adoptions_timed
        on
            periods.la_code = adoptions_timed.la_code
            and adoptions_timed.adoption_order_date
            between periods.window_start_date and periods.window_end_date

),

adoptions_counted as (

    -- average days: total days / children; A3 a proportion of the same children
    select
        la_code,
        'adoption_a1_days_care_to_placement' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        days_to_placement as numerator_amount
    from adoptions_windowed
    union all
    select
        la_code,
        'adoption_a10_days_care_to_placement_foster_carer' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        days_to_placement_foster_carer as numerator_amount
    from adoptions_windowed
    union all
    select
        la_code,
        'adoption_a3_placed_within_14_months' as indicator_id,
        report_date,
        period_key,
        basis,
        is_placed_within_14_months as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from adoptions_windowed
    union all
    select
        la_code,
        'adoption_a2_days_order_to_match' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        days_order_to_match as numerator_amount
    from adoptions_windowed
    where is_in_order_to_match_cohort

),

waiting_children as (

    -- children waiting to be adopted at S (the window's end): a best-interest decision on or
    -- before S, no adoption order and no reversal on or before S; children already placed
    -- count; a child with two such records counts once
    select distinct
        permanence_records.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        permanence_records.child_key
    from periods
    inner join permanence_records
        on
            periods.la_code = permanence_records.la_code
            and periods.window_end_date >= permanence_records.best_interest_decision_date
            and coalesce(periods.window_end_date < permanence_records.adoption_order_date, true)
            and coalesce(periods.window_end_date < permanence_records.decision_reversed_date, true)

),

waiting_counted as (

    select
        la_code,
        'children_waiting_adoption' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from waiting_children

),

adopters_counted as (

    -- households at S: in assessment (stage one started, neither approved nor withdrawn)
    -- and approved waiting (approved, neither matched nor withdrawn)
    select
        adopter_households.la_code,
        case
            when coalesce(adopter_households.approval_date <= periods.window_end_date, false)
                then 'adopters_approved_awaiting_match'
            else 'adopters_in_assessment'
        end as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join adopter_households
        on
            periods.la_code = adopter_households.la_code
            and periods.window_end_date >= adopter_households.stage_one_start_date
            and coalesce(periods.window_end_date < adopter_households.withdrawn_date, true)
            and coalesce(periods.window_end_date < adopter_households.matched_date, true)

),

sgo_children as (

    -- children made the subject of a special guardianship order in the window (a child
    -- with two orders counts once)
    select distinct
        legal_orders.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        legal_orders.child_key
    from periods
    inner join legal_orders
        on
            periods.la_code = legal_orders.la_code
            and legal_orders.order_type = 'SGO'
            and legal_orders.order_date
            between periods.window_start_date and periods.window_end_date

),

sgo_counted as (

    select
        la_code,
        'children_subject_of_sgo' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from sgo_children

),

counted_items as (

    select * from adoptions_counted
    union all
    select * from waiting_counted
    union all
    select * from adopters_counted
    union all
    select * from sgo_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
