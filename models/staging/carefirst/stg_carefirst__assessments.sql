with

source as (

    select * from {{ source('carefirst', 'carefirst_assessments') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_assessments') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_assessments') }} as la_code,
        nullif(trim(cast(assessment_id as varchar)), '') as assessment_id,
        nullif(trim(cast(referral_id as varchar)), '') as referral_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('authorised_date') }} as authorised_date,
        {{ yes_no_flag('is_child_seen') }} as is_child_seen,
        {{ yes_no_flag('is_child_seen_alone') }} as is_child_seen_alone
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
