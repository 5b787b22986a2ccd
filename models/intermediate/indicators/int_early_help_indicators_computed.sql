{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

assessments as (

    select * from {{ ref('int_early_help_assessments_linked') }}

),

star_readings as (

    select * from {{ ref('stg_eclipse__outcome_star_readings') }}

),

referrals as (

    select * from {{ ref('stg_carefirst__referrals') }}

),

cases as (

    select * from {{ ref('int_early_help_cases_judged') }}

),

family_periods as (

    -- the periods the catalogue asks of the early help measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'early_help' and is_recorded

),

-- the distinct windows of those periods: each item below is counted over every one of them,
-- and indicator_counts_completed keeps each measure's own
periods as (

    {{ family_windows('family_periods') }}

),

open_assessments_counted as (

    -- early_help_assessments_rate: assessments open at S, the window's end (started on or
    -- before it, not closed by it: one closed on S is not open)
    select
        periods.la_code,
        'early_help_assessments_rate' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join assessments
        on
            periods.la_code = assessments.la_code
            and {{ is_open_at(
                'assessments.start_date', 'assessments.closed_date', 'periods.window_end_date'
            ) }}

),

assessments_opened as (

    -- assessments started in the window, with the agency measure of their lead agency
    select
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        assessments.is_step_down,
        case assessments.lead_agency
            when 'EARLY_HELP_0_5' then 'eha_opened_early_help_0_5'
            when 'EARLY_HELP_5_18' then 'eha_opened_early_help_5_18'
            when 'SCHOOL' then 'eha_opened_schools'
            when 'MASH' then 'eha_opened_mash'
            when 'OTHER' then 'eha_opened_other'
        end as agency_indicator_id
    from periods
    inner join assessments
        on
            periods.la_code = assessments.la_code
            and assessments.start_date
            between periods.window_start_date and periods.window_end_date

),

opened_counted as (

    -- eha_opened_*: each assessment opened, under its lead agency and in the total (one
    -- with no lead agency recorded in the total only)
    select
        la_code,
        agency_indicator_id as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from assessments_opened
    where agency_indicator_id is not null
    union all
    select
        la_code,
        'eha_opened_total' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from assessments_opened

),

assessments_closed as (

    -- assessments closed in the window
    select
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        assessments.eha_id,
        assessments.is_closed_stepping_up,
        assessments.step_up_referral_id
    from periods
    inner join assessments
        on
            periods.la_code = assessments.la_code
            and assessments.closed_date
            between periods.window_start_date and periods.window_end_date

),

step_up_counted as (

    -- of the assessments closed in the window: those closed because the case stepped up
    -- (closure reason STEP_UP), and those whose child was referred to social care from early
    -- help (source 5D) within 30 days of the closure (int_early_help_assessments_linked)
    select
        la_code,
        'early_help_step_up_to_social_care' as indicator_id,
        report_date,
        period_key,
        basis,
        is_closed_stepping_up as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from assessments_closed
    union all
    select
        la_code,
        'early_help_step_up_referrals_within_30_days' as indicator_id,
        report_date,
        period_key,
        basis,
        step_up_referral_id is not null as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from assessments_closed

),

step_down_counted as (

    -- social_care_step_down_to_early_help: assessments opened in the window on step-down
    -- from social care (numerator) over children in need episodes closed in the window (the
    -- denominator: CareFirst referrals not ending in no further action)
    select
        la_code,
        'social_care_step_down_to_early_help' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount
    from assessments_opened
    where is_step_down
    union all
    select
        periods.la_code,
        'social_care_step_down_to_early_help' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        false as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from periods
    inner join referrals
        on
            periods.la_code = referrals.la_code
            and referrals.closure_date
            between periods.window_start_date and periods.window_end_date
    where not coalesce(referrals.is_nfa, false)

),

star_readings_ordered as (

    -- each assessment's readings on each version of the Star, first and last
    select
        la_code,
        eha_id,
        star_version,
        reading_id,
        reading_date,
        total_score,
        row_number() over (
            partition by la_code, eha_id, star_version
            order by reading_date, reading_id
        ) as reading_number,
        row_number() over (
            partition by la_code, eha_id, star_version
            order by reading_date desc, reading_id desc
        ) as reading_number_from_last,
        count(*) over (partition by la_code, eha_id, star_version) as version_readings
    from star_readings

),

star_versions_compared as (

    -- per assessment and version read at least twice: the first and last totals, and the
    -- version's rank by its last reading (1: the version read last)
    select
        la_code,
        eha_id,
        star_version,
        max(case when reading_number = 1 then total_score end) as first_total,
        max(case when reading_number_from_last = 1 then total_score end) as last_total,
        row_number() over (
            partition by la_code, eha_id
            order by
                max(reading_date) desc,
                max(case when reading_number_from_last = 1 then reading_id end) desc
        ) as version_rank
    from star_readings_ordered
    where version_readings >= 2
    group by 1, 2, 3

),

star_counted as (

    -- early_help_outcome_star_improved: assessments closed in the window with two readings
    -- of a version, improved when the last total of the version read last is above its first
    select
        assessments_closed.la_code,
        'early_help_outcome_star_improved' as indicator_id,
        assessments_closed.report_date,
        assessments_closed.period_key,
        assessments_closed.basis,
        star_versions_compared.last_total > star_versions_compared.first_total
            as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from assessments_closed
    inner join star_versions_compared
        on
            assessments_closed.la_code = star_versions_compared.la_code
            and assessments_closed.eha_id = star_versions_compared.eha_id
            and star_versions_compared.version_rank = 1

),

funding_counted as (

    -- two_year_funding_take_up: the eligible children of the term, judged in the case model
    {{ indicator_cases_counted('cases') }}

),

counted_items as (

    select * from open_assessments_counted
    union all
    select * from opened_counted
    union all
    select * from step_up_counted
    union all
    select * from step_down_counted
    union all
    select * from star_counted
    union all
    select * from funding_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
