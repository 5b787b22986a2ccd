with

source as (

    select * from {{ source('carefirst', 'carefirst_legal_orders') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_legal_orders') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_legal_orders') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('order_id') }} as order_id,
        {{ clean_code('order_type') }} as order_type,
        {{ extract_date('order_date') }} as order_date,
        {{ yes_no_flag('is_to_former_foster_carer') }} as is_to_former_foster_carer,
        child_key
    from identified

)

select * from renamed
