with

source as (

    select * from {{ source('carefirst', 'carefirst_assessment_factors') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_assessment_factors') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_assessment_factors') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('assessment_id') }} as assessment_id,
        {{ extract_text('factor_code') }} as factor_code,
        child_key
    from identified

)

select * from renamed
