with

source as (

    select * from {{ source('carefirst', 'carefirst_cp_plans') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_cp_plans') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_cp_plans') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('cp_plan_id') }} as cp_plan_id,
        {{ extract_text('referral_id') }} as referral_id,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('end_date') }} as end_date,
        {{ clean_code('initial_category') }} as initial_category,
        {{ clean_code('latest_category') }} as latest_category,
        {{ extract_integer('visit_interval_days') }} as visit_interval_days,
        {{ extract_integer('previous_plan_count') }} as previous_plan_count,
        child_key
    from identified

)

select * from renamed
