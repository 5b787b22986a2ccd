with

source as (

    select * from {{ source('education', 'education_sen_plans') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'education', 'education_sen_plans') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'education_sen_plans') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('plan_id') }} as plan_id,
        {{ extract_date('date_of_birth') }} as date_of_birth,
        {{ clean_code('plan_type') }} as plan_type,
        {{ yes_no_flag('is_transfer') }} as is_transfer,
        {{ extract_date('request_date') }} as request_date,
        {{ extract_date('issued_date') }} as issued_date,
        {{ yes_no_flag('has_exception') }} as has_exception,
        {{ extract_date('ceased_date') }} as ceased_date,
        {{ extract_date('transfer_review_date') }} as transfer_review_date,
        {{ extract_date('transition_plan_date') }} as transition_plan_date,
        child_key
    from identified

)

select * from renamed
