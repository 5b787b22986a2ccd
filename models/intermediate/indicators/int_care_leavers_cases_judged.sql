{{ config(materialized='table') }}

{%- set birthday_ordinal -%}
    case when age = 21 then '21st' else {{ as_text('age') }} || 'th' end
{%- endset %}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

birthday_contacts as (

    select * from {{ ref('int_care_leaver_birthday_contacts_chosen') }}

),

statuses as (

    select * from {{ ref('stg_carefirst__care_leaver_statuses') }}

),

contacts as (

    select * from {{ ref('stg_carefirst__care_leaver_contacts') }}

),

periods as (

    -- each measure's own periods, where the authority's extracts record what it needs: a
    -- measure is judged only over the periods it is computed for, so its failing records are
    -- exactly its exception list
    select *
    from measure_periods
    where family = 'care_leavers' and is_recorded

),

eet_cases as (

    -- care_leavers_eet: each former relevant young person with a 19th, 20th or 21st birthday
    -- in the window, judged on the contact nearest the birthday (int_care_leaver_birthday_
    -- contacts_chosen); failing when not EET, with why: no contact in the window, not in
    -- touch, or NEET by reason (not available for the labour market: illness or disability,
    -- pregnancy or parenting, custody; or other reasons)
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        child_key as counted_unit_id,
        case
            when contact_id is null then 'care_leaver_birthday'
            else 'care_leaver_contact'
        end as record_type,
        coalesce(contact_id, child_key || ':' || {{ as_text('age') }}) as record_id,
        not is_eet as is_failing,
        contact_date as event_date,
        birthday_date as due_date,
        cast(null as integer) as working_days,
        cast(
            case
                when contact_date is not null
                    then {{ days_between('birthday_date', 'contact_date') }}
            end
            as integer
        ) as days_elapsed,
        case
            when is_eet then null
            when contact_id is null then 'no_contact_in_window'
            when coalesce(in_touch, '') != 'YES' then 'not_in_touch'
            when activity = 'G4' then 'neet_nalm_illness_or_disability'
            when activity = 'G6' then 'neet_nalm_pregnancy_or_parenting'
            when substring(accommodation, 1, 1) = 'X' then 'neet_nalm_custody'
            when activity is null then 'activity_not_recorded'
            else 'neet_other'
        end as reason_code,
        case
            when is_eet then null
            when contact_id is null
                then
                    'No contact from '
                    || {{ as_text('contact_window_start_date') }}
                    || ' to '
                    || {{ as_text('contact_window_end_date') }}
                    || ' around the '
                    || {{ birthday_ordinal }}
                    || ' birthday on '
                    || {{ as_text('birthday_date') }}
            when coalesce(in_touch, '') != 'YES'
                then
                    'Not in touch ('
                    || coalesce(in_touch, 'not recorded')
                    || ') at the contact of '
                    || {{ as_text('contact_date') }}
            else
                'Activity '
                || coalesce(activity, 'not recorded')
                || coalesce(' (accommodation ' || accommodation || ')', '')
                || ' at the contact of '
                || {{ as_text('contact_date') }}
                || ', nearest the '
                || {{ birthday_ordinal }}
                || ' birthday on '
                || {{ as_text('birthday_date') }}
        end as reason
    from birthday_contacts
    where indicator_id = 'care_leavers_eet'

),

open_care_leavers as (

    -- care_leavers_pathway_plan: relevant and former relevant young people with a status
    -- open at D, the window's end (start <= D, end null or > D)
    select distinct
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_end_date,
        statuses.child_key
    from periods
    inner join statuses
        on
            periods.la_code = statuses.la_code
            and statuses.eligibility in ('RELEVANT', 'FORMER_RELEVANT')
            and {{ is_open_at(
                'statuses.start_date', 'statuses.end_date', 'periods.window_end_date'
            ) }}
    where periods.indicator_id = 'care_leavers_pathway_plan'

),

latest_contacts as (

    -- each one's latest contact on or before D (of two on one day, the greater id)
    select
        open_care_leavers.la_code,
        open_care_leavers.report_date,
        open_care_leavers.period_key,
        open_care_leavers.basis,
        open_care_leavers.child_key,
        contacts.contact_id,
        contacts.contact_date,
        contacts.pathway_plan_date,
        row_number() over (
            partition by
                open_care_leavers.la_code,
                open_care_leavers.report_date,
                open_care_leavers.period_key,
                open_care_leavers.basis,
                open_care_leavers.child_key
            order by contacts.contact_date desc, contacts.contact_id desc
        ) as recency_rank
    from open_care_leavers
    inner join contacts
        on
            open_care_leavers.la_code = contacts.la_code
            and open_care_leavers.child_key = contacts.child_key
            and open_care_leavers.window_end_date >= contacts.contact_date

),

pathway_plan_cases as (

    -- a pathway plan in force: the latest contact records a plan dated on or before D
    select
        open_care_leavers.la_code,
        open_care_leavers.indicator_id,
        open_care_leavers.report_date,
        open_care_leavers.period_key,
        open_care_leavers.basis,
        open_care_leavers.child_key,
        open_care_leavers.child_key as counted_unit_id,
        case
            when latest_contacts.contact_id is null then 'care_leaver'
            else 'care_leaver_contact'
        end as record_type,
        coalesce(latest_contacts.contact_id, open_care_leavers.child_key) as record_id,
        not coalesce(
            latest_contacts.pathway_plan_date <= open_care_leavers.window_end_date, false
        ) as is_failing,
        latest_contacts.contact_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(
            {{ days_between(
                'latest_contacts.pathway_plan_date', 'open_care_leavers.window_end_date'
            ) }}
            as integer
        ) as days_elapsed,
        case
            when latest_contacts.pathway_plan_date <= open_care_leavers.window_end_date then null
            when latest_contacts.contact_id is null then 'no_contact'
            else 'no_pathway_plan'
        end as reason_code,
        case
            when latest_contacts.pathway_plan_date <= open_care_leavers.window_end_date then null
            when latest_contacts.contact_id is null
                then 'No contact recorded by ' || {{ as_text('open_care_leavers.window_end_date') }}
            else
                'No pathway plan recorded at the latest contact, on '
                || {{ as_text('latest_contacts.contact_date') }}
        end as reason
    from open_care_leavers
    left join latest_contacts
        on
            open_care_leavers.la_code = latest_contacts.la_code
            and open_care_leavers.report_date = latest_contacts.report_date
            and open_care_leavers.period_key = latest_contacts.period_key
            and open_care_leavers.basis = latest_contacts.basis
            and open_care_leavers.child_key = latest_contacts.child_key
            and latest_contacts.recency_rank = 1

),

unioned as (

    select * from eet_cases
    union all
    select * from pathway_plan_cases

)

select * from unioned
