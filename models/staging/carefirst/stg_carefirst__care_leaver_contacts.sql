with

source as (

    select * from {{ source('carefirst', 'carefirst_care_leaver_contacts') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_care_leaver_contacts') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_care_leaver_contacts') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('contact_id') }} as contact_id,
        {{ extract_date('contact_date') }} as contact_date,
        {{ clean_code('eligibility') }} as eligibility,
        {{ clean_code('in_touch') }} as in_touch,
        {{ clean_code('activity') }} as activity,
        {{ clean_code('accommodation') }} as accommodation,
        {{ extract_date('pathway_plan_date') }} as pathway_plan_date,
        {{ yes_no_flag('is_staying_put') }} as is_staying_put,
        child_key
    from identified

)

select * from renamed
