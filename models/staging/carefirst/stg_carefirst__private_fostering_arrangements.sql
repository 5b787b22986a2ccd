with

source as (

    select * from {{ source('carefirst', 'carefirst_private_fostering') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_private_fostering') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_private_fostering') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('arrangement_id') }} as arrangement_id,
        {{ extract_date('notification_date') }} as notification_date,
        {{ extract_date('end_date') }} as end_date,
        child_key
    from identified

)

select * from renamed
