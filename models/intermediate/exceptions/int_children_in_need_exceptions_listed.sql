{{ config(materialized='table') }}

with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

cases as (

    select * from {{ ref('int_quality_assurance_cases_judged') }}

),

listed as (

    -- the failing records of the quality assurance measures judged from the children in need
    -- journeys, on the period rows fct_indicator_values keeps
    {{ indicator_exceptions_listed('cases', 'catalogue') }}

)

select * from listed
