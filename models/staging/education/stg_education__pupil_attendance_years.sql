with

source as (

    select * from {{ source('education', 'education_pupil_attendance') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'education', 'education_pupil_attendance') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'education_pupil_attendance') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('academic_year') }} as academic_year,
        {{ extract_academic_year_start('academic_year') }} as academic_year_start_date,
        {{ extract_text('school_urn') }} as school_urn,
        {{ extract_date('date_of_birth') }} as date_of_birth,
        {{ clean_code('enrolment_status') }} as enrolment_status,
        {{ extract_integer('possible_sessions') }} as possible_sessions,
        {{ extract_integer('authorised_absence_sessions') }} as authorised_absence_sessions,
        {{ extract_integer('unauthorised_absence_sessions') }} as unauthorised_absence_sessions,
        pupil_key
    from identified

)

select * from renamed
