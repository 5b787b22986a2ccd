with

source as (

    select * from {{ source('carefirst', 'carefirst_section47_enquiries') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_section47_enquiries') }}

),

rejected as (

    select * from checked
    where reject_rules is not null

)

select * from rejected
