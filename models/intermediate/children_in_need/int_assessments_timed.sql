with

assessments as (

    select * from {{ ref('stg_carefirst__assessments') }}

),

calendar_days as (

    select * from {{ ref('int_calendar_days_numbered') }}

),

limit_set as (

    -- the limit: authorised within 45 working days of the start
    select 45 as working_days_allowed

),

timed as (

    select
        assessments.la_code,
        assessments.assessment_id,
        assessments.referral_id,
        assessments.child_key,
        assessments.start_date,
        assessments.authorised_date,
        assessments.is_child_seen,
        assessments.is_child_seen_alone,
        limit_set.working_days_allowed,
        cast(
            authorised_day.working_day_number - start_day.working_day_number as integer
        ) as working_days_to_authorisation,
        -- the deadline: the last working day within the limit after the start
        due_day.calendar_date as due_date
    from assessments
    cross join limit_set
    left join calendar_days as start_day
        on assessments.start_date = start_day.calendar_date
    left join calendar_days as authorised_day
        on assessments.authorised_date = authorised_day.calendar_date
    left join calendar_days as due_day
        on
            start_day.working_day_number + limit_set.working_days_allowed
            = due_day.working_day_number
            and due_day.is_working_day

),

judged as (

    select
        *,
        coalesce(
            working_days_to_authorisation <= working_days_allowed, false
        ) as is_within_45_working_days
    from timed

)

select * from judged
