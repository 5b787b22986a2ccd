with

source as (

    select * from {{ source('education', 'education_schools') }}

),

checked as (

    {{ extract_rows_checked('source', 'education', 'education_schools') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('school_urn') }} as school_urn,
        {{ extract_text('school_name') }} as school_name,
        {{ clean_code('phase') }} as phase,
        {{ yes_no_flag('is_state_funded') }} as is_state_funded,
        {{ extract_date('open_date') }} as open_date,
        {{ extract_date('close_date') }} as close_date,
        {{ extract_text('predecessor_urn') }} as predecessor_urn
    from accepted

)

select * from renamed
