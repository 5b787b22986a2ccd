with

source as (

    select * from {{ source('education', 'education_two_year_funding') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'education', 'education_two_year_funding') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'education_two_year_funding') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_date('term_start_date') }} as term_start_date,
        {{ yes_no_flag('is_eligible') }} as is_eligible,
        {{ yes_no_flag('is_taking_up') }} as is_taking_up,
        child_key
    from identified

)

select * from renamed
