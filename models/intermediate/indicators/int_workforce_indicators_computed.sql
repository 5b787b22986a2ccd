{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

children_counted as (

    select * from {{ ref('int_lac_social_workers_counted') }}

),

family_periods as (

    -- the periods the catalogue asks of the workforce measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'workforce' and is_recorded

),

three_plus_counted as (

    -- children looked after at S, split by time looked after; numerator: 3 or more distinct
    -- social workers in the 12 months to S
    select
        la_code,
        report_date,
        period_key,
        basis,
        has_three_plus_social_workers as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount,
        case
            when is_looked_after_over_1_year then 'lac_three_plus_social_workers_over_1y'
            else 'lac_three_plus_social_workers_under_1y'
        end as indicator_id
    from children_counted

),

counted_items as (

    select * from three_plus_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
