-- SSDA903 OC3 rules on care leavers' statuses and contacts.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv); a rule of a kind that recurs is a call of a macro
-- of macros/data_quality_rules.sql.

with

children as (

    select * from {{ ref('stg_carefirst__children') }}

),

lac_episodes as (

    select * from {{ ref('stg_carefirst__lac_episodes') }}

),

statuses as (

    select * from {{ ref('stg_carefirst__care_leaver_statuses') }}

),

contacts as (

    select * from {{ ref('stg_carefirst__care_leaver_contacts') }}

),

code_lists as (

    select * from {{ ref('data_quality_code_lists') }}

),

status_records as (

    -- the statuses extract has no key of its own: a status is named by its young person,
    -- eligibility and start date
    select
        statuses.*,
        statuses.child_key
        || ':'
        || statuses.eligibility
        || ':'
        || {{ as_text('statuses.start_date') }} as status_record_id
    from statuses

),

care_leaver_activity_not_in_list as (

    {{ code_not_in_list_failures(
        rule_id='care_leaver_activity_not_in_list',
        extract='carefirst_care_leaver_contacts',
        records='contacts',
        record_id='contact_id',
        code_column='activity',
        code_list='oc3_activity',
        detail='activity {} is not an OC3 activity code'
    ) }}

),

care_leaver_accommodation_not_in_list as (

    {{ code_not_in_list_failures(
        rule_id='care_leaver_accommodation_not_in_list',
        extract='carefirst_care_leaver_contacts',
        records='contacts',
        record_id='contact_id',
        code_column='accommodation',
        code_list='oc3_accommodation',
        detail='accommodation {} is not an OC3 accommodation code'
    ) }}

),

care_leaver_in_touch_without_activity as (

    select
        {{ data_quality_failure_columns(
            'care_leaver_in_touch_without_activity',
            'carefirst_care_leaver_contacts',
            'contacts',
            'contact_id'
        ) }},
        {{ format_text('in touch on {} but activity {} and accommodation {}', [
            'contacts.contact_date',
            text_or_placeholder('contacts.activity', 'missing'),
            text_or_placeholder('contacts.accommodation', 'missing')
        ]) }} as detail
    from contacts
    where
        contacts.in_touch = 'YES'
        and (contacts.activity is null or contacts.accommodation is null)

),

care_leaver_not_in_touch_with_activity as (

    select
        {{ data_quality_failure_columns(
            'care_leaver_not_in_touch_with_activity',
            'carefirst_care_leaver_contacts',
            'contacts',
            'contact_id'
        ) }},
        {{ format_text('in_touch {} on {} but activity {} and accommodation {}', [
            text_or_placeholder('contacts.in_touch', 'missing'),
            'contacts.contact_date',
            text_or_placeholder('contacts.activity', 'missing'),
            text_or_placeholder('contacts.accommodation', 'missing')
        ]) }} as detail
    from contacts
    where
        coalesce(contacts.in_touch, '') != 'YES'
        and (contacts.activity is not null or contacts.accommodation is not null)

),

children_looked_after as (

    select distinct
        lac_episodes.la_code,
        lac_episodes.child_key
    from lac_episodes

),

care_leaver_never_looked_after as (

    select
        {{ data_quality_failure_columns(
            'care_leaver_never_looked_after',
            'carefirst_care_leavers',
            'status_records',
            'status_record_id'
        ) }},
        {{ format_text('{} status from {} but no LAC episode in the extracts', [
            'status_records.eligibility', 'status_records.start_date'
        ]) }} as detail
    from status_records
    left join children_looked_after
        on
            status_records.la_code = children_looked_after.la_code
            and status_records.child_key = children_looked_after.child_key
    where children_looked_after.child_key is null

),

care_leaver_contact_before_16th_birthday as (

    select
        {{ data_quality_failure_columns(
            'care_leaver_contact_before_16th_birthday',
            'carefirst_care_leaver_contacts',
            'contacts',
            'contact_id'
        ) }},
        {{ format_text('contact on {}, before the 16th birthday (born {})', [
            'contacts.contact_date', 'children.date_of_birth'
        ]) }} as detail
    from contacts
    inner join children
        on
            contacts.la_code = children.la_code
            and contacts.child_key = children.child_key
    where contacts.contact_date < {{ add_years('children.date_of_birth', 16) }}

),

care_leaver_former_relevant_before_18th_birthday as (

    select
        {{ data_quality_failure_columns(
            'care_leaver_former_relevant_before_18th_birthday',
            'carefirst_care_leavers',
            'status_records',
            'status_record_id'
        ) }},
        {{ format_text('FORMER_RELEVANT from {}, before the 18th birthday (born {})', [
            'status_records.start_date', 'children.date_of_birth'
        ]) }} as detail
    from status_records
    inner join children
        on
            status_records.la_code = children.la_code
            and status_records.child_key = children.child_key
    where
        status_records.eligibility = 'FORMER_RELEVANT'
        and status_records.start_date < {{ add_years('children.date_of_birth', 18) }}

),

unioned as (

    select * from care_leaver_activity_not_in_list
    union all
    select * from care_leaver_accommodation_not_in_list
    union all
    select * from care_leaver_in_touch_without_activity
    union all
    select * from care_leaver_not_in_touch_with_activity
    union all
    select * from care_leaver_never_looked_after
    union all
    select * from care_leaver_contact_before_16th_birthday
    union all
    select * from care_leaver_former_relevant_before_18th_birthday

)

select * from unioned
