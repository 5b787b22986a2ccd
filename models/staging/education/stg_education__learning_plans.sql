with

source as (

    select * from {{ source('education', 'education_learning_plans') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'education', 'education_learning_plans') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'education_learning_plans') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('plan_id') }} as plan_id,
        {{ clean_code('arranged_by') }} as arranged_by,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('end_date') }} as end_date,
        {{ extract_decimal('weekly_hours') }} as weekly_hours,
        pupil_key
    from identified

)

select * from renamed
