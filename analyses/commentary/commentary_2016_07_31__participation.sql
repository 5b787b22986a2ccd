-- The figures quoted in commentary/2016-07-31/participation.md, re-run from the marts.
--
-- One row per figure: commentary_line is the line of that file that quotes it, figure the text
-- as the commentary prints it (a value rounded as the report shows it, a count, a comparator or
-- a target; a cell that is not computed shows its state, e.g. "not yet available").
-- Comparators and targets are the scorecard's (listed on the Latest row; they have no period of
-- their own here). tests/e2e/test_analyses.py runs this and checks that every figure is on its
-- line and that every number of the file is one of these figures, so the two cannot drift apart.
--
--   line 2: icpc_invitee_attendance Latest value
--   line 2: rcpc_invitee_attendance Latest value
--   line 7: lac_review_participation_participation_section Latest value
--   line 7: lac_review_participation_participation_section 2015/16 value
--   line 10: lac_review_participation Latest value
--   line 10: lac_review_participation 2015/16 value

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
        (2, 'icpc_invitee_attendance', 'latest', 'value'),
        (2, 'rcpc_invitee_attendance', 'latest', 'value'),
        (7, 'lac_review_participation_participation_section', 'latest', 'value'),
        (7, 'lac_review_participation_participation_section', 'year_3', 'value'),
        (10, 'lac_review_participation', 'latest', 'value'),
        (10, 'lac_review_participation', 'year_3', 'value')
    ) as quoted (commentary_line, indicator_id, period_key, quantity)

),

figures as (

    {{ commentary_figures_shown(
        'figures_quoted',
        'indicator_values',
        'scorecard',
        'commentary/2016-07-31/participation.md',
        '2016-07-31',
    ) }}

)

select * from figures
