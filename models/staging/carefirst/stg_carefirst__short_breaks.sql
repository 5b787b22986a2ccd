with

source as (

    select * from {{ source('carefirst', 'carefirst_short_breaks') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_short_breaks') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_short_breaks') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('break_id') }} as break_id,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('end_date') }} as end_date,
        {{ clean_code('break_type') }} as break_type,
        child_key
    from identified

)

select * from renamed
