with

source as (

    select * from {{ source('carefirst', 'carefirst_cp_plans') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_cp_plans') }}

),

rejected as (

    select * from checked
    where reject_rules is not null

)

select * from rejected
