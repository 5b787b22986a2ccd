with

source as (

    select * from {{ source('carefirst', 'carefirst_child_disabilities') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_child_disabilities') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_child_disabilities') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ clean_code('disability_code') }} as disability_code,
        child_key
    from identified

)

select * from renamed
