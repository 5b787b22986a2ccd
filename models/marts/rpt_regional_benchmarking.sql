{#-
    The regional benchmarking page's rows: for each measure, every council's Latest and last
    full year with its rank and quartile band in the pool and the pool's region and England
    aggregates (doc block rpt_regional_benchmarking). scripts/render_benchmarking.py draws it.
-#}

with

computed_comparators as (

    select * from {{ ref('fct_indicator_comparators_computed') }}

),

scorecard as (

    select * from {{ ref('fct_indicator_scorecard') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

-- the two comparisons of the page: the Latest and the scorecard's last full year
compared as (

    select
        computed_comparators.*,
        case
            when computed_comparators.period_key = 'latest' then 'latest'
            else 'last_full_year'
        end as comparison
    from computed_comparators
    inner join scorecard
        on
            computed_comparators.la_code = scorecard.la_code
            and computed_comparators.indicator_id = scorecard.indicator_id
            and computed_comparators.report_date = scorecard.report_date
    where
        computed_comparators.period_key = 'latest'
        or (
            computed_comparators.period_key in ('year_1', 'year_2', 'year_3')
            and computed_comparators.period_label = scorecard.last_year_label
        )

),

described as (

    select
        compared.report_date,
        compared.indicator_id,
        catalogue.section_id,
        catalogue.section_name,
        catalogue.section_order,
        catalogue.row_order,
        catalogue.document_wording,
        compared.unit,
        compared.polarity,
        compared.comparison,
        compared.period_key,
        compared.period_label,
        compared.la_code,
        coalesce(compared.la_name, compared.la_code) as la_name,
        compared.state,
        compared.value,
        case
            when compared.state = 'computed'
                then {{ format_comparator_value('compared.unit', 'compared.value') }}
        end as value_text,
        compared.rank_in_pool,
        compared.pool_councils_counted,
        compared.quartile_band,
        compared.region_name,
        compared.region_value,
        compared.region_councils_counted,
        compared.region_councils,
        compared.england_value,
        compared.england_councils_counted,
        compared.england_councils
    from compared
    inner join catalogue
        on compared.indicator_id = catalogue.indicator_id

)

select * from described
