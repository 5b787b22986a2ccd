with

source as (

    select * from {{ source('carefirst', 'carefirst_children') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_children') }} as la_code,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        cast(date_of_birth as date) as date_of_birth,
        {{ clean_code('sex') }} as sex,
        {{ clean_code('ethnicity') }} as ethnicity,
        nullif(trim(cast(upn as varchar)), '') as upn,
        cast(date_of_death as date) as date_of_death,
        {{ yes_no_flag('is_uasc') }} as is_uasc
    from source

)

select * from renamed
