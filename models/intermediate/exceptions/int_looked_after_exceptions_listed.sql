{{ config(materialized='table') }}

with

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

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

measure_periods as (

    -- the period rows fct_indicator_values keeps: the three years and the catalogue's Latest
    select
        catalogue.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_start_date,
        periods.window_end_date
    from catalogue
    inner join periods
        on
            (periods.period_key != 'latest' and periods.basis = 'financial_year')
            or (periods.period_key = 'latest' and catalogue.latest_basis = periods.basis)
    where catalogue.indicator_id in (
        'lac_review_participation',
        'lac_visits_on_time',
        'lac_reviews_on_time'
    )

),

participation_exceptions as (

    -- reviews held in the window, PN0 (child under 4) excluded, without PN1-PN6
    select
        lac_reviews.la_code,
        measure_periods.indicator_id,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.basis,
        lac_reviews.child_key,
        lac_reviews.review_id as counted_unit_id,
        'lac_review' as record_type,
        lac_reviews.review_id as record_id,
        lac_reviews.review_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(null as integer) as days_elapsed,
        case
            when lac_reviews.participation_code is null then 'no_participation_code'
            when lac_reviews.participation_code = 'PN7' then 'did_not_participate'
            else 'unknown_participation_code'
        end as reason_code,
        case
            when lac_reviews.participation_code is null
                then 'No participation code recorded for the review'
            when lac_reviews.participation_code = 'PN7'
                then 'The child did not attend and their views were not conveyed (PN7)'
            else format(
                'Participation code {} is not one of PN1-PN6', lac_reviews.participation_code
            )
        end as reason
    from measure_periods
    inner join lac_reviews
        on
            lac_reviews.review_date
            between measure_periods.window_start_date and measure_periods.window_end_date
    where
        measure_periods.indicator_id = 'lac_review_participation'
        and lac_reviews.participation_code is distinct from 'PN0'
        and coalesce(
            lac_reviews.participation_code not in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6'),
            true
        )

),

lac_visit_exceptions as (

    -- visits in the window, made while looked after, that were not on time
    select
        lac_visits.la_code,
        measure_periods.indicator_id,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.basis,
        lac_visits.child_key,
        lac_visits.visit_id as counted_unit_id,
        'lac_visit' as record_type,
        lac_visits.visit_id as record_id,
        lac_visits.visit_date as event_date,
        cast(lac_visits.timed_from_date + lac_visits.days_allowed as date) as due_date,
        cast(null as integer) as working_days,
        cast(lac_visits.days_taken as integer) as days_elapsed,
        case when lac_visits.days_taken is null then 'not_timed' else 'visit_late' end
            as reason_code,
        case
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
    from measure_periods
    inner join lac_visits
        on
            lac_visits.visit_date
            between measure_periods.window_start_date and measure_periods.window_end_date
    where
        measure_periods.indicator_id = 'lac_visits_on_time'
        and not coalesce(lac_visits.is_on_time, false)

),

review_slots_windowed as (

    -- as int_looked_after_indicators_computed: a slot is in the window if its review was
    -- held in it, or if it is unheld at the window's end (its predecessor held), due in the
    -- window, with the period still open on the due date; such a slot is late
    select
        review_slots.*,
        measure_periods.indicator_id,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.basis,
        measure_periods.window_end_date,
        coalesce(
            review_slots.review_date
            between measure_periods.window_start_date and measure_periods.window_end_date,
            false
        ) as is_held_in_window
    from measure_periods
    inner join review_slots
        on
            review_slots.review_date
            between measure_periods.window_start_date and measure_periods.window_end_date
            or (
                coalesce(measure_periods.window_end_date < review_slots.review_date, true)
                and coalesce(
                    measure_periods.window_end_date >= review_slots.previous_review_date, true
                )
                and review_slots.due_date
                between measure_periods.window_start_date and measure_periods.window_end_date
                and review_slots.is_period_open_on_due_date
            )
    where measure_periods.indicator_id = 'lac_reviews_on_time'

),

review_exceptions as (

    -- one strike and out: every late slot in the window fails its child
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
        case when is_held_in_window then review_date end as event_date,
        due_date,
        cast(null as integer) as working_days,
        cast(
            case when is_held_in_window then review_date else window_end_date end - due_date
            as integer
        ) as days_elapsed,
        case when is_held_in_window then 'review_held_late' else 'review_not_held' end
            as reason_code,
        case
            when is_held_in_window then format('Review due {} held {}', due_date, review_date)
            else format(
                'Review due {} not held by {}{}',
                due_date,
                window_end_date,
                coalesce(' (held ' || cast(review_date as varchar) || ')', '')
            )
        end as reason
    from review_slots_windowed
    where not is_held_in_window or is_held_late

),

unioned as (

    select * from participation_exceptions
    union all
    select * from lac_visit_exceptions
    union all
    select * from review_exceptions

)

select * from unioned
