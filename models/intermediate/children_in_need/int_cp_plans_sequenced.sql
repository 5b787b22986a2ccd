with

cp_plans as (

    select * from {{ ref('stg_carefirst__cp_plans') }}

),

sequenced as (

    select
        *,
        row_number() over child_plans as plan_sequence_number,
        min(start_date) over (partition by la_code, child_key) as first_plan_start_date
    from cp_plans
    window child_plans as (
        partition by la_code, child_key
        order by start_date, cp_plan_id
    )

),

flagged as (

    select
        la_code,
        cp_plan_id,
        child_key,
        referral_id,
        start_date,
        end_date,
        visit_interval_days,
        previous_plan_count,
        plan_sequence_number,
        -- another of the child's plans in the extract started on an earlier day
        coalesce(first_plan_start_date < start_date, false) as has_earlier_plan_in_extract,
        coalesce(first_plan_start_date < start_date, false)
        or coalesce(previous_plan_count > 0, false) as is_second_or_subsequent
    from sequenced

)

select * from flagged
