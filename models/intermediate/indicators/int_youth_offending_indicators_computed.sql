{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

interventions as (

    select * from {{ ref('stg_yot__interventions') }}

),

disposals as (

    select * from {{ ref('stg_yot__disposals') }}

),

remand_decisions as (

    select * from {{ ref('stg_yot__remand_decisions') }}

),

remand_outcomes_counted as (

    select * from {{ ref('remand_outcomes_counted') }}

),

family_periods as (

    -- the periods the catalogue asks of the youth offending measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'youth_offending' and is_recorded

),

windows as (

    {{ family_windows('family_periods') }}

),

interventions_started as (

    {{ events_counted_in_windows(
        'yot_interventions_started', 'interventions', 'start_date'
    ) }}

),

-- out-of-court disposals in the window, each under its type's measure
disposals_given as (

    {{ events_counted_in_windows(
        none, 'disposals', 'disposal_date',
        condition="disposals.disposal_type in ("
        ~ "'COMMUNITY_RESOLUTION', 'YOUTH_CAUTION', 'YOUTH_CONDITIONAL_CAUTION')",
        indicator_expression="case disposals.disposal_type"
        ~ " when 'COMMUNITY_RESOLUTION' then 'yot_community_resolutions'"
        ~ " when 'YOUTH_CAUTION' then 'yot_youth_cautions'"
        ~ " when 'YOUTH_CONDITIONAL_CAUTION' then 'yot_youth_conditional_cautions' end"
    ) }}

),

remand_decisions_counted as (

    -- the remand decisions whose outcome counts on the decision's date (seed
    -- remand_outcomes_counted: unconditional bail from 1 April 2016 only)
    select remand_decisions.*
    from remand_decisions
    inner join remand_outcomes_counted
        on
            remand_decisions.outcome = remand_outcomes_counted.outcome
            and remand_decisions.decision_date >= remand_outcomes_counted.counted_from

),

-- those in the window; the numerator, remands to youth detention accommodation
remands_decided as (

    {{ events_counted_in_windows(
        'yot_remand_yda', 'remand_decisions_counted', 'decision_date',
        in_numerator="remand_decisions_counted.outcome = 'YDA'"
    ) }}

),

-- interventions ending in the window, of which those with the young person in suitable
-- education, training or employment at the end (a year pools its quarters)
interventions_ended as (

    {{ events_counted_in_windows(
        'yot_ete', 'interventions', 'end_date', in_numerator='interventions.is_ete_at_end'
    ) }}

),

counted_items as (

    select * from interventions_started
    union all
    select * from disposals_given
    union all
    select * from remands_decided
    union all
    select * from interventions_ended

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
