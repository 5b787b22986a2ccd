{#-
    Each missing or away episode with what the CSE & Missing measures ask of it
    (docs/design.md, "CSE & Missing, Domestic Violence, FGM"): whether it is counted (missing,
    not away, of a child the authority is responsible for), the child's status when it began
    (looked after, else on a CP plan or in need, else not known to social care) and the return
    home interview's timing against the 72 hours after the return.
-#}

with

episodes as (

    select * from {{ ref('stg_carefirst__missing_episodes') }}

),

cin_spells as (

    select * from {{ ref('int_cin_spells_unioned') }}

),

episodes_dated as (

    select
        *,
        cast(start_datetime as date) as start_date,
        cast(end_datetime as date) as end_date,
        {{ dbt.dateadd('hour', 72, 'end_datetime') }} as rhi_due_datetime
    from episodes

),

statuses_at_start as (

    -- the spells of social care open on the day the episode began (start <= day, end null or
    -- after it): a period of care (short breaks excluded), a CP plan, a referral not ended in
    -- no further action
    select
        episodes_dated.la_code,
        episodes_dated.missing_episode_id,
        {{ dbt.bool_or("cin_spells.spell_type = 'looked_after'") }} as is_looked_after,
        {{ dbt.bool_or("cin_spells.spell_type in ('cp_plan', 'referral')") }} as is_cin_or_cp
    from episodes_dated
    inner join cin_spells
        on
            episodes_dated.la_code = cin_spells.la_code
            and episodes_dated.child_key = cin_spells.child_key
            and {{ is_open_at(
                'cin_spells.start_date', 'cin_spells.end_date', 'episodes_dated.start_date'
            ) }}
    group by 1, 2

),

classified as (

    select
        episodes_dated.la_code,
        episodes_dated.missing_episode_id,
        episodes_dated.child_key,
        episodes_dated.missing_type,
        episodes_dated.start_datetime,
        episodes_dated.start_date,
        episodes_dated.end_datetime,
        episodes_dated.end_date,
        episodes_dated.rhi_due_datetime,
        episodes_dated.is_rhi_offered,
        episodes_dated.rhi_offered_datetime,
        episodes_dated.rhi_datetime,
        episodes_dated.is_rhi_accepted,
        -- a child another authority placed here is that authority's to report
        coalesce(episodes_dated.responsible_la_code, episodes_dated.la_code)
        = episodes_dated.la_code as is_responsible,
        episodes_dated.missing_type = 'M'
        and coalesce(episodes_dated.responsible_la_code, episodes_dated.la_code)
        = episodes_dated.la_code as is_counted,
        case
            when coalesce(statuses_at_start.is_looked_after, false) then 'lac'
            when coalesce(statuses_at_start.is_cin_or_cp, false) then 'cin_cp'
            else 'not_known_to_social_care'
        end as child_status,
        -- offered within 72 hours of the return (72 hours exactly counts)
        coalesce(
            episodes_dated.is_rhi_offered
            and episodes_dated.rhi_offered_datetime <= episodes_dated.rhi_due_datetime,
            false
        ) as is_rhi_offered_within_72_hours,
        coalesce(
            episodes_dated.rhi_datetime <= episodes_dated.rhi_due_datetime, false
        ) as is_rhi_held_within_72_hours
    from episodes_dated
    left join statuses_at_start
        on
            episodes_dated.la_code = statuses_at_start.la_code
            and episodes_dated.missing_episode_id = statuses_at_start.missing_episode_id

),

interviews_judged as (

    -- why an ended episode had no interview within 72 hours, first match: none offered (or
    -- no time of the offer), declined, held late, or offered and accepted but not held
    select
        *,
        case
            when end_datetime is null or is_rhi_held_within_72_hours then null
            when not coalesce(is_rhi_offered, false) or rhi_offered_datetime is null
                then 'not_offered'
            when not coalesce(is_rhi_accepted, true) then 'declined'
            when rhi_datetime is not null then 'late'
            else 'not_held'
        end as rhi_missed_reason_code
    from classified

)

select * from interviews_judged
