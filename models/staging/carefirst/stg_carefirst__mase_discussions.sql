with

source as (

    select * from {{ source('carefirst', 'carefirst_mase_discussions') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_mase_discussions') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_mase_discussions') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('meeting_id') }} as meeting_id,
        {{ extract_date('meeting_date') }} as meeting_date,
        {{ clean_code('risk_level') }} as risk_level,
        child_key
    from identified

)

select * from renamed
