with

source as (

    select * from {{ source('carefirst', 'carefirst_referrals') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_referrals') }} as la_code,
        nullif(trim(cast(referral_id as varchar)), '') as referral_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        cast(referral_date as date) as referral_date,
        {{ clean_code('referral_source') }} as referral_source,
        {{ clean_code('primary_need_code') }} as primary_need_code,
        {{ yes_no_flag('is_nfa') }} as is_nfa,
        cast(closure_date as date) as closure_date,
        {{ clean_code('closure_reason') }} as closure_reason
    from source

)

select * from renamed
