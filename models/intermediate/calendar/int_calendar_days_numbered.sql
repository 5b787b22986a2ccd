{{ config(materialized='table') }}

with

bank_holidays as (

    select * from {{ ref('bank_holidays') }}

),

calendar_bounds as (

    select
        date_trunc('year', min(holiday_date)) as first_date,
        date_trunc('year', max(holiday_date)) + interval 1 year as after_last_date
    from bank_holidays

),

date_spine as (

    select cast(spine.range as date) as calendar_date
    from
        calendar_bounds,
        range(
            calendar_bounds.first_date,
            calendar_bounds.after_last_date,
            interval 1 day
        ) as spine

),

flagged as (

    select
        date_spine.calendar_date,
        bank_holidays.holiday_date is not null as is_bank_holiday,
        isodow(date_spine.calendar_date) <= 5
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
