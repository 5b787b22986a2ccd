{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

referrals as (

    select * from {{ ref('stg_carefirst__referrals') }}

),

section47_enquiries as (

    select * from {{ ref('stg_carefirst__section47_enquiries') }}

),

icpcs as (

    select * from {{ ref('int_icpcs_timed') }}

),

cin_spells as (

    select * from {{ ref('int_cin_spells_unioned') }}

),

cp_plans as (

    select * from {{ ref('int_cp_plans_sequenced') }}

),

family_periods as (

    -- the periods the catalogue asks of the children in need measures, where the
    -- authority's extracts record what they need
    select *
    from measure_periods
    where family = 'children_in_need' and is_recorded

),

-- the distinct windows of those periods: each item below is counted over every one of them,
-- and indicator_counts_completed keeps each measure's own
periods as (

    {{ family_windows('family_periods') }}

),

referral_items as (

    -- every referral in the window, including those ending in no further action
    select
        referrals.la_code,
        'referrals_rate' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join referrals
        on
            periods.la_code = referrals.la_code
            and referrals.referral_date
            between periods.window_start_date and periods.window_end_date

),

s47_items as (

    select
        section47_enquiries.la_code,
        's47_rate' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join section47_enquiries
        on
            periods.la_code = section47_enquiries.la_code
            and section47_enquiries.strategy_discussion_date
            between periods.window_start_date and periods.window_end_date

),

enquiries_with_icpc as (

    select distinct
        la_code,
        s47_id
    from icpcs
    where s47_id is not null

),

s47_to_icpc_items as (

    -- enquiries completed in the window; those with an ICPC linked by s47_id, whenever held
    select
        section47_enquiries.la_code,
        's47_to_icpc_proportion' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        enquiries_with_icpc.s47_id is not null as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join section47_enquiries
        on
            periods.la_code = section47_enquiries.la_code
            and section47_enquiries.completed_date
            between periods.window_start_date and periods.window_end_date
    left join enquiries_with_icpc
        on
            section47_enquiries.la_code = enquiries_with_icpc.la_code
            and section47_enquiries.s47_id = enquiries_with_icpc.s47_id

),

children_in_need_at_snapshot as (

    -- S is the window end: 31 March for a year, R for the Latest
    {{ children_in_need_at_window_end('periods', 'cin_spells') }}

),

cin_items as (

    select
        la_code,
        'cin_rate_incl_cp_lac' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from children_in_need_at_snapshot

    union all

    select
        la_code,
        'cin_rate_excl_cp_lac' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from children_in_need_at_snapshot
    where not is_on_cp_plan and not is_looked_after

),

current_plans_at_snapshot as (

    -- a child's current plan at S: the latest-starting plan open at S
    select
        cp_plans.la_code,
        cp_plans.child_key,
        cp_plans.is_second_or_subsequent,
        periods.report_date,
        periods.period_key,
        periods.period_kind,
        periods.basis,
        {{ days_between('cp_plans.start_date', 'periods.window_end_date') }} as days_on_plan,
        row_number() over (
            partition by
                cp_plans.la_code,
                cp_plans.child_key,
                periods.report_date,
                periods.period_key,
                periods.basis
            order by cp_plans.start_date desc, cp_plans.cp_plan_id desc
        ) as recency_rank
    from periods
    inner join cp_plans
        on
            periods.la_code = cp_plans.la_code
            and {{ is_open_at(
                'cp_plans.start_date', 'cp_plans.end_date', 'periods.window_end_date'
            ) }}

),

children_on_plan_at_snapshot as (

    select *
    from current_plans_at_snapshot
    where recency_rank = 1

),

cp_rate_items as (

    select
        la_code,
        'cp_rate' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from children_on_plan_at_snapshot

),

two_years_plus_items as (

    -- lasted 730 days or more by S ("more than 729 days")
    select
        la_code,
        'cp_plans_two_years_plus' as indicator_id,
        report_date,
        period_key,
        basis,
        days_on_plan >= 730 as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_on_plan_at_snapshot

),

second_plan_latest_items as (

    -- the Latest: children on a plan at R whose current plan is a second or later one
    select
        la_code,
        'cp_second_or_subsequent' as indicator_id,
        report_date,
        period_key,
        basis,
        is_second_or_subsequent as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_on_plan_at_snapshot
    where period_kind != 'year'

),

second_plan_year_items as (

    -- a year: each plan starting in the window (a child can count more than once)
    select
        cp_plans.la_code,
        'cp_second_or_subsequent' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        cp_plans.is_second_or_subsequent as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join cp_plans
        on
            periods.la_code = cp_plans.la_code
            and cp_plans.start_date between periods.window_start_date and periods.window_end_date
    where periods.period_kind = 'year'

),

counted_items as (

    select * from referral_items
    union all
    select * from s47_items
    union all
    select * from s47_to_icpc_items
    union all
    select * from cin_items
    union all
    select * from cp_rate_items
    union all
    select * from two_years_plus_items
    union all
    select * from second_plan_latest_items
    union all
    select * from second_plan_year_items

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
