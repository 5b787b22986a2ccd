-- Contract rules on the invitations to child protection conferences
-- (carefirst_conference_attendance against carefirst_cp_conferences).
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv).

with

conference_invitations as (

    select * from {{ ref('stg_carefirst__conference_invitations') }}

),

cp_conferences as (

    select * from {{ ref('stg_carefirst__cp_conferences') }}

),

conferences as (

    -- one row per conference, however many children it concerned (the child of a conference
    -- about one child; none for siblings' conferences)
    select
        la_code,
        conference_id,
        min(conference_type) as conference_type,
        min(conference_date) as conference_date,
        case when count(distinct child_key) = 1 then min(child_key) end as child_key
    from cp_conferences
    group by 1, 2

),

invitations_keyed as (

    -- an invitation has no identifier of its own: its conference and its place there
    select
        conference_invitations.la_code,
        {{ dbt.concat([
            'conference_invitations.conference_id',
            "':'",
            dbt.cast('conference_invitations.invitation_number', dbt.type_string()),
        ]) }} as invitation_id,
        conference_invitations.conference_id,
        conference_invitations.invitee_role,
        cast(null as {{ dbt.type_string() }}) as child_key
    from conference_invitations

),

conference_invitation_conference_unknown as (

    {{ unknown_parent_failures(
        rule_id='conference_invitation_conference_unknown',
        extract='carefirst_conference_attendance',
        records='invitations_keyed',
        record_id='invitation_id',
        parents='conferences',
        key_column='conference_id',
        detail='invitation of a {} to conference {}, which is not in carefirst_cp_conferences',
        detail_values=['invitations_keyed.invitee_role', 'invitations_keyed.conference_id']
    ) }}

),

conference_without_invitations as (

    select
        {{ data_quality_failure_columns(
            'conference_without_invitations', 'carefirst_cp_conferences',
            'conferences', 'conference_id'
        ) }},
        {{ format_text(
            '{} on {} has no invitation in carefirst_conference_attendance',
            ['conferences.conference_type', 'conferences.conference_date']
        ) }} as detail
    from conferences
    left join conference_invitations
        on
            conferences.la_code = conference_invitations.la_code
            and conferences.conference_id = conference_invitations.conference_id
    where conference_invitations.conference_id is null

),

unioned as (

    select * from conference_invitation_conference_unknown
    union all
    select * from conference_without_invitations

)

select * from unioned
