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

marac_referrals as (

    select * from {{ ref('int_marac_referrals_sequenced') }}

),

periods as (

    -- each measure's own periods, where the authority's extracts record what it needs: a
    -- measure is judged only over the periods it is computed for, so its failing records are
    -- exactly its exception list
    select *
    from measure_periods
    where family = 'cse_missing_dv_fgm' and is_recorded

),

interview_cases as (

    -- rhi_within_72_hours_interviews: each missing episode of the authority's own children
    -- ending in the window, failing without an interview within 72 hours of the return, with
    -- why: not offered, declined, held late, or not held
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        missing_episodes.child_key,
        missing_episodes.missing_episode_id as counted_unit_id,
        'missing_episode' as record_type,
        missing_episodes.missing_episode_id as record_id,
        not missing_episodes.is_rhi_held_within_72_hours as is_failing,
        missing_episodes.end_date as event_date,
        cast(missing_episodes.rhi_due_datetime as date) as due_date,
        cast(null as integer) as working_days,
        cast(
            case
                when missing_episodes.rhi_datetime is not null
                    then {{ days_between(
                        'missing_episodes.end_date',
                        'cast(missing_episodes.rhi_datetime as date)'
                    ) }}
            end
            as integer
        ) as days_elapsed,
        missing_episodes.rhi_missed_reason_code as reason_code,
        case missing_episodes.rhi_missed_reason_code
            when 'not_offered'
                then
                    'No return home interview offered after the return at '
                    || {{ as_text('missing_episodes.end_datetime') }}
            when 'declined'
                then
                    'The child declined the return home interview offered after the return at '
                    || {{ as_text('missing_episodes.end_datetime') }}
            when 'late'
                then
                    'Return home interview held at '
                    || {{ as_text('missing_episodes.rhi_datetime') }}
                    || ', more than 72 hours after the return at '
                    || {{ as_text('missing_episodes.end_datetime') }}
            when 'not_held'
                then
                    'Return home interview offered but not held after the return at '
                    || {{ as_text('missing_episodes.end_datetime') }}
        end as reason
    from periods
    inner join missing_episodes
        on
            periods.la_code = missing_episodes.la_code
            and missing_episodes.is_counted
            and missing_episodes.end_date
            between periods.window_start_date and periods.window_end_date
    where periods.indicator_id = 'rhi_within_72_hours_interviews'

),

high_risk_cases as (

    -- cse_high_risk_discussed_at_mase: each child at high risk at the window's end (latest
    -- screening in the 12 months to it at HIGH), failing when not discussed at MASE in those
    -- 12 months
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        children_at_risk.child_key,
        children_at_risk.child_key as counted_unit_id,
        'cse_screening' as record_type,
        children_at_risk.screening_id as record_id,
        children_at_risk.latest_mase_meeting_date is null as is_failing,
        children_at_risk.screening_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(
            {{ days_between('children_at_risk.screening_date', 'periods.window_end_date') }}
            as integer
        ) as days_elapsed,
        case
            when children_at_risk.latest_mase_meeting_date is null then 'not_discussed_at_mase'
        end as reason_code,
        case
            when children_at_risk.latest_mase_meeting_date is null
                then
                    'Screened at high risk on '
                    || {{ as_text('children_at_risk.screening_date') }}
                    || '; not discussed at MASE in the 12 months to '
                    || {{ as_text('periods.window_end_date') }}
        end as reason
    from periods
    inner join children_at_risk
        on
            periods.la_code = children_at_risk.la_code
            and periods.window_end_date = children_at_risk.snapshot_date
            and children_at_risk.risk_level = 'HIGH'
    where periods.indicator_id = 'cse_high_risk_discussed_at_mase'

),

repeat_referral_cases as (

    -- marac_repeat_referrals: each referral in the window, failing (a repeat, what the
    -- measure counts: low is better) when within 12 months of the victim's previous referral.
    -- Victims are adults: the record names no child
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        cast(null as {{ dbt.type_string() }}) as child_key,
        marac_referrals.referral_id as counted_unit_id,
        'marac_referral' as record_type,
        marac_referrals.referral_id as record_id,
        marac_referrals.is_repeat as is_failing,
        marac_referrals.referral_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(
            {{ days_between(
                'marac_referrals.previous_referral_date', 'marac_referrals.referral_date'
            ) }}
            as integer
        ) as days_elapsed,
        case when marac_referrals.is_repeat then 'repeat_within_12_months' end as reason_code,
        case
            when marac_referrals.is_repeat
                then
                    'Repeat referral: the victim''s previous referral ('
                    || marac_referrals.previous_referral_id
                    || ') was on '
                    || {{ as_text('marac_referrals.previous_referral_date') }}
                    || ', within 12 months'
        end as reason
    from periods
    inner join marac_referrals
        on
            periods.la_code = marac_referrals.la_code
            and marac_referrals.referral_date
            between periods.window_start_date and periods.window_end_date
    where periods.indicator_id = 'marac_repeat_referrals'

),

unioned as (

    select * from interview_cases
    union all
    select * from high_risk_cases
    union all
    select * from repeat_referral_cases

)

select * from unioned
