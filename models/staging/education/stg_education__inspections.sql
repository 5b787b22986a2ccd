with

source as (

    select * from {{ source('education', 'education_inspections') }}

),

checked as (

    {{ extract_rows_checked('source', 'education', 'education_inspections') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('school_urn') }} as school_urn,
        {{ extract_date('inspection_date') }} as inspection_date,
        {{ extract_date('publication_date') }} as publication_date,
        {{ clean_code('inspection_type') }} as inspection_type,
        {{ extract_integer('overall_effectiveness') }} as overall_effectiveness
    from accepted

)

select * from renamed
