with

source as (

    select * from {{ source('eclipse', 'eclipse_outcome_star_readings') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'eclipse', 'eclipse_outcome_star_readings') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'eclipse_outcome_star_readings') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('reading_id') }} as reading_id,
        {{ extract_text('eha_id') }} as eha_id,
        {{ extract_date('reading_date') }} as reading_date,
        {{ clean_code('star_version') }} as star_version,
        {{ extract_integer('total_score') }} as total_score,
        family_key
    from identified

)

select * from renamed
