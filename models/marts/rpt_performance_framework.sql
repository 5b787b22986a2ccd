with

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

scorecard as (

    select * from {{ ref('fct_indicator_scorecard') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

comparators as (

    select * from {{ ref('comparators') }}

),

displayed_values as (

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        period_label,
        basis,
        window_start_date,
        window_end_date,
        state,
        {{ format_indicator_value('unit', 'value', 'numerator', 'state') }} as value_display
    from indicator_values

),

comparators_described as (

    select
        indicator_id,
        string_agg(
            case comparator
                when 'west_midlands' then 'WM'
                when 'statistical_neighbours' then 'Stat N'
                when 'england' then 'Eng'
                else comparator
            end || ' - ' || value_text,
            ' · '
            order by case comparator
                when 'west_midlands' then 1
                when 'statistical_neighbours' then 2
                when 'england' then 3
                else 4
            end
        ) as comparators_text,
        string_agg(distinct period_label, ', ') as comparators_period_label
    from comparators
    group by 1

),

pivoted as (

    select
        la_code,
        indicator_id,
        report_date,
        max(case when period_key = 'year_1' then period_label end) as year_1_label,
        max(case when period_key = 'year_1' then value_display end) as year_1_display,
        max(case when period_key = 'year_2' then period_label end) as year_2_label,
        max(case when period_key = 'year_2' then value_display end) as year_2_display,
        max(case when period_key = 'year_3' then period_label end) as year_3_label,
        max(case when period_key = 'year_3' then value_display end) as year_3_display,
        max(case when period_key = 'latest' then value_display end) as latest_display,
        max(case when period_key = 'latest' then state end) as latest_state,
        max(case when period_key = 'latest' then basis end) as latest_basis,
        max(case when period_key = 'latest' then window_start_date end)
            as latest_window_start_date
    from displayed_values
    group by 1, 2, 3

),

reported as (

    select
        pivoted.la_code,
        pivoted.report_date,
        catalogue.section_id,
        catalogue.section_name,
        cast(catalogue.section_order as integer) as section_order,
        cast(catalogue.report_row as integer) as report_row,
        cast(catalogue.row_order as integer) as row_order,
        pivoted.indicator_id,
        catalogue.document_wording as measure_wording,
        comparators_described.comparators_text,
        comparators_described.comparators_period_label,
        pivoted.year_1_label,
        pivoted.year_1_display,
        pivoted.year_2_label,
        pivoted.year_2_display,
        pivoted.year_3_label,
        pivoted.year_3_display,
        pivoted.latest_display,
        scorecard.target_text as target_display,
        scorecard.trajectory,
        scorecard.judgement,
        scorecard.rag,
        pivoted.latest_state,
        nullif(catalogue.part_label, '') as part_label,
        nullif(catalogue.document_note, '') as document_note,
        case pivoted.latest_basis
            when 'rolling_12_months'
                then '12 months to ' || strftime(pivoted.report_date, '%-d %b %Y')
            when 'year_to_date'
                then
                    strftime(pivoted.latest_window_start_date, '%-d %b')
                    || ' - '
                    || strftime(pivoted.report_date, '%-d %b %Y')
            else 'at ' || strftime(pivoted.report_date, '%-d %b %Y')
        end as latest_basis_label,
        case scorecard.trajectory
            when 'up' then '↗'
            when 'down' then '↘'
            when 'same' then '→'
        end as trajectory_arrow,
        case catalogue.polarity
            when 'high' then 'High is better'
            when 'low' then 'Low is better'
        end as polarity_label
    from pivoted
    inner join catalogue
        on pivoted.indicator_id = catalogue.indicator_id
    left join scorecard
        on
            pivoted.la_code = scorecard.la_code
            and pivoted.indicator_id = scorecard.indicator_id
            and pivoted.report_date = scorecard.report_date
    left join comparators_described
        on pivoted.indicator_id = comparators_described.indicator_id

)

select * from reported
