with

source as (

    select * from {{ source('education', 'education_cme_investigations') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'education', 'education_cme_investigations') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'education_cme_investigations') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('investigation_id') }} as investigation_id,
        {{ extract_date('opened_date') }} as opened_date,
        {{ extract_date('closed_date') }} as closed_date,
        {{ clean_code('outcome') }} as outcome,
        child_key
    from identified

)

select * from renamed
