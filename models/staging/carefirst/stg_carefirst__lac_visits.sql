with

source as (

    select * from {{ source('carefirst', 'carefirst_lac_visits') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_lac_visits') }} as la_code,
        nullif(trim(cast(visit_id as varchar)), '') as visit_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        cast(visit_date as date) as visit_date,
        {{ yes_no_flag('is_child_seen') }} as is_child_seen,
        {{ yes_no_flag('is_child_seen_alone') }} as is_child_seen_alone
    from source

)

select * from renamed
