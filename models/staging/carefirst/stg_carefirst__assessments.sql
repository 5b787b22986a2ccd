with

source as (

    select * from {{ source('carefirst', 'carefirst_assessments') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_assessments') }} as la_code,
        nullif(trim(cast(assessment_id as varchar)), '') as assessment_id,
        nullif(trim(cast(referral_id as varchar)), '') as referral_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        cast(start_date as date) as start_date,
        cast(authorised_date as date) as authorised_date,
        {{ yes_no_flag('is_child_seen') }} as is_child_seen,
        {{ yes_no_flag('is_child_seen_alone') }} as is_child_seen_alone
    from source

)

select * from renamed
