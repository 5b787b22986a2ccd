{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

missing_episodes as (

    select * from {{ ref('int_missing_episodes_classified') }}

),

children_at_risk as (

    select * from {{ ref('int_children_cse_risk_snapshotted') }}

),

screenings as (

    select * from {{ ref('stg_carefirst__cse_screenings') }}

),

mase_discussions as (

    select * from {{ ref('stg_carefirst__mase_discussions') }}

),

marac_referrals as (

    select * from {{ ref('int_marac_referrals_sequenced') }}

),

assessments as (

    select * from {{ ref('stg_carefirst__assessments') }}

),

assessment_factors as (

    select * from {{ ref('stg_carefirst__assessment_factors') }}

),

cases as (

    select * from {{ ref('int_cse_missing_dv_fgm_cases_judged') }}

),

family_periods as (

    -- the periods the catalogue asks of the section's measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'cse_missing_dv_fgm' and is_recorded

),

windows as (

    {{ family_windows('family_periods') }}

),

episodes_started as (

    -- missing episodes (not away) of the authority's own children starting in the window:
    -- the start time's day is in it (23:59 on a month's last day is that month)
    select
        windows.la_code,
        windows.report_date,
        windows.period_key,
        windows.basis,
        missing_episodes.missing_episode_id,
        missing_episodes.child_key,
        missing_episodes.child_status
    from windows
    inner join missing_episodes
        on
            windows.la_code = missing_episodes.la_code
            and missing_episodes.is_counted
            and missing_episodes.start_date
            between windows.window_start_date and windows.window_end_date

),

incidents_counted as (

    -- every episode, in the total and in its child's status at the start
    select
        la_code,
        'missing_incidents_all' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from episodes_started

    union all

    select
        la_code,
        case child_status
            when 'lac' then 'missing_incidents_lac'
            when 'cin_cp' then 'missing_incidents_cin_cp'
            when 'not_known_to_social_care' then 'missing_incidents_not_known_to_social_care'
        end as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from episodes_started

),

young_people_counted as (

    -- each child once in the total, and once in each status they went missing in (a child
    -- missing while looked after and again after care ended is in both splits)
    select distinct
        la_code,
        'missing_young_people_all' as indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from episodes_started

    union

    select distinct
        la_code,
        case child_status
            when 'lac' then 'missing_young_people_lac'
            when 'cin_cp' then 'missing_young_people_cin_cp'
            when 'not_known_to_social_care' then 'missing_young_people_not_known_to_social_care'
        end as indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from episodes_started

),

-- episodes ending in the window (the return's day in it; an episode still open is in no
-- window), of which those offered a return home interview within 72 hours
offers_counted as (

    {{ events_counted_in_windows(
        'rhi_within_72_hours_episodes', 'missing_episodes', 'end_date',
        in_numerator='missing_episodes.is_rhi_offered_within_72_hours',
        condition='missing_episodes.is_counted'
    ) }}

),

at_risk_counted as (

    -- children at risk of sexual exploitation at the window's end
    select
        windows.la_code,
        'cse_at_risk' as indicator_id,
        windows.report_date,
        windows.period_key,
        windows.basis,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from windows
    inner join children_at_risk
        on
            windows.la_code = children_at_risk.la_code
            and windows.window_end_date = children_at_risk.snapshot_date

),

meetings_held as (

    select distinct
        windows.la_code,
        windows.report_date,
        windows.period_key,
        windows.basis,
        mase_discussions.meeting_id
    from windows
    inner join mase_discussions
        on
            windows.la_code = mase_discussions.la_code
            and mase_discussions.meeting_date
            between windows.window_start_date and windows.window_end_date

),

meetings_counted as (

    select
        la_code,
        'mase_meetings' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from meetings_held

),

discussions_ordered as (

    -- each child's discussions in the window, first and latest by date (then meeting id)
    select
        windows.la_code,
        windows.report_date,
        windows.period_key,
        windows.basis,
        mase_discussions.child_key,
        case mase_discussions.risk_level
            when 'LOW' then 1 when 'MEDIUM' then 2 when 'HIGH' then 3
        end as risk_rank,
        row_number() over (
            partition by
                windows.la_code,
                windows.report_date,
                windows.period_key,
                windows.basis,
                mase_discussions.child_key
            order by mase_discussions.meeting_date, mase_discussions.meeting_id
        ) as discussion_number,
        count(*) over (
            partition by
                windows.la_code,
                windows.report_date,
                windows.period_key,
                windows.basis,
                mase_discussions.child_key
        ) as discussions_in_window
    from windows
    inner join mase_discussions
        on
            windows.la_code = mase_discussions.la_code
            and mase_discussions.meeting_date
            between windows.window_start_date and windows.window_end_date

),

risk_levels_compared as (

    -- children discussed at least twice in the window: their first and latest risk levels
    select
        la_code,
        report_date,
        period_key,
        basis,
        child_key,
        max(case when discussion_number = 1 then risk_rank end) as first_risk_rank,
        max(case when discussion_number = discussions_in_window then risk_rank end)
            as latest_risk_rank
    from discussions_ordered
    where discussions_in_window >= 2
    group by 1, 2, 3, 4, 5

),

risk_reduction_counted as (

    -- reduced: the latest risk level below the first (LOW < MEDIUM < HIGH)
    select
        la_code,
        'cse_risk_reduced' as indicator_id,
        report_date,
        period_key,
        basis,
        coalesce(latest_risk_rank < first_risk_rank, false) as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from risk_levels_compared

),

-- Barnardo's joint screening tool uses in the window (whatever risk they found)
screenings_counted as (

    {{ events_counted_in_windows(
        'barnardos_jst_screenings', 'screenings', 'screening_date',
        condition="screenings.tool = 'BARNARDOS_JST'"
    ) }}

),

-- referrals to MARAC in the window, repeats included
referrals_counted as (

    {{ events_counted_in_windows('marac_referrals', 'marac_referrals', 'referral_date') }}

),

fgm_assessments as (

    -- assessments completed (authorised) in the window whose factors include 22A, female
    -- genital mutilation
    select distinct
        windows.la_code,
        windows.report_date,
        windows.period_key,
        windows.basis,
        assessments.assessment_id,
        assessments.child_key
    from windows
    inner join assessments
        on
            windows.la_code = assessments.la_code
            and assessments.authorised_date
            between windows.window_start_date and windows.window_end_date
    inner join assessment_factors
        on
            assessments.la_code = assessment_factors.la_code
            and assessments.assessment_id = assessment_factors.assessment_id
            and assessment_factors.factor_code = '22A'

),

fgm_children as (

    select distinct
        la_code,
        report_date,
        period_key,
        basis,
        child_key
    from fgm_assessments

),

fgm_counted as (

    select
        la_code,
        'fgm_assessments_identified' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from fgm_assessments

    union all

    select
        la_code,
        'fgm_children_identified' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from fgm_children

),

passing_cases as (

    select * from cases
    where indicator_id != 'marac_repeat_referrals'

),

repeat_cases as (

    select * from cases
    where indicator_id = 'marac_repeat_referrals'

),

passing_cases_counted as (

    {{ indicator_cases_counted('passing_cases') }}

),

repeat_cases_counted as (

    {{ indicator_cases_counted('repeat_cases', failing_in_numerator=true) }}

),

counted_items as (

    select * from incidents_counted
    union all
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        is_in_numerator,
        is_in_denominator,
        numerator_amount
    from young_people_counted
    union all
    select * from offers_counted
    union all
    select * from at_risk_counted
    union all
    select * from meetings_counted
    union all
    select * from risk_reduction_counted
    union all
    select * from screenings_counted
    union all
    select * from referrals_counted
    union all
    select * from fgm_counted
    union all
    select * from passing_cases_counted
    union all
    select * from repeat_cases_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
