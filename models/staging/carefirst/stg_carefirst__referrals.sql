with

source as (

    select * from {{ source('carefirst', 'carefirst_referrals') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_referrals') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_referrals') }} as la_code,
        nullif(trim(cast(referral_id as varchar)), '') as referral_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        {{ extract_date('referral_date') }} as referral_date,
        {{ clean_code('referral_source') }} as referral_source,
        {{ clean_code('primary_need_code') }} as primary_need_code,
        {{ yes_no_flag('is_nfa') }} as is_nfa,
        {{ extract_date('closure_date') }} as closure_date,
        {{ clean_code('closure_reason') }} as closure_reason
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
