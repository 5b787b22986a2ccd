{{ config(materialized='table') }}

with

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

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

indicators as (

    -- rates take the population as denominator in the marts: null here
    select
        indicator_list.indicator_id,
        indicator_list.has_denominator
    from (
        values
        ('referrals_rate', false),
        ('cin_rate_excl_cp_lac', false),
        ('cin_rate_incl_cp_lac', false),
        ('s47_rate', false),
        ('s47_to_icpc_proportion', true),
        ('cp_rate', false),
        ('cp_second_or_subsequent', true),
        ('cp_plans_two_years_plus', true)
    ) as indicator_list (indicator_id, has_denominator)

),

la_codes as (

    -- the run's authority, and any other authority found in pooled extracts
    select '{{ var("la_code") }}' as la_code
    union
    select la_code from referrals
    union
    select la_code from section47_enquiries
    union
    select la_code from cin_spells

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
        false as is_in_denominator
    from periods
    inner join referrals
        on referrals.referral_date between periods.window_start_date and periods.window_end_date

),

s47_items as (

    select
        section47_enquiries.la_code,
        's47_rate' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        true as is_in_numerator,
        false as is_in_denominator
    from periods
    inner join section47_enquiries
        on
            section47_enquiries.strategy_discussion_date
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
        true as is_in_denominator
    from periods
    inner join section47_enquiries
        on
            section47_enquiries.completed_date
            between periods.window_start_date and periods.window_end_date
    left join enquiries_with_icpc
        on
            section47_enquiries.la_code = enquiries_with_icpc.la_code
            and section47_enquiries.s47_id = enquiries_with_icpc.s47_id

),

children_in_need_at_snapshot as (

    -- S is the window end: 31 March for a year, R for the Latest
    select
        cin_spells.la_code,
        cin_spells.child_key,
        periods.report_date,
        periods.period_key,
        periods.basis,
        bool_or(cin_spells.spell_type = 'cp_plan') as is_on_cp_plan,
        bool_or(cin_spells.spell_type = 'looked_after') as is_looked_after
    from periods
    inner join cin_spells
        on {{ is_open_at(
            'cin_spells.start_date', 'cin_spells.end_date', 'periods.window_end_date'
        ) }}
    group by 1, 2, 3, 4, 5

),

cin_items as (

    select
        la_code,
        'cin_rate_incl_cp_lac' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator
    from children_in_need_at_snapshot

    union all

    select
        la_code,
        'cin_rate_excl_cp_lac' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator
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
        periods.basis,
        periods.window_end_date - cp_plans.start_date as days_on_plan,
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
        on {{ is_open_at('cp_plans.start_date', 'cp_plans.end_date', 'periods.window_end_date') }}

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
        false as is_in_denominator
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
        true as is_in_denominator
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
        true as is_in_denominator
    from children_on_plan_at_snapshot
    where basis != 'financial_year'

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
        true as is_in_denominator
    from periods
    inner join cp_plans
        on cp_plans.start_date between periods.window_start_date and periods.window_end_date
    where periods.basis = 'financial_year'

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

    {{ indicator_counts_completed('counted_items', 'periods', 'la_codes', 'indicators') }}

)

select * from indicator_counts
