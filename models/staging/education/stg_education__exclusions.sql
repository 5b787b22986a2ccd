with

source as (

    select * from {{ source('education', 'education_exclusions') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'education', 'education_exclusions') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'education_exclusions') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('exclusion_id') }} as exclusion_id,
        {{ extract_text('school_urn') }} as school_urn,
        {{ clean_code('exclusion_type') }} as exclusion_type,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_integer('sessions') }} as sessions,
        {{ yes_no_flag('is_rescinded') }} as is_rescinded,
        {{ extract_date('alternative_provision_start_date') }} as alternative_provision_start_date,
        pupil_key
    from identified

)

select * from renamed
