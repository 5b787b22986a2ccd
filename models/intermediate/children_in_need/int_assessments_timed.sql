with

assessments as (

    select * from {{ ref('stg_carefirst__assessments') }}

),

calendar_days as (

    select * from {{ ref('int_calendar_days_numbered') }}

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
        cast(
            authorised_day.working_day_number - start_day.working_day_number as integer
        ) as working_days_to_authorisation
    from assessments
    left join calendar_days as start_day
        on assessments.start_date = start_day.calendar_date
    left join calendar_days as authorised_day
        on assessments.authorised_date = authorised_day.calendar_date

),

judged as (

    select
        *,
        coalesce(working_days_to_authorisation <= 45, false) as is_within_45_working_days
    from timed

)

select * from judged
