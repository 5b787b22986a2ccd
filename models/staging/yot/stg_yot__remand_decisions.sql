with

source as (

    select * from {{ source('yot', 'yot_remand_decisions') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'yot', 'yot_remand_decisions') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'yot_remand_decisions') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('decision_id') }} as decision_id,
        {{ extract_date('decision_date') }} as decision_date,
        {{ clean_code('outcome') }} as outcome,
        young_person_key
    from identified

)

select * from renamed
