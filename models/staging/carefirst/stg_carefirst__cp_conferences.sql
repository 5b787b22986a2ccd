with

source as (

    select * from {{ source('carefirst', 'carefirst_cp_conferences') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_cp_conferences') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_cp_conferences') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('conference_id') }} as conference_id,
        {{ clean_code('conference_type') }} as conference_type,
        {{ extract_date('conference_date') }} as conference_date,
        {{ extract_text('s47_id') }} as s47_id,
        {{ extract_text('cp_plan_id') }} as cp_plan_id,
        {{ yes_no_flag('is_plan_made') }} as is_plan_made,
        child_key
    from identified

)

select * from renamed
