with

printed_cells as (

    select * from {{ ref('published_table_cells') }}

),

publications as (

    select * from {{ ref('publications') }}

),

units as (

    select * from {{ ref('indicator_units') }}

),

attendance_cells as (

    select * from {{ ref('fct_conference_attendance') }}

),

printed_with_tolerance as (

    -- counts take the tolerance of unit count (relative), percentages that of unit percent
    -- (points): seeds/reference/indicator_units.csv
    select
        printed_cells.*,
        publications.la_code,
        publications.report_date,
        units.demo_tolerance_kind,
        units.demo_tolerance
    from printed_cells
    inner join publications
        on printed_cells.publication_id = publications.publication_id
    inner join units
        on
            units.unit
            = case printed_cells.cell_kind when 'count' then 'count' else 'percent' end

),

compared as (

    -- the document prints the latest quarter: compared with the Latest cells
    select
        printed_with_tolerance.publication_id,
        printed_with_tolerance.la_code,
        printed_with_tolerance.report_date,
        printed_with_tolerance.indicator_id,
        printed_with_tolerance.period_label,
        printed_with_tolerance.conference_type,
        printed_with_tolerance.invitee_role,
        printed_with_tolerance.attendance,
        printed_with_tolerance.cell_kind,
        printed_with_tolerance.value_text as published_text,
        printed_with_tolerance.value as published_value,
        printed_with_tolerance.demo_tolerance_kind,
        printed_with_tolerance.demo_tolerance,
        case printed_with_tolerance.cell_kind
            when 'count' then cast(attendance_cells.invitations as double)
            else attendance_cells.percent_of_role
        end as computed_value
    from printed_with_tolerance
    left join attendance_cells
        on
            printed_with_tolerance.la_code = attendance_cells.la_code
            and printed_with_tolerance.report_date = attendance_cells.report_date
            and printed_with_tolerance.indicator_id = attendance_cells.indicator_id
            and attendance_cells.period_key = 'latest'
            and printed_with_tolerance.invitee_role = attendance_cells.invitee_role
            and printed_with_tolerance.attendance = attendance_cells.attendance

),

judged as (

    -- within tolerance: both "-" (no invitation), or the difference within the unit's
    -- tolerance (points, or relative to the printed value; a printed 0 must be computed 0)
    select
        *,
        computed_value - published_value as difference,
        coalesce(
            case
                when published_value is null and computed_value is null then true
                when published_value is null or computed_value is null then false
                when demo_tolerance_kind = 'points'
                    then abs(computed_value - published_value) <= demo_tolerance
                else abs(computed_value - published_value) <= demo_tolerance * published_value
            end,
            false
        ) as is_within_tolerance
    from compared

)

select * from judged
