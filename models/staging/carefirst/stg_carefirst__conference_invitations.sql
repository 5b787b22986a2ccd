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

),

numbered as (

    -- the extract has no invitation identifier: an invitation is keyed by its place among
    -- its conference's invitations (identical invitations are interchangeable, so the keys
    -- are the same whatever the order of the file)
    select
        *,
        row_number() over (
            partition by la_code, conference_id
            order by invitee_role, attendance
        ) as invitation_number
    from renamed

)

select * from numbered
