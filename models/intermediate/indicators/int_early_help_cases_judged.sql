{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

funding_terms as (

    select * from {{ ref('stg_education__two_year_funding_terms') }}

),

periods as (

    -- each measure's own periods, where the authority's extracts record what it needs: a
    -- measure is judged only over the periods it is computed for, so its failing records are
    -- exactly its exception list
    select *
    from measure_periods
    where family = 'early_help' and is_recorded

),

terms_begun as (

    -- the authority's funding terms (the term start dates its extract records)
    select distinct
        la_code,
        term_start_date
    from funding_terms

),

snapshot_terms as (

    -- the term in progress at S, the window's end: the latest term begun on or before it
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        max(terms_begun.term_start_date) as term_start_date
    from periods
    inner join terms_begun
        on
            periods.la_code = terms_begun.la_code
            and periods.window_end_date >= terms_begun.term_start_date
    where periods.indicator_id = 'two_year_funding_take_up'
    group by 1, 2, 3, 4, 5

),

eligible_children as (

    -- one row per child eligible in that term (a child with two rows in the term takes up a
    -- place when either row says so)
    select
        snapshot_terms.la_code,
        snapshot_terms.indicator_id,
        snapshot_terms.report_date,
        snapshot_terms.period_key,
        snapshot_terms.basis,
        snapshot_terms.term_start_date,
        funding_terms.child_key,
        {{ dbt.bool_or('coalesce(funding_terms.is_taking_up, false)') }} as is_taking_up
    from snapshot_terms
    inner join funding_terms
        on
            snapshot_terms.la_code = funding_terms.la_code
            and snapshot_terms.term_start_date = funding_terms.term_start_date
            and funding_terms.is_eligible
    group by 1, 2, 3, 4, 5, 6, 7

),

funding_cases as (

    -- two_year_funding_take_up: each eligible child of the term, failing when not taking up
    -- a funded place
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        child_key as counted_unit_id,
        'funding_term' as record_type,
        child_key || ':' || {{ as_text('term_start_date') }} as record_id,
        not is_taking_up as is_failing,
        term_start_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(null as integer) as days_elapsed,
        case when not is_taking_up then 'not_taking_up' end as reason_code,
        case
            when not is_taking_up
                then
                    'Eligible for a funded place in the term from '
                    || {{ as_text('term_start_date') }}
                    || ', not taking it up'
        end as reason
    from eligible_children

)

select * from funding_cases
