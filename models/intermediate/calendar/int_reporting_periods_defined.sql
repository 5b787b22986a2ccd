with

bounds as (

    select
        cast('{{ var("history_start_date", "2013-04-30") }}' as date) as history_start_date,
        cast('{{ var("report_date") }}' as date) as last_report_date

),

month_ends as (

    -- every month-end from the history's start up to, not including, the report date's month
    select cast(month_start.range + interval 1 month - interval 1 day as date) as report_date
    from
        bounds,
        range(
            date_trunc('month', bounds.history_start_date),
            date_trunc('month', bounds.last_report_date),
            interval 1 month
        ) as month_start

),

report as (

    -- the report dates: those month-ends and var('report_date') itself
    select report_date from month_ends
    union
    select last_report_date as report_date from bounds

),

anchored as (

    select
        report_date,
        -- 1 April of the financial year containing the report date
        case
            when month(report_date) >= 4 then make_date(year(report_date), 4, 1)
            else make_date(year(report_date) - 1, 4, 1)
        end as current_year_start_date
    from report

),

last_full_year as (

    select
        report_date,
        current_year_start_date,
        -- the last financial year ending on or before the report date
        case
            when
                report_date
                = cast(current_year_start_date + interval 1 year - interval 1 day as date)
                then report_date
            else cast(current_year_start_date - interval 1 day as date)
        end as last_year_end_date
    from anchored

),

year_offsets as (

    select unnest([1, 2, 3]) as year_number

),

financial_years as (

    select
        last_full_year.report_date,
        'year_' || cast(year_offset.year_number as varchar) as period_key,
        'financial_year' as basis,
        cast(
            last_full_year.last_year_end_date
            - to_years(3 - year_offset.year_number)
            - interval 1 year
            + interval 1 day as date
        ) as window_start_date,
        cast(
            last_full_year.last_year_end_date
            - to_years(3 - year_offset.year_number) as date
        ) as window_end_date
    from last_full_year
    cross join year_offsets as year_offset

),

latest_windows as (

    select
        report_date,
        'latest' as period_key,
        'rolling_12_months' as basis,
        cast(report_date + interval 1 day - interval 12 month as date)
            as window_start_date,
        report_date as window_end_date
    from report

    union all

    select
        report_date,
        'latest' as period_key,
        'year_to_date' as basis,
        current_year_start_date as window_start_date,
        report_date as window_end_date
    from anchored

    union all

    select
        report_date,
        'latest' as period_key,
        'snapshot' as basis,
        report_date as window_start_date,
        report_date as window_end_date
    from report

),

all_periods as (

    select * from financial_years
    union all
    select * from latest_windows

),

labelled as (

    select
        report_date,
        period_key,
        basis,
        window_start_date,
        window_end_date,
        case
            when basis = 'financial_year'
                then
                    cast(year(window_start_date) as varchar)
                    || '/'
                    || right(cast(year(window_end_date) as varchar), 2)
            else 'Latest'
        end as period_label,
        -- the ONS mid-year estimate for the year in which the 12 months begin
        year(window_end_date - interval 364 day) as population_year
    from all_periods

)

select * from labelled
