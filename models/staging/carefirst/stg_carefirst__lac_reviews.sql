with

source as (

    select * from {{ source('carefirst', 'carefirst_lac_reviews') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_lac_reviews') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_lac_reviews') }} as la_code,
        nullif(trim(cast(review_id as varchar)), '') as review_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        {{ extract_date('review_date') }} as review_date,
        {{ clean_code('participation_code') }} as participation_code
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
