with

source as (

    select * from {{ source('carefirst', 'carefirst_worker_allocations') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_worker_allocations') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_worker_allocations') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('allocation_id') }} as allocation_id,
        {{ extract_text('worker_id') }} as worker_id,
        {{ clean_code('worker_role') }} as worker_role,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('end_date') }} as end_date,
        child_key
    from identified

)

select * from renamed
