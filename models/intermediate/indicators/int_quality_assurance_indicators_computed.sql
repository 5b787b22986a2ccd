{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

cases as (

    select * from {{ ref('int_quality_assurance_cases_judged') }}

),

family_periods as (

    -- the periods the catalogue asks of the quality assurance measures, where the
    -- authority's extracts record what they need
    select *
    from measure_periods
    where family = 'quality_assurance' and is_recorded

),

counted_items as (

    -- every measure's cohort and verdict come from the case model: one item per counted
    -- unit (ICPC, child, assessment or review), passing when none of its records fails
    {{ indicator_cases_counted('cases') }}

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
