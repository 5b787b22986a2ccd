{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

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

lac_reviews as (

    select * from {{ ref('stg_carefirst__lac_reviews') }}

),

periods as (

    -- each measure's own periods (int_indicator_periods_listed), where the authority's
    -- extracts record what it needs: a measure is judged only over the periods it is
    -- computed for, so its failing records are exactly its exception list
    select *
    from measure_periods
    where family = 'quality_assurance' and is_recorded

),

icpc_cases as (

    -- every ICPC held in the window; on time within 15 working days of its strategy discussion
    -- (no linked enquiry or no strategy discussion counts as late)
    select
        icpcs.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        icpcs.child_key,
        icpcs.conference_id as counted_unit_id,
        'icpc' as record_type,
        icpcs.conference_id as record_id,
        not coalesce(icpcs.is_within_15_working_days, false) as is_failing,
        icpcs.conference_date as event_date,
        icpcs.due_date,
        icpcs.working_days_from_strategy_discussion as working_days,
        cast(null as integer) as days_elapsed,
        case
            when icpcs.is_within_15_working_days then null
            when icpcs.s47_id is null then 'no_linked_s47'
            when icpcs.strategy_discussion_date is null then 'no_strategy_discussion'
            when icpcs.working_days_from_strategy_discussion is null then 'not_timed'
            else 'held_late'
        end as reason_code,
        case
            when icpcs.is_within_15_working_days then null
            when icpcs.s47_id is null
                then 'No section 47 enquiry linked to the conference'
            when icpcs.strategy_discussion_date is null
                then
                    'No strategy discussion recorded for the section 47 enquiry '
                    || icpcs.s47_id
            when icpcs.working_days_from_strategy_discussion is null
                then 'Working days not counted: a date is outside the calendar'
            else
                'Held on working day '
                || {{ as_text('icpcs.working_days_from_strategy_discussion') }}
                || ' after the strategy discussion (limit '
                || {{ as_text('icpcs.working_days_allowed') }}
                || ')'
        end as reason
    from periods
    inner join icpcs
        on
            periods.la_code = icpcs.la_code
            and icpcs.conference_date between periods.window_start_date and periods.window_end_date
    where periods.indicator_id = 'icpc_within_15_working_days'

),

cp_plans_in_window as (

    -- plans open at some time in the window, judged up to the window end or their own end
    select
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.period_kind,
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
        least(cp_plans.end_date, periods.window_end_date) as evaluation_date
    from periods
    inner join cp_plans
        on
            periods.la_code = cp_plans.la_code
            and {{ is_open_during(
                'cp_plans.start_date',
                'cp_plans.end_date',
                'periods.window_start_date',
                'periods.window_end_date'
            ) }}
    where periods.indicator_id = 'cp_visits_on_time'

),

cp_visit_cohorts as (

    -- a year counts every child with a plan open in the window; the Latest counts the
    -- children on a plan at the window end (R), judged over the same window
    select
        la_code,
        child_key,
        report_date,
        period_key,
        basis,
        period_kind
    from cp_plans_in_window
    group by 1, 2, 3, 4, 5, 6
    having period_kind = 'year' or {{ dbt.bool_or('is_open_at_window_end') }}

),

cp_plans_last_visited as (

    select
        cp_plans_in_window.report_date,
        cp_plans_in_window.period_key,
        cp_plans_in_window.basis,
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
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9

),

cp_plans_timed as (

    -- days since the last visit (or the plan's start) at the evaluation date
    select
        *,
        cast(
            {{ days_between('coalesce(last_visit_date, start_date)', 'evaluation_date') }}
            as integer
        ) as days_without_visit,
        coalesce(last_visit_date, start_date) as timed_from_date
    from cp_plans_last_visited

),

cp_visit_records as (

    -- each plan open in the window, failing when overdue a visit at its evaluation date (more
    -- than its interval without one), and each late visit in the window on those plans
    select
        la_code,
        report_date,
        period_key,
        basis,
        child_key,
        'cp_plan' as record_type,
        cp_plan_id as record_id,
        coalesce(days_without_visit > visit_interval_days, false) as is_failing,
        evaluation_date as event_date,
        {{ add_days('timed_from_date', 'visit_interval_days') }} as due_date,
        days_without_visit as days_elapsed,
        'visit_overdue' as reason_code,
        'No visit in the '
        || {{ as_text('days_without_visit') }}
        || ' days from '
        || coalesce(
            'the last one (' || {{ as_text('last_visit_date') }} || ')',
            'the plan''s start'
        )
        || ' to '
        || {{ as_text('evaluation_date') }}
        || ' (limit '
        || {{ as_text('visit_interval_days') }}
        || ')' as reason
    from cp_plans_timed

    union all

    select
        cp_plans_in_window.la_code,
        cp_plans_in_window.report_date,
        cp_plans_in_window.period_key,
        cp_plans_in_window.basis,
        cp_plans_in_window.child_key,
        'cp_visit' as record_type,
        cp_visits.visit_id as record_id,
        true as is_failing,
        cp_visits.visit_date as event_date,
        {{ add_days(
            'coalesce(cp_visits.previous_visit_date, cp_visits.plan_start_date)',
            'cp_visits.visit_interval_days'
        ) }} as due_date,
        cp_visits.days_since_previous_contact as days_elapsed,
        'visit_late' as reason_code,
        case when cp_visits.previous_visit_date is null then 'First visit' else 'Visit' end
        || ' '
        || {{ as_text('cp_visits.days_since_previous_contact') }}
        || ' days after '
        || case
            when cp_visits.previous_visit_date is null then 'the plan started'
            else 'the previous one'
        end
        || ' (limit '
        || {{ as_text('cp_visits.visit_interval_days') }}
        || ')' as reason
    from cp_plans_in_window
    inner join cp_visits
        on
            cp_plans_in_window.la_code = cp_visits.la_code
            and cp_plans_in_window.cp_plan_id = cp_visits.cp_plan_id
            and cp_visits.visit_date
            between cp_plans_in_window.window_start_date and cp_plans_in_window.window_end_date
    where cp_visits.is_late

),

cp_visit_cases as (

    -- the records of the children in the measure's cohort
    select
        cp_visit_records.la_code,
        'cp_visits_on_time' as indicator_id,
        cp_visit_records.report_date,
        cp_visit_records.period_key,
        cp_visit_records.basis,
        cp_visit_records.child_key,
        cp_visit_records.child_key as counted_unit_id,
        cp_visit_records.record_type,
        cp_visit_records.record_id,
        cp_visit_records.is_failing,
        cp_visit_records.event_date,
        cp_visit_records.due_date,
        cast(null as integer) as working_days,
        cp_visit_records.days_elapsed,
        case when cp_visit_records.is_failing then cp_visit_records.reason_code end
            as reason_code,
        case when cp_visit_records.is_failing then cp_visit_records.reason end as reason
    from cp_visit_records
    inner join cp_visit_cohorts
        on
            cp_visit_records.la_code = cp_visit_cohorts.la_code
            and cp_visit_records.child_key = cp_visit_cohorts.child_key
            and cp_visit_records.report_date = cp_visit_cohorts.report_date
            and cp_visit_records.period_key = cp_visit_cohorts.period_key
            and cp_visit_records.basis = cp_visit_cohorts.basis

),

children_on_plan_at_snapshot as (

    -- S is the window end: 31 March for a year, R for the Latest
    select distinct
        cp_plans.la_code,
        cp_plans.child_key,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_end_date as snapshot_date
    from periods
    inner join cp_plans
        on
            periods.la_code = cp_plans.la_code
            and {{ is_open_at(
                'cp_plans.start_date', 'cp_plans.end_date', 'periods.window_end_date'
            ) }}
    where periods.indicator_id = 'cp_children_seen_alone'

),

visits_by_recency_at_snapshot as (

    -- each child's CP visits on or before S, on any plan, the latest first (children with
    -- no visit by S are not in the denominator)
    select
        children_on_plan_at_snapshot.la_code,
        children_on_plan_at_snapshot.child_key,
        children_on_plan_at_snapshot.report_date,
        children_on_plan_at_snapshot.period_key,
        children_on_plan_at_snapshot.basis,
        cp_visits.visit_id,
        cp_visits.visit_date,
        cp_visits.is_child_seen_alone,
        row_number() over (
            partition by
                children_on_plan_at_snapshot.la_code,
                children_on_plan_at_snapshot.child_key,
                children_on_plan_at_snapshot.report_date,
                children_on_plan_at_snapshot.period_key,
                children_on_plan_at_snapshot.basis
            order by cp_visits.visit_date desc, cp_visits.visit_id desc
        ) as recency_rank
    from children_on_plan_at_snapshot
    inner join cp_visits
        on
            children_on_plan_at_snapshot.la_code = cp_visits.la_code
            and children_on_plan_at_snapshot.child_key = cp_visits.child_key
            and children_on_plan_at_snapshot.snapshot_date >= cp_visits.visit_date

),

seen_alone_cases as (

    -- the latest visit on or before S passes when the child was seen alone; not recorded
    -- fails
    select
        la_code,
        'cp_children_seen_alone' as indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        child_key as counted_unit_id,
        'cp_visit' as record_type,
        visit_id as record_id,
        not coalesce(is_child_seen_alone, false) as is_failing,
        visit_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(null as integer) as days_elapsed,
        case
            when is_child_seen_alone then null
            when is_child_seen_alone is null then 'seen_alone_not_recorded'
            else 'not_seen_alone'
        end as reason_code,
        case
            when is_child_seen_alone then null
            when is_child_seen_alone is null
                then
                    'Seen alone not recorded at the latest visit ('
                    || {{ as_text('visit_date') }}
                    || ')'
            else 'Not seen alone at the latest visit (' || {{ as_text('visit_date') }} || ')'
        end as reason
    from visits_by_recency_at_snapshot
    where recency_rank = 1

),

assessments_windowed as (

    -- assessments authorised in the window, once per assessment measure
    select
        assessments.*,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.indicator_id = 'assessments_within_45_working_days' as is_timeliness_measure,
        case periods.indicator_id
            when 'assessments_child_seen' then assessments.is_child_seen
            when 'assessments_child_seen_alone' then assessments.is_child_seen_alone
            else assessments.is_within_45_working_days
        end as is_passed
    from periods
    inner join assessments
        on
            periods.la_code = assessments.la_code
            and assessments.authorised_date
            between periods.window_start_date and periods.window_end_date
    where
        periods.indicator_id in (
            'assessments_within_45_working_days',
            'assessments_child_seen',
            'assessments_child_seen_alone'
        )

),

assessment_cases as (

    -- a flag not recorded fails the seen measures
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
        not coalesce(is_passed, false) as is_failing,
        authorised_date as event_date,
        case when is_timeliness_measure then due_date end as due_date,
        case when is_timeliness_measure then working_days_to_authorisation end as working_days,
        cast(null as integer) as days_elapsed,
        case
            when is_passed then null
            when not is_timeliness_measure and is_passed is null then 'seen_not_recorded'
            when indicator_id = 'assessments_child_seen' then 'child_not_seen'
            when indicator_id = 'assessments_child_seen_alone' then 'child_not_seen_alone'
            when start_date is null then 'no_start_date'
            when working_days_to_authorisation is null then 'not_timed'
            else 'authorised_late'
        end as reason_code,
        case
            when is_passed then null
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
            else
                'Authorised on working day '
                || {{ as_text('working_days_to_authorisation') }}
                || ' after the start (limit '
                || {{ as_text('working_days_allowed') }}
                || ')'
        end as reason
    from assessments_windowed

),

participation_cases as (

    -- LAC reviews held in the window, PN0 (child under 4) excluded; PN1-PN6 pass, no code
    -- fails
    select
        lac_reviews.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        lac_reviews.child_key,
        lac_reviews.review_id as counted_unit_id,
        'lac_review' as record_type,
        lac_reviews.review_id as record_id,
        not coalesce(
            lac_reviews.participation_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6'),
            false
        ) as is_failing,
        lac_reviews.review_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(null as integer) as days_elapsed,
        case
            when lac_reviews.participation_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6')
                then null
            when lac_reviews.participation_code is null then 'no_participation_code'
            when lac_reviews.participation_code = 'PN7' then 'did_not_participate'
            else 'unknown_participation_code'
        end as reason_code,
        case
            when lac_reviews.participation_code in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6')
                then null
            when lac_reviews.participation_code is null
                then 'No participation code recorded for the review'
            when lac_reviews.participation_code = 'PN7'
                then 'The child did not attend and their views were not conveyed (PN7)'
            else
                'Participation code '
                || lac_reviews.participation_code
                || ' is not one of PN1-PN6'
        end as reason
    from periods
    inner join lac_reviews
        on
            periods.la_code = lac_reviews.la_code
            and lac_reviews.review_date
            between periods.window_start_date and periods.window_end_date
    where
        periods.indicator_id = 'lac_review_participation'
        and lac_reviews.participation_code is distinct from 'PN0'

),

unioned as (

    select * from icpc_cases
    union all
    select * from cp_visit_cases
    union all
    select * from seen_alone_cases
    union all
    select * from assessment_cases
    union all
    select * from participation_cases

)

select * from unioned
