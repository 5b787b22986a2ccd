-- The figures quoted in commentary/2016-07-31/adoption.md, re-run from the marts.
--
-- One row per figure: commentary_line is the line of that file that quotes it, figure the text
-- as the commentary prints it (a value rounded as the report shows it, a count, a comparator or
-- a target; a cell that is not computed shows its state, e.g. "not yet available").
-- Comparators and targets are the scorecard's (listed on the Latest row; they have no period of
-- their own here). tests/e2e/test_analyses.py runs this and checks that every figure is on its
-- line and that every number of the file is one of these figures, so the two cannot drift apart.
--
--   line 3: adoption_a1_days_care_to_placement Latest value
--   line 3: adoption_a1_days_care_to_placement 2015/16 value
--   line 3: adoption_a1_days_care_to_placement target
--   line 3: adoption_a1_days_care_to_placement England comparator
--   line 6: adoption_a10_days_care_to_placement_foster_carer Latest value
--   line 6: adoption_a10_days_care_to_placement_foster_carer target
--   line 7: adoption_a2_days_order_to_match Latest value
--   line 7: adoption_a2_days_order_to_match target
--   line 9: adoption_a3_placed_within_14_months Latest value
--   line 10: adoption_a3_placed_within_14_months 2015/16 value
--   line 10: adoption_a3_placed_within_14_months England comparator
--   line 12: children_waiting_adoption Latest value
--   line 12: children_waiting_adoption 2015/16 value
--   line 16: children_subject_of_sgo 2015/16 value

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
        (3, 'adoption_a1_days_care_to_placement', 'latest', 'value'),
        (3, 'adoption_a1_days_care_to_placement', 'year_3', 'value'),
        (3, 'adoption_a1_days_care_to_placement', 'latest', 'target'),
        (3, 'adoption_a1_days_care_to_placement', 'latest', 'england'),
        (6, 'adoption_a10_days_care_to_placement_foster_carer', 'latest', 'value'),
        (6, 'adoption_a10_days_care_to_placement_foster_carer', 'latest', 'target'),
        (7, 'adoption_a2_days_order_to_match', 'latest', 'value'),
        (7, 'adoption_a2_days_order_to_match', 'latest', 'target'),
        (9, 'adoption_a3_placed_within_14_months', 'latest', 'value'),
        (10, 'adoption_a3_placed_within_14_months', 'year_3', 'value'),
        (10, 'adoption_a3_placed_within_14_months', 'latest', 'england'),
        (12, 'children_waiting_adoption', 'latest', 'value'),
        (12, 'children_waiting_adoption', 'year_3', 'value'),
        (16, 'children_subject_of_sgo', 'year_3', 'value')
    ) as quoted (commentary_line, indicator_id, period_key, quantity)

),

figures as (

    {{ commentary_figures_shown(
        'figures_quoted',
        'indicator_values',
        'scorecard',
        'commentary/2016-07-31/adoption.md',
        '2016-07-31',
    ) }}

)

select * from figures
