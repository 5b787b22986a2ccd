with

source as (

    select * from {{ source('carefirst', 'carefirst_lac_episodes') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_lac_episodes') }}

),

rejected as (

    select * from checked
    where reject_rules is not null

)

select * from rejected
