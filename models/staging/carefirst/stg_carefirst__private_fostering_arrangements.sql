with

source as (

    select * from {{ source('carefirst', 'carefirst_private_fostering') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_private_fostering') }} as la_code,
        nullif(trim(cast(arrangement_id as varchar)), '') as arrangement_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        cast(notification_date as date) as notification_date,
        cast(end_date as date) as end_date
    from source

)

select * from renamed
