{{ config(materialized='table') }}

-- The persistent-absence judgement of every enrolment, written once: the framework's row
-- (school_persistent_absence) and its two definitions, over each measure's own periods. The
-- case model lists the framework row's persistently absent enrolments (its exception list);
-- the family model counts the two definitions.

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

enrolments as (

    select * from {{ ref('int_pupil_enrolments_aged') }}

),

school_days as (

    select * from {{ ref('int_school_days_numbered') }}

),

persistent_absence_definitions as (

    select * from {{ ref('persistent_absence_definitions') }}

),

periods as (

    -- the persistent-absence measures' periods, where the authority records what they need
    select *
    from measure_periods
    where
        is_recorded
        -- an academic year not over at the report date is not_yet_available: nothing judged
        and not coalesce(period_kind = 'year' and not is_complete, false)
        and indicator_id in (
            'school_persistent_absence',
            'school_persistent_absence_15_percent_fixed',
            'school_persistent_absence_10_percent'
        )

),

definition_in_force as (

    -- school_persistent_absence: the definition of the seed in force for the period's
    -- academic year (the latest applies_from on or before the window's 1 September)
    select
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        max(persistent_absence_definitions.applies_from) as applies_from
    from periods
    inner join persistent_absence_definitions
        on periods.window_start_date >= persistent_absence_definitions.applies_from
    where periods.indicator_id = 'school_persistent_absence'
    group by 1, 2, 3, 4

),

absence_periods as (

    -- the persistent-absence measures' periods, each with the definition it computes: each
    -- variant its own seed row, the framework's row the one in force
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_start_date,
        periods.window_end_date,
        persistent_absence_definitions.threshold_percent,
        persistent_absence_definitions.threshold_of
    from periods
    left join definition_in_force
        on
            periods.la_code = definition_in_force.la_code
            and periods.report_date = definition_in_force.report_date
            and periods.period_key = definition_in_force.period_key
            and periods.basis = definition_in_force.basis
            and periods.indicator_id = 'school_persistent_absence'
    inner join persistent_absence_definitions
        on
            periods.indicator_id = persistent_absence_definitions.indicator_id
            or definition_in_force.applies_from = persistent_absence_definitions.applies_from

),

window_school_days as (

    -- the school days of each window (the academic year to its end, or to the report date
    -- for the Latest): the fixed count is a percentage of twice these
    select
        absence_periods.la_code,
        absence_periods.indicator_id,
        absence_periods.report_date,
        absence_periods.period_key,
        absence_periods.basis,
        count(school_days.calendar_date) as school_day_count
    from absence_periods
    left join school_days
        on
            absence_periods.la_code = school_days.la_code
            and school_days.calendar_date
            between absence_periods.window_start_date and absence_periods.window_end_date
            and school_days.is_school_day
    group by 1, 2, 3, 4, 5

),

enrolments_thresholded as (

    -- each enrolment of the absence cohort of the period's academic year with the sessions
    -- its absence is held against: threshold_percent of the window's sessions
    -- (full_year_sessions: two a school day, a fixed count) or of its own possible sessions
    -- (own_possible_sessions)
    select
        absence_periods.la_code,
        absence_periods.indicator_id,
        absence_periods.report_date,
        absence_periods.period_key,
        absence_periods.basis,
        absence_periods.threshold_percent,
        absence_periods.threshold_of,
        enrolments.pupil_key,
        enrolments.school_urn,
        enrolments.academic_year,
        enrolments.academic_year_start_date,
        enrolments.absence_sessions,
        enrolments.possible_sessions,
        case
            when absence_periods.threshold_of = 'full_year_sessions'
                then 2 * window_school_days.school_day_count
            else enrolments.possible_sessions
        end as threshold_base_sessions
    from absence_periods
    inner join window_school_days
        on
            absence_periods.la_code = window_school_days.la_code
            and absence_periods.indicator_id = window_school_days.indicator_id
            and absence_periods.report_date = window_school_days.report_date
            and absence_periods.period_key = window_school_days.period_key
            and absence_periods.basis = window_school_days.basis
    inner join enrolments
        on
            absence_periods.la_code = enrolments.la_code
            and absence_periods.window_start_date = enrolments.academic_year_start_date
            and enrolments.is_in_absence_cohort

),

persistent_absence_judged as (

    -- persistently absent when the absence reaches the threshold, exactly the threshold
    -- included; compared in whole numbers: absence x 100 >= percent x sessions
    select
        *,
        absence_sessions * 100 >= threshold_percent * threshold_base_sessions
            as is_persistently_absent
    from enrolments_thresholded

)

select * from persistent_absence_judged
