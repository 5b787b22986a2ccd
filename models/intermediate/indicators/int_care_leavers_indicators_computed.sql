{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

cases as (

    select * from {{ ref('int_care_leavers_cases_judged') }}

),

birthday_contacts as (

    select * from {{ ref('int_care_leaver_birthday_contacts_chosen') }}

),

children as (

    select * from {{ ref('stg_carefirst__children') }}

),

episodes as (

    select * from {{ ref('int_lac_episodes_chained') }}

),

statuses as (

    select * from {{ ref('stg_carefirst__care_leaver_statuses') }}

),

contacts as (

    select * from {{ ref('stg_carefirst__care_leaver_contacts') }}

),

family_periods as (

    -- the periods the catalogue asks of the care leavers measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'care_leavers' and is_recorded

),

cases_counted as (

    -- care_leavers_eet and care_leavers_pathway_plan: cohort and verdict from the case
    -- model, one item per young person, passing when its record does not fail
    {{ indicator_cases_counted('cases') }}

),

accommodation_counted as (

    -- care_leavers_suitable_accommodation: the EET cohort and judged contact; accommodation
    -- G (gone abroad), H (deported) or R (residence not known) left out of both; suffix 1
    -- suitable; no contact in the window: not suitable
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        is_suitably_accommodated as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from birthday_contacts
    where
        indicator_id = 'care_leavers_suitable_accommodation'
        and not is_accommodation_excluded

),

left_foster_care_at_18 as (

    -- ceased care on the 18th birthday from a foster placement (U1-U6), not a short break
    select distinct
        children.la_code,
        children.child_key,
        episodes.end_date as eighteenth_birthday,
        {{ add_years('children.date_of_birth', 21) }} as twenty_first_birthday
    from children
    inner join episodes
        on
            children.la_code = episodes.la_code
            and children.child_key = episodes.child_key
            and episodes.end_date = {{ add_years('children.date_of_birth', 18) }}
            and episodes.placement_type in ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')
            and not episodes.is_short_break

),

staying_put_cohort as (

    -- care_leavers_staying_put: aged 18-20 at D (the window's end) with a FORMER_RELEVANT
    -- status open at D
    select distinct
        family_periods.la_code,
        family_periods.indicator_id,
        family_periods.report_date,
        family_periods.period_key,
        family_periods.basis,
        family_periods.window_end_date,
        left_foster_care_at_18.child_key
    from family_periods
    inner join left_foster_care_at_18
        on
            family_periods.la_code = left_foster_care_at_18.la_code
            and family_periods.window_end_date >= left_foster_care_at_18.eighteenth_birthday
            and family_periods.window_end_date < left_foster_care_at_18.twenty_first_birthday
    inner join statuses
        on
            left_foster_care_at_18.la_code = statuses.la_code
            and left_foster_care_at_18.child_key = statuses.child_key
            and statuses.eligibility = 'FORMER_RELEVANT'
            and {{ is_open_at(
                'statuses.start_date', 'statuses.end_date', 'family_periods.window_end_date'
            ) }}
    where family_periods.indicator_id = 'care_leavers_staying_put'

),

staying_put_latest_contacts as (

    -- the latest contact on or before D (of two on one day, the greater id) says whether the
    -- young person stays put with their former foster carers
    select
        staying_put_cohort.la_code,
        staying_put_cohort.report_date,
        staying_put_cohort.period_key,
        staying_put_cohort.basis,
        staying_put_cohort.child_key,
        contacts.is_staying_put,
        row_number() over (
            partition by
                staying_put_cohort.la_code,
                staying_put_cohort.report_date,
                staying_put_cohort.period_key,
                staying_put_cohort.basis,
                staying_put_cohort.child_key
            order by contacts.contact_date desc, contacts.contact_id desc
        ) as recency_rank
    from staying_put_cohort
    inner join contacts
        on
            staying_put_cohort.la_code = contacts.la_code
            and staying_put_cohort.child_key = contacts.child_key
            and staying_put_cohort.window_end_date >= contacts.contact_date

),

staying_put_counted as (

    select
        staying_put_cohort.la_code,
        staying_put_cohort.indicator_id,
        staying_put_cohort.report_date,
        staying_put_cohort.period_key,
        staying_put_cohort.basis,
        coalesce(staying_put_latest_contacts.is_staying_put, false) as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from staying_put_cohort
    left join staying_put_latest_contacts
        on
            staying_put_cohort.la_code = staying_put_latest_contacts.la_code
            and staying_put_cohort.report_date = staying_put_latest_contacts.report_date
            and staying_put_cohort.period_key = staying_put_latest_contacts.period_key
            and staying_put_cohort.basis = staying_put_latest_contacts.basis
            and staying_put_cohort.child_key = staying_put_latest_contacts.child_key
            and staying_put_latest_contacts.recency_rank = 1

),

counted_items as (

    select * from cases_counted
    union all
    select * from accommodation_counted
    union all
    select * from staying_put_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
