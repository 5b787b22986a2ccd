{{ config(materialized='table') }}

with

permanence_records as (

    select * from {{ ref('stg_carefirst__permanence_records') }}

),

lac_episodes as (

    select * from {{ ref('int_lac_episodes_chained') }}

),

periods_of_care as (

    select distinct
        la_code,
        child_key,
        period_of_care_id,
        period_start_date
    from lac_episodes

),

adopted as (

    -- an adoption order and a date placed for adoption: the adoption scorecard's children
    select * from permanence_records
    where
        adoption_order_date is not null
        and placed_for_adoption_date is not null

),

period_candidates as (

    -- the period of care that ended in the adoption: the child's latest period of care
    -- starting on or before the date placed for adoption (an earlier period is not counted)
    select
        adopted.la_code,
        adopted.permanence_id,
        adopted.child_key,
        adopted.adoption_order_date,
        adopted.placed_for_adoption_date,
        adopted.placement_order_date,
        adopted.matched_date,
        adopted.is_adopted_by_foster_carer,
        adopted.foster_carer_placement_date,
        periods_of_care.period_of_care_id,
        periods_of_care.period_start_date,
        row_number() over (
            partition by adopted.la_code, adopted.permanence_id
            order by periods_of_care.period_start_date desc
        ) as period_rank
    from adopted
    inner join periods_of_care
        on
            adopted.la_code = periods_of_care.la_code
            and adopted.child_key = periods_of_care.child_key
            and adopted.placed_for_adoption_date >= periods_of_care.period_start_date

),

period_matched as (

    select * from period_candidates
    where period_rank = 1

),

clock_stopped as (

    -- A10's clock stops when a child adopted by their foster carers moved in with them as
    -- foster carers, if that was before the date placed for adoption (not before the
    -- period's start)
    select
        *,
        case
            when
                coalesce(is_adopted_by_foster_carer, false)
                and foster_carer_placement_date < placed_for_adoption_date
                then greatest(foster_carer_placement_date, period_start_date)
            else placed_for_adoption_date
        end as foster_carer_clock_stop_date
    from period_matched

),

timed as (

    select
        la_code,
        permanence_id,
        child_key,
        period_of_care_id,
        period_start_date,
        placement_order_date,
        matched_date,
        placed_for_adoption_date,
        adoption_order_date,
        coalesce(is_adopted_by_foster_carer, false) as is_adopted_by_foster_carer,
        foster_carer_clock_stop_date,
        {{ days_between('period_start_date', 'placed_for_adoption_date') }}
            as days_to_placement,
        {{ days_between('period_start_date', 'foster_carer_clock_stop_date') }}
            as days_to_placement_foster_carer,
        -- strictly less than 14 calendar months after the period's start
        placed_for_adoption_date < {{ add_months('period_start_date', 14) }}
            as is_placed_within_14_months,
        -- A2's children: a placement order, a match, placed before the adoption order
        coalesce(
            placement_order_date is not null
            and matched_date is not null
            and placed_for_adoption_date < adoption_order_date,
            false
        ) as is_in_order_to_match_cohort,
        case
            when
                placement_order_date is not null
                and matched_date is not null
                and placed_for_adoption_date < adoption_order_date
                then greatest(
                    {{ days_between('placement_order_date', 'matched_date') }}, 0
                )
        end as days_order_to_match
    from clock_stopped

)

select * from timed
