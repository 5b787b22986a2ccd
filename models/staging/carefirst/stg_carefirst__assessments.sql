with

source as (

    select * from {{ source('carefirst', 'carefirst_assessments') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_assessments') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_assessments') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('assessment_id') }} as assessment_id,
        {{ extract_text('referral_id') }} as referral_id,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('authorised_date') }} as authorised_date,
        {{ yes_no_flag('is_child_seen') }} as is_child_seen,
        {{ yes_no_flag('is_child_seen_alone') }} as is_child_seen_alone,
        child_key
    from identified

)

select * from renamed
