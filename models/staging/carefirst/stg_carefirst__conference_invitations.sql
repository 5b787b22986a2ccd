with

source as (

    select * from {{ source('carefirst', 'carefirst_conference_attendance') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_conference_attendance') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('conference_id') }} as conference_id,
        {{ clean_code('invitee_role') }} as invitee_role,
        {{ clean_code('attendance') }} as attendance
    from accepted

)

select * from renamed
