with

source as (

    select * from {{ source('carefirst', 'carefirst_care_leavers') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_care_leavers') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_care_leavers') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ clean_code('eligibility') }} as eligibility,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('end_date') }} as end_date,
        child_key
    from identified

)

select * from renamed
