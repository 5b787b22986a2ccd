-- The figures quoted in commentary/2016-07-31/workforce.md, re-run from the marts.
--
-- One row per figure: commentary_line is the line of that file that quotes it, figure the text
-- as the commentary prints it (a value rounded as the report shows it, a count, a comparator or
-- a target; a cell that is not computed shows its state, e.g. "not yet available").
-- Comparators and targets are the scorecard's (listed on the Latest row; they have no period of
-- their own here). tests/e2e/test_analyses.py runs this and checks that every figure is on its
-- line and that every number of the file is one of these figures, so the two cannot drift apart.
--
--   line 1: lac_three_plus_social_workers_over_1y Latest value
--   line 2: lac_three_plus_social_workers_under_1y Latest value
--   line 3: lac_three_plus_social_workers_over_1y 2015/16 value
--   line 3: lac_three_plus_social_workers_under_1y 2015/16 value

with

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

scorecard as (

    select * from {{ ref('fct_indicator_scorecard') }}

),

-- what the commentary quotes: the line, the measure, the period and which quantity of the cell
figures_quoted as (

    select
        quoted.commentary_line,
        quoted.indicator_id,
        quoted.period_key,
        quoted.quantity
    from (
        values
        (1, 'lac_three_plus_social_workers_over_1y', 'latest', 'value'),
        (2, 'lac_three_plus_social_workers_under_1y', 'latest', 'value'),
        (3, 'lac_three_plus_social_workers_over_1y', 'year_3', 'value'),
        (3, 'lac_three_plus_social_workers_under_1y', 'year_3', 'value')
    ) as quoted (commentary_line, indicator_id, period_key, quantity)

),

figures as (

    {{ commentary_figures_shown(
        'figures_quoted',
        'indicator_values',
        'scorecard',
        'commentary/2016-07-31/workforce.md',
        '2016-07-31',
    ) }}

)

select * from figures
