with

publications as (

    select * from {{ ref('publications') }}

),

published_values as (

    select * from {{ ref('published_values') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

population as (

    select * from {{ ref('population') }}

),

analysis_figures as (

    select * from {{ ref('published_analysis_figures') }}

),

published as (

    select
        published_values.*,
        publications.la_code,
        publications.report_date,
        catalogue.unit,
        catalogue.section_id,
        catalogue.section_name,
        cast(catalogue.section_order as integer) as section_order,
        cast(catalogue.row_order as integer) as row_order,
        coalesce(nullif(catalogue.part_label, ''), published_values.indicator_id) as part_name
    from published_values
    inner join publications
        on published_values.publication_id = publications.publication_id
    inner join catalogue
        on published_values.indicator_id = catalogue.indicator_id

),

-- the categories of each table that prints its total, added up per period
categories_summed as (

    select
        publication_id,
        total_indicator_id,
        period_label,
        bool_and(categories_overlap) as categories_overlap,
        sum(value) as categories_sum,
        {{ text_joined_in_order('indicator_id', "', '", 'row_order') }} as category_ids,
        {{ text_joined_in_order(
            "part_name || ' ' || " ~ format_number_trimmed('value'), "' + '", 'row_order'
        ) }} as categories_text
    from published
    where total_indicator_id is not null
    group by 1, 2, 3

),

totals_checked as (

    select
        categories_summed.publication_id,
        categories_summed.period_label,
        categories_summed.categories_overlap,
        categories_summed.categories_sum,
        totals.value as total_value,
        totals.indicator_id || ', ' || categories_summed.category_ids as indicator_ids,
        totals.part_name || ' ' || {{ format_number_trimmed('totals.value') }} || '; '
        || categories_summed.categories_text || ' = '
        || {{ format_number_trimmed('categories_summed.categories_sum') }} as published_text
    from categories_summed
    inner join published as totals
        on
            categories_summed.publication_id = totals.publication_id
            and categories_summed.total_indicator_id = totals.indicator_id
            and categories_summed.period_label = totals.period_label

),

-- exclusive categories must add up to the total
exclusive_categories_off_total as (

    select
        publication_id,
        'categories_sum_to_total' as rule_id,
        indicator_ids,
        period_label,
        published_text as published_values,
        total_value as published_value,
        categories_sum as expected_value,
        total_value - categories_sum as difference,
        'Each record falls in exactly one category, so the categories should add up to the '
        || 'printed total; they add up to ' || {{ format_number_trimmed('categories_sum') }}
        || ', not ' || {{ format_number_trimmed('total_value') }} || '.' as explanation
    from totals_checked
    where not categories_overlap and categories_sum != total_value

),

-- overlapping categories (distinct people) add up to at least the total
overlapping_categories_short_of_total as (

    select
        publication_id,
        'categories_cover_total' as rule_id,
        indicator_ids,
        period_label,
        published_text as published_values,
        total_value as published_value,
        categories_sum as expected_value,
        total_value - categories_sum as difference,
        'Everyone in the total is in at least one category, so the total can be at most the '
        || 'sum of the categories (' || {{ format_number_trimmed('categories_sum') }}
        || '); it is ' || {{ format_number_trimmed('total_value') }} || '.' as explanation
    from totals_checked
    where categories_overlap and categories_sum < total_value

),

category_above_total as (

    select
        parts.publication_id,
        'category_within_total' as rule_id,
        parts.period_label,
        totals.value as published_value,
        parts.value as expected_value,
        totals.indicator_id || ', ' || parts.indicator_id as indicator_ids,
        totals.part_name || ' ' || {{ format_number_trimmed('totals.value') }} || '; '
        || parts.part_name || ' ' || {{ format_number_trimmed('parts.value') }}
            as published_values,
        totals.value - parts.value as difference,
        'A category cannot be larger than its total: ' || parts.part_name || ' is '
        || {{ format_number_trimmed('parts.value') }} || ', the total '
        || {{ format_number_trimmed('totals.value') }} || '.' as explanation
    from published as parts
    inner join published as totals
        on
            parts.publication_id = totals.publication_id
            and parts.total_indicator_id = totals.indicator_id
            and parts.period_label = totals.period_label
    where parts.value > totals.value

),

-- catalogue rows printed in two places with one wording, unit and definition source
measures_printed_twice as (

    select
        first_row.indicator_id as first_indicator_id,
        second_row.indicator_id as second_indicator_id
    from catalogue as first_row
    inner join catalogue as second_row
        on
            first_row.document_wording = second_row.document_wording
            and coalesce(first_row.part_label, '') = coalesce(second_row.part_label, '')
            and first_row.unit = second_row.unit
            and first_row.definition_source = second_row.definition_source
            and cast(first_row.section_order as integer)
            < cast(second_row.section_order as integer)

),

same_measure_different_values as (

    select
        first_printed.publication_id,
        'same_measure_same_value' as rule_id,
        first_printed.period_label,
        first_printed.value as published_value,
        second_printed.value as expected_value,
        first_printed.indicator_id || ', ' || second_printed.indicator_id as indicator_ids,
        first_printed.section_name || ': ' || first_printed.value_text || '; '
        || second_printed.section_name || ': ' || second_printed.value_text
            as published_values,
        first_printed.value - second_printed.value as difference,
        'The catalogue defines both rows as one measure (same wording, unit and definition), '
        || 'printed in ' || first_printed.section_name || ' and in '
        || second_printed.section_name || ' with different values for the same period.'
            as explanation
    from measures_printed_twice
    inner join published as first_printed
        on measures_printed_twice.first_indicator_id = first_printed.indicator_id
    inner join published as second_printed
        on
            measures_printed_twice.second_indicator_id = second_printed.indicator_id
            and first_printed.publication_id = second_printed.publication_id
            and first_printed.period_label = second_printed.period_label
    where first_printed.value != second_printed.value

),

-- the numbers printed in each cell, to read the precision the value was printed to
printed_numbers as (

    select
        publication_id,
        indicator_id,
        period_label,
        value,
        {{ numbers_printed_in('value_text') }} as printed_number
    from published

),

precisions as (

    select
        publication_id,
        indicator_id,
        period_label,
        max({{ decimals_printed('printed_number') }}) as decimals
    from printed_numbers
    where {{ cast_or_null('printed_number', 'double') }} = value
    group by 1, 2, 3

),

-- a rate or percentage with its count: the range of denominators its printed (rounded) value
-- allows
ratios as (

    select
        published.publication_id,
        published.la_code,
        published.indicator_id,
        published.period_label,
        published.unit,
        published.value,
        published.numerator,
        published.value_text,
        published.denominator_indicator_id,
        published.denominator_group,
        case when published.unit = 'rate_per_10000' then 10000.0 else 100.0 end as scale,
        0.5 / pow(10, coalesce(precisions.decimals, 0)) as half_unit,
        case
            when published.period_label = 'Latest'
                then year({{ add_days('published.report_date', -364) }})
            else {{ cast_or_null('left(published.period_label, 4)', 'integer') }}
        end as population_year
    from published
    left join precisions
        on
            published.publication_id = precisions.publication_id
            and published.indicator_id = precisions.indicator_id
            and published.period_label = precisions.period_label
    where
        published.numerator > 0
        and published.value > 0
        and (
            published.unit = 'rate_per_10000'
            or (
                published.unit in ('percent', 'count_and_percent')
                and (
                    published.denominator_indicator_id is not null
                    or published.denominator_group is not null
                )
            )
        )

),

ratios_bounded as (

    select
        *,
        scale * numerator / value as implied_denominator,
        scale * numerator / (value + half_unit) as implied_denominator_low,
        case
            when value > half_unit then scale * numerator / (value - half_unit)
        end as implied_denominator_high
    from ratios

),

-- the ONS 0-17 estimate the period's rates use (docs/design.md, "Rates per 10,000")
population_matched as (

    select
        ratios_bounded.publication_id,
        ratios_bounded.indicator_id,
        ratios_bounded.period_label,
        {{ value_at_max('population.population_0_17', 'population.year') }} as population_0_17,
        max(population.year) as population_year
    from ratios_bounded
    inner join population
        on
            ratios_bounded.la_code = {{ as_text('population.la_code') }}
            and ratios_bounded.population_year >= population.year
    where ratios_bounded.unit = 'rate_per_10000'
    group by 1, 2, 3

),

rates_off_population as (

    select
        ratios_bounded.publication_id,
        'rate_implies_published_population' as rule_id,
        ratios_bounded.indicator_id as indicator_ids,
        ratios_bounded.period_label,
        ratios_bounded.value_text as published_values,
        cast(population_matched.population_0_17 as double) as expected_value,
        round(ratios_bounded.implied_denominator) as published_value,
        round(ratios_bounded.implied_denominator) - population_matched.population_0_17
            as difference,
        'The rate and its count imply a 0-17 population of '
        || {{ format_number_rounded('ratios_bounded.implied_denominator_low') }} || ' to '
        || coalesce(
            {{ format_number_rounded('ratios_bounded.implied_denominator_high') }}, 'any'
        )
        || ' (the rate as printed, give or take its rounding); the ONS mid-'
        || {{ as_text('population_matched.population_year') }} || ' estimate is '
        || {{ as_text('population_matched.population_0_17') }} || '.' as explanation
    from ratios_bounded
    inner join population_matched
        on
            ratios_bounded.publication_id = population_matched.publication_id
            and ratios_bounded.indicator_id = population_matched.indicator_id
            and ratios_bounded.period_label = population_matched.period_label
    where
        population_matched.population_0_17 < ratios_bounded.implied_denominator_low
        or population_matched.population_0_17
        > coalesce(ratios_bounded.implied_denominator_high, population_matched.population_0_17)

),

-- the population the document's rates of a period agree on: the median of their implied ones
document_populations as (

    select
        publication_id,
        period_label,
        median(implied_denominator) as document_population,
        count(*) as rates_count
    from ratios_bounded
    where unit = 'rate_per_10000'
    group by 1, 2
    having count(*) >= 3

),

rates_off_document_population as (

    select
        ratios_bounded.publication_id,
        'rate_implies_document_population' as rule_id,
        ratios_bounded.indicator_id as indicator_ids,
        ratios_bounded.period_label,
        ratios_bounded.value_text as published_values,
        round(ratios_bounded.implied_denominator) as published_value,
        round(document_populations.document_population) as expected_value,
        round(ratios_bounded.implied_denominator)
        - round(document_populations.document_population) as difference,
        'The rate and its count imply a 0-17 population of '
        || {{ format_number_rounded('ratios_bounded.implied_denominator_low') }} || ' to '
        || coalesce(
            {{ format_number_rounded('ratios_bounded.implied_denominator_high') }}, 'any'
        )
        || '; the median of the ' || {{ as_text('document_populations.rates_count') }}
        || ' rates per 10,000 the document prints for this period implies '
        || {{ format_number_rounded('document_populations.document_population') }}
        || ': the count or the rate is out of line with the others.' as explanation
    from ratios_bounded
    inner join document_populations
        on
            ratios_bounded.publication_id = document_populations.publication_id
            and ratios_bounded.period_label = document_populations.period_label
    where
        ratios_bounded.unit = 'rate_per_10000'
        and (
            document_populations.document_population < ratios_bounded.implied_denominator_low
            or document_populations.document_population > coalesce(
                ratios_bounded.implied_denominator_high,
                document_populations.document_population
            )
        )

),

-- the count each measure prints: the count of a count, the numerator of a rate or percentage
denominator_counts as (

    select
        *,
        case when unit = 'count' then value else numerator end as denominator_count
    from published

),

-- a percentage's denominator that another measure prints as its count
percentages_off_denominator as (

    select
        ratios_bounded.publication_id,
        'percentage_implies_published_denominator' as rule_id,
        ratios_bounded.indicator_id || ', ' || denominators.indicator_id as indicator_ids,
        ratios_bounded.period_label,
        ratios_bounded.value_text || '; ' || denominators.indicator_id || ' '
        || denominators.value_text as published_values,
        round(ratios_bounded.implied_denominator) as published_value,
        denominators.denominator_count as expected_value,
        round(ratios_bounded.implied_denominator) - denominators.denominator_count
            as difference,
        'The percentage and its count imply a denominator of '
        || {{ format_number_rounded('ratios_bounded.implied_denominator_low') }} || ' to '
        || coalesce(
            {{ format_number_rounded('ratios_bounded.implied_denominator_high') }}, 'any'
        )
        || '; by definition it is the count ' || denominators.indicator_id
        || ' prints for the period, '
        || {{ format_number_trimmed('denominators.denominator_count') }} || '.' as explanation
    from ratios_bounded
    inner join denominator_counts as denominators
        on
            ratios_bounded.publication_id = denominators.publication_id
            and ratios_bounded.denominator_indicator_id = denominators.indicator_id
            and ratios_bounded.period_label = denominators.period_label
    where
        ratios_bounded.unit != 'rate_per_10000'
        and (
            denominators.denominator_count < ratios_bounded.implied_denominator_low
            or denominators.denominator_count > coalesce(
                ratios_bounded.implied_denominator_high, denominators.denominator_count
            )
        )

),

-- percentages of one population that no measure prints (seed column denominator_group):
-- the denominators their percentages and counts imply must overlap
percentages_apart_in_group as (

    select
        first_ratio.publication_id,
        'percentages_imply_one_denominator' as rule_id,
        first_ratio.indicator_id || ', ' || second_ratio.indicator_id as indicator_ids,
        first_ratio.period_label,
        first_ratio.value_text || '; ' || second_ratio.value_text as published_values,
        round(first_ratio.implied_denominator) as published_value,
        round(second_ratio.implied_denominator) as expected_value,
        round(first_ratio.implied_denominator) - round(second_ratio.implied_denominator)
            as difference,
        'Both percentages are of one population (' || first_ratio.denominator_group
        || '), but ' || first_ratio.indicator_id || ' implies '
        || {{ format_number_rounded('first_ratio.implied_denominator_low') }} || ' to '
        || coalesce({{ format_number_rounded('first_ratio.implied_denominator_high') }}, 'any')
        || ' and ' || second_ratio.indicator_id || ' '
        || {{ format_number_rounded('second_ratio.implied_denominator_low') }} || ' to '
        || coalesce({{ format_number_rounded('second_ratio.implied_denominator_high') }}, 'any')
        || ': the two were computed on different populations.' as explanation
    from ratios_bounded as first_ratio
    inner join ratios_bounded as second_ratio
        on
            first_ratio.publication_id = second_ratio.publication_id
            and first_ratio.period_label = second_ratio.period_label
            and first_ratio.denominator_group = second_ratio.denominator_group
            and first_ratio.indicator_id < second_ratio.indicator_id
    where
        first_ratio.implied_denominator_low
        > coalesce(second_ratio.implied_denominator_high, first_ratio.implied_denominator_low)
        or second_ratio.implied_denominator_low
        > coalesce(first_ratio.implied_denominator_high, second_ratio.implied_denominator_low)

),

-- a figure the analysis prose quotes for a measure and period against the table's
analysis_figures_off_table as (

    select
        analysis_figures.publication_id,
        'analysis_matches_table' as rule_id,
        analysis_figures.period_label,
        analysis_figures.value as published_value,
        published.value as expected_value,
        analysis_figures.indicator_id as indicator_ids,
        published.section_name || ' analysis: ' || analysis_figures.value_text
        || '; table: ' || published.value_text as published_values,
        analysis_figures.value - published.value as difference,
        'The section''s analysis quotes ' || analysis_figures.value_text
        || ' for the ' || analysis_figures.period_label
        || ' of this measure, which its table prints as ' || published.value_text || '.'
            as explanation
    from analysis_figures
    inner join published
        on
            analysis_figures.publication_id = published.publication_id
            and analysis_figures.indicator_id = published.indicator_id
            and analysis_figures.period_label = published.period_label
    where analysis_figures.value != published.value

),

-- a percentage the analysis works out from its own counts: redo the arithmetic
analysis_percentages_off_counts as (

    select
        percentages.publication_id,
        'analysis_percentage_from_counts' as rule_id,
        percentages.figure_id || ', ' || numerators.figure_id || ', '
        || denominators.figure_id
        || coalesce(', ' || excluded.figure_id, '') as indicator_ids,
        percentages.period_label,
        percentages.value_text || ' = ' || numerators.value_text || ' / ('
        || denominators.value_text || coalesce(' - ' || excluded.value_text, '') || ')'
            as published_values,
        percentages.value as published_value,
        round(
            100.0 * numerators.value / (denominators.value - coalesce(excluded.value, 0)), 1
        ) as expected_value,
        percentages.value - round(
            100.0 * numerators.value / (denominators.value - coalesce(excluded.value, 0)), 1
        ) as difference,
        'The analysis prints ' || percentages.value_text || ' for '
        || numerators.value_text || ' of ' || denominators.value_text
        || coalesce(' less ' || excluded.value_text, '') || ', which is '
        || {{ format_number_trimmed(
            'round(100.0 * numerators.value / (denominators.value - coalesce(excluded.value, 0)), 1)'
        ) }}
        || '%: the printed figure does not round from it.' as explanation
    from analysis_figures as percentages
    inner join analysis_figures as numerators
        on
            percentages.publication_id = numerators.publication_id
            and percentages.period_label = numerators.period_label
            and percentages.numerator_figure_id = numerators.figure_id
    inner join analysis_figures as denominators
        on
            percentages.publication_id = denominators.publication_id
            and percentages.period_label = denominators.period_label
            and percentages.denominator_figure_id = denominators.figure_id
    left join analysis_figures as excluded
        on
            percentages.publication_id = excluded.publication_id
            and percentages.period_label = excluded.period_label
            and percentages.excluded_figure_id = excluded.figure_id
    where
        denominators.value - coalesce(excluded.value, 0) > 0
        and abs(
            percentages.value
            - 100.0 * numerators.value / (denominators.value - coalesce(excluded.value, 0))
        ) > 0.5 / pow(10, percentages.decimals)

),

-- one CTE per rule above, each with the columns below
inconsistencies as (

    {{ union_all_of(
        [
            'exclusive_categories_off_total',
            'overlapping_categories_short_of_total',
            'category_above_total',
            'same_measure_different_values',
            'rates_off_population',
            'rates_off_document_population',
            'percentages_off_denominator',
            'percentages_apart_in_group',
            'analysis_figures_off_table',
            'analysis_percentages_off_counts',
        ],
        [
            'publication_id',
            'rule_id',
            'indicator_ids',
            'period_label',
            'published_values',
            'published_value',
            'expected_value',
            'difference',
            'explanation',
        ],
    ) }}

)

select * from inconsistencies
