{#-
    The comparators computed from the pool as the report prints them, beside the published
    ones: for each council, measure and report date, the region, statistical neighbours and
    England of the scorecard's last full year and of the Latest, each line naming how it was
    computed, its period and, where the comparator's councils are not all in the pool, how
    many are ("West Midlands (computed from the pool, 13 of 14 councils, 2015/16) - 71.3%").
-#}

with

computed_comparators as (

    select * from {{ ref('fct_indicator_comparators_computed') }}

),

scorecard as (

    select * from {{ ref('fct_indicator_scorecard') }}

),

display_labels as (

    select * from {{ ref('display_labels') }}

),

comparator_labels as (

    select
        code as comparator,
        label as comparator_label,
        display_order as comparator_order
    from display_labels
    where label_set = 'computed_comparator'

),

-- the periods the report compares: the last full year and the Latest
compared_periods as (

    select
        computed_comparators.*,
        case when computed_comparators.period_key = 'latest' then 2 else 1 end as period_order
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

-- one row per comparator: its value, the councils it is made of and the councils it should be
unpivoted as (

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        period_label,
        period_order,
        unit,
        'region' as comparator,
        region_name,
        region_value as comparator_value,
        region_councils_counted as councils_counted,
        region_councils as councils_expected
    from compared_periods
    -- an aggregate of one council is the council's own value: no line
    where region_councils_counted > 1

    union all

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        period_label,
        period_order,
        unit,
        'statistical_neighbours' as comparator,
        region_name,
        statistical_neighbours_value as comparator_value,
        statistical_neighbours_counted as councils_counted,
        10 as councils_expected
    from compared_periods
    where statistical_neighbours_counted > 0

    union all

    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        period_label,
        period_order,
        unit,
        'england' as comparator,
        region_name,
        england_value as comparator_value,
        england_councils_counted as councils_counted,
        england_councils as councils_expected
    from compared_periods
    where england_councils_counted > 1

),

formatted as (

    select
        unpivoted.la_code,
        unpivoted.indicator_id,
        unpivoted.report_date,
        unpivoted.period_key,
        unpivoted.period_label,
        unpivoted.comparator,
        unpivoted.comparator_value,
        unpivoted.councils_counted,
        unpivoted.councils_expected,
        comparator_labels.comparator_order,
        unpivoted.period_order,
        replace(
            comparator_labels.comparator_label, '{region}', coalesce(unpivoted.region_name, '')
        ) as comparator_label,
        {{ format_comparator_value(
            'unpivoted.unit',
            'unpivoted.comparator_value',
            "unpivoted.comparator = 'statistical_neighbours'",
        ) }} as value_text
    from unpivoted
    inner join comparator_labels
        on unpivoted.comparator = comparator_labels.comparator

),

described as (

    select
        *,
        comparator_label
        || case
            when councils_counted < councils_expected
                then
                    ', '
                    || {{ as_text('councils_counted') }}
                    || ' of '
                    || {{ as_text('councils_expected') }}
                    || ' councils'
            else ''
        end
        || ', '
        || case when period_key = 'latest' then 'Latest' else period_label end
        || ' - '
        || value_text as comparator_display
    from formatted

)

select * from described
