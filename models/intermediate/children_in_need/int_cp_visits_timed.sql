with

cp_visits as (

    select * from {{ ref('stg_carefirst__cp_visits') }}

),

cp_plans as (

    select * from {{ ref('int_cp_plans_sequenced') }}

),

ordered as (

    select
        *,
        lag(visit_date) over plan_visits as previous_visit_date
    from cp_visits
    window plan_visits as (
        partition by la_code, cp_plan_id
        order by visit_date, visit_id
    )

),

with_plan as (

    select
        ordered.la_code,
        ordered.visit_id,
        ordered.cp_plan_id,
        ordered.child_key,
        ordered.visit_date,
        ordered.is_child_seen,
        ordered.is_child_seen_alone,
        ordered.previous_visit_date,
        cp_plans.child_key as plan_child_id,
        cp_plans.start_date as plan_start_date,
        cp_plans.end_date as plan_end_date,
        cp_plans.visit_interval_days
    from ordered
    left join cp_plans
        on
            ordered.la_code = cp_plans.la_code
            and ordered.cp_plan_id = cp_plans.cp_plan_id

),

timed as (

    select
        *,
        -- the first visit on a plan is timed from the plan's start
        cast(
            {{ days_between('coalesce(previous_visit_date, plan_start_date)', 'visit_date') }}
            as integer
        ) as days_since_previous_contact
    from with_plan

),

judged as (

    select
        *,
        coalesce(days_since_previous_contact > visit_interval_days, false) as is_late
    from timed

)

select * from judged
