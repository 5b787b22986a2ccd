-- The figures quoted in commentary/2016-07-31/care_leavers.md, re-run from the marts.
--
-- One row per figure: commentary_line is the line of that file that quotes it, figure the text
-- as the commentary prints it (a value rounded as the report shows it, a count, a comparator or
-- a target; a cell that is not computed shows its state, e.g. "not yet available").
-- Comparators and targets are the scorecard's (listed on the Latest row; they have no period of
-- their own here). tests/e2e/test_analyses.py runs this and checks that every figure is on its
-- line and that every number of the file is one of these figures, so the two cannot drift apart.
--
--   line 1: care_leavers_eet Latest value
--   line 2: care_leavers_eet 2015/16 value
--   line 2: care_leavers_eet England comparator
--   line 6: care_leavers_suitable_accommodation Latest value
--   line 6: care_leavers_suitable_accommodation 2015/16 value
--   line 7: care_leavers_suitable_accommodation England comparator
--   line 9: care_leavers_pathway_plan Latest value
--   line 9: care_leavers_staying_put Latest value

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
        (1, 'care_leavers_eet', 'latest', 'value'),
        (2, 'care_leavers_eet', 'year_3', 'value'),
        (2, 'care_leavers_eet', 'latest', 'england'),
        (6, 'care_leavers_suitable_accommodation', 'latest', 'value'),
        (6, 'care_leavers_suitable_accommodation', 'year_3', 'value'),
        (7, 'care_leavers_suitable_accommodation', 'latest', 'england'),
        (9, 'care_leavers_pathway_plan', 'latest', 'value'),
        (9, 'care_leavers_staying_put', 'latest', 'value')
    ) as quoted (commentary_line, indicator_id, period_key, quantity)

),

figures as (

    {{ commentary_figures_shown(
        'figures_quoted',
        'indicator_values',
        'scorecard',
        'commentary/2016-07-31/care_leavers.md',
        '2016-07-31',
    ) }}

)

select * from figures
