with

publications as (

    select * from {{ ref('publications') }}

),

published_values as (

    select * from {{ ref('published_values') }}

),

published_states as (

    select * from {{ ref('published_states') }}

),

indicator_values as (

    select * from {{ ref('fct_indicator_values') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

units as (

    select * from {{ ref('indicator_units') }}

),

published as (

    select
        published_values.publication_id,
        publications.la_code,
        publications.report_date as publication_report_date,
        published_values.indicator_id,
        published_values.period_label,
        published_values.value_text as published_value_text,
        published_values.value as published_value,
        published_values.numerator as published_numerator,
        cast(null as {{ dbt.type_string() }}) as published_state
    from published_values
    inner join publications
        on published_values.publication_id = publications.publication_id

    union all

    -- the cells the publication printed as a state (N/A, Not Yet Available, TBC): shown
    -- beside the recomputed value, never applied to it
    select
        published_states.publication_id,
        publications.la_code,
        publications.report_date as publication_report_date,
        published_states.indicator_id,
        published_states.period_label,
        published_states.document_text as published_value_text,
        cast(null as double) as published_value,
        cast(null as double) as published_numerator,
        published_states.state as published_state
    from published_states
    inner join publications
        on published_states.publication_id = publications.publication_id

),

-- every number printed in the cell, to find the one that is the published value
printed_numbers as (

    select
        publication_id,
        indicator_id,
        period_label,
        published_value,
        {{ numbers_printed_in('published_value_text') }} as printed_number
    from published
    where published_state is null

),

-- the published precision: the decimals of the printed number equal to the value
precisions as (

    select
        publication_id,
        indicator_id,
        period_label,
        max({{ decimals_printed('printed_number') }}) as published_decimals
    from printed_numbers
    where {{ cast_or_null('printed_number', 'double') }} = published_value
    group by 1, 2, 3

),

-- year columns reconcile with the latest run that has them; Latest only with the run for the
-- publication's report date: the runs that may reconcile, latest first
recomputed_runs_ranked as (

    select
        publications.publication_id,
        indicator_values.la_code,
        indicator_values.indicator_id,
        indicator_values.period_label,
        indicator_values.report_date,
        indicator_values.state as recomputed_state,
        indicator_values.state_reason as recomputed_state_reason,
        indicator_values.numerator as recomputed_numerator,
        indicator_values.denominator as recomputed_denominator,
        indicator_values.value as recomputed_value,
        row_number() over (
            partition by
                publications.publication_id,
                indicator_values.indicator_id,
                indicator_values.period_label
            order by indicator_values.report_date desc
        ) as run_rank
    from indicator_values
    inner join publications
        on
            indicator_values.la_code = publications.la_code
            and (
                indicator_values.period_key != 'latest'
                or indicator_values.report_date = publications.report_date
            )

),

recomputed as (

    select
        publication_id,
        la_code,
        indicator_id,
        period_label,
        report_date,
        recomputed_state,
        recomputed_state_reason,
        recomputed_numerator,
        recomputed_denominator,
        recomputed_value
    from recomputed_runs_ranked
    where run_rank = 1

),

matched as (

    select
        recomputed.report_date,
        published.published_value_text,
        published.published_value,
        published.published_numerator,
        published.published_state,
        recomputed.recomputed_state,
        recomputed.recomputed_state_reason,
        recomputed.recomputed_numerator,
        recomputed.recomputed_denominator,
        recomputed.recomputed_value,
        cast(coalesce(precisions.published_decimals, 0) as integer) as published_decimals,
        coalesce(published.publication_id, recomputed.publication_id) as publication_id,
        coalesce(published.la_code, recomputed.la_code) as la_code,
        coalesce(published.indicator_id, recomputed.indicator_id) as indicator_id,
        coalesce(published.period_label, recomputed.period_label) as period_label,
        published.publication_id is not null as is_published
    from published
    full outer join recomputed
        on
            published.publication_id = recomputed.publication_id
            and published.indicator_id = recomputed.indicator_id
            and published.period_label = recomputed.period_label
    left join precisions
        on
            published.publication_id = precisions.publication_id
            and published.indicator_id = precisions.indicator_id
            and published.period_label = precisions.period_label
    -- a value neither published nor computed has nothing to reconcile
    where published.publication_id is not null or recomputed.recomputed_state = 'computed'

),

compared as (

    select
        *,
        {{ round_to_decimals('recomputed_value', 'published_decimals') }}
            as recomputed_value_rounded,
        recomputed_value - published_value as value_difference,
        recomputed_numerator - published_numerator as numerator_difference,
        published_value is null
        or abs(
            {{ round_to_decimals('recomputed_value', 'published_decimals') }} - published_value
        ) < 1e-9
            as is_value_equal,
        published_numerator is null
        or recomputed_numerator = published_numerator as is_numerator_equal
    from matched

),

flagged as (

    select
        compared.publication_id,
        compared.la_code,
        compared.indicator_id,
        catalogue.section_id,
        catalogue.unit,
        compared.period_label,
        compared.report_date,
        compared.published_value_text,
        compared.published_value,
        compared.published_numerator,
        compared.published_decimals,
        compared.published_state,
        compared.recomputed_state,
        compared.recomputed_numerator,
        compared.recomputed_denominator,
        compared.recomputed_value,
        compared.recomputed_value_rounded,
        compared.value_difference,
        compared.numerator_difference,
        case
            when not compared.is_published then 'not_published'
            when compared.published_state is not null then 'published_as_state'
            when coalesce(compared.recomputed_state, '') != 'computed' then 'not_recomputed'
            when compared.is_value_equal and compared.is_numerator_equal then 'agrees'
            else 'differs'
        end as reconciliation_flag,
        case
            when not compared.is_published
                then 'Computed, but the publication prints no figure for this period.'
            when compared.published_state is not null
                then
                    'The publication printed "' || compared.published_value_text || '" ('
                    || compared.published_state || '); recomputed: '
                    || coalesce(compared.recomputed_state, 'no value for this period') || '.'
            when compared.recomputed_state is null
                then
                    -- the apostrophe escaped as the engine reads it (Spark takes '' for
                    -- two adjacent literals and would drop it)
                    'No recomputed value for this period: not a year column of a run, nor the '
                    || '{{ dbt.escape_single_quotes(
                        "Latest of a run for the publication's report date."
                    ) }}'
            when compared.recomputed_state != 'computed'
                then
                    'Recomputed state ' || compared.recomputed_state || ': '
                    || coalesce(compared.recomputed_state_reason, '')
            when not compared.is_value_equal and not compared.is_numerator_equal
                then 'Value and count differ.'
            when not compared.is_value_equal
                then
                    'Value differs at the published precision ('
                    || {{ as_text('compared.published_decimals') }} || ' decimals).'
            when not compared.is_numerator_equal then 'Count differs.'
            else
                'Equal at the published precision ('
                || {{ as_text('compared.published_decimals') }} || ' decimals).'
        end as flag_reason
    from compared
    left join catalogue
        on compared.indicator_id = catalogue.indicator_id

),

-- the demo's calibration: whether a printed figure lands within its unit's demo tolerance
-- (indicator_units.demo_tolerance_kind / demo_tolerance), the unrounded recomputed value against
-- the printed value; null when nothing is compared (the 1e-9 absorbs binary fractions, so that
-- exactly 2 points is within 2 points)
tolerance_judged as (

    select
        flagged.*,
        case
            when flagged.reconciliation_flag not in ('agrees', 'differs') then null
            when flagged.recomputed_value is null or flagged.published_value is null then null
            when units.demo_tolerance_kind = 'points'
                then
                    abs(flagged.recomputed_value - flagged.published_value)
                    <= units.demo_tolerance + 1e-9
            when units.demo_tolerance_kind = 'relative'
                then
                    abs(flagged.recomputed_value - flagged.published_value)
                    <= units.demo_tolerance * abs(flagged.published_value) + 1e-9
        end as is_within_demo_tolerance
    from flagged
    left join units
        on flagged.unit = units.unit

)

select * from tolerance_judged
