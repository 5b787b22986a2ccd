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

quarter_table_cells as (

    -- every table of quarters by part the catalogue asks for: the measures of one document
    -- row with a financial_quarter series, told apart by part_label (Early Help's "Number of
    -- EHA's Opened by Agency"); rows the series' quarters grouped by financial year
    -- ("2014/15", "Q1"), columns the row's measures in catalogue order under their part_label
    -- (the agencies, then Total). Youth offending's quarterly rows, one measure per row
    -- without a part, are another layout (issue 12)
    select
        indicator_values.la_code,
        indicator_values.report_date,
        catalogue.section_id,
        catalogue.report_row,
        catalogue.section_id || '_row_' || {{ as_text('catalogue.report_row') }} || '_quarters'
            as table_id,
        1 as table_order,
        catalogue.document_note as table_caption,
        'Year' as row_group_heading,
        'Quarter' as row_heading,
        substring(indicator_values.period_label, 1, 7) as row_group_label,
        substring(indicator_values.period_label, 9, 2) as row_label,
        cast(
            dense_rank() over (
                partition by
                    indicator_values.la_code,
                    indicator_values.report_date,
                    catalogue.section_id,
                    catalogue.report_row
                order by indicator_values.window_start_date
            ) as integer
        ) as row_order,
        cast(null as {{ dbt.type_string() }}) as column_group_label,
        catalogue.part_label as column_label,
        cast(catalogue.row_order as integer) as column_order,
        {{ format_indicator_value(
            'catalogue.unit', 'indicator_values.value', 'indicator_values.numerator',
            'state_labels.label'
        ) }} as cell_display,
        indicator_values.state as cell_state,
        indicator_values.indicator_id,
        indicator_values.period_key
    from indicator_values
    inner join catalogue
        on indicator_values.indicator_id = catalogue.indicator_id
    left join display_labels as state_labels
        on
            state_labels.label_set = 'state'
            and indicator_values.state = state_labels.code
    where
        catalogue.series_basis = 'financial_quarter'
        and catalogue.part_label is not null
        and indicator_values.basis = 'financial_quarter'
        and indicator_values.period_key like 'quarter_%'

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

),

table_cells as (

    select * from quarter_table_cells
    union all
    select * from cells_labelled

)

select * from table_cells
