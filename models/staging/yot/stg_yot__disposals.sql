with

source as (

    select * from {{ source('yot', 'yot_disposals') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'yot', 'yot_disposals') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'yot_disposals') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('disposal_id') }} as disposal_id,
        {{ extract_date('disposal_date') }} as disposal_date,
        {{ clean_code('disposal_type') }} as disposal_type,
        young_person_key
    from identified

)

select * from renamed
