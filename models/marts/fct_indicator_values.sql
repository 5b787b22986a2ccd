with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

availability as (

    select * from {{ ref('indicator_availability') }}

),

population as (

    select * from {{ ref('population') }}

),

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

children_in_need_indicators as (

    select * from {{ ref('int_children_in_need_indicators_computed') }}

),

quality_assurance_indicators as (

    select * from {{ ref('int_quality_assurance_indicators_computed') }}

),

looked_after_indicators as (

    select * from {{ ref('int_looked_after_indicators_computed') }}

),

computed as (

    select * from quality_assurance_indicators
    union all
    select * from children_in_need_indicators
    union all
    select * from looked_after_indicators

),

authorities as (

    select distinct la_code from computed

),

-- every catalogue measure gets its three years and its Latest, computed or not
frame as (

    select
        authorities.la_code,
        catalogue.indicator_id,
        catalogue.section_id,
        catalogue.unit,
        periods.report_date,
        periods.period_key,
        periods.period_label,
        periods.basis,
        periods.window_start_date,
        periods.window_end_date,
        periods.population_year
    from catalogue
    cross join authorities
    inner join periods
        on
            (periods.period_key != 'latest' and periods.basis = 'financial_year')
            or (
                periods.period_key = 'latest'
                and periods.basis = case
                    when catalogue.latest_basis in (
                        'rolling_12_months', 'year_to_date', 'snapshot'
                    ) then catalogue.latest_basis
                    else 'snapshot'
                end
            )

),

population_years as (

    select distinct
        la_code,
        population_year
    from frame

),

-- the latest mid-year estimate not after the period's population year
population_matched as (

    select
        population_years.la_code,
        population_years.population_year,
        arg_max(population.population_0_17, population.year) as population_0_17
    from population_years
    inner join population
        on
            population_years.la_code = cast(population.la_code as varchar)
            and population_years.population_year >= population.year
    group by 1, 2

),

joined as (

    select
        frame.*,
        computed.numerator,
        availability.state as availability_state,
        availability.reason as availability_reason,
        computed.indicator_id is not null as is_computed,
        case
            when frame.unit = 'rate_per_10000'
                then cast(population_matched.population_0_17 as double)
            else computed.denominator
        end as denominator
    from frame
    left join computed
        on
            frame.la_code = computed.la_code
            and frame.indicator_id = computed.indicator_id
            and frame.report_date = computed.report_date
            and frame.period_key = computed.period_key
            and frame.basis = computed.basis
    left join population_matched
        on
            frame.la_code = population_matched.la_code
            and frame.population_year = population_matched.population_year
    left join availability
        on
            frame.indicator_id = availability.indicator_id
            and frame.period_label = availability.period_label

),

stated as (

    select
        *,
        case
            when availability_state is not null then availability_state
            when not is_computed then 'not_computed'
            when unit = 'count' and numerator is not null then 'computed'
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
            when unit in ('percent', 'count_and_percent') then 100.0 * numerator / denominator
            when unit = 'rate_per_10000' then 10000.0 * numerator / denominator
            when unit in ('average_days', 'average_hours') then numerator / denominator
            when unit = 'count' then numerator
        end as value,
        case
            when availability_state is not null then availability_reason
            when state = 'not_computed' then 'This measure is computed in a later release.'
            when state = 'no_data' and unit = 'rate_per_10000'
                then 'No population estimate for this authority and year.'
            when state = 'no_data' then 'Nothing to count in this period (denominator 0).'
        end as state_reason
    from stated

)

select * from valued
