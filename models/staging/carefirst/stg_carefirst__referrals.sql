with

source as (

    select * from {{ source('carefirst', 'carefirst_referrals') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_referrals') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_referrals') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('referral_id') }} as referral_id,
        {{ extract_date('referral_date') }} as referral_date,
        {{ clean_code('referral_source') }} as referral_source,
        {{ clean_code('primary_need_code') }} as primary_need_code,
        {{ yes_no_flag('is_nfa') }} as is_nfa,
        {{ extract_date('closure_date') }} as closure_date,
        {{ clean_code('closure_reason') }} as closure_reason,
        child_key
    from identified

)

select * from renamed
