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
    -- without a part, are another layout (year_quarter_cells)
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

year_totals as (

    -- the last full financial year's total of a measure with a quarter series and no part
    -- (the year columns' year_3), for the youth offending layout
    select
        indicator_values.la_code,
        indicator_values.report_date,
        indicator_values.indicator_id,
        indicator_values.period_key,
        indicator_values.period_label,
        indicator_values.window_start_date,
        indicator_values.value,
        indicator_values.numerator,
        indicator_values.state
    from indicator_values
    inner join catalogue
        on indicator_values.indicator_id = catalogue.indicator_id
    where
        catalogue.series_basis = 'financial_quarter'
        and catalogue.part_label is null
        and indicator_values.period_key = 'year_3'
        and indicator_values.basis = catalogue.year_basis

),

year_quarter_values as (

    -- each such measure's quarters from the last full year on (its four, then the current
    -- year's complete quarters), and the last full year's total
    select
        indicator_values.la_code,
        indicator_values.report_date,
        indicator_values.indicator_id,
        indicator_values.period_key,
        substring(indicator_values.period_label, 1, 7) as financial_year_label,
        substring(indicator_values.period_label, 9, 2) as column_label,
        cast(substring(indicator_values.period_label, 10, 1) as integer) + 1 as column_order,
        indicator_values.value,
        indicator_values.numerator,
        indicator_values.state
    from indicator_values
    inner join year_totals
        on
            indicator_values.la_code = year_totals.la_code
            and indicator_values.report_date = year_totals.report_date
            and indicator_values.indicator_id = year_totals.indicator_id
    where
        indicator_values.basis = 'financial_quarter'
        and indicator_values.period_key like 'quarter_%'
        and indicator_values.window_start_date >= year_totals.window_start_date

    union all

    select
        la_code,
        report_date,
        indicator_id,
        period_key,
        period_label as financial_year_label,
        'Total' as column_label,
        1 as column_order,
        value,
        numerator,
        state
    from year_totals

),

year_quarter_cells as (

    -- the youth offending layout: under each measure's row, per financial year a row with the
    -- year's total and its four quarters, for the last full year and the current one (whose
    -- total is not over and not shown)
    select
        year_quarter_values.la_code,
        year_quarter_values.report_date,
        catalogue.section_id,
        catalogue.report_row,
        catalogue.section_id || '_row_' || {{ as_text('catalogue.report_row') }} || '_years'
            as table_id,
        1 as table_order,
        cast(null as {{ dbt.type_string() }}) as table_caption,
        cast(null as {{ dbt.type_string() }}) as row_group_heading,
        'Year' as row_heading,
        cast(null as {{ dbt.type_string() }}) as row_group_label,
        year_quarter_values.financial_year_label as row_label,
        cast(
            dense_rank() over (
                partition by
                    year_quarter_values.la_code,
                    year_quarter_values.report_date,
                    year_quarter_values.indicator_id
                order by year_quarter_values.financial_year_label
            ) as integer
        ) as row_order,
        cast(null as {{ dbt.type_string() }}) as column_group_label,
        year_quarter_values.column_label,
        cast(year_quarter_values.column_order as integer) as column_order,
        {{ format_indicator_value(
            'catalogue.unit', 'year_quarter_values.value', 'year_quarter_values.numerator',
            'state_labels.label'
        ) }} as cell_display,
        year_quarter_values.state as cell_state,
        year_quarter_values.indicator_id,
        year_quarter_values.period_key
    from year_quarter_values
    inner join catalogue
        on year_quarter_values.indicator_id = catalogue.indicator_id
    left join display_labels as state_labels
        on
            state_labels.label_set = 'state'
            and year_quarter_values.state = state_labels.code

),

month_category_values as (

    -- the CSE & Missing monthly table: the incidents of each category (all, and by the
    -- child's status) in each month of the series from the December before the report month,
    -- with the young people of the same category and month
    select
        incidents.la_code,
        incidents.report_date,
        incidents.indicator_id,
        incidents.period_key,
        incidents.period_label,
        incidents.window_start_date,
        incidents.numerator as incidents,
        young_people.numerator as young_people,
        incidents.state,
        replace(incidents.indicator_id, 'missing_incidents_', '') as category
    from indicator_values as incidents
    inner join indicator_values as young_people
        on
            incidents.la_code = young_people.la_code
            and incidents.report_date = young_people.report_date
            and incidents.period_key = young_people.period_key
            and incidents.basis = young_people.basis
            and young_people.indicator_id
            = replace(incidents.indicator_id, 'missing_incidents_', 'missing_young_people_')
    where
        incidents.indicator_id like 'missing_incidents_%'
        and incidents.basis = 'calendar_month'
        and incidents.period_key like 'month_%'
        and incidents.window_start_date >= make_date(year(incidents.report_date) - 1, 12, 1)

),

month_category_cells as (

    -- laid out as the document: rows the categories, columns the months, each cell
    -- "incidents(young people)"
    select
        month_category_values.la_code,
        month_category_values.report_date,
        catalogue.section_id,
        catalogue.report_row,
        catalogue.section_id || '_row_' || {{ as_text('catalogue.report_row') }} || '_months'
            as table_id,
        1 as table_order,
        'Incidents (young people) by month the episode began' as table_caption,
        cast(null as {{ dbt.type_string() }}) as row_group_heading,
        'Month' as row_heading,
        cast(null as {{ dbt.type_string() }}) as row_group_label,
        category_labels.label as row_label,
        cast(category_labels.display_order as integer) as row_order,
        cast(null as {{ dbt.type_string() }}) as column_group_label,
        month_category_values.period_label as column_label,
        cast(
            dense_rank() over (
                partition by month_category_values.la_code, month_category_values.report_date
                order by month_category_values.window_start_date
            ) as integer
        ) as column_order,
        case
            when month_category_values.state = 'computed'
                then
                    {{ format_whole_number('month_category_values.incidents') }}
                    || '('
                    || {{ format_whole_number('month_category_values.young_people') }}
                    || ')'
            else state_labels.label
        end as cell_display,
        month_category_values.state as cell_state,
        month_category_values.indicator_id,
        month_category_values.period_key
    from month_category_values
    inner join catalogue
        on month_category_values.indicator_id = catalogue.indicator_id
    inner join display_labels as category_labels
        on
            category_labels.label_set = 'missing_category'
            and month_category_values.category = category_labels.code
    left join display_labels as state_labels
        on
            state_labels.label_set = 'state'
            and month_category_values.state = state_labels.code

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
    select * from year_quarter_cells
    union all
    select * from month_category_cells
    union all
    select * from cells_labelled

)

select * from table_cells
