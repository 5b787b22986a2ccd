with

source as (

    select * from {{ source('carefirst', 'carefirst_children') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_children') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_children') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_date('date_of_birth') }} as date_of_birth,
        {{ clean_code('sex') }} as sex,
        {{ clean_code('ethnicity') }} as ethnicity,
        {{ extract_date('date_of_death') }} as date_of_death,
        {{ yes_no_flag('is_uasc') }} as is_uasc,
        child_key
    from identified

)

select * from renamed
