with

visits as (

    select * from {{ ref('stg_carefirst__lac_visits') }}

),

episodes as (

    select * from {{ ref('int_lac_episodes_chained') }}

),

visits_sequenced as (

    -- the child's previous visit, whatever it was made under
    select
        la_code,
        visit_id,
        child_key,
        visit_date,
        lag(visit_date) over (
            partition by la_code, child_key
            order by visit_date, visit_id
        ) as previous_visit_date
    from visits
    where visit_date is not null

),

open_episodes_ranked as (

    -- the episodes open on the visit date that are not a short break, the latest first
    select
        visits_sequenced.la_code,
        visits_sequenced.visit_id,
        visits_sequenced.child_key,
        visits_sequenced.visit_date,
        visits_sequenced.previous_visit_date,
        episodes.episode_id,
        episodes.period_of_care_id,
        episodes.placement_id,
        episodes.placement_start_date,
        row_number() over (
            partition by visits_sequenced.la_code, visits_sequenced.visit_id
            order by episodes.start_date desc, episodes.episode_id desc
        ) as latest_open_episode_rank
    from visits_sequenced
    inner join episodes
        on
            visits_sequenced.la_code = episodes.la_code
            and visits_sequenced.child_key = episodes.child_key
            and {{ is_open_at(
                'episodes.start_date', 'episodes.end_date', 'visits_sequenced.visit_date'
            ) }}
    where not episodes.is_short_break

),

visits_placed as (

    -- made while the child was looked after: the latest episode open on the visit date that
    -- is not a short break; its placement is the current placement
    select
        la_code,
        visit_id,
        child_key,
        visit_date,
        previous_visit_date,
        episode_id,
        period_of_care_id,
        placement_id,
        placement_start_date
    from open_episodes_ranked
    where latest_open_episode_rank = 1

),

limits_set as (

    -- due within 7 days of the placement's start until a visit is made in it; then within
    -- 42 days of the previous visit in the placement's first 365 days, 91 days after that
    select
        *,
        coalesce(previous_visit_date >= placement_start_date, false)
            as has_visit_since_placement_start,
        {{ days_between('placement_start_date', 'visit_date') }} < 365
            as is_in_placement_first_year
    from visits_placed

),

timed as (

    select
        la_code,
        visit_id,
        child_key,
        visit_date,
        episode_id,
        period_of_care_id,
        placement_id,
        placement_start_date,
        previous_visit_date,
        has_visit_since_placement_start,
        is_in_placement_first_year,
        case
            when has_visit_since_placement_start then previous_visit_date
            else placement_start_date
        end as timed_from_date,
        case
            when not has_visit_since_placement_start then 7
            when is_in_placement_first_year then 42
            else 91
        end as days_allowed
    from limits_set

),

judged as (

    select
        *,
        {{ days_between('timed_from_date', 'visit_date') }} as days_taken,
        {{ days_between('timed_from_date', 'visit_date') }} <= days_allowed as is_on_time
    from timed

)

select * from judged
