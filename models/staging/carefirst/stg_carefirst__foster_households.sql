with

source as (

    select * from {{ source('carefirst', 'carefirst_foster_households') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_foster_households') }} as la_code,
        nullif(trim(cast(household_id as varchar)), '') as household_id,
        cast(enquiry_date as date) as enquiry_date,
        cast(stage_one_start_date as date) as stage_one_start_date,
        cast(stage_two_start_date as date) as stage_two_start_date,
        cast(approval_date as date) as approval_date,
        cast(deregistered_date as date) as deregistered_date,
        {{ optional_column('carefirst', 'carefirst_foster_households', 'withdrawn_date', 'date') }}
            as withdrawn_date
    from source

)

select * from renamed
