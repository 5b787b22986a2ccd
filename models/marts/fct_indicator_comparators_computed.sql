{#-
    Comparators computed from the councils pooled in the build, for every measure, report date
    and period of fct_indicator_values, beside each council's own value: doc block
    fct_indicator_comparators_computed (the rules and their sources).
-#}

with

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

units as (

    select * from {{ ref('indicator_units') }}

),

authorities as (

    select * from {{ ref('authorities') }}

),

-- the ten places of a statistical neighbour list
neighbour_positions as (

    {% for position in range(1, 11) -%}
        select {{ position }} as neighbour_rank
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

neighbours as (

    select
        authorities.la_code,
        neighbour_positions.neighbour_rank,
        {{ dbt.split_part(
            'authorities.statistical_neighbours', "' '", 'neighbour_positions.neighbour_rank'
        ) }} as neighbour_la_code
    from authorities
    cross join neighbour_positions

),

region_sizes as (

    select
        region_code,
        count(*) as region_councils
    from authorities
    group by 1

),

-- the values a comparator is made of: computed ones only
computed_values as (

    select
        indicator_values.la_code,
        indicator_values.indicator_id,
        indicator_values.report_date,
        indicator_values.period_key,
        indicator_values.numerator,
        indicator_values.denominator,
        indicator_values.value,
        authorities.region_code
    from indicator_values
    left join authorities
        on indicator_values.la_code = authorities.la_code
    where indicator_values.state = 'computed'

),

-- the DfE's aggregate of a group of councils: the summed numerators over the summed
-- denominators (a count: the sum)
region_aggregates as (

    select
        computed_values.region_code,
        computed_values.indicator_id,
        computed_values.report_date,
        computed_values.period_key,
        count(*) as region_councils_counted,
        sum(computed_values.numerator) as region_numerator,
        sum(computed_values.denominator) as region_denominator
    from computed_values
    where computed_values.region_code is not null
    group by 1, 2, 3, 4

),

england_aggregates as (

    select
        indicator_id,
        report_date,
        period_key,
        count(*) as england_councils_counted,
        sum(numerator) as england_numerator,
        sum(denominator) as england_denominator
    from computed_values
    group by 1, 2, 3

),

-- LAIT's statistical neighbour average: the mean of the neighbours' values
neighbour_means as (

    select
        neighbours.la_code,
        computed_values.indicator_id,
        computed_values.report_date,
        computed_values.period_key,
        count(*) as statistical_neighbours_counted,
        avg(computed_values.value) as statistical_neighbours_value
    from neighbours
    inner join computed_values
        on neighbours.neighbour_la_code = computed_values.la_code
    group by 1, 2, 3, 4

),

-- rank and quartile within the pool: 1 is the best where a higher or a lower value is better
pool_positions as (

    select
        computed_values.la_code,
        computed_values.indicator_id,
        computed_values.report_date,
        computed_values.period_key,
        catalogue.polarity,
        count(*) over (
            partition by
                computed_values.indicator_id,
                computed_values.report_date,
                computed_values.period_key
        ) as pool_councils_counted,
        case
            when catalogue.polarity = 'high'
                then rank() over (
                    partition by
                        computed_values.indicator_id,
                        computed_values.report_date,
                        computed_values.period_key
                    order by computed_values.value desc
                )
            when catalogue.polarity = 'low'
                then rank() over (
                    partition by
                        computed_values.indicator_id,
                        computed_values.report_date,
                        computed_values.period_key
                    order by computed_values.value asc
                )
        end as rank_in_pool,
        case
            when catalogue.polarity = 'high'
                then ntile(4) over (
                    partition by
                        computed_values.indicator_id,
                        computed_values.report_date,
                        computed_values.period_key
                    order by computed_values.value desc, computed_values.la_code asc
                )
            when catalogue.polarity = 'low'
                then ntile(4) over (
                    partition by
                        computed_values.indicator_id,
                        computed_values.report_date,
                        computed_values.period_key
                    order by computed_values.value asc, computed_values.la_code asc
                )
        end as quarter_in_pool
    from computed_values
    inner join catalogue
        on computed_values.indicator_id = catalogue.indicator_id

),

joined as (

    select
        indicator_values.la_code,
        authorities.la_name,
        indicator_values.indicator_id,
        indicator_values.section_id,
        indicator_values.report_date,
        indicator_values.period_key,
        indicator_values.period_label,
        indicator_values.unit,
        catalogue.polarity,
        indicator_values.state,
        indicator_values.value,
        authorities.region_code,
        authorities.region_name,
        region_sizes.region_councils,
        coalesce(region_aggregates.region_councils_counted, 0) as region_councils_counted,
        case
            when units.denominator_kind = 'none' then region_aggregates.region_numerator
            when region_aggregates.region_denominator > 0
                then
                    units.value_multiplier
                    * region_aggregates.region_numerator
                    / region_aggregates.region_denominator
        end as region_value,
        neighbour_means.statistical_neighbours_value,
        coalesce(neighbour_means.statistical_neighbours_counted, 0)
            as statistical_neighbours_counted,
        authorities.statistical_neighbours_list_date,
        case
            when units.denominator_kind = 'none' then england_aggregates.england_numerator
            when england_aggregates.england_denominator > 0
                then
                    units.value_multiplier
                    * england_aggregates.england_numerator
                    / england_aggregates.england_denominator
        end as england_value,
        coalesce(england_aggregates.england_councils_counted, 0) as england_councils_counted,
        {{ var('england_councils') }} as england_councils,
        pool_positions.pool_councils_counted,
        pool_positions.rank_in_pool,
        substr('ABCD', pool_positions.quarter_in_pool, 1) as quartile_band
    from indicator_values
    inner join catalogue
        on indicator_values.indicator_id = catalogue.indicator_id
    inner join units
        on indicator_values.unit = units.unit
    left join authorities
        on indicator_values.la_code = authorities.la_code
    left join region_sizes
        on authorities.region_code = region_sizes.region_code
    left join region_aggregates
        on
            authorities.region_code = region_aggregates.region_code
            and indicator_values.indicator_id = region_aggregates.indicator_id
            and indicator_values.report_date = region_aggregates.report_date
            and indicator_values.period_key = region_aggregates.period_key
    left join england_aggregates
        on
            indicator_values.indicator_id = england_aggregates.indicator_id
            and indicator_values.report_date = england_aggregates.report_date
            and indicator_values.period_key = england_aggregates.period_key
    left join neighbour_means
        on
            indicator_values.la_code = neighbour_means.la_code
            and indicator_values.indicator_id = neighbour_means.indicator_id
            and indicator_values.report_date = neighbour_means.report_date
            and indicator_values.period_key = neighbour_means.period_key
    left join pool_positions
        on
            indicator_values.la_code = pool_positions.la_code
            and indicator_values.indicator_id = pool_positions.indicator_id
            and indicator_values.report_date = pool_positions.report_date
            and indicator_values.period_key = pool_positions.period_key

)

select * from joined
