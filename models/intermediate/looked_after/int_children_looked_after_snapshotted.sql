{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

episodes as (

    select * from {{ ref('int_lac_episodes_chained') }}

),

children as (

    select * from {{ ref('stg_carefirst__children') }}

),

snapshot_dates as (

    -- snapshot measures are taken at the window's end: 31 March for a year, R for Latest;
    -- at the periods the catalogue asks of the looked after measures
    select distinct
        report_date,
        period_key,
        basis,
        window_end_date as snapshot_date
    from measure_periods
    where family = 'looked_after_children'

),

placements as (

    select distinct
        la_code,
        child_key,
        placement_id,
        placement_number,
        placement_start_date,
        placement_end_date
    from episodes

),

placements_sequenced as (

    select
        *,
        lag(placement_start_date) over (
            partition by la_code, child_key
            order by placement_number
        ) as previous_placement_start_date
    from placements

),

open_episodes_ranked as (

    -- the episodes open at S that are not a short break (V3, V4), the child's latest first
    select
        snapshot_dates.report_date,
        snapshot_dates.period_key,
        snapshot_dates.basis,
        snapshot_dates.snapshot_date,
        episodes.la_code,
        episodes.child_key,
        episodes.episode_id,
        episodes.period_of_care_id,
        episodes.period_start_date,
        episodes.placement_id,
        episodes.placement_start_date,
        episodes.legal_status,
        episodes.placement_type,
        episodes.placement_provider,
        row_number() over (
            partition by
                snapshot_dates.report_date,
                snapshot_dates.period_key,
                snapshot_dates.basis,
                episodes.la_code,
                episodes.child_key
            order by episodes.start_date desc, episodes.episode_id desc
        ) as latest_open_episode_rank
    from snapshot_dates
    inner join episodes
        on {{ is_open_at(
            'episodes.start_date', 'episodes.end_date', 'snapshot_dates.snapshot_date'
        ) }}
    where not episodes.is_short_break

),

looked_after_at_snapshot as (

    -- looked after at S: the child's latest episode open at S that is not a short break
    select
        report_date,
        period_key,
        basis,
        snapshot_date,
        la_code,
        child_key,
        episode_id,
        period_of_care_id,
        period_start_date,
        placement_id,
        placement_start_date,
        legal_status,
        placement_type,
        placement_provider
    from open_episodes_ranked
    where latest_open_episode_rank = 1

),

recent_placements_counted as (

    -- the child's placements overlapping (S - 2 years, S]: started by S and not ended by
    -- S - 2 years
    select
        looked_after_at_snapshot.report_date,
        looked_after_at_snapshot.period_key,
        looked_after_at_snapshot.basis,
        looked_after_at_snapshot.la_code,
        looked_after_at_snapshot.child_key,
        count(*) as recent_placement_count
    from looked_after_at_snapshot
    inner join placements
        on
            looked_after_at_snapshot.la_code = placements.la_code
            and looked_after_at_snapshot.child_key = placements.child_key
            and {{ is_open_during(
                'placements.placement_start_date',
                'placements.placement_end_date',
                add_years('looked_after_at_snapshot.snapshot_date', -2),
                'looked_after_at_snapshot.snapshot_date'
            ) }}
    group by 1, 2, 3, 4, 5

),

enriched as (

    select
        looked_after_at_snapshot.*,
        placements_sequenced.previous_placement_start_date,
        children.date_of_birth,
        {{ add_years('looked_after_at_snapshot.snapshot_date', -2) }} as two_years_before_date,
        {{ add_months('looked_after_at_snapshot.snapshot_date', -30) }}
            as thirty_months_before_date,
        coalesce(recent_placements_counted.recent_placement_count, 0)
            as recent_placement_count
    from looked_after_at_snapshot
    left join placements_sequenced
        on
            looked_after_at_snapshot.la_code = placements_sequenced.la_code
            and looked_after_at_snapshot.placement_id = placements_sequenced.placement_id
    left join children
        on
            looked_after_at_snapshot.la_code = children.la_code
            and looked_after_at_snapshot.child_key = children.child_key
    left join recent_placements_counted
        on
            looked_after_at_snapshot.report_date = recent_placements_counted.report_date
            and looked_after_at_snapshot.period_key = recent_placements_counted.period_key
            and looked_after_at_snapshot.basis = recent_placements_counted.basis
            and looked_after_at_snapshot.la_code = recent_placements_counted.la_code
            and looked_after_at_snapshot.child_key = recent_placements_counted.child_key

),

flagged as (

    select
        report_date,
        period_key,
        basis,
        snapshot_date,
        la_code,
        child_key,
        episode_id,
        period_of_care_id,
        period_start_date,
        placement_id,
        placement_start_date,
        previous_placement_start_date,
        legal_status,
        placement_type,
        placement_provider,
        {{ month_start('date_of_birth') }} as birth_month,
        recent_placement_count,
        period_start_date <= two_years_before_date as is_looked_after_2_years_plus,
        recent_placement_count < 3 as has_fewer_than_3_recent_placements,
        -- long-term stability cohort: under 16 at S, in care since S - 30 months or earlier
        coalesce(
            {{ add_years('date_of_birth', 16) }} > snapshot_date
            and period_start_date <= thirty_months_before_date,
            false
        ) as is_long_term_stability_cohort,
        coalesce(
            placement_start_date <= two_years_before_date
            or (
                placement_type in ('A3', 'A4', 'A5', 'A6')
                and previous_placement_start_date <= two_years_before_date
            ),
            false
        ) as is_in_long_term_placement,
        coalesce(
            placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
            and placement_provider = 'PR1',
            false
        ) as is_in_house_foster_placement,
        coalesce(
            placement_type = 'P1' and legal_status in ('C1', 'C2'),
            false
        ) as is_placed_with_parents_on_care_order
    from enriched

)

select * from flagged
