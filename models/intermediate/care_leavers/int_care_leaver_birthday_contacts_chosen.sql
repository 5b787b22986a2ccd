with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

birthdays as (

    select * from {{ ref('int_care_leaver_birthdays_listed') }}

),

contacts as (

    select * from {{ ref('stg_carefirst__care_leaver_contacts') }}

),

periods as (

    -- the periods of the two birthday measures, where the authority records what they need
    select *
    from measure_periods
    where
        indicator_id in ('care_leavers_eet', 'care_leavers_suitable_accommodation')
        and is_recorded

),

birthdays_in_periods as (

    -- the cohort: former relevant young people whose 19th, 20th or 21st birthday is in the
    -- window
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        birthdays.child_key,
        birthdays.age,
        birthdays.birthday_date,
        birthdays.contact_window_start_date,
        birthdays.contact_window_end_date
    from periods
    inner join birthdays
        on
            periods.la_code = birthdays.la_code
            and birthdays.birthday_date
            between periods.window_start_date and periods.window_end_date

),

contacts_in_window as (

    -- the contacts in the birthday's window recorded by the report date, ranked: nearest the
    -- birthday first; of two equally near, the later; of two on one day, the greater id
    select
        birthdays_in_periods.la_code,
        birthdays_in_periods.indicator_id,
        birthdays_in_periods.report_date,
        birthdays_in_periods.period_key,
        birthdays_in_periods.basis,
        birthdays_in_periods.child_key,
        contacts.contact_id,
        contacts.contact_date,
        contacts.in_touch,
        contacts.activity,
        contacts.accommodation,
        row_number() over (
            partition by
                birthdays_in_periods.la_code,
                birthdays_in_periods.indicator_id,
                birthdays_in_periods.report_date,
                birthdays_in_periods.period_key,
                birthdays_in_periods.basis,
                birthdays_in_periods.child_key,
                birthdays_in_periods.birthday_date
            order by
                abs({{ days_between(
                    'birthdays_in_periods.birthday_date', 'contacts.contact_date'
                ) }}),
                contacts.contact_date desc,
                contacts.contact_id desc
        ) as nearness_rank,
        count(*) over (
            partition by
                birthdays_in_periods.la_code,
                birthdays_in_periods.indicator_id,
                birthdays_in_periods.report_date,
                birthdays_in_periods.period_key,
                birthdays_in_periods.basis,
                birthdays_in_periods.child_key,
                birthdays_in_periods.birthday_date
        ) as contacts_in_window
    from birthdays_in_periods
    inner join contacts
        on
            birthdays_in_periods.la_code = contacts.la_code
            and birthdays_in_periods.child_key = contacts.child_key
            and contacts.contact_date
            between birthdays_in_periods.contact_window_start_date
            and birthdays_in_periods.contact_window_end_date
            and birthdays_in_periods.report_date >= contacts.contact_date

),

nearest_contacts as (

    select * from contacts_in_window
    where nearness_rank = 1

),

chosen as (

    -- every birthday of the cohort, with its nearest contact (none: not in touch)
    select
        birthdays_in_periods.la_code,
        birthdays_in_periods.indicator_id,
        birthdays_in_periods.report_date,
        birthdays_in_periods.period_key,
        birthdays_in_periods.basis,
        birthdays_in_periods.child_key,
        birthdays_in_periods.age,
        birthdays_in_periods.birthday_date,
        birthdays_in_periods.contact_window_start_date,
        birthdays_in_periods.contact_window_end_date,
        nearest_contacts.contact_id,
        nearest_contacts.contact_date,
        nearest_contacts.in_touch,
        nearest_contacts.activity,
        nearest_contacts.accommodation,
        coalesce(nearest_contacts.contacts_in_window, 0) as contacts_in_window,
        coalesce(substring(nearest_contacts.activity, 1, 1) in ('F', 'P'), false) as is_eet,
        coalesce(substring(nearest_contacts.accommodation, 1, 1) in ('G', 'H', 'R'), false)
            as is_accommodation_excluded,
        coalesce(substring(nearest_contacts.accommodation, 2, 1) = '1', false)
            as is_suitably_accommodated
    from birthdays_in_periods
    left join nearest_contacts
        on
            birthdays_in_periods.la_code = nearest_contacts.la_code
            and birthdays_in_periods.indicator_id = nearest_contacts.indicator_id
            and birthdays_in_periods.report_date = nearest_contacts.report_date
            and birthdays_in_periods.period_key = nearest_contacts.period_key
            and birthdays_in_periods.basis = nearest_contacts.basis
            and birthdays_in_periods.child_key = nearest_contacts.child_key

)

select * from chosen
