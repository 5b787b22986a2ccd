with

source as (

    select * from {{ source('carefirst', 'carefirst_private_fostering') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_private_fostering') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_private_fostering') }} as la_code,
        nullif(trim(cast(arrangement_id as varchar)), '') as arrangement_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        {{ extract_date('notification_date') }} as notification_date,
        {{ extract_date('end_date') }} as end_date
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
