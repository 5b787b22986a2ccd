with

attendance_cells as (

    select * from {{ ref('fct_conference_attendance') }}

),

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

display_labels as (

    select * from {{ ref('display_labels') }}

),

latest_cells as (

    -- the document prints the latest complete quarter: "ICPC Q1 2016/17"
    select
        attendance_cells.*,
        case
            when month(attendance_cells.window_start_date) between 4 and 6 then 'Q1'
            when month(attendance_cells.window_start_date) between 7 and 9 then 'Q2'
            when month(attendance_cells.window_start_date) between 10 and 12 then 'Q3'
            else 'Q4'
        end
        || ' '
        || {{ as_text(
            'year(attendance_cells.window_start_date)'
            ~ ' - case when month(attendance_cells.window_start_date) < 4 then 1 else 0 end'
        ) }}
        || '/'
        || right({{ as_text(
            'year(attendance_cells.window_start_date) + 1'
            ~ ' - case when month(attendance_cells.window_start_date) < 4 then 1 else 0 end'
        ) }}, 2) as quarter_label
    from attendance_cells
    where attendance_cells.period_key = 'latest'

),

table_kinds as (

    -- two tables per conference type, as the document: counts, then each cell's percentage of
    -- its role's invitations
    select
        'counts' as table_kind,
        1 as kind_order
    union all
    select
        'percentages' as table_kind,
        2 as kind_order

),

tables_laid_out as (

    select
        latest_cells.*,
        table_kinds.table_kind,
        table_kinds.kind_order
    from latest_cells
    cross join table_kinds

),

cells_labelled as (

    select
        tables_laid_out.la_code,
        tables_laid_out.report_date,
        catalogue.section_id,
        catalogue.report_row,
        'participation_' || lower(tables_laid_out.conference_type) || '_'
        || tables_laid_out.table_kind as table_id,
        cast(
            case tables_laid_out.conference_type when 'ICPC' then 0 else 2 end
            + tables_laid_out.kind_order
            as integer
        ) as table_order,
        tables_laid_out.conference_type || ' ' || tables_laid_out.quarter_label
        || case
            when tables_laid_out.table_kind = 'counts' then ': invitations'
            else ': percentage of the role''s invitations'
        end as table_caption,
        cast(null as {{ dbt.type_string() }}) as row_group_heading,
        tables_laid_out.conference_type || ' ' || tables_laid_out.quarter_label as row_heading,
        cast(null as {{ dbt.type_string() }}) as row_group_label,
        attendance_labels.label as row_label,
        cast(tables_laid_out.attendance_order as integer) as row_order,
        cast(null as {{ dbt.type_string() }}) as column_group_label,
        role_labels.label as column_label,
        cast(tables_laid_out.role_order as integer) as column_order,
        case
            when indicator_values.state != 'computed' then state_labels.label
            when tables_laid_out.table_kind = 'counts'
                then {{ format_whole_number('tables_laid_out.invitations') }}
            when tables_laid_out.percent_of_role is null then '-'
            else {{ format_whole_number('round(tables_laid_out.percent_of_role)') }} || '%'
        end as cell_display,
        indicator_values.state as cell_state,
        tables_laid_out.indicator_id,
        tables_laid_out.period_key
    from tables_laid_out
    inner join catalogue
        on tables_laid_out.indicator_id = catalogue.indicator_id
    inner join indicator_values
        on
            tables_laid_out.la_code = indicator_values.la_code
            and tables_laid_out.indicator_id = indicator_values.indicator_id
            and tables_laid_out.report_date = indicator_values.report_date
            and tables_laid_out.period_key = indicator_values.period_key
    inner join display_labels as role_labels
        on
            role_labels.label_set = 'invitee_role'
            and tables_laid_out.invitee_role = role_labels.code
    inner join display_labels as attendance_labels
        on
            attendance_labels.label_set = 'conference_attendance'
            and tables_laid_out.attendance = attendance_labels.code
    left join display_labels as state_labels
        on
            state_labels.label_set = 'state'
            and indicator_values.state = state_labels.code

)

select * from cells_labelled
