with

source as (

    select * from {{ source('marac', 'marac_referrals') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'marac', 'marac_referrals') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'marac_referrals') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('referral_id') }} as referral_id,
        {{ extract_date('referral_date') }} as referral_date,
        {{ extract_date('incident_date') }} as incident_date,
        victim_key
    from identified

)

select * from renamed
