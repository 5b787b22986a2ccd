with

source as (

    select * from {{ source('carefirst', 'carefirst_cp_conferences') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_cp_conferences') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_cp_conferences') }} as la_code,
        nullif(trim(cast(conference_id as varchar)), '') as conference_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        {{ clean_code('conference_type') }} as conference_type,
        {{ extract_date('conference_date') }} as conference_date,
        nullif(trim(cast(s47_id as varchar)), '') as s47_id,
        nullif(trim(cast(cp_plan_id as varchar)), '') as cp_plan_id,
        {{ yes_no_flag('is_plan_made') }} as is_plan_made
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
