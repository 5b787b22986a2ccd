with

source as (

    select * from {{ source('carefirst', 'carefirst_cp_plans') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_cp_plans') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_cp_plans') }} as la_code,
        nullif(trim(cast(cp_plan_id as varchar)), '') as cp_plan_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        nullif(trim(cast(referral_id as varchar)), '') as referral_id,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('end_date') }} as end_date,
        {{ clean_code('initial_category') }} as initial_category,
        {{ clean_code('latest_category') }} as latest_category,
        {{ extract_integer('visit_interval_days') }} as visit_interval_days,
        {{ extract_integer('previous_plan_count') }} as previous_plan_count
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
