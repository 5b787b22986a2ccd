{{ config(materialized='table') }}

with

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

icpcs as (

    select * from {{ ref('int_icpcs_timed') }}

),

cp_plans as (

    select * from {{ ref('int_cp_plans_sequenced') }}

),

assessments as (

    select * from {{ ref('int_assessments_timed') }}

),

cases as (

    select * from {{ ref('int_quality_assurance_cases_judged') }}

),

indicators as (

    -- the quality assurance measures computed here (lac_review_participation is with the
    -- looked after family); all are percentages
    select
        indicator_list.indicator_id,
        true as has_denominator
    from (
        values
        ('icpc_within_15_working_days'),
        ('cp_visits_on_time'),
        ('cp_children_seen_alone'),
        ('assessments_within_45_working_days'),
        ('assessments_child_seen'),
        ('assessments_child_seen_alone')
    ) as indicator_list (indicator_id)

),

la_codes as (

    -- the run's authority, and any other authority found in pooled extracts (ICPCs, plans
    -- and assessments are read here for that alone: the measures are counted from the case
    -- model)
    select '{{ var("la_code") }}' as la_code
    union
    select la_code from icpcs
    union
    select la_code from cp_plans
    union
    select la_code from assessments

),

counted_items as (

    -- every measure's cohort and verdict come from the case model: one item per counted
    -- unit (ICPC, child or assessment), passing when none of its records fails
    {{ indicator_cases_counted('cases') }}

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'periods', 'la_codes', 'indicators') }}

)

select * from indicator_counts
