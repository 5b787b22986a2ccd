with

source as (

    select * from {{ source('carefirst', 'carefirst_section47_enquiries') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_section47_enquiries') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_section47_enquiries') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('s47_id') }} as s47_id,
        {{ extract_text('referral_id') }} as referral_id,
        {{ extract_date('strategy_discussion_date') }} as strategy_discussion_date,
        {{ extract_date('completed_date') }} as completed_date,
        {{ yes_no_flag('is_icpc_required') }} as is_icpc_required,
        child_key
    from identified

)

select * from renamed
