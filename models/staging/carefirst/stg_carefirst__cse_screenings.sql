with

source as (

    select * from {{ source('carefirst', 'carefirst_cse_screenings') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_cse_screenings') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_cse_screenings') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('screening_id') }} as screening_id,
        {{ extract_date('screening_date') }} as screening_date,
        {{ clean_code('tool') }} as tool,
        {{ clean_code('risk_level') }} as risk_level,
        child_key
    from identified

)

select * from renamed
