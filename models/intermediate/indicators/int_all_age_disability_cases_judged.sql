{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

sen_plans as (

    select * from {{ ref('stg_education__sen_plans') }}

),

periods as (

    -- each measure's own periods, where the authority's extracts record what it needs: a
    -- measure is judged only over the periods it is computed for, so its failing records are
    -- exactly its exception list
    select *
    from measure_periods
    where family = 'all_age_disability' and is_recorded

),

plans_in_force as (

    -- the plans in force at S, the window's end (issued on or before it, not ceased by it: a
    -- statement ceased on the day an EHC plan replaced it is not in force), for the two
    -- snapshot measures: statements for the transfer review, both kinds for transition plans;
    -- each child's latest-issued plan first
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_end_date,
        sen_plans.child_key,
        sen_plans.plan_id,
        sen_plans.plan_type,
        sen_plans.date_of_birth,
        sen_plans.issued_date,
        sen_plans.transfer_review_date,
        sen_plans.transition_plan_date,
        row_number() over (
            partition by
                periods.la_code,
                periods.indicator_id,
                periods.report_date,
                periods.period_key,
                periods.basis,
                sen_plans.child_key
            order by sen_plans.issued_date desc, sen_plans.plan_id desc
        ) as recency_rank
    from periods
    inner join sen_plans
        on
            periods.la_code = sen_plans.la_code
            and {{ is_open_at(
                'sen_plans.issued_date', 'sen_plans.ceased_date', 'periods.window_end_date'
            ) }}
    where
        (
            periods.indicator_id = 'statements_ehcp_transfer_review'
            and sen_plans.plan_type = 'STATEMENT'
        )
        or periods.indicator_id = 'transition_plans_age_14'

),

children_with_plans as (

    -- one row per child: the latest-issued plan in force (the record the list names), and
    -- whether any plan in force had its transfer review started, or a transition plan, by S
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        window_end_date,
        child_key,
        max(case when recency_rank = 1 then plan_id end) as plan_id,
        max(case when recency_rank = 1 then plan_type end) as plan_type,
        max(case when recency_rank = 1 then date_of_birth end) as date_of_birth,
        max(case when recency_rank = 1 then issued_date end) as issued_date,
        {{ dbt.bool_or('coalesce(transfer_review_date <= window_end_date, false)') }}
            as is_transfer_review_started,
        {{ dbt.bool_or('coalesce(transition_plan_date <= window_end_date, false)') }}
            as has_transition_plan
    from plans_in_force
    group by 1, 2, 3, 4, 5, 6, 7

),

transfer_review_cases as (

    -- statements_ehcp_transfer_review: each child with a statement in force at S, failing
    -- when no transfer review to an EHC plan has started by S
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        child_key as counted_unit_id,
        'sen_plan' as record_type,
        plan_id as record_id,
        not is_transfer_review_started as is_failing,
        issued_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast({{ days_between('issued_date', 'window_end_date') }} as integer) as days_elapsed,
        case when not is_transfer_review_started then 'no_transfer_review' end as reason_code,
        case
            when not is_transfer_review_started
                then
                    'Statement issued on '
                    || {{ as_text('issued_date') }}
                    || ' in force on '
                    || {{ as_text('window_end_date') }}
                    || ' with no transfer review started'
        end as reason
    from children_with_plans
    where indicator_id = 'statements_ehcp_transfer_review'

),

transition_plan_cases as (

    -- transition_plans_age_14: each child aged 14 at S (the 14th birthday on or before S, the
    -- 15th after it: a child turning 14 on S is 14) with a plan in force, failing when no
    -- transition plan is dated on or before S
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        child_key as counted_unit_id,
        'sen_plan' as record_type,
        plan_id as record_id,
        not has_transition_plan as is_failing,
        {{ add_years('date_of_birth', 14) }} as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(
            {{ days_between(add_years('date_of_birth', 14), 'window_end_date') }} as integer
        ) as days_elapsed,
        case when not has_transition_plan then 'no_transition_plan' end as reason_code,
        case
            when not has_transition_plan
                then
                    'Aged 14 on '
                    || {{ as_text('window_end_date') }}
                    || ' with '
                    || case when plan_type = 'EHCP' then 'an EHC plan' else 'a statement' end
                    || ' in force and no transition plan'
        end as reason
    from children_with_plans
    where
        indicator_id = 'transition_plans_age_14'
        and {{ add_years('date_of_birth', 14) }} <= window_end_date
        and {{ add_years('date_of_birth', 15) }} > window_end_date

),

new_plans_issued as (

    -- new EHC plans (not transfers from a statement) issued in the window, with the days from
    -- the request; a) leaves out the plans with a time-limit exception, b) keeps them
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        sen_plans.child_key,
        sen_plans.plan_id,
        sen_plans.request_date,
        sen_plans.issued_date,
        coalesce(sen_plans.has_exception, false) as has_exception,
        {{ days_between('sen_plans.request_date', 'sen_plans.issued_date') }} as days_to_issue
    from periods
    inner join sen_plans
        on
            periods.la_code = sen_plans.la_code
            and sen_plans.plan_type = 'EHCP'
            and not coalesce(sen_plans.is_transfer, false)
            and sen_plans.issued_date
            between periods.window_start_date and periods.window_end_date
    where
        periods.indicator_id = 'ehcp_within_20_weeks_incl_exceptions'
        or (
            periods.indicator_id = 'ehcp_within_20_weeks_excl_exceptions'
            and not coalesce(sen_plans.has_exception, false)
        )

),

ehcp_timeliness_cases as (

    -- within 20 weeks: at most 140 days from the request to the issue (day 140 in, day 141
    -- late); a plan with no request date recorded is late
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        plan_id as counted_unit_id,
        'sen_plan' as record_type,
        plan_id as record_id,
        not coalesce(days_to_issue <= 140, false) as is_failing,
        issued_date as event_date,
        {{ add_days('request_date', 140) }} as due_date,
        cast(null as integer) as working_days,
        cast(days_to_issue as integer) as days_elapsed,
        case
            when days_to_issue <= 140 then null
            when request_date is null then 'no_request_date'
            when has_exception then 'over_20_weeks_with_exception'
            else 'over_20_weeks'
        end as reason_code,
        case
            when days_to_issue <= 140 then null
            when request_date is null
                then 'Issued on ' || {{ as_text('issued_date') }} || ' with no request date'
            else
                'Issued on '
                || {{ as_text('issued_date') }}
                || ', '
                || {{ as_text('cast(floor(days_to_issue / 7.0) as integer)') }}
                || ' weeks '
                || {{ as_text('days_to_issue - 7 * cast(floor(days_to_issue / 7.0) as integer)') }}
                || ' days ('
                || {{ as_text('days_to_issue') }}
                || ' days) after the request of '
                || {{ as_text('request_date') }}
                || case
                    when has_exception then '; a time-limit exception applies'
                    else '; no exception'
                end
        end as reason
    from new_plans_issued

),

unioned as (

    select * from transfer_review_cases
    union all
    select * from transition_plan_cases
    union all
    select * from ehcp_timeliness_cases

)

select * from unioned
