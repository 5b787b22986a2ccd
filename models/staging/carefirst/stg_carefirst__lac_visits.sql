with

source as (

    select * from {{ source('carefirst', 'carefirst_lac_visits') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_lac_visits') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_lac_visits') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('visit_id') }} as visit_id,
        {{ extract_date('visit_date') }} as visit_date,
        {{ yes_no_flag('is_child_seen') }} as is_child_seen,
        {{ yes_no_flag('is_child_seen_alone') }} as is_child_seen_alone,
        child_key
    from identified

)

select * from renamed
