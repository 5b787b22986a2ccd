{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

conference_rows as (

    select * from {{ ref('stg_carefirst__cp_conferences') }}

),

invitations as (

    select * from {{ ref('stg_carefirst__conference_invitations') }}

),

attendance_periods as (

    -- the periods of the two attendance measures (a financial year; Latest, the latest
    -- complete financial quarter)
    select distinct
        la_code,
        report_date,
        period_key,
        basis,
        window_start_date,
        window_end_date
    from measure_periods
    where indicator_id in ('icpc_invitee_attendance', 'rcpc_invitee_attendance')

),

conferences as (

    -- one row per conference however many children it concerned (the extract has a row per
    -- child); ICPC and RCPC only, so transfer-in conferences are left out
    select distinct
        la_code,
        conference_id,
        conference_type,
        conference_date
    from conference_rows
    where conference_type in ('ICPC', 'RCPC')

),

conferences_windowed as (

    select
        attendance_periods.la_code,
        attendance_periods.report_date,
        attendance_periods.period_key,
        attendance_periods.basis,
        conferences.conference_id,
        conferences.conference_type
    from attendance_periods
    inner join conferences
        on
            attendance_periods.la_code = conferences.la_code
            and conferences.conference_date
            between attendance_periods.window_start_date and attendance_periods.window_end_date

),

invitations_windowed as (

    -- one row per invitation to a conference of the window, with its role and attendance
    select
        conferences_windowed.la_code,
        conferences_windowed.report_date,
        conferences_windowed.period_key,
        conferences_windowed.basis,
        conferences_windowed.conference_id,
        conferences_windowed.conference_type,
        invitations.invitation_number,
        invitations.invitee_role,
        invitations.attendance
    from conferences_windowed
    inner join invitations
        on
            conferences_windowed.la_code = invitations.la_code
            and conferences_windowed.conference_id = invitations.conference_id

)

select * from invitations_windowed
