{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

lac_visits as (

    select * from {{ ref('int_lac_visits_timed') }}

),

review_slots as (

    select * from {{ ref('int_lac_reviews_scheduled') }}

),

periods as (

    -- each measure's own periods (int_indicator_periods_listed), where the authority's
    -- extracts record what it needs: a measure is judged only over the periods it is
    -- computed for, so its failing records are exactly its exception list
    select *
    from measure_periods
    where family = 'looked_after_children' and is_recorded

),

lac_visit_cases as (

    -- visits in the window made while the child was looked after; one not timed fails
    select
        lac_visits.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        lac_visits.child_key,
        lac_visits.visit_id as counted_unit_id,
        'lac_visit' as record_type,
        lac_visits.visit_id as record_id,
        not coalesce(lac_visits.is_on_time, false) as is_failing,
        lac_visits.visit_date as event_date,
        {{ add_days('lac_visits.timed_from_date', 'lac_visits.days_allowed') }} as due_date,
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
                then
                    'First visit in the placement '
                    || {{ as_text('lac_visits.days_taken') }}
                    || ' days after it started on '
                    || {{ as_text('lac_visits.placement_start_date') }}
                    || ' (limit '
                    || {{ as_text('lac_visits.days_allowed') }}
                    || ')'
            else
                'Visit '
                || {{ as_text('lac_visits.days_taken') }}
                || ' days after the previous one (limit '
                || {{ as_text('lac_visits.days_allowed') }}
                || ')'
        end as reason
    from periods
    inner join lac_visits
        on
            periods.la_code = lac_visits.la_code
            and lac_visits.visit_date between periods.window_start_date and periods.window_end_date
    where periods.indicator_id = 'lac_visits_on_time'

),

review_slots_windowed as (

    -- as at the end of the window's last day: a slot is in the window if its review was held
    -- in it, or if it is unheld by then (its predecessor held), due in the window, and the
    -- period was still open on the due date; such an unheld slot's due date has passed, so
    -- it is late (a review due on the window's last day and not held that day is late)
    select
        review_slots.*,
        periods.indicator_id,
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
            periods.la_code = review_slots.la_code
            and (
                review_slots.review_date
                between periods.window_start_date and periods.window_end_date
                or (
                    coalesce(periods.window_end_date < review_slots.review_date, true)
                    and coalesce(
                        periods.window_end_date >= review_slots.previous_review_date, true
                    )
                    and review_slots.due_date
                    between periods.window_start_date and periods.window_end_date
                    and review_slots.is_period_open_on_due_date
                )
            )
    where periods.indicator_id = 'lac_reviews_on_time'

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
        indicator_id,
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
            {{ days_between(
                'due_date',
                'case when is_held_in_window then review_date else window_end_date end'
            ) }} as integer
        ) as days_elapsed,
        case
            when not is_failing then null
            when is_held_in_window then 'review_held_late'
            else 'review_not_held'
        end as reason_code,
        case
            when not is_failing then null
            when is_held_in_window
                then
                    'Review due '
                    || {{ as_text('due_date') }}
                    || ' held '
                    || {{ as_text('review_date') }}
            else
                'Review due '
                || {{ as_text('due_date') }}
                || ' not held by '
                || {{ as_text('window_end_date') }}
                || coalesce(' (held ' || {{ as_text('review_date') }} || ')', '')
        end as reason
    from review_slots_judged

),

unioned as (

    select * from lac_visit_cases
    union all
    select * from review_cases

)

select * from unioned
