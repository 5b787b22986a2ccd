{{ config(materialized='table') }}

with

bank_holidays as (

    select * from {{ ref('bank_holidays') }}

),

calendar_bounds as (

    -- whole calendar years, from the first bank holiday's year to the last one's
    select
        make_date(year(min(holiday_date)), 1, 1) as first_date,
        make_date(year(max(holiday_date)), 12, 31) as last_date
    from bank_holidays

),

date_spine as (

    select spine.calendar_date
    from {{ days_from_to(
        '(select calendar_bounds.first_date from calendar_bounds)',
        '(select calendar_bounds.last_date from calendar_bounds)'
    ) }} as spine

),

flagged as (

    select
        date_spine.calendar_date,
        bank_holidays.holiday_date is not null as is_bank_holiday,
        {{ iso_day_of_week('date_spine.calendar_date') }} <= 5
        and bank_holidays.holiday_date is null as is_working_day
    from date_spine
    left join bank_holidays
        on date_spine.calendar_date = bank_holidays.holiday_date

),

numbered as (

    select
        calendar_date,
        is_bank_holiday,
        is_working_day,
        sum(case when is_working_day then 1 else 0 end)
            over (order by calendar_date)
            as working_day_number
    from flagged

)

select * from numbered
