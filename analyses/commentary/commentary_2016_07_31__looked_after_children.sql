-- The figures quoted in commentary/2016-07-31/looked_after_children.md, re-run from the marts.
--
-- One row per figure: commentary_line is the line of that file that quotes it, figure the text
-- as the commentary prints it (a value rounded as the report shows it, a count, a comparator or
-- a target; a cell that is not computed shows its state, e.g. "not yet available").
-- Comparators and targets are the scorecard's (listed on the Latest row; they have no period of
-- their own here). tests/e2e/test_analyses.py runs this and checks that every figure is on its
-- line and that every number of the file is one of these figures, so the two cannot drift apart.
--
--   line 1: lac_rate Latest count
--   line 1: lac_rate Latest value
--   line 2: lac_rate 2015/16 count
--   line 2: lac_rate 2014/15 count
--   line 3: lac_rate West Midlands comparator
--   line 3: lac_rate statistical neighbours comparator
--   line 4: lac_rate England comparator
--   line 8: lac_visits_on_time Latest value
--   line 8: lac_visits_on_time 2015/16 value
--   line 10: lac_reviews_on_time Latest value
--   line 10: lac_reviews_on_time 2015/16 value
--   line 14: lac_placement_stability_over_2y Latest value
--   line 15: lac_placement_stability_over_2y 2015/16 value
--   line 16: lac_placement_stability_under_2y Latest value
--   line 16: lac_placement_stability_under_2y 2015/16 value
--   line 17: lac_long_term_placement_stability Latest value
--   line 17: lac_long_term_placement_stability 2015/16 value
--   line 17: lac_long_term_placement_stability West Midlands comparator
--   line 17: lac_long_term_placement_stability England comparator
--   line 19: lac_in_house_foster Latest count
--   line 19: lac_in_house_foster Latest value
--   line 19: lac_in_house_foster 2015/16 count
--   line 19: lac_in_house_foster 2015/16 value
--   line 20: lac_placed_with_parents_care_order Latest count
--   line 20: lac_placed_with_parents_care_order Latest value
--   line 20: lac_placed_with_parents_care_order 2015/16 count
--   line 23: private_fostering_known Latest value
--   line 26: foster_carers_in_pipeline Latest value
--   line 26: foster_carers_approved Latest value
--   line 27: foster_carer_days_to_approve Latest value
--   line 27: foster_carer_days_to_approve target

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
        (1, 'lac_rate', 'latest', 'count'),
        (1, 'lac_rate', 'latest', 'value'),
        (2, 'lac_rate', 'year_3', 'count'),
        (2, 'lac_rate', 'year_2', 'count'),
        (3, 'lac_rate', 'latest', 'west_midlands'),
        (3, 'lac_rate', 'latest', 'statistical_neighbours'),
        (4, 'lac_rate', 'latest', 'england'),
        (8, 'lac_visits_on_time', 'latest', 'value'),
        (8, 'lac_visits_on_time', 'year_3', 'value'),
        (10, 'lac_reviews_on_time', 'latest', 'value'),
        (10, 'lac_reviews_on_time', 'year_3', 'value'),
        (14, 'lac_placement_stability_over_2y', 'latest', 'value'),
        (15, 'lac_placement_stability_over_2y', 'year_3', 'value'),
        (16, 'lac_placement_stability_under_2y', 'latest', 'value'),
        (16, 'lac_placement_stability_under_2y', 'year_3', 'value'),
        (17, 'lac_long_term_placement_stability', 'latest', 'value'),
        (17, 'lac_long_term_placement_stability', 'year_3', 'value'),
        (17, 'lac_long_term_placement_stability', 'latest', 'west_midlands'),
        (17, 'lac_long_term_placement_stability', 'latest', 'england'),
        (19, 'lac_in_house_foster', 'latest', 'count'),
        (19, 'lac_in_house_foster', 'latest', 'value'),
        (19, 'lac_in_house_foster', 'year_3', 'count'),
        (19, 'lac_in_house_foster', 'year_3', 'value'),
        (20, 'lac_placed_with_parents_care_order', 'latest', 'count'),
        (20, 'lac_placed_with_parents_care_order', 'latest', 'value'),
        (20, 'lac_placed_with_parents_care_order', 'year_3', 'count'),
        (23, 'private_fostering_known', 'latest', 'value'),
        (26, 'foster_carers_in_pipeline', 'latest', 'value'),
        (26, 'foster_carers_approved', 'latest', 'value'),
        (27, 'foster_carer_days_to_approve', 'latest', 'value'),
        (27, 'foster_carer_days_to_approve', 'latest', 'target')
    ) as quoted (commentary_line, indicator_id, period_key, quantity)

),

figures as (

    {{ commentary_figures_shown(
        'figures_quoted',
        'indicator_values',
        'scorecard',
        'commentary/2016-07-31/looked_after_children.md',
        '2016-07-31',
    ) }}

)

select * from figures
