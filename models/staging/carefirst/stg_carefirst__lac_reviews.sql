with

source as (

    select * from {{ source('carefirst', 'carefirst_lac_reviews') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_lac_reviews') }} as la_code,
        nullif(trim(cast(review_id as varchar)), '') as review_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        cast(review_date as date) as review_date,
        {{ clean_code('participation_code') }} as participation_code
    from source

)

select * from renamed
