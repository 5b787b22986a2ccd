with

source as (

    select * from {{ source('carefirst', 'carefirst_cp_visits') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_cp_visits') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_cp_visits') }} as la_code,
        nullif(trim(cast(visit_id as varchar)), '') as visit_id,
        nullif(trim(cast(cp_plan_id as varchar)), '') as cp_plan_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        {{ extract_date('visit_date') }} as visit_date,
        {{ yes_no_flag('is_child_seen') }} as is_child_seen,
        {{ yes_no_flag('is_child_seen_alone') }} as is_child_seen_alone
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
