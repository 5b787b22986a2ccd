with

source as (

    select * from {{ source('carefirst', 'carefirst_adopter_households') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_adopter_households') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('household_id') }} as household_id,
        {{ extract_date('enquiry_date') }} as enquiry_date,
        {{ extract_date('stage_one_start_date') }} as stage_one_start_date,
        {{ extract_date('stage_two_start_date') }} as stage_two_start_date,
        {{ extract_date('approval_date') }} as approval_date,
        {{ extract_date('matched_date') }} as matched_date,
        {{ extract_date('withdrawn_date') }} as withdrawn_date
    from accepted

)

select * from renamed
