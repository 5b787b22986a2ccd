{{ config(materialized='table') }}

{#-
    The registry's frame: for every authority of the run and every measure of the catalogue,
    the periods the measure is computed over at every report date, chosen by the catalogue
    (year_basis for the three year columns, latest_basis for the Latest, series_basis for a
    table of quarters or months), with how its value is formed (indicator_units) and whether
    the authority's extracts record every field the measure needs over the period
    (field_recording). Family models count over their own rows of it; fct_indicator_values
    keeps exactly these rows.
-#}

with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

units as (

    select * from {{ ref('indicator_units') }}

),

field_recording as (

    select * from {{ ref('field_recording') }}

),

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

authorities as (

    select * from {{ ref('int_authorities_listed') }}

),

measure_periods as (

    -- the year columns on the measure's year basis, its Latest on its latest basis, and the
    -- periods of its table on its series basis
    select
        authorities.la_code,
        catalogue.indicator_id,
        catalogue.section_id,
        catalogue.family,
        catalogue.unit,
        units.denominator_kind,
        catalogue.fields_needed,
        periods.report_date,
        periods.period_key,
        periods.period_label,
        periods.period_kind,
        periods.basis,
        periods.window_start_date,
        periods.window_end_date,
        periods.is_complete,
        periods.population_year
    from catalogue
    inner join units
        on catalogue.unit = units.unit
    cross join authorities
    inner join periods
        on
            (catalogue.year_basis = periods.basis and periods.period_kind = 'year')
            or (catalogue.latest_basis = periods.basis and periods.period_kind = 'latest')
            or (catalogue.series_basis = periods.basis and periods.period_kind = 'series')

),

fields_not_recorded as (

    -- the measure's needed fields the authority records only from a date after the window's
    -- first day (a snapshot's window is its date)
    select
        measure_periods.la_code,
        measure_periods.indicator_id,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.basis,
        {{ value_at_max(
            "field_recording.extract_name || '.' || field_recording.column_name"
            " || ' is recorded only from ' || cast(field_recording.recorded_from as "
            ~ dbt.type_string() ~ ") || ': ' || field_recording.reason",
            'field_recording.recorded_from'
        ) }} as not_recorded_reason
    from measure_periods
    inner join field_recording
        on
            measure_periods.la_code = field_recording.la_code
            and (' ' || measure_periods.fields_needed || ' ') like (
                '% ' || field_recording.extract_name || '.' || field_recording.column_name || ' %'
            )
            and measure_periods.window_start_date < field_recording.recorded_from
    group by 1, 2, 3, 4, 5

),

recorded as (

    select
        measure_periods.la_code,
        measure_periods.indicator_id,
        measure_periods.section_id,
        measure_periods.family,
        measure_periods.unit,
        measure_periods.denominator_kind,
        measure_periods.report_date,
        measure_periods.period_key,
        measure_periods.period_label,
        measure_periods.period_kind,
        measure_periods.basis,
        measure_periods.window_start_date,
        measure_periods.window_end_date,
        measure_periods.is_complete,
        measure_periods.population_year,
        fields_not_recorded.not_recorded_reason,
        fields_not_recorded.indicator_id is null as is_recorded
    from measure_periods
    left join fields_not_recorded
        on
            measure_periods.la_code = fields_not_recorded.la_code
            and measure_periods.indicator_id = fields_not_recorded.indicator_id
            and measure_periods.report_date = fields_not_recorded.report_date
            and measure_periods.period_key = fields_not_recorded.period_key
            and measure_periods.basis = fields_not_recorded.basis

)

select * from recorded
