{{ config(materialized='table') }}

with

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

icpcs as (

    select * from {{ ref('int_icpcs_timed') }}

),

cp_plans as (

    select * from {{ ref('int_cp_plans_sequenced') }}

),

cp_visits as (

    select * from {{ ref('int_cp_visits_timed') }}

),

assessments as (

    select * from {{ ref('int_assessments_timed') }}

),

indicators as (

    -- the quality assurance measures computed here (lac_review_participation is with the
    -- looked after family); all are percentages
    select
        indicator_list.indicator_id,
        true as has_denominator
    from (
        values
        ('icpc_within_15_working_days'),
        ('cp_visits_on_time'),
        ('cp_children_seen_alone'),
        ('assessments_within_45_working_days'),
        ('assessments_child_seen'),
        ('assessments_child_seen_alone')
    ) as indicator_list (indicator_id)

),

la_codes as (

    -- the run's authority, and any other authority found in pooled extracts
    select '{{ var("la_code") }}' as la_code
    union
    select la_code from icpcs
    union
    select la_code from cp_plans
    union
    select la_code from assessments

),

icpc_items as (

    -- every ICPC held in the window; on time within 15 working days of its strategy discussion
    select
        icpcs.la_code,
        'icpc_within_15_working_days' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        icpcs.is_within_15_working_days as is_in_numerator,
        true as is_in_denominator
    from periods
    inner join icpcs
        on icpcs.conference_date between periods.window_start_date and periods.window_end_date

),

plans_in_window as (

    -- plans open at some time in the window, judged up to the window end or their own end
    select
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_start_date,
        periods.window_end_date,
        cp_plans.la_code,
        cp_plans.cp_plan_id,
        cp_plans.child_key,
        cp_plans.start_date,
        cp_plans.visit_interval_days,
        {{ is_open_at(
            'cp_plans.start_date', 'cp_plans.end_date', 'periods.window_end_date'
        ) }} as is_open_at_window_end,
        case
            when cp_plans.end_date < periods.window_end_date then cp_plans.end_date
            else periods.window_end_date
        end as evaluation_date
    from periods
    inner join cp_plans
        on {{ is_open_during(
            'cp_plans.start_date',
            'cp_plans.end_date',
            'periods.window_start_date',
            'periods.window_end_date'
        ) }}

),

plan_visits_checked as (

    select
        plans_in_window.report_date,
        plans_in_window.period_key,
        plans_in_window.basis,
        plans_in_window.la_code,
        plans_in_window.cp_plan_id,
        plans_in_window.child_key,
        plans_in_window.start_date,
        plans_in_window.visit_interval_days,
        plans_in_window.is_open_at_window_end,
        plans_in_window.evaluation_date,
        coalesce(
            bool_or(
                cp_visits.is_late
                and cp_visits.visit_date
                between plans_in_window.window_start_date and plans_in_window.window_end_date
            ),
            false
        ) as has_late_visit_in_window,
        max(
            case
                when cp_visits.visit_date <= plans_in_window.evaluation_date
                    then cp_visits.visit_date
            end
        ) as last_visit_date
    from plans_in_window
    left join cp_visits
        on
            plans_in_window.la_code = cp_visits.la_code
            and plans_in_window.cp_plan_id = cp_visits.cp_plan_id
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10

),

plans_judged as (

    select
        *,
        -- overdue: more than the plan's interval since the last visit (or the plan's start)
        -- at the window end, or at the plan's end if earlier
        coalesce(
            evaluation_date - coalesce(last_visit_date, start_date) > visit_interval_days,
            false
        ) as is_overdue_at_evaluation_date
    from plan_visits_checked

),

children_judged as (

    -- a year counts every child with a plan open in the window; the Latest counts the
    -- children on a plan at the window end (R), judged over the same window
    select
        la_code,
        child_key,
        report_date,
        period_key,
        basis,
        basis = 'financial_year' or bool_or(is_open_at_window_end) as is_in_cohort,
        bool_or(has_late_visit_in_window or is_overdue_at_evaluation_date) as has_failed
    from plans_judged
    group by 1, 2, 3, 4, 5

),

cp_visit_items as (

    select
        la_code,
        'cp_visits_on_time' as indicator_id,
        report_date,
        period_key,
        basis,
        not has_failed as is_in_numerator,
        true as is_in_denominator
    from children_judged
    where is_in_cohort

),

children_on_plan_at_snapshot as (

    select distinct
        cp_plans.la_code,
        cp_plans.child_key,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_end_date as snapshot_date
    from periods
    inner join cp_plans
        on {{ is_open_at('cp_plans.start_date', 'cp_plans.end_date', 'periods.window_end_date') }}

),

latest_visits_at_snapshot as (

    -- each child's latest CP visit on or before S (children with no visit by S drop out)
    select
        children_on_plan_at_snapshot.la_code,
        children_on_plan_at_snapshot.child_key,
        children_on_plan_at_snapshot.report_date,
        children_on_plan_at_snapshot.period_key,
        children_on_plan_at_snapshot.basis,
        cp_visits.is_child_seen_alone
    from children_on_plan_at_snapshot
    inner join cp_visits
        on
            children_on_plan_at_snapshot.la_code = cp_visits.la_code
            and children_on_plan_at_snapshot.child_key = cp_visits.child_key
            and children_on_plan_at_snapshot.snapshot_date >= cp_visits.visit_date
    qualify row_number() over (
        partition by
            children_on_plan_at_snapshot.la_code,
            children_on_plan_at_snapshot.child_key,
            children_on_plan_at_snapshot.report_date,
            children_on_plan_at_snapshot.period_key,
            children_on_plan_at_snapshot.basis
        order by cp_visits.visit_date desc, cp_visits.visit_id desc
    ) = 1

),

seen_alone_items as (

    -- children on a plan at S with a visit by S; seen alone at the latest of those visits
    select
        la_code,
        'cp_children_seen_alone' as indicator_id,
        report_date,
        period_key,
        basis,
        coalesce(is_child_seen_alone, false) as is_in_numerator,
        true as is_in_denominator
    from latest_visits_at_snapshot

),

assessments_authorised_in_window as (

    select
        assessments.la_code,
        assessments.is_within_45_working_days,
        assessments.is_child_seen,
        assessments.is_child_seen_alone,
        periods.report_date,
        periods.period_key,
        periods.basis
    from periods
    inner join assessments
        on
            assessments.authorised_date
            between periods.window_start_date and periods.window_end_date

),

assessment_items as (

    select
        la_code,
        'assessments_within_45_working_days' as indicator_id,
        report_date,
        period_key,
        basis,
        is_within_45_working_days as is_in_numerator,
        true as is_in_denominator
    from assessments_authorised_in_window

    union all

    select
        la_code,
        'assessments_child_seen' as indicator_id,
        report_date,
        period_key,
        basis,
        coalesce(is_child_seen, false) as is_in_numerator,
        true as is_in_denominator
    from assessments_authorised_in_window

    union all

    select
        la_code,
        'assessments_child_seen_alone' as indicator_id,
        report_date,
        period_key,
        basis,
        coalesce(is_child_seen_alone, false) as is_in_numerator,
        true as is_in_denominator
    from assessments_authorised_in_window

),

counted_items as (

    select * from icpc_items
    union all
    select * from cp_visit_items
    union all
    select * from seen_alone_items
    union all
    select * from assessment_items

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'periods', 'la_codes', 'indicators') }}

)

select * from indicator_counts
