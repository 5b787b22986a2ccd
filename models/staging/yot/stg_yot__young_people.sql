with

source as (

    select * from {{ source('yot', 'yot_young_people') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'yot', 'yot_young_people') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'yot_young_people') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_date('date_of_birth') }} as date_of_birth,
        {{ clean_code('sex') }} as sex,
        young_person_key,
        child_key
    from identified

)

select * from renamed
