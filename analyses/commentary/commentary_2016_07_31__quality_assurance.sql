-- The figures quoted in commentary/2016-07-31/quality_assurance.md, re-run from the marts.
--
-- One row per figure: commentary_line is the line of that file that quotes it, figure the text
-- as the commentary prints it (a value rounded as the report shows it, a count, a comparator or
-- a target; a cell that is not computed shows its state, e.g. "not yet available").
-- Comparators and targets are the scorecard's (listed on the Latest row; they have no period of
-- their own here). tests/e2e/test_analyses.py runs this and checks that every figure is on its
-- line and that every number of the file is one of these figures, so the two cannot drift apart.
--
--   line 2: icpc_within_15_working_days Latest value
--   line 3: icpc_within_15_working_days 2015/16 value
--   line 3: icpc_within_15_working_days 2014/15 value
--   line 4: icpc_within_15_working_days West Midlands comparator
--   line 4: icpc_within_15_working_days statistical neighbours comparator
--   line 4: icpc_within_15_working_days England comparator
--   line 9: cp_visits_on_time Latest value
--   line 9: cp_visits_on_time 2015/16 value
--   line 10: cp_visits_on_time statistical neighbours comparator
--   line 10: cp_visits_on_time England comparator
--   line 15: assessments_within_45_working_days Latest value
--   line 16: assessments_within_45_working_days 2015/16 value
--   line 16: assessments_within_45_working_days 2014/15 value
--   line 16: assessments_within_45_working_days West Midlands comparator
--   line 17: assessments_within_45_working_days statistical neighbours comparator
--   line 17: assessments_within_45_working_days England comparator
--   line 21: cp_children_seen_alone Latest value
--   line 21: cp_children_seen_alone 2015/16 value
--   line 23: lac_review_participation Latest value
--   line 23: lac_review_participation 2015/16 value
--   line 24: assessments_child_seen Latest value
--   line 24: assessments_child_seen_alone Latest value

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
        (2, 'icpc_within_15_working_days', 'latest', 'value'),
        (3, 'icpc_within_15_working_days', 'year_3', 'value'),
        (3, 'icpc_within_15_working_days', 'year_2', 'value'),
        (4, 'icpc_within_15_working_days', 'latest', 'west_midlands'),
        (4, 'icpc_within_15_working_days', 'latest', 'statistical_neighbours'),
        (4, 'icpc_within_15_working_days', 'latest', 'england'),
        (9, 'cp_visits_on_time', 'latest', 'value'),
        (9, 'cp_visits_on_time', 'year_3', 'value'),
        (10, 'cp_visits_on_time', 'latest', 'statistical_neighbours'),
        (10, 'cp_visits_on_time', 'latest', 'england'),
        (15, 'assessments_within_45_working_days', 'latest', 'value'),
        (16, 'assessments_within_45_working_days', 'year_3', 'value'),
        (16, 'assessments_within_45_working_days', 'year_2', 'value'),
        (16, 'assessments_within_45_working_days', 'latest', 'west_midlands'),
        (17, 'assessments_within_45_working_days', 'latest', 'statistical_neighbours'),
        (17, 'assessments_within_45_working_days', 'latest', 'england'),
        (21, 'cp_children_seen_alone', 'latest', 'value'),
        (21, 'cp_children_seen_alone', 'year_3', 'value'),
        (23, 'lac_review_participation', 'latest', 'value'),
        (23, 'lac_review_participation', 'year_3', 'value'),
        (24, 'assessments_child_seen', 'latest', 'value'),
        (24, 'assessments_child_seen_alone', 'latest', 'value')
    ) as quoted (commentary_line, indicator_id, period_key, quantity)

),

figures as (

    {{ commentary_figures_shown(
        'figures_quoted',
        'indicator_values',
        'scorecard',
        'commentary/2016-07-31/quality_assurance.md',
        '2016-07-31',
    ) }}

)

select * from figures
