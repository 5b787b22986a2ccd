{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

episodes as (

    select * from {{ ref('int_lac_episodes_chained') }}

),

allocations as (

    select * from {{ ref('stg_carefirst__worker_allocations') }}

),

snapshot_dates as (

    -- the workforce measures are taken at the window's end (S: 31 March for a year, R for
    -- Latest), over the 12 months to S: (S + 1 day - 12 months) to S
    select distinct
        la_code,
        report_date,
        period_key,
        basis,
        window_end_date as snapshot_date,
        {{ add_months(add_days('window_end_date', 1), -12) }} as lookback_start_date
    from measure_periods
    where family = 'workforce'

),

open_episodes_ranked as (

    -- the episodes open at S that are not a short break (V3, V4), the child's latest first
    select
        snapshot_dates.la_code,
        snapshot_dates.report_date,
        snapshot_dates.period_key,
        snapshot_dates.basis,
        snapshot_dates.snapshot_date,
        snapshot_dates.lookback_start_date,
        episodes.child_key,
        episodes.period_start_date,
        row_number() over (
            partition by
                snapshot_dates.la_code,
                snapshot_dates.report_date,
                snapshot_dates.period_key,
                snapshot_dates.basis,
                episodes.child_key
            order by episodes.start_date desc, episodes.episode_id desc
        ) as latest_open_episode_rank
    from snapshot_dates
    inner join episodes
        on
            snapshot_dates.la_code = episodes.la_code
            and {{ is_open_at(
                'episodes.start_date', 'episodes.end_date', 'snapshot_dates.snapshot_date'
            ) }}
    where not episodes.is_short_break

),

looked_after_at_snapshot as (

    -- looked after at S, with the start of the current period of care
    select
        la_code,
        report_date,
        period_key,
        basis,
        snapshot_date,
        lookback_start_date,
        child_key,
        period_start_date,
        period_start_date <= {{ add_years('snapshot_date', -1) }} as is_looked_after_over_1_year
    from open_episodes_ranked
    where latest_open_episode_rank = 1

),

social_workers_counted as (

    -- distinct social workers whose allocation overlaps the 12 months to S (start <= S, end
    -- null or after the first day): a worker allocated twice counts once, allocations before
    -- care count, a zero-day allocation (end = start) is open on no day and does not
    select
        looked_after_at_snapshot.la_code,
        looked_after_at_snapshot.report_date,
        looked_after_at_snapshot.period_key,
        looked_after_at_snapshot.basis,
        looked_after_at_snapshot.child_key,
        count(distinct allocations.worker_id) as social_worker_count
    from looked_after_at_snapshot
    inner join allocations
        on
            looked_after_at_snapshot.la_code = allocations.la_code
            and looked_after_at_snapshot.child_key = allocations.child_key
            and allocations.worker_role = 'SOCIAL_WORKER'
            and (allocations.end_date is null or allocations.end_date > allocations.start_date)
            and {{ is_open_during(
                'allocations.start_date',
                'allocations.end_date',
                'looked_after_at_snapshot.lookback_start_date',
                'looked_after_at_snapshot.snapshot_date'
            ) }}
    group by 1, 2, 3, 4, 5

),

children_counted as (

    select
        looked_after_at_snapshot.*,
        coalesce(social_workers_counted.social_worker_count, 0) as social_worker_count,
        coalesce(social_workers_counted.social_worker_count, 0) >= 3
            as has_three_plus_social_workers
    from looked_after_at_snapshot
    left join social_workers_counted
        on
            looked_after_at_snapshot.la_code = social_workers_counted.la_code
            and looked_after_at_snapshot.report_date = social_workers_counted.report_date
            and looked_after_at_snapshot.period_key = social_workers_counted.period_key
            and looked_after_at_snapshot.basis = social_workers_counted.basis
            and looked_after_at_snapshot.child_key = social_workers_counted.child_key

)

select * from children_counted
