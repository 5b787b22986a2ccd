with

source as (

    select * from {{ source('carefirst', 'carefirst_lac_reviews') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_lac_reviews') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_lac_reviews') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('review_id') }} as review_id,
        {{ extract_date('review_date') }} as review_date,
        {{ clean_code('participation_code') }} as participation_code,
        child_key
    from identified

)

select * from renamed
