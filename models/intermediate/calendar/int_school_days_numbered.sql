{{ config(materialized='table') }}

with

calendar_days as (

    select * from {{ ref('int_calendar_days_numbered') }}

),

school_terms as (

    select * from {{ ref('school_terms') }}

),

calendar_bounds as (

    -- each authority's calendar: from its first half-term's first day to its last one's last
    select
        la_code,
        min(first_day) as first_date,
        max(last_day) as last_date
    from school_terms
    group by 1

),

authority_days as (

    select
        calendar_bounds.la_code,
        calendar_days.calendar_date,
        calendar_days.is_working_day
    from calendar_bounds
    inner join calendar_days
        on
            calendar_days.calendar_date
            between calendar_bounds.first_date and calendar_bounds.last_date

),

flagged as (

    -- a school day: a working day (Monday to Friday, not a bank holiday) within a half-term
    select
        authority_days.la_code,
        authority_days.calendar_date,
        school_terms.academic_year,
        school_terms.half_term,
        authority_days.is_working_day and school_terms.half_term is not null as is_school_day
    from authority_days
    left join school_terms
        on
            authority_days.la_code = school_terms.la_code
            and authority_days.calendar_date
            between school_terms.first_day and school_terms.last_day

),

numbered as (

    select
        la_code,
        calendar_date,
        academic_year,
        half_term,
        is_school_day,
        sum(case when is_school_day then 1 else 0 end)
            over (partition by la_code order by calendar_date)
            as school_day_number
    from flagged

)

select * from numbered
