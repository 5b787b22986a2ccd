with

children as (

    select * from {{ ref('stg_carefirst__children') }}

),

statuses as (

    select * from {{ ref('stg_carefirst__care_leaver_statuses') }}

),

ages as (

    select 19 as age
    union all
    select 20 as age
    union all
    select 21 as age

),

birthdays as (

    -- the 19th, 20th and 21st birthdays; a birthday on 29 February falls on 28 February in a
    -- year that is not a leap year (calendar months clipped to the month's end, as
    -- scripts/demo/dates.py's birthday() and every age in the models)
    select
        children.la_code,
        children.child_key,
        ages.age,
        {{ add_years('children.date_of_birth', 'ages.age') }} as birthday_date
    from children
    cross join ages
    where children.date_of_birth is not null

),

former_relevant_birthdays as (

    -- a FORMER_RELEVANT status started on or before the birthday and not ended before it (a
    -- status ending on the 21st birthday still covers it)
    select distinct
        birthdays.la_code,
        birthdays.child_key,
        birthdays.age,
        birthdays.birthday_date
    from birthdays
    inner join statuses
        on
            birthdays.la_code = statuses.la_code
            and birthdays.child_key = statuses.child_key
            and statuses.eligibility = 'FORMER_RELEVANT'
            and birthdays.birthday_date >= statuses.start_date
            and coalesce(birthdays.birthday_date <= statuses.end_date, true)

),

windowed as (

    -- the contact window: 3 calendar months before the birthday to 1 after, both included
    select
        la_code,
        child_key,
        age,
        birthday_date,
        {{ add_months('birthday_date', -3) }} as contact_window_start_date,
        {{ add_months('birthday_date', 1) }} as contact_window_end_date
    from former_relevant_birthdays

)

select * from windowed
