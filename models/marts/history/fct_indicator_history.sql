with

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

latest_values as (

    -- the Latest of every measure at each report date: one point of its monthly trend
    select
        la_code,
        indicator_id,
        report_date,
        value,
        numerator,
        denominator,
        unit,
        state,
        basis,
        window_start_date,
        window_end_date
    from indicator_values
    where period_key = 'latest'

)

select * from latest_values
