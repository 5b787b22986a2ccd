with

source as (

    select * from {{ source('carefirst', 'carefirst_lac_episodes') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_lac_episodes') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_lac_episodes') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('episode_id') }} as episode_id,
        {{ extract_date('start_date') }} as start_date,
        {{ clean_code('reason_new_episode') }} as reason_new_episode,
        {{ clean_code('legal_status') }} as legal_status,
        {{ clean_code('category_of_need') }} as category_of_need,
        {{ clean_code('placement_type') }} as placement_type,
        {{ clean_code('placement_provider') }} as placement_provider,
        {{ extract_text('carer_id') }} as carer_id,
        {{ extract_date('end_date') }} as end_date,
        {{ clean_code('reason_ceased') }} as reason_ceased,
        {{ clean_code('reason_placement_changed') }} as reason_placement_changed,
        {{ postcode_district('home_postcode') }} as home_postcode_district,
        {{ postcode_district('placement_postcode') }} as placement_postcode_district,
        child_key
    from identified

)

select * from renamed
