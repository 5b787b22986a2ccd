with

report as (

    select * from {{ ref('rpt_performance_framework') }}

),

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

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

suppression_symbol as (

    select label as suppressed
    from display_labels
    where label_set = 'publication' and code = 'suppressed'

),

-- which parts of each cell show a number of 1 to 5 or are derived from one (the rule is in
-- the doc block publication_suppression_rule)
flagged as (

    select
        indicator_values.*,
        suppression_symbol.suppressed,
        coalesce(indicator_values.numerator between 1 and 5, false) as is_small_numerator,
        coalesce(indicator_values.denominator between 1 and 5, false) as is_small_denominator,
        {{ format_indicator_value(
            'indicator_values.unit',
            'indicator_values.value',
            'indicator_values.numerator',
            'state_labels.state_label'
        ) }} as internal_display
    from indicator_values
    left join state_labels
        on indicator_values.state = state_labels.state
    -- a join that keeps every value even if the symbol were missing (the display tests then fail)
    left join suppression_symbol
        on true

),

suppressed as (

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        case
            when state != 'computed' then internal_display
            when unit = 'count'
                then case when is_small_numerator then suppressed else internal_display end
            when unit = 'percent'
                then
                    case
                        when is_small_numerator or is_small_denominator then suppressed
                        else internal_display
                    end
            when unit = 'count_and_percent'
                then
                    case
                        when is_small_numerator then suppressed
                        else {{ format_whole_number('numerator') }}
                    end
                    || ' ('
                    || case
                        when is_small_numerator or is_small_denominator then suppressed
                        else {{ format_one_decimal('value') }} || '%'
                    end
                    || ')'
            when unit = 'rate_per_10000'
                then
                    case
                        when is_small_numerator or is_small_denominator then suppressed
                        else {{ format_one_decimal('value') }}
                    end
                    || ' ('
                    || case
                        when is_small_numerator then suppressed
                        else {{ format_whole_number('numerator') }}
                    end
                    || ')'
            when unit in ('average_days', 'average_hours')
                then case when is_small_denominator then suppressed else internal_display end
            else internal_display
        end as published_display
    from flagged

),

pivoted as (

    select
        la_code,
        indicator_id,
        report_date,
        max(case when period_key = 'year_1' then published_display end) as year_1_display,
        max(case when period_key = 'year_2' then published_display end) as year_2_display,
        max(case when period_key = 'year_3' then published_display end) as year_3_display,
        max(case when period_key = 'latest' then published_display end) as latest_display
    from suppressed
    group by 1, 2, 3

),

-- the internal report's rows and columns, with the suppressed cells; the states, arrows and
-- labels are shown as in the internal report (they are not figures)
published as (

    select
        report.la_code,
        report.report_date,
        report.section_id,
        report.section_name,
        report.section_order,
        report.report_row,
        report.row_order,
        report.indicator_id,
        report.part_label,
        report.measure_wording,
        report.document_note,
        report.comparators_text,
        report.comparators_period_label,
        report.year_1_label,
        pivoted.year_1_display,
        report.year_2_label,
        pivoted.year_2_display,
        report.year_3_label,
        pivoted.year_3_display,
        pivoted.latest_display,
        report.latest_basis_label,
        report.target_display,
        report.trajectory,
        report.trajectory_arrow,
        report.judgement,
        report.rag,
        report.polarity_label,
        report.latest_state,
        report.year_1_state,
        report.year_2_state,
        report.year_3_state,
        report.trajectory_label,
        report.judgement_label,
        report.rag_label
    from report
    inner join pivoted
        on
            report.la_code = pivoted.la_code
            and report.indicator_id = pivoted.indicator_id
            and report.report_date = pivoted.report_date

)

select * from published
