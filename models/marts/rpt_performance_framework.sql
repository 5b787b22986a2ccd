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

report_comparators as (

    select * from {{ ref('rpt_performance_framework_comparators') }}

),

display_labels as (

    select * from {{ ref('display_labels') }}

),

state_labels as (

    select
        code as state,
        label as state_label
    from display_labels
    where label_set = 'state'

),

trajectory_arrows as (

    select
        code as trajectory,
        label as trajectory_arrow
    from display_labels
    where label_set = 'trajectory_arrow'

),

trajectory_labels as (

    select
        code as trajectory,
        label as trajectory_label
    from display_labels
    where label_set = 'trajectory'

),

judgement_labels as (

    select
        code as judgement,
        label as judgement_label
    from display_labels
    where label_set = 'judgement'

),

rag_labels as (

    select
        code as rag,
        label as rag_label
    from display_labels
    where label_set = 'rag'

),

polarity_labels as (

    select
        code as polarity,
        label as polarity_label
    from display_labels
    where label_set = 'polarity'

),

displayed_values as (

    select
        indicator_values.la_code,
        indicator_values.indicator_id,
        indicator_values.report_date,
        indicator_values.period_key,
        indicator_values.period_label,
        indicator_values.basis,
        indicator_values.window_start_date,
        indicator_values.window_end_date,
        indicator_values.state,
        {{ format_indicator_value(
            'indicator_values.unit',
            'indicator_values.value',
            'indicator_values.numerator',
            'state_labels.state_label'
        ) }} as value_display
    from indicator_values
    left join state_labels
        on indicator_values.state = state_labels.state

),

-- the comparators in one line, as the document prints them ("WM - 71.1% · Stat N - 74.7%")
comparators_joined as (

    select
        indicator_id,
        {{ dbt.listagg('comparator_display', "' · '", 'order by comparator_order') }}
            as comparators_text
    from report_comparators
    group by 1

),

comparator_periods as (

    select distinct
        indicator_id,
        period_label
    from report_comparators

),

comparator_periods_joined as (

    select
        indicator_id,
        {{ dbt.listagg('period_label', "', '", 'order by period_label') }}
            as comparators_period_label
    from comparator_periods
    group by 1

),

pivoted as (

    select
        la_code,
        indicator_id,
        report_date,
        max(case when period_key = 'year_1' then period_label end) as year_1_label,
        max(case when period_key = 'year_1' then value_display end) as year_1_display,
        max(case when period_key = 'year_1' then state end) as year_1_state,
        max(case when period_key = 'year_2' then period_label end) as year_2_label,
        max(case when period_key = 'year_2' then value_display end) as year_2_display,
        max(case when period_key = 'year_2' then state end) as year_2_state,
        max(case when period_key = 'year_3' then period_label end) as year_3_label,
        max(case when period_key = 'year_3' then value_display end) as year_3_display,
        max(case when period_key = 'year_3' then state end) as year_3_state,
        max(case when period_key = 'latest' then value_display end) as latest_display,
        max(case when period_key = 'latest' then state end) as latest_state,
        max(case when period_key = 'latest' then basis end) as latest_basis,
        max(case when period_key = 'latest' then window_start_date end)
            as latest_window_start_date,
        max(case when period_key = 'latest' then window_end_date end)
            as latest_window_end_date
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
        comparators_joined.comparators_text,
        comparator_periods_joined.comparators_period_label,
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
                then '12 months to ' || {{ format_day_month_year('pivoted.report_date') }}
            when 'year_to_date'
                then
                    {{ format_day_month('pivoted.latest_window_start_date') }}
                    || ' - '
                    || {{ format_day_month_year('pivoted.report_date') }}
            -- the latest complete quarter, which ends before the report date
            when 'financial_quarter'
                then
                    {{ format_day_month('pivoted.latest_window_start_date') }}
                    || ' - '
                    || {{ format_day_month_year('pivoted.latest_window_end_date') }}
            when 'calendar_month'
                then {{ format_month_year('pivoted.report_date') }}
            -- an academic year not over at the report date: its figure so far is provisional
            -- (the document's "provisional July data")
            when 'academic_year_to_date'
                then
                    {{ format_day_month('pivoted.latest_window_start_date') }}
                    || ' - '
                    || {{ format_day_month_year('pivoted.report_date') }}
                    || ' (provisional)'
            else
                'at '
                || {{ format_day_month_year('pivoted.report_date') }}
                || case
                    when
                        catalogue.year_basis = 'academic_year'
                        and {{ format_day_month('pivoted.report_date') }}
                        != {{ format_day_month(dbt.cast("'2000-08-31'", 'date')) }}
                        then ' (provisional)'
                    else ''
                end
        end as latest_basis_label,
        trajectory_arrows.trajectory_arrow,
        polarity_labels.polarity_label,
        pivoted.year_1_state,
        pivoted.year_2_state,
        pivoted.year_3_state,
        trajectory_labels.trajectory_label,
        judgement_labels.judgement_label,
        rag_labels.rag_label
    from pivoted
    inner join catalogue
        on pivoted.indicator_id = catalogue.indicator_id
    left join scorecard
        on
            pivoted.la_code = scorecard.la_code
            and pivoted.indicator_id = scorecard.indicator_id
            and pivoted.report_date = scorecard.report_date
    left join comparators_joined
        on pivoted.indicator_id = comparators_joined.indicator_id
    left join comparator_periods_joined
        on pivoted.indicator_id = comparator_periods_joined.indicator_id
    left join trajectory_arrows
        on scorecard.trajectory = trajectory_arrows.trajectory
    left join trajectory_labels
        on scorecard.trajectory = trajectory_labels.trajectory
    left join judgement_labels
        on scorecard.judgement = judgement_labels.judgement
    left join rag_labels
        on scorecard.rag = rag_labels.rag
    left join polarity_labels
        on catalogue.polarity = polarity_labels.polarity

)

select * from reported
