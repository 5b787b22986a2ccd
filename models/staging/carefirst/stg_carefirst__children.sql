with

source as (

    select * from {{ source('carefirst', 'carefirst_children') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_children') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_children') }} as la_code,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        {{ extract_date('date_of_birth') }} as date_of_birth,
        {{ clean_code('sex') }} as sex,
        {{ clean_code('ethnicity') }} as ethnicity,
        {{ extract_date('date_of_death') }} as date_of_death,
        {{ yes_no_flag('is_uasc') }} as is_uasc
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
