with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

units as (

    select * from {{ ref('indicator_units') }}

),

population as (

    select * from {{ ref('population') }}

),

{%- for family in indicator_families() %}

    {{ family }}_indicators as (

        select * from {{ ref('int_' ~ family ~ '_indicators_computed') }}

    ),
{%- endfor %}

computed as (

    -- one family model per built section (catalogue column family; macros/registry_models.sql)
    {%- for family in indicator_families() %}
        select * from {{ family }}_indicators
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

population_years as (

    select distinct
        la_code,
        population_year
    from measure_periods

),

population_matched as (

    -- the latest mid-year estimate not after the period's population year
    select
        population_years.la_code,
        population_years.population_year,
        {{ value_at_max('population.population_0_17', 'population.year') }} as population_0_17
    from population_years
    inner join population
        on
            population_years.la_code = {{ as_text('population.la_code') }}
            and population_years.population_year >= population.year
    group by 1, 2

),

joined as (

    -- every catalogue measure on every period the catalogue asks of it, computed or not
    select
        measure_periods.la_code,
        measure_periods.indicator_id,
        measure_periods.section_id,
        measure_periods.family,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.period_label,
        measure_periods.period_kind,
        measure_periods.basis,
        measure_periods.window_start_date,
        measure_periods.window_end_date,
        measure_periods.unit,
        measure_periods.denominator_kind,
        measure_periods.is_complete,
        measure_periods.is_recorded,
        measure_periods.not_recorded_reason,
        units.value_multiplier,
        computed.numerator,
        computed.indicator_id is not null as is_computed,
        case
            when measure_periods.denominator_kind = 'population'
                then cast(population_matched.population_0_17 as double)
            else computed.denominator
        end as denominator
    from measure_periods
    inner join units
        on measure_periods.unit = units.unit
    left join computed
        on
            measure_periods.la_code = computed.la_code
            and measure_periods.indicator_id = computed.indicator_id
            and measure_periods.report_date = computed.report_date
            and measure_periods.period_key = computed.period_key
            and measure_periods.basis = computed.basis
    left join population_matched
        on
            measure_periods.la_code = population_matched.la_code
            and measure_periods.population_year = population_matched.population_year

),

stated as (

    -- docs/design.md, "States": what the extracts allow, never what a publication showed
    select
        *,
        case
            when family is null then 'not_computed'
            when not is_recorded then 'not_recorded'
            when period_kind = 'year' and not is_complete then 'not_yet_available'
            when not is_computed then 'not_computed'
            when denominator_kind = 'none' and numerator is not null then 'computed'
            when coalesce(denominator, 0) = 0 then 'no_data'
            else 'computed'
        end as state
    from joined

),

valued as (

    select
        la_code,
        indicator_id,
        section_id,
        report_date,
        period_key,
        period_label,
        basis,
        window_start_date,
        window_end_date,
        unit,
        state,
        case when state = 'computed' then numerator end as numerator,
        case when state = 'computed' then denominator end as denominator,
        case
            when state != 'computed' then null
            when denominator_kind = 'none' then numerator
            else value_multiplier * numerator / denominator
        end as value,
        case
            when state = 'not_recorded'
                then 'Not in the extracts for this period: ' || not_recorded_reason
            when state = 'not_yet_available'
                then
                    'The year '
                    || period_label
                    || ' ends on '
                    || {{ as_text('window_end_date') }}
                    || ', after the report date: its figure so far is the Latest.'
            when state = 'not_computed' then 'This measure is computed in a later release.'
            when state = 'no_data' and unit = 'rate_per_10000'
                then 'No population estimate for this authority and year.'
            when state = 'no_data' then 'Nothing to count in this period (denominator 0).'
        end as state_reason
    from stated

)

select * from valued
