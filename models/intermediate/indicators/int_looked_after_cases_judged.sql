{{ config(materialized='table') }}

with

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

lac_reviews as (

    select * from {{ ref('stg_carefirst__lac_reviews') }}

),

lac_visits as (

    select * from {{ ref('int_lac_visits_timed') }}

),

review_slots as (

    select * from {{ ref('int_lac_reviews_scheduled') }}

),

participation_cases as (

    -- reviews held in the window, PN0 (child under 4) excluded; PN1-PN6 pass, no code fails
    select
        lac_reviews.la_code,
        'lac_review_participation' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        lac_reviews.child_key,
        lac_reviews.review_id as counted_unit_id,
        'lac_review' as record_type,
        lac_reviews.review_id as record_id,
        not coalesce(
            lac_reviews.participation_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6'),
            false
        ) as is_failing,
        lac_reviews.review_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(null as integer) as days_elapsed,
        case
            when lac_reviews.participation_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6')
                then null
            when lac_reviews.participation_code is null then 'no_participation_code'
            when lac_reviews.participation_code = 'PN7' then 'did_not_participate'
            else 'unknown_participation_code'
        end as reason_code,
        case
            when lac_reviews.participation_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6')
                then null
            when lac_reviews.participation_code is null
                then 'No participation code recorded for the review'
            when lac_reviews.participation_code = 'PN7'
                then 'The child did not attend and their views were not conveyed (PN7)'
            else format(
                'Participation code {} is not one of PN1-PN6', lac_reviews.participation_code
            )
        end as reason
    from periods
    inner join lac_reviews
        on lac_reviews.review_date between periods.window_start_date and periods.window_end_date
    where lac_reviews.participation_code is distinct from 'PN0'

),

lac_visit_cases as (

    -- visits in the window made while the child was looked after; one not timed fails
    select
        lac_visits.la_code,
        'lac_visits_on_time' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        lac_visits.child_key,
        lac_visits.visit_id as counted_unit_id,
        'lac_visit' as record_type,
        lac_visits.visit_id as record_id,
        not coalesce(lac_visits.is_on_time, false) as is_failing,
        lac_visits.visit_date as event_date,
        cast(lac_visits.timed_from_date + lac_visits.days_allowed as date) as due_date,
        cast(null as integer) as working_days,
        cast(lac_visits.days_taken as integer) as days_elapsed,
        case
            when lac_visits.is_on_time then null
            when lac_visits.days_taken is null then 'not_timed'
            else 'visit_late'
        end as reason_code,
        case
            when lac_visits.is_on_time then null
            when lac_visits.days_taken is null
                then 'The visit could not be timed: no placement start date'
            when not lac_visits.has_visit_since_placement_start
                then format(
                    'First visit in the placement {} days after it started on {} (limit {})',
                    lac_visits.days_taken,
                    lac_visits.placement_start_date,
                    lac_visits.days_allowed
                )
            else format(
                'Visit {} days after the previous one (limit {})',
                lac_visits.days_taken,
                lac_visits.days_allowed
            )
        end as reason
    from periods
    inner join lac_visits
        on lac_visits.visit_date between periods.window_start_date and periods.window_end_date

),

review_slots_windowed as (

    -- as at the end of the window's last day: a slot is in the window if its review was held
    -- in it, or if it is unheld by then (its predecessor held), due in the window, and the
    -- period was still open on the due date; such an unheld slot's due date has passed, so
    -- it is late (a review due on the window's last day and not held that day is late)
    select
        review_slots.*,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_end_date,
        coalesce(
            review_slots.review_date
            between periods.window_start_date and periods.window_end_date,
            false
        ) as is_held_in_window
    from periods
    inner join review_slots
        on
            review_slots.review_date
            between periods.window_start_date and periods.window_end_date
            or (
                coalesce(periods.window_end_date < review_slots.review_date, true)
                and coalesce(periods.window_end_date >= review_slots.previous_review_date, true)
                and review_slots.due_date
                between periods.window_start_date and periods.window_end_date
                and review_slots.is_period_open_on_due_date
            )

),

review_slots_judged as (

    select
        *,
        not is_held_in_window or coalesce(is_held_late, false) as is_failing
    from review_slots_windowed

),

review_cases as (

    -- one strike and out: a child passes when none of its slots in the window is late
    select
        la_code,
        'lac_reviews_on_time' as indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        child_key as counted_unit_id,
        case when is_held_in_window then 'lac_review' else 'review_slot' end as record_type,
        case when is_held_in_window then review_id else review_slot_id end as record_id,
        is_failing,
        case when is_held_in_window then review_date end as event_date,
        due_date,
        cast(null as integer) as working_days,
        cast(
            case when is_held_in_window then review_date else window_end_date end - due_date
            as integer
        ) as days_elapsed,
        case
            when not is_failing then null
            when is_held_in_window then 'review_held_late'
            else 'review_not_held'
        end as reason_code,
        case
            when not is_failing then null
            when is_held_in_window then format('Review due {} held {}', due_date, review_date)
            else format(
                'Review due {} not held by {}{}',
                due_date,
                window_end_date,
                coalesce(' (held ' || cast(review_date as varchar) || ')', '')
            )
        end as reason
    from review_slots_judged

),

unioned as (

    select * from participation_cases
    union all
    select * from lac_visit_cases
    union all
    select * from review_cases

)

select * from unioned
