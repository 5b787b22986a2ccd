with

source as (

    select * from {{ source('carefirst', 'carefirst_foster_households') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_foster_households') }}

),

rejected as (

    select * from checked
    where reject_rules is not null

)

select * from rejected
