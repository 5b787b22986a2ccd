with

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

targets as (

    select * from {{ ref('targets') }}

),

comparators as (

    select * from {{ ref('comparators') }}

),

latest_values as (

    select * from indicator_values
    where period_key = 'latest'

),

-- the last full year: the latest year column that is over at the report date (year_3, or
-- for an academic year not over at a July report, year_2)
year_values_ranked as (

    select
        *,
        row_number() over (
            partition by la_code, indicator_id, report_date
            order by period_key desc
        ) as recency_rank
    from indicator_values
    where
        period_key in ('year_1', 'year_2', 'year_3')
        and state != 'not_yet_available'

),

last_year_values as (

    select * from year_values_ranked
    where recency_rank = 1

),

-- the target in force at the report date
targets_in_force as (

    select
        latest_values.la_code,
        latest_values.indicator_id,
        latest_values.report_date,
        {{ value_at_max('targets.target_value', 'targets.applies_from') }} as target_value,
        {{ value_at_max('targets.target_text', 'targets.applies_from') }} as target_text
    from latest_values
    inner join targets
        on
            latest_values.indicator_id = targets.indicator_id
            and latest_values.report_date >= targets.applies_from
    group by 1, 2, 3

),

comparators_pivoted as (

    select
        indicator_id,
        max(case when comparator = 'west_midlands' then value end) as west_midlands_value,
        max(case when comparator = 'statistical_neighbours' then value end)
            as statistical_neighbours_value,
        max(case when comparator = 'england' then value end) as england_value,
        {{ dbt.listagg('distinct period_label', "', '") }} as comparator_period_label
    from comparators
    group by 1

),

compared as (

    select
        latest_values.la_code,
        latest_values.indicator_id,
        latest_values.section_id,
        latest_values.report_date,
        latest_values.unit,
        catalogue.polarity,
        latest_values.value as latest_value,
        latest_values.state as latest_state,
        last_year_values.period_label as last_year_label,
        last_year_values.value as last_year_value,
        last_year_values.state as last_year_state,
        targets_in_force.target_value,
        targets_in_force.target_text,
        comparators_pivoted.west_midlands_value,
        comparators_pivoted.statistical_neighbours_value,
        comparators_pivoted.england_value,
        comparators_pivoted.comparator_period_label,
        case
            when latest_values.value is null or last_year_values.value is null then null
            -- a count over a part of a year (the latest quarter, the year to date, a month) is
            -- not comparable with the year's count: no trajectory
            when
                latest_values.unit = 'count'
                and latest_values.basis in (
                    'financial_quarter', 'year_to_date', 'academic_year_to_date', 'calendar_month'
                )
                then null
            when round(latest_values.value, 1) > round(last_year_values.value, 1) then 'up'
            when round(latest_values.value, 1) < round(last_year_values.value, 1) then 'down'
            else 'same'
        end as trajectory
    from latest_values
    inner join catalogue
        on latest_values.indicator_id = catalogue.indicator_id
    left join last_year_values
        on
            latest_values.la_code = last_year_values.la_code
            and latest_values.indicator_id = last_year_values.indicator_id
            and latest_values.report_date = last_year_values.report_date
    left join targets_in_force
        on
            latest_values.la_code = targets_in_force.la_code
            and latest_values.indicator_id = targets_in_force.indicator_id
            and latest_values.report_date = targets_in_force.report_date
    left join comparators_pivoted
        on latest_values.indicator_id = comparators_pivoted.indicator_id

),

judged as (

    select
        *,
        latest_value - last_year_value as change_since_last_year,
        case
            when trajectory is null then null
            when trajectory = 'same' then 'same'
            when polarity not in ('high', 'low') then 'not_judged'
            when (trajectory = 'up') = (polarity = 'high') then 'better'
            else 'worse'
        end as judgement,
        case
            when target_value is null or latest_value is null then null
            when polarity = 'high' and latest_value >= target_value then 'green'
            when polarity = 'high' and latest_value >= 0.95 * target_value then 'amber'
            when polarity = 'high' then 'red'
            when polarity = 'low' and latest_value <= target_value then 'green'
            when polarity = 'low' and latest_value <= 1.05 * target_value then 'amber'
            when polarity = 'low' then 'red'
        end as rag
    from compared

)

select * from judged
