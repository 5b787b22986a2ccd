with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

invitations as (

    select * from {{ ref('int_conference_invitations_windowed') }}

),

display_labels as (

    select * from {{ ref('display_labels') }}

),

attendance_periods as (

    -- the periods of the two attendance measures: ICPC and RCPC, each financial year and the
    -- latest complete quarter
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        period_label,
        window_start_date,
        window_end_date,
        case indicator_id
            when 'icpc_invitee_attendance' then 'ICPC'
            when 'rcpc_invitee_attendance' then 'RCPC'
        end as conference_type
    from measure_periods
    where indicator_id in ('icpc_invitee_attendance', 'rcpc_invitee_attendance')

),

roles as (

    select
        code as invitee_role,
        display_order as role_order
    from display_labels
    where label_set = 'invitee_role'

),

outcomes as (

    select
        code as attendance,
        display_order as attendance_order
    from display_labels
    where label_set = 'conference_attendance'

),

grid as (

    -- every role x attendance cell of every period, so a cell with no invitation is 0
    select
        attendance_periods.*,
        roles.invitee_role,
        roles.role_order,
        outcomes.attendance,
        outcomes.attendance_order
    from attendance_periods
    cross join roles
    cross join outcomes

),

invitations_counted as (

    select
        la_code,
        report_date,
        period_key,
        basis,
        conference_type,
        invitee_role,
        attendance,
        count(*) as invitations
    from invitations
    group by 1, 2, 3, 4, 5, 6, 7

),

cells as (

    select
        grid.la_code,
        grid.indicator_id,
        grid.report_date,
        grid.period_key,
        grid.basis,
        grid.period_label,
        grid.window_start_date,
        grid.window_end_date,
        grid.conference_type,
        grid.invitee_role,
        grid.role_order,
        grid.attendance,
        grid.attendance_order,
        cast(coalesce(invitations_counted.invitations, 0) as integer) as invitations
    from grid
    left join invitations_counted
        on
            grid.la_code = invitations_counted.la_code
            and grid.report_date = invitations_counted.report_date
            and grid.period_key = invitations_counted.period_key
            and grid.basis = invitations_counted.basis
            and grid.conference_type = invitations_counted.conference_type
            and grid.invitee_role = invitations_counted.invitee_role
            and grid.attendance = invitations_counted.attendance

),

role_shares as (

    -- each cell's percentage of its role's invitations; null ("-") where the role had none
    select
        *,
        cast(
            sum(invitations) over (
                partition by la_code, report_date, period_key, basis, conference_type, invitee_role
            ) as integer
        ) as role_invitations
    from cells

),

percentages as (

    select
        *,
        case
            when role_invitations > 0 then 100.0 * invitations / role_invitations
        end as percent_of_role
    from role_shares

)

select * from percentages
