-- The figures quoted in commentary/2016-07-31/children_in_need.md, re-run from the marts.
--
-- One row per figure: commentary_line is the line of that file that quotes it, figure the text
-- as the commentary prints it (a value rounded as the report shows it, a count, a comparator or
-- a target; a cell that is not computed shows its state, e.g. "not yet available").
-- Comparators and targets are the scorecard's (listed on the Latest row; they have no period of
-- their own here). tests/e2e/test_analyses.py runs this and checks that every figure is on its
-- line and that every number of the file is one of these figures, so the two cannot drift apart.
--
--   line 1: referrals_rate Latest count
--   line 2: referrals_rate Latest value
--   line 2: referrals_rate 2015/16 count
--   line 2: referrals_rate 2015/16 value
--   line 2: referrals_rate 2014/15 count
--   line 2: referrals_rate 2014/15 value
--   line 3: referrals_rate West Midlands comparator
--   line 3: referrals_rate England comparator
--   line 3: referrals_rate statistical neighbours comparator
--   line 5: s47_rate Latest count
--   line 5: s47_rate Latest value
--   line 6: s47_rate 2015/16 count
--   line 7: s47_to_icpc_proportion Latest value
--   line 8: s47_to_icpc_proportion 2015/16 value
--   line 8: s47_to_icpc_proportion West Midlands comparator
--   line 11: cin_rate_incl_cp_lac Latest count
--   line 11: cin_rate_incl_cp_lac Latest value
--   line 11: cin_rate_incl_cp_lac 2015/16 count
--   line 12: cin_rate_incl_cp_lac West Midlands comparator
--   line 12: cin_rate_incl_cp_lac statistical neighbours comparator
--   line 13: cin_rate_incl_cp_lac England comparator
--   line 15: cp_rate 2015/16 count
--   line 16: cp_rate Latest count
--   line 16: cp_rate Latest value
--   line 18: cp_second_or_subsequent Latest value
--   line 18: cp_second_or_subsequent 2015/16 value
--   line 19: cp_second_or_subsequent statistical neighbours comparator
--   line 19: cp_second_or_subsequent West Midlands comparator
--   line 22: cp_plans_two_years_plus Latest value
--   line 23: cp_plans_two_years_plus 2015/16 value

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
        (1, 'referrals_rate', 'latest', 'count'),
        (2, 'referrals_rate', 'latest', 'value'),
        (2, 'referrals_rate', 'year_3', 'count'),
        (2, 'referrals_rate', 'year_3', 'value'),
        (2, 'referrals_rate', 'year_2', 'count'),
        (2, 'referrals_rate', 'year_2', 'value'),
        (3, 'referrals_rate', 'latest', 'west_midlands'),
        (3, 'referrals_rate', 'latest', 'england'),
        (3, 'referrals_rate', 'latest', 'statistical_neighbours'),
        (5, 's47_rate', 'latest', 'count'),
        (5, 's47_rate', 'latest', 'value'),
        (6, 's47_rate', 'year_3', 'count'),
        (7, 's47_to_icpc_proportion', 'latest', 'value'),
        (8, 's47_to_icpc_proportion', 'year_3', 'value'),
        (8, 's47_to_icpc_proportion', 'latest', 'west_midlands'),
        (11, 'cin_rate_incl_cp_lac', 'latest', 'count'),
        (11, 'cin_rate_incl_cp_lac', 'latest', 'value'),
        (11, 'cin_rate_incl_cp_lac', 'year_3', 'count'),
        (12, 'cin_rate_incl_cp_lac', 'latest', 'west_midlands'),
        (12, 'cin_rate_incl_cp_lac', 'latest', 'statistical_neighbours'),
        (13, 'cin_rate_incl_cp_lac', 'latest', 'england'),
        (15, 'cp_rate', 'year_3', 'count'),
        (16, 'cp_rate', 'latest', 'count'),
        (16, 'cp_rate', 'latest', 'value'),
        (18, 'cp_second_or_subsequent', 'latest', 'value'),
        (18, 'cp_second_or_subsequent', 'year_3', 'value'),
        (19, 'cp_second_or_subsequent', 'latest', 'statistical_neighbours'),
        (19, 'cp_second_or_subsequent', 'latest', 'west_midlands'),
        (22, 'cp_plans_two_years_plus', 'latest', 'value'),
        (23, 'cp_plans_two_years_plus', 'year_3', 'value')
    ) as quoted (commentary_line, indicator_id, period_key, quantity)

),

figures as (

    {{ commentary_figures_shown(
        'figures_quoted',
        'indicator_values',
        'scorecard',
        'commentary/2016-07-31/children_in_need.md',
        '2016-07-31',
    ) }}

)

select * from figures
