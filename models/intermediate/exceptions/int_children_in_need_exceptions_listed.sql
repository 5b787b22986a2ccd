{{ config(materialized='table') }}

with

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

calendar_days as (

    select * from {{ ref('int_calendar_days_numbered') }}

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

working_day_limits as (

    -- the limits int_icpcs_timed and int_assessments_timed judge by (they expose only the
    -- verdict), restated to print them and to date the deadline
    select
        limit_list.record_type,
        limit_list.working_days_allowed
    from (values ('icpc', 15), ('assessment', 45)) as limit_list (record_type, working_days_allowed)

),

measure_periods as (

    -- the period rows fct_indicator_values keeps: the three years and the catalogue's Latest
    select
        catalogue.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_start_date,
        periods.window_end_date
    from catalogue
    inner join periods
        on
            (periods.period_key != 'latest' and periods.basis = 'financial_year')
            or (periods.period_key = 'latest' and catalogue.latest_basis = periods.basis)
    where catalogue.indicator_id in (
        'icpc_within_15_working_days',
        'cp_visits_on_time',
        'cp_children_seen_alone',
        'assessments_within_45_working_days',
        'assessments_child_seen',
        'assessments_child_seen_alone'
    )

),

icpcs_due as (

    -- the deadline: the last working day within the limit after the strategy discussion
    select
        icpcs.*,
        working_day_limits.working_days_allowed,
        due_day.calendar_date as due_date
    from icpcs
    inner join working_day_limits on working_day_limits.record_type = 'icpc'
    left join calendar_days as discussion_day
        on icpcs.strategy_discussion_date = discussion_day.calendar_date
    left join calendar_days as due_day
        on
            discussion_day.working_day_number + working_day_limits.working_days_allowed
            = due_day.working_day_number
            and due_day.is_working_day

),

icpc_exceptions as (

    -- ICPCs held in the window and not within the limit
    select
        icpcs_due.la_code,
        measure_periods.indicator_id,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.basis,
        icpcs_due.child_key,
        icpcs_due.conference_id as counted_unit_id,
        'icpc' as record_type,
        icpcs_due.conference_id as record_id,
        icpcs_due.conference_date as event_date,
        icpcs_due.due_date,
        icpcs_due.working_days_from_strategy_discussion as working_days,
        cast(null as integer) as days_elapsed,
        case
            when icpcs_due.s47_id is null then 'no_linked_s47'
            when icpcs_due.strategy_discussion_date is null then 'no_strategy_discussion'
            when icpcs_due.working_days_from_strategy_discussion is null then 'not_timed'
            else 'held_late'
        end as reason_code,
        case
            when icpcs_due.s47_id is null
                then 'No section 47 enquiry linked to the conference'
            when icpcs_due.strategy_discussion_date is null
                then format(
                    'No strategy discussion recorded for the section 47 enquiry {}',
                    icpcs_due.s47_id
                )
            when icpcs_due.working_days_from_strategy_discussion is null
                then 'Working days not counted: a date is outside the calendar'
            else format(
                'Held on working day {} after the strategy discussion (limit {})',
                icpcs_due.working_days_from_strategy_discussion,
                icpcs_due.working_days_allowed
            )
        end as reason
    from measure_periods
    inner join icpcs_due
        on
            icpcs_due.conference_date
            between measure_periods.window_start_date and measure_periods.window_end_date
    where
        measure_periods.indicator_id = 'icpc_within_15_working_days'
        and not icpcs_due.is_within_15_working_days

),

cp_plans_in_window as (

    -- plans open at some time in the window, judged up to the window end or their own end
    select
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.window_start_date,
        measure_periods.window_end_date,
        cp_plans.la_code,
        cp_plans.cp_plan_id,
        cp_plans.child_key,
        cp_plans.start_date,
        cp_plans.visit_interval_days,
        {{ is_open_at(
            'cp_plans.start_date', 'cp_plans.end_date', 'measure_periods.window_end_date'
        ) }} as is_open_at_window_end,
        least(cp_plans.end_date, measure_periods.window_end_date) as evaluation_date
    from measure_periods
    inner join cp_plans
        on {{ is_open_during(
            'cp_plans.start_date',
            'cp_plans.end_date',
            'measure_periods.window_start_date',
            'measure_periods.window_end_date'
        ) }}
    where measure_periods.indicator_id = 'cp_visits_on_time'

),

cp_visit_cohorts as (

    -- a year counts every child with a plan open in the window; the Latest the children on
    -- a plan at the window end
    select
        la_code,
        child_key,
        report_date,
        period_key,
        period_key != 'latest' or bool_or(is_open_at_window_end) as is_in_cohort
    from cp_plans_in_window
    group by 1, 2, 3, 4

),

cp_plans_last_visited as (

    select
        cp_plans_in_window.report_date,
        cp_plans_in_window.period_key,
        cp_plans_in_window.la_code,
        cp_plans_in_window.cp_plan_id,
        cp_plans_in_window.child_key,
        cp_plans_in_window.start_date,
        cp_plans_in_window.visit_interval_days,
        cp_plans_in_window.evaluation_date,
        max(cp_visits.visit_date) as last_visit_date
    from cp_plans_in_window
    left join cp_visits
        on
            cp_plans_in_window.la_code = cp_visits.la_code
            and cp_plans_in_window.cp_plan_id = cp_visits.cp_plan_id
            and cp_plans_in_window.evaluation_date >= cp_visits.visit_date
    group by 1, 2, 3, 4, 5, 6, 7, 8

),

cp_plans_overdue as (

    -- more than the plan's interval since the last visit (or the start) at the evaluation date
    select
        report_date,
        period_key,
        la_code,
        cp_plan_id,
        child_key,
        visit_interval_days,
        evaluation_date,
        last_visit_date,
        cast(evaluation_date - coalesce(last_visit_date, start_date) as integer)
            as days_without_visit,
        coalesce(last_visit_date, start_date) as timed_from_date
    from cp_plans_last_visited
    where evaluation_date - coalesce(last_visit_date, start_date) > visit_interval_days

),

cp_late_visits_in_window as (

    select
        cp_plans_in_window.report_date,
        cp_plans_in_window.period_key,
        cp_plans_in_window.la_code,
        cp_plans_in_window.child_key,
        cp_visits.visit_id,
        cp_visits.visit_date,
        cp_visits.previous_visit_date,
        cp_visits.plan_start_date,
        cp_visits.visit_interval_days,
        cp_visits.days_since_previous_contact
    from cp_plans_in_window
    inner join cp_visits
        on
            cp_plans_in_window.la_code = cp_visits.la_code
            and cp_plans_in_window.cp_plan_id = cp_visits.cp_plan_id
            and cp_visits.visit_date
            between cp_plans_in_window.window_start_date and cp_plans_in_window.window_end_date
    where cp_visits.is_late

),

cp_visit_failures as (

    select
        la_code,
        child_key,
        report_date,
        period_key,
        'cp_visit' as record_type,
        visit_id as record_id,
        visit_date as event_date,
        cast(
            coalesce(previous_visit_date, plan_start_date) + visit_interval_days as date
        ) as due_date,
        days_since_previous_contact as days_elapsed,
        'visit_late' as reason_code,
        format(
            '{} {} days after {} (limit {})',
            case when previous_visit_date is null then 'First visit' else 'Visit' end,
            days_since_previous_contact,
            case
                when previous_visit_date is null then 'the plan started'
                else 'the previous one'
            end,
            visit_interval_days
        ) as reason
    from cp_late_visits_in_window

    union all

    select
        la_code,
        child_key,
        report_date,
        period_key,
        'cp_plan' as record_type,
        cp_plan_id as record_id,
        evaluation_date as event_date,
        cast(timed_from_date + visit_interval_days as date) as due_date,
        days_without_visit as days_elapsed,
        'visit_overdue' as reason_code,
        format(
            'No visit in the {} days from {} to {} (limit {})',
            days_without_visit,
            coalesce(
                'the last one (' || cast(last_visit_date as varchar) || ')',
                'the plan''s start'
            ),
            evaluation_date,
            visit_interval_days
        ) as reason
    from cp_plans_overdue

),

cp_visit_exceptions as (

    -- every late visit and overdue plan of a child in the measure's cohort
    select
        cp_visit_failures.la_code,
        'cp_visits_on_time' as indicator_id,
        cp_visit_failures.report_date,
        cp_visit_failures.period_key,
        measure_periods.basis,
        cp_visit_failures.child_key,
        cp_visit_failures.child_key as counted_unit_id,
        cp_visit_failures.record_type,
        cp_visit_failures.record_id,
        cp_visit_failures.event_date,
        cp_visit_failures.due_date,
        cast(null as integer) as working_days,
        cp_visit_failures.days_elapsed,
        cp_visit_failures.reason_code,
        cp_visit_failures.reason
    from cp_visit_failures
    inner join cp_visit_cohorts
        on
            cp_visit_failures.la_code = cp_visit_cohorts.la_code
            and cp_visit_failures.child_key = cp_visit_cohorts.child_key
            and cp_visit_failures.report_date = cp_visit_cohorts.report_date
            and cp_visit_failures.period_key = cp_visit_cohorts.period_key
    inner join measure_periods
        on
            cp_visit_failures.report_date = measure_periods.report_date
            and cp_visit_failures.period_key = measure_periods.period_key
            and measure_periods.indicator_id = 'cp_visits_on_time'
    where cp_visit_cohorts.is_in_cohort

),

children_on_plan_at_snapshot as (

    select distinct
        cp_plans.la_code,
        cp_plans.child_key,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.basis
    from measure_periods
    inner join cp_plans
        on {{ is_open_at(
            'cp_plans.start_date', 'cp_plans.end_date', 'measure_periods.window_end_date'
        ) }}
    where measure_periods.indicator_id = 'cp_children_seen_alone'

),

latest_cp_visits_at_snapshot as (

    -- each child's latest CP visit on or before the snapshot date, on any plan
    select
        cp_visits.la_code,
        cp_visits.child_key,
        cp_visits.visit_id,
        cp_visits.visit_date,
        cp_visits.is_child_seen_alone,
        measure_periods.report_date,
        measure_periods.period_key
    from measure_periods
    inner join cp_visits
        on measure_periods.window_end_date >= cp_visits.visit_date
    where measure_periods.indicator_id = 'cp_children_seen_alone'
    qualify row_number() over (
        partition by
            cp_visits.la_code,
            cp_visits.child_key,
            measure_periods.report_date,
            measure_periods.period_key
        order by cp_visits.visit_date desc, cp_visits.visit_id desc
    ) = 1

),

seen_alone_exceptions as (

    select
        latest_visits.la_code,
        'cp_children_seen_alone' as indicator_id,
        latest_visits.report_date,
        latest_visits.period_key,
        children_on_plan_at_snapshot.basis,
        latest_visits.child_key,
        latest_visits.child_key as counted_unit_id,
        'cp_visit' as record_type,
        latest_visits.visit_id as record_id,
        latest_visits.visit_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(null as integer) as days_elapsed,
        case
            when latest_visits.is_child_seen_alone is null then 'seen_alone_not_recorded'
            else 'not_seen_alone'
        end as reason_code,
        format(
            '{} at the latest visit ({})',
            case
                when latest_visits.is_child_seen_alone is null then 'Seen alone not recorded'
                else 'Not seen alone'
            end,
            latest_visits.visit_date
        ) as reason
    from children_on_plan_at_snapshot
    inner join latest_cp_visits_at_snapshot as latest_visits
        on
            children_on_plan_at_snapshot.la_code = latest_visits.la_code
            and children_on_plan_at_snapshot.child_key = latest_visits.child_key
            and children_on_plan_at_snapshot.report_date = latest_visits.report_date
            and children_on_plan_at_snapshot.period_key = latest_visits.period_key
    where not coalesce(latest_visits.is_child_seen_alone, false)

),

assessments_windowed as (

    -- assessments authorised in the window, once per assessment measure, with the deadline
    select
        assessments.*,
        measure_periods.indicator_id,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.basis,
        working_day_limits.working_days_allowed,
        due_day.calendar_date as due_date,
        case measure_periods.indicator_id
            when 'assessments_child_seen' then assessments.is_child_seen
            when 'assessments_child_seen_alone' then assessments.is_child_seen_alone
            else assessments.is_within_45_working_days
        end as is_passed
    from measure_periods
    inner join assessments
        on
            assessments.authorised_date
            between measure_periods.window_start_date and measure_periods.window_end_date
    inner join working_day_limits on working_day_limits.record_type = 'assessment'
    left join calendar_days as start_day
        on assessments.start_date = start_day.calendar_date
    left join calendar_days as due_day
        on
            start_day.working_day_number + working_day_limits.working_days_allowed
            = due_day.working_day_number
            and due_day.is_working_day
    where measure_periods.indicator_id in (
        'assessments_within_45_working_days',
        'assessments_child_seen',
        'assessments_child_seen_alone'
    )

),

assessment_exceptions as (

    -- a flag not recorded fails the seen measures, as in the indicator model
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        assessment_id as counted_unit_id,
        'assessment' as record_type,
        assessment_id as record_id,
        authorised_date as event_date,
        case when indicator_id like '%45%' then due_date end as due_date,
        case when indicator_id like '%45%' then working_days_to_authorisation end as working_days,
        cast(null as integer) as days_elapsed,
        case
            when indicator_id not like '%45%' and is_passed is null then 'seen_not_recorded'
            when indicator_id = 'assessments_child_seen' then 'child_not_seen'
            when indicator_id = 'assessments_child_seen_alone' then 'child_not_seen_alone'
            when start_date is null then 'no_start_date'
            when working_days_to_authorisation is null then 'not_timed'
            else 'authorised_late'
        end as reason_code,
        case
            when indicator_id = 'assessments_child_seen' and is_passed is null
                then 'Whether the child was seen is not recorded'
            when indicator_id = 'assessments_child_seen_alone' and is_passed is null
                then 'Whether the child was seen alone is not recorded'
            when indicator_id = 'assessments_child_seen'
                then 'Child recorded as not seen during the assessment'
            when indicator_id = 'assessments_child_seen_alone'
                then 'Child recorded as not seen alone during the assessment'
            when start_date is null then 'No start date recorded for the assessment'
            when working_days_to_authorisation is null
                then 'Working days not counted: a date is outside the calendar'
            else format(
                'Authorised on working day {} after the start (limit {})',
                working_days_to_authorisation,
                working_days_allowed
            )
        end as reason
    from assessments_windowed
    where not coalesce(is_passed, false)

),

unioned as (

    select * from icpc_exceptions
    union all
    select * from cp_visit_exceptions
    union all
    select * from seen_alone_exceptions
    union all
    select * from assessment_exceptions

)

select * from unioned
