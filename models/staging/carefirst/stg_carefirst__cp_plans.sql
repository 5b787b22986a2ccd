with

source as (

    select * from {{ source('carefirst', 'carefirst_cp_plans') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_cp_plans') }} as la_code,
        nullif(trim(cast(cp_plan_id as varchar)), '') as cp_plan_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        nullif(trim(cast(referral_id as varchar)), '') as referral_id,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        {{ clean_code('initial_category') }} as initial_category,
        {{ clean_code('latest_category') }} as latest_category,
        cast(visit_interval_days as integer) as visit_interval_days,
        cast(previous_plan_count as integer) as previous_plan_count
    from source

)

select * from renamed
