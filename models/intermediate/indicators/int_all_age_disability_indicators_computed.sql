{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

cin_spells as (

    select * from {{ ref('int_cin_spells_unioned') }}

),

child_disabilities as (

    select * from {{ ref('stg_carefirst__child_disabilities') }}

),

short_breaks as (

    select * from {{ ref('stg_carefirst__short_breaks') }}

),

sen_plans as (

    select * from {{ ref('stg_education__sen_plans') }}

),

cases as (

    select * from {{ ref('int_all_age_disability_cases_judged') }}

),

family_periods as (

    -- the periods the catalogue asks of the all-age disability measures, where the
    -- authority's extracts record what they need
    select *
    from measure_periods
    where family = 'all_age_disability' and is_recorded

),

-- the distinct windows of those periods: each item below is counted over every one of them,
-- and indicator_counts_completed keeps each measure's own
periods as (

    {{ family_windows('family_periods') }}

),

children_in_need_at_snapshot as (

    -- the children in need at S, as the Children in Need section counts them
    {{ children_in_need_at_window_end('periods', 'cin_spells') }}

),

disabled_children as (

    -- children with any disability recorded (a code other than NONE), once however many
    select distinct
        la_code,
        child_key
    from child_disabilities
    where disability_code != 'NONE'

),

disability_counted as (

    -- cin_with_disability: children in need at S (on a plan or looked after included), of
    -- whom those with a disability
    select
        children_in_need_at_snapshot.la_code,
        'cin_with_disability' as indicator_id,
        children_in_need_at_snapshot.report_date,
        children_in_need_at_snapshot.period_key,
        children_in_need_at_snapshot.basis,
        disabled_children.child_key is not null as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from children_in_need_at_snapshot
    left join disabled_children
        on
            children_in_need_at_snapshot.la_code = disabled_children.la_code
            and children_in_need_at_snapshot.child_key = disabled_children.child_key

),

breaks_started as (

    -- short breaks starting in the window
    select
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        short_breaks.break_id,
        short_breaks.break_type,
        short_breaks.child_key
    from periods
    inner join short_breaks
        on
            periods.la_code = short_breaks.la_code
            and short_breaks.start_date
            between periods.window_start_date and periods.window_end_date

),

children_with_breaks as (

    select distinct
        la_code,
        report_date,
        period_key,
        basis,
        child_key
    from breaks_started

),

breaks_counted as (

    -- short_breaks: every break; short_breaks_<type>: the breaks of each type of the
    -- contract's list; short_break_children: the children who had one, once each
    select
        la_code,
        'short_breaks' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from breaks_started
    union all
    select
        la_code,
        case break_type
            when 'OVERNIGHT' then 'short_breaks_overnight'
            when 'DAY' then 'short_breaks_day'
            when 'OTHER' then 'short_breaks_other'
        end as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from breaks_started
    where break_type in ('OVERNIGHT', 'DAY', 'OTHER')
    union all
    select
        la_code,
        'short_break_children' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from children_with_breaks

),

children_with_plan_in_force as (

    -- children_with_statement, children_with_ehcp: children with a plan of the kind in force
    -- at S (issued on or before it, not ceased by it), once each
    select distinct
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        sen_plans.child_key,
        case sen_plans.plan_type
            when 'STATEMENT' then 'children_with_statement'
            when 'EHCP' then 'children_with_ehcp'
        end as indicator_id
    from periods
    inner join sen_plans
        on
            periods.la_code = sen_plans.la_code
            and {{ is_open_at(
                'sen_plans.issued_date', 'sen_plans.ceased_date', 'periods.window_end_date'
            ) }}

),

plans_counted as (

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from children_with_plan_in_force

),

cases_counted as (

    -- statements_ehcp_transfer_review, ehcp_within_20_weeks_*, transition_plans_age_14:
    -- judged in the case model, one item per counted unit
    {{ indicator_cases_counted('cases') }}

),

counted_items as (

    select * from disability_counted
    union all
    select * from breaks_counted
    union all
    select * from plans_counted
    union all
    select * from cases_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
