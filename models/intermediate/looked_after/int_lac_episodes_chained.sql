with

episodes as (

    select * from {{ ref('stg_carefirst__lac_episodes') }}

),

ordered as (

    select
        *,
        lag(end_date) over child_history as previous_end_date,
        row_number() over child_history as episode_number
    from episodes
    window child_history as (
        partition by la_code, child_key
        order by start_date, episode_id
    )

),

flagged as (

    select
        *,
        -- a period of care starts with RNE S, or after a gap since the last episode ended
        -- (an open previous episode, end null, is chained to rather than a gap)
        episode_number = 1
        or coalesce(reason_new_episode = 'S', false)
        or coalesce(start_date > previous_end_date, false) as is_period_start,
        coalesce(legal_status in ('V3', 'V4'), false) as is_short_break
    from ordered

),

placement_flagged as (

    select
        *,
        -- a placement (a carer) starts with the period or with RNE P or B
        is_period_start
        or coalesce(reason_new_episode in ('P', 'B'), false) as is_placement_start
    from flagged

),

numbered as (

    select
        *,
        sum(case when is_period_start then 1 else 0 end)
            over child_running
            as period_of_care_number,
        sum(case when is_placement_start then 1 else 0 end)
            over child_running
            as placement_number
    from placement_flagged
    window child_running as (
        partition by la_code, child_key
        order by episode_number
        rows between unbounded preceding and current row
    )

),

bounded as (

    select
        la_code,
        episode_id,
        child_key,
        start_date,
        end_date,
        reason_new_episode,
        legal_status,
        category_of_need,
        placement_type,
        placement_provider,
        carer_id,
        reason_ceased,
        is_short_break,
        is_period_start,
        is_placement_start,
        period_of_care_number,
        placement_number,
        child_key
        || '-P'
        || cast(period_of_care_number as {{ dbt.type_string() }}) as period_of_care_id,
        child_key
        || '-PL'
        || cast(placement_number as {{ dbt.type_string() }}) as placement_id,
        min(start_date) over period_of_care as period_start_date,
        case
            when count(*) over period_of_care = count(end_date) over period_of_care
                then max(end_date) over period_of_care
        end as period_end_date,
        min(start_date) over placement as placement_start_date,
        case
            when count(*) over placement = count(end_date) over placement
                then max(end_date) over placement
        end as placement_end_date
    from numbered
    window
        period_of_care as (partition by la_code, child_key, period_of_care_number),
        placement as (partition by la_code, child_key, placement_number)

)

select * from bounded
