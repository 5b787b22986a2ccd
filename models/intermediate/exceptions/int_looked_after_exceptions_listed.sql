{{ config(materialized='table') }}

with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

cases as (

    select * from {{ ref('int_looked_after_cases_judged') }}

),

listed as (

    -- the failing records of the looked after measures with a timeliness or completeness
    -- test, on the period rows fct_indicator_values keeps
    {{ indicator_exceptions_listed('cases', 'catalogue') }}

)

select * from listed
