-- The figures the commentary quotes (commentary/<report date>/<section>.md), re-run from the
-- marts: one row per figure of seeds/reference/commentary_figures.csv (the commentary file,
-- its line, the measure, the period and which quantity of the cell: value, count,
-- west_midlands, statistical_neighbours, england or target) with the text the report shows for
-- it at the commentary's report date. A value is rounded as the report rounds it (one decimal
-- and its unit sign; none for counts and average days); comparators and targets are the
-- scorecard's (listed on the Latest row); a cell that is not computed shows its state in words
-- ("not yet available"). tests/e2e/test_analyses.py runs this and checks that every figure is
-- on its line and that every number of the commentary is one of its line's figures, so the
-- two cannot drift apart.

with

figures_quoted as (

    select * from {{ ref('commentary_figures') }}

),

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

scorecard as (

    select * from {{ ref('fct_indicator_scorecard') }}

),

cells as (

    -- the authority's cells, with the scorecard's comparators and target
    select
        indicator_values.report_date,
        indicator_values.indicator_id,
        indicator_values.period_key,
        indicator_values.unit,
        indicator_values.state,
        indicator_values.value,
        indicator_values.numerator,
        scorecard.west_midlands_value,
        scorecard.statistical_neighbours_value,
        scorecard.england_value,
        scorecard.target_value
    from indicator_values
    inner join scorecard
        on
            indicator_values.la_code = scorecard.la_code
            and indicator_values.indicator_id = scorecard.indicator_id
            and indicator_values.report_date = scorecard.report_date
    where indicator_values.la_code = '{{ var("la_code") }}'

),

amounts as (

    -- the number each figure shows, its decimals (as the report rounds it) and its unit sign
    select
        figures_quoted.commentary_file,
        figures_quoted.commentary_line,
        figures_quoted.indicator_id,
        figures_quoted.period_key,
        figures_quoted.quantity,
        cells.state,
        figures_quoted.quantity in ('value', 'count') and cells.state != 'computed' as is_state,
        case figures_quoted.quantity
            when 'value' then cells.value
            when 'count' then cells.numerator
            when 'west_midlands' then cells.west_midlands_value
            when 'statistical_neighbours' then cells.statistical_neighbours_value
            when 'england' then cells.england_value
            when 'target' then cells.target_value
        end as amount,
        case
            when figures_quoted.quantity = 'count' then 0
            when cells.unit in ('count', 'average_days') then 0
            else 1
        end as decimals,
        case
            when figures_quoted.quantity = 'count' then ''
            when cells.unit in ('percent', 'count_and_percent') then '%'
            else ''
        end as unit_sign
    from figures_quoted
    left join cells
        on
            cast(figures_quoted.report_date as date) = cells.report_date
            and figures_quoted.indicator_id = cells.indicator_id
            and figures_quoted.period_key = cells.period_key

),

{%- set whole_amount = dbt.cast('round(amount, 0)', dbt.type_bigint()) %}
{%- set whole_number = dbt.cast(whole_amount, dbt.type_string()) %}
{%- set one_decimal = dbt.cast('round(amount, 1)', dbt.type_string()) %}

figures as (

    select
        commentary_file,
        commentary_line,
        indicator_id,
        period_key,
        quantity,
        case
            when is_state then {{ dbt.replace('state', "'_'", "' '") }}
            when decimals = 0 then {{ whole_number }}
            else {{ dbt.concat([one_decimal, 'unit_sign']) }}
        end as figure
    from amounts

)

select * from figures
