with

source as (

    select * from {{ source('carefirst', 'carefirst_missing_episodes') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_missing_episodes') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_missing_episodes') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('missing_episode_id') }} as missing_episode_id,
        {{ clean_code('missing_type') }} as missing_type,
        {{ extract_datetime('start_datetime') }} as start_datetime,
        {{ extract_datetime('end_datetime') }} as end_datetime,
        {{ yes_no_flag('is_rhi_offered') }} as is_rhi_offered,
        {{ extract_datetime('rhi_offered_datetime') }} as rhi_offered_datetime,
        {{ extract_datetime('rhi_datetime') }} as rhi_datetime,
        {{ yes_no_flag('is_rhi_accepted') }} as is_rhi_accepted,
        {{ extract_text('responsible_la_code') }} as responsible_la_code,
        child_key
    from identified

)

select * from renamed
