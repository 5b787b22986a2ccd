{{ config(materialized='table') }}

with

attendance_years as (

    select * from {{ ref('stg_education__pupil_attendance_years') }}

),

schools as (

    select * from {{ ref('stg_education__schools') }}

),

enrolments as (

    -- each registration's year, with its school's phase and funding (a urn the schools
    -- extract lacks gives nulls: such an enrolment is in no cohort) and whether the pupil is
    -- of compulsory school age that year, by their age on the 31 August before it
    select
        attendance_years.la_code,
        attendance_years.academic_year,
        attendance_years.academic_year_start_date,
        attendance_years.pupil_key,
        attendance_years.school_urn,
        attendance_years.enrolment_status,
        attendance_years.possible_sessions,
        coalesce(attendance_years.authorised_absence_sessions, 0)
        + coalesce(attendance_years.unauthorised_absence_sessions, 0) as absence_sessions,
        schools.phase as school_phase,
        schools.is_state_funded as is_school_state_funded,
        -- 5 to 15 on the 31 August before the year (a pupil whose 5th birthday is that day
        -- is 5); the date of birth itself goes no further than staging
        {{ add_years('attendance_years.date_of_birth', 5) }}
        <= {{ add_days('attendance_years.academic_year_start_date', -1) }}
        and {{ add_years('attendance_years.date_of_birth', 16) }}
        > {{ add_days('attendance_years.academic_year_start_date', -1) }}
            as is_of_compulsory_school_age
    from attendance_years
    left join schools
        on
            attendance_years.la_code = schools.la_code
            and attendance_years.school_urn = schools.school_urn

),

judged as (

    -- the enrolments of the absence measures: state-funded primary, secondary, special and
    -- all-through schools, pupils of compulsory school age, at least one possible session
    select
        *,
        coalesce(
            is_school_state_funded
            and school_phase in ('PRIMARY', 'SECONDARY', 'SPECIAL', 'ALL_THROUGH')
            and is_of_compulsory_school_age
            and possible_sessions > 0,
            false
        ) as is_in_absence_cohort
    from enrolments

)

select * from judged
