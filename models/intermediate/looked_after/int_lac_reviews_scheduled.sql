with

episodes as (

    select * from {{ ref('int_lac_episodes_chained') }}

),

reviews as (

    select * from {{ ref('stg_carefirst__lac_reviews') }}

),

calendar as (

    select * from {{ ref('int_calendar_days_numbered') }}

),

periods_of_care as (

    select distinct
        la_code,
        child_key,
        period_of_care_id,
        period_start_date,
        period_end_date
    from episodes

),

first_reviews_due as (

    -- the first review is due on the 20th working day after the period's start
    select
        periods_of_care.la_code,
        periods_of_care.child_key,
        periods_of_care.period_of_care_id,
        periods_of_care.period_start_date,
        periods_of_care.period_end_date,
        due_day.calendar_date as first_review_due_date
    from periods_of_care
    left join calendar as start_day
        on periods_of_care.period_start_date = start_day.calendar_date
    left join calendar as due_day
        on
            start_day.working_day_number + 20 = due_day.working_day_number
            and due_day.is_working_day

),

reviews_in_periods as (

    -- a review belongs to the period of care open on its date
    select
        first_reviews_due.la_code,
        first_reviews_due.child_key,
        first_reviews_due.period_of_care_id,
        first_reviews_due.period_start_date,
        first_reviews_due.period_end_date,
        first_reviews_due.first_review_due_date,
        reviews.review_id,
        reviews.review_date,
        row_number() over period_reviews as slot_number,
        lag(reviews.review_date) over period_reviews as previous_review_date
    from first_reviews_due
    inner join reviews
        on
            first_reviews_due.la_code = reviews.la_code
            and first_reviews_due.child_key = reviews.child_key
            and {{ is_open_at(
                'first_reviews_due.period_start_date',
                'first_reviews_due.period_end_date',
                'reviews.review_date'
            ) }}
    window period_reviews as (
        partition by first_reviews_due.la_code, first_reviews_due.period_of_care_id
        order by reviews.review_date, reviews.review_id
    )

),

held_slots as (

    -- the k-th review held in the period fills slot k
    select
        la_code,
        child_key,
        period_of_care_id,
        period_start_date,
        period_end_date,
        slot_number,
        previous_review_date,
        first_review_due_date,
        review_id,
        review_date
    from reviews_in_periods

),

next_slots as (

    -- after the last review held (or from the period's start, if none) one more slot is due
    select
        first_reviews_due.la_code,
        first_reviews_due.child_key,
        first_reviews_due.period_of_care_id,
        first_reviews_due.period_start_date,
        first_reviews_due.period_end_date,
        coalesce(max(held_slots.slot_number), 0) + 1 as slot_number,
        max(held_slots.review_date) as previous_review_date,
        first_reviews_due.first_review_due_date,
        cast(null as {{ dbt.type_string() }}) as review_id,
        cast(null as date) as review_date
    from first_reviews_due
    left join held_slots
        on
            first_reviews_due.la_code = held_slots.la_code
            and first_reviews_due.period_of_care_id = held_slots.period_of_care_id
    group by 1, 2, 3, 4, 5, 8

),

all_slots as (

    select * from held_slots
    union all
    select * from next_slots

),

due_dated as (

    -- calendar limits: 3 months after the first review, then 6 months after the previous
    -- one (a month end clamps: 31 August + 6 months is 28 or 29 February)
    select
        la_code,
        child_key,
        period_of_care_id,
        period_start_date,
        period_end_date,
        slot_number,
        previous_review_date,
        review_id,
        review_date,
        case
            when slot_number = 1 then first_review_due_date
            when slot_number = 2
                then {{ add_months('previous_review_date', 3) }}
            else {{ add_months('previous_review_date', 6) }}
        end as due_date
    from all_slots

),

assessed as (

    select
        la_code,
        child_key,
        period_of_care_id,
        period_start_date,
        period_end_date,
        slot_number,
        previous_review_date,
        due_date,
        review_id,
        review_date,
        period_of_care_id || '-R' || cast(slot_number as {{ dbt.type_string() }}) as review_slot_id,
        review_date is not null as is_held,
        review_date > due_date as is_held_late,
        period_end_date is null or period_end_date > due_date as is_period_open_on_due_date
    from due_dated

)

select * from assessed
