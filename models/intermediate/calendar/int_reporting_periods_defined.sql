{#-
    Every period a measure can be computed over, for every report date (docs/design.md,
    "Periods"). The catalogue chooses, per measure, the basis of its year columns
    (year_basis), of its Latest (latest_basis) and of its table of periods (series_basis);
    int_indicator_periods_listed keeps each measure's own.
-#}
{#- the first month-end of this run: the history's start, or in a monthly increment the
    report date's look-back (macros/history_report_dates.sql) -#}
{%- set history_start = history_first_report_date() -%}
{%- set last_report = "cast('" ~ var('report_date') ~ "' as date)" -%}

with

calendar_months as (

    -- every month from four years before the history's start (the earliest report date's
    -- first year column, its quarters and its three-year window) to the report date's month
    select
        months.month_start_date,
        {{ month_end('months.month_start_date') }} as month_end_date
    from {{ month_starts_between(add_years(history_start, -5), last_report) }} as months

),

report_dates as (

    -- the month-ends from the history's start up to, not including, the report date's month,
    -- and var('report_date') itself
    select month_end_date as report_date
    from calendar_months
    where
        month_start_date >= {{ month_start(history_start) }}
        and month_start_date < {{ month_start(last_report) }}

    union

    select {{ last_report }} as report_date

),

anchored as (

    select
        report_date,
        -- 1 April of the financial year containing the report date
        case
            when month(report_date) >= 4 then make_date(year(report_date), 4, 1)
            else make_date(year(report_date) - 1, 4, 1)
        end as current_year_start_date,
        -- 1 September of the academic year containing the report date
        case
            when month(report_date) >= 9 then make_date(year(report_date), 9, 1)
            else make_date(year(report_date) - 1, 9, 1)
        end as current_academic_year_start_date,
        -- the last 31 December on or before the report date
        case
            when month(report_date) = 12 and day(report_date) = 31 then report_date
            else make_date(year(report_date) - 1, 12, 31)
        end as last_calendar_year_end_date,
        -- the end of the last financial quarter (30 June, 30 September, 31 December, 31 March)
        -- on or before the report date
        {{ month_end(add_months(month_start('report_date'), '0 - month(report_date) % 3')) }}
            as quarter_end_candidate_date
    from report_dates

),

last_complete as (

    select
        report_date,
        current_year_start_date,
        current_academic_year_start_date,
        last_calendar_year_end_date,
        -- the last financial year ending on or before the report date
        case
            when report_date = {{ add_days(add_years('current_year_start_date', 1), -1) }}
                then report_date
            else {{ add_days('current_year_start_date', -1) }}
        end as last_year_end_date,
        case
            when quarter_end_candidate_date <= report_date then quarter_end_candidate_date
            else {{ month_end(add_months(month_start('quarter_end_candidate_date'), -3)) }}
        end as last_quarter_end_date
    from anchored

),

year_offsets as (

    select year_offset.year_number
    from (values (1), (2), (3)) as year_offset (year_number)

),

financial_year_windows as (

    -- the three financial years ending on or before the report date, oldest first
    select
        last_complete.report_date,
        'year_' || {{ as_text('year_offsets.year_number') }} as period_key,
        {{ add_days(
            add_years('last_complete.last_year_end_date', 'year_offsets.year_number - 4'), 1
        ) }} as window_start_date,
        {{ add_years('last_complete.last_year_end_date', 'year_offsets.year_number - 3') }}
            as window_end_date,
        year(last_complete.last_year_end_date) + year_offsets.year_number - 4
            as financial_year_start
    from last_complete
    cross join year_offsets

),

financial_years as (

    select
        report_date,
        period_key,
        'financial_year' as basis,
        {{ as_text('financial_year_start') }}
        || '/'
        || right({{ as_text('financial_year_start + 1') }}, 2) as period_label,
        window_start_date,
        window_end_date
    from financial_year_windows

),

academic_years as (

    -- the academic years (1 September to 31 August) of the financial years' labels: 2015/16 is
    -- September 2015 to August 2016, not over at a July 2016 report date (is_complete false)
    select
        report_date,
        period_key,
        'academic_year' as basis,
        {{ as_text('financial_year_start') }}
        || '/'
        || right({{ as_text('financial_year_start + 1') }}, 2) as period_label,
        make_date(financial_year_start, 9, 1) as window_start_date,
        make_date(financial_year_start + 1, 8, 31) as window_end_date
    from financial_year_windows

),

fourth_quarters as (

    -- the fourth quarter (January to March) of each financial year column, labelled as the
    -- year: the document prints some measures' year columns as "Q4 only" (return home
    -- interviews)
    select
        report_date,
        period_key,
        'fourth_quarter' as basis,
        {{ as_text('financial_year_start') }}
        || '/'
        || right({{ as_text('financial_year_start + 1') }}, 2) as period_label,
        make_date(financial_year_start + 1, 1, 1) as window_start_date,
        window_end_date
    from financial_year_windows

),

three_years_to_march as (

    -- the three years ending on each financial year's 31 March (the adoption scorecard's
    -- 2013/14 column is April 2011 to March 2014)
    select
        report_date,
        period_key,
        'three_years_to_march' as basis,
        {{ as_text('financial_year_start') }}
        || '/'
        || right({{ as_text('financial_year_start + 1') }}, 2) as period_label,
        {{ add_days(add_years('window_end_date', -3), 1) }} as window_start_date,
        window_end_date
    from financial_year_windows

),

calendar_years as (

    -- the three calendar years ending on or before the report date, oldest first
    select
        last_complete.report_date,
        'year_' || {{ as_text('year_offsets.year_number') }} as period_key,
        'calendar_year' as basis,
        cast(
            year(last_complete.last_calendar_year_end_date) + year_offsets.year_number - 3
            as {{ dbt.type_string() }}
        ) as period_label,
        make_date(
            year(last_complete.last_calendar_year_end_date) + year_offsets.year_number - 3, 1, 1
        ) as window_start_date,
        make_date(
            year(last_complete.last_calendar_year_end_date) + year_offsets.year_number - 3, 12, 31
        ) as window_end_date
    from last_complete
    cross join year_offsets

),

latest_windows as (

    select
        report_date,
        'latest' as period_key,
        'rolling_12_months' as basis,
        'Latest' as period_label,
        {{ add_months(add_days('report_date', 1), -12) }} as window_start_date,
        report_date as window_end_date
    from last_complete

    union all

    select
        report_date,
        'latest' as period_key,
        'year_to_date' as basis,
        'Latest' as period_label,
        current_year_start_date as window_start_date,
        report_date as window_end_date
    from last_complete

    union all

    select
        report_date,
        'latest' as period_key,
        'snapshot' as basis,
        'Latest' as period_label,
        report_date as window_start_date,
        report_date as window_end_date
    from last_complete

    union all

    select
        report_date,
        'latest' as period_key,
        'academic_year_to_date' as basis,
        'Latest' as period_label,
        current_academic_year_start_date as window_start_date,
        report_date as window_end_date
    from last_complete

    union all

    select
        report_date,
        'latest' as period_key,
        'rolling_36_months' as basis,
        'Latest' as period_label,
        {{ add_months(add_days('report_date', 1), -36) }} as window_start_date,
        report_date as window_end_date
    from last_complete

    union all

    -- the latest complete financial quarter ending on or before the report date
    select
        report_date,
        'latest' as period_key,
        'financial_quarter' as basis,
        'Latest' as period_label,
        {{ month_start(add_months('last_quarter_end_date', -2)) }} as window_start_date,
        last_quarter_end_date as window_end_date
    from last_complete

    union all

    -- the calendar month ending at the report date
    select
        report_date,
        'latest' as period_key,
        'calendar_month' as basis,
        'Latest' as period_label,
        {{ month_start('report_date') }} as window_start_date,
        report_date as window_end_date
    from last_complete

),

financial_quarters_numbered as (

    -- every financial quarter of the calendar: Q1 April-June ... Q4 January-March
    select
        month_start_date as quarter_start_date,
        {{ month_end(add_months('month_start_date', 2)) }} as quarter_end_date,
        case
            when month(month_start_date) >= 4 then year(month_start_date)
            else year(month_start_date) - 1
        end as financial_year_start,
        cast(((month(month_start_date) + 8) % 12) / 3 as integer) + 1 as quarter_number
    from calendar_months
    where month(month_start_date) in (1, 4, 7, 10)

),

financial_quarters as (

    -- a report date's quarters, as the document's quarterly tables print them: from the first
    -- quarter of the second year column (2014/15 Q1 for July 2016) to the latest complete
    -- quarter
    select
        last_complete.report_date,
        'quarter_'
        || {{ as_text('financial_quarters_numbered.financial_year_start') }}
        || '_q'
        || {{ as_text('financial_quarters_numbered.quarter_number') }}
            as period_key,
        'financial_quarter' as basis,
        {{ as_text('financial_quarters_numbered.financial_year_start') }}
        || '/'
        || right({{ as_text('financial_quarters_numbered.financial_year_start + 1') }}, 2)
        || ' Q'
        || {{ as_text('financial_quarters_numbered.quarter_number') }} as period_label,
        financial_quarters_numbered.quarter_start_date as window_start_date,
        financial_quarters_numbered.quarter_end_date as window_end_date
    from last_complete
    inner join financial_quarters_numbered
        on
            {{ add_days(add_years('last_complete.last_year_end_date', -2), 1) }}
            <= financial_quarters_numbered.quarter_start_date
            and last_complete.last_quarter_end_date
            >= financial_quarters_numbered.quarter_end_date

),

calendar_month_series as (

    -- a report date's twelve calendar months, ending with its own month
    select
        last_complete.report_date,
        'month_'
        || {{ as_text('year(calendar_months.month_start_date)') }}
        || '_'
        || lpad({{ as_text('month(calendar_months.month_start_date)') }}, 2, '0')
            as period_key,
        'calendar_month' as basis,
        {{ format_month_year('calendar_months.month_start_date') }} as period_label,
        calendar_months.month_start_date as window_start_date,
        calendar_months.month_end_date as window_end_date
    from last_complete
    inner join calendar_months
        on
            {{ add_months(month_start('last_complete.report_date'), -12) }}
            < calendar_months.month_start_date
            and last_complete.report_date >= calendar_months.month_end_date

),

all_periods as (

    select * from financial_years
    union all
    select * from academic_years
    union all
    select * from three_years_to_march
    union all
    select * from fourth_quarters
    union all
    select * from calendar_years
    union all
    select * from latest_windows
    union all
    select * from financial_quarters
    union all
    select * from calendar_month_series

),

labelled as (

    select
        report_date,
        period_key,
        basis,
        window_start_date,
        window_end_date,
        period_label,
        case
            when period_key = 'latest' then 'latest'
            when period_key like 'year_%' then 'year'
            else 'series'
        end as period_kind,
        window_end_date <= report_date as is_complete,
        -- the ONS mid-year estimate for the year in which the window's last 12 months begin
        year({{ add_days('window_end_date', -364) }}) as population_year
    from all_periods

)

select * from labelled
