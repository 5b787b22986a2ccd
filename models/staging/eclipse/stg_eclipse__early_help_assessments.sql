with

source as (

    select * from {{ source('eclipse', 'eclipse_early_help_assessments') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'eclipse', 'eclipse_early_help_assessments') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'eclipse_early_help_assessments') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('eha_id') }} as eha_id,
        {{ extract_date('date_of_birth') }} as date_of_birth,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('completed_date') }} as completed_date,
        {{ extract_date('closed_date') }} as closed_date,
        {{ clean_code('lead_agency') }} as lead_agency,
        {{ clean_code('closure_reason') }} as closure_reason,
        {{ yes_no_flag('is_step_down') }} as is_step_down,
        child_key,
        family_key
    from identified

)

select * from renamed
