-- Eclipse's own date and closure rules on early help assessments and Outcome Star readings
-- (eclipse_early_help_assessments, eclipse_outcome_star_readings).
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv); a rule of a kind that recurs is a call of a macro
-- of macros/data_quality_rules.sql.

with

assessments as (

    select * from {{ ref('stg_eclipse__early_help_assessments') }}

),

star_readings as (

    select * from {{ ref('stg_eclipse__outcome_star_readings') }}

),

eha_closed_before_start as (

    {{ end_before_start_failures(
        rule_id='eha_closed_before_start',
        extract='eclipse_early_help_assessments',
        records='assessments',
        record_id='eha_id',
        start_column='start_date',
        end_column='closed_date'
    ) }}

),

eha_completed_before_start as (

    {{ end_before_start_failures(
        rule_id='eha_completed_before_start',
        extract='eclipse_early_help_assessments',
        records='assessments',
        record_id='eha_id',
        start_column='start_date',
        end_column='completed_date'
    ) }}

),

eha_closure_reason_mismatch as (

    -- closed with no reason, or a reason recorded on an assessment still open
    select
        {{ data_quality_failure_columns(
            'eha_closure_reason_mismatch', 'eclipse_early_help_assessments',
            'assessments', 'eha_id'
        ) }},
        case
            when assessments.closed_date is not null
                then {{ format_text(
                    'closed on {} with no closure_reason', ['assessments.closed_date']
                ) }}
            else {{ format_text(
                'closure_reason {} but not closed', ['assessments.closure_reason']
            ) }}
        end as detail
    from assessments
    where (assessments.closed_date is null) != (assessments.closure_reason is null)

),

readings_placed as (

    -- each reading beside the assessment it names (none when the eha_id is unknown)
    select
        star_readings.la_code,
        star_readings.reading_id,
        star_readings.reading_date,
        star_readings.eha_id,
        assessments.start_date,
        assessments.closed_date,
        assessments.eha_id is not null as is_assessment_known
    from star_readings
    left join assessments
        on
            star_readings.la_code = assessments.la_code
            and star_readings.eha_id = assessments.eha_id

),

outcome_star_reading_outside_assessment as (

    -- a family's reading, so no child is named
    select
        readings_placed.la_code,
        'outcome_star_reading_outside_assessment' as rule_id,
        'eclipse_outcome_star_readings' as extract,
        readings_placed.reading_id as record_id,
        cast(null as {{ dbt.type_string() }}) as child_key,
        case
            when not readings_placed.is_assessment_known
                then {{ format_text(
                    'reading of {} names assessment {}, not in the assessments extract',
                    ['readings_placed.reading_date', 'readings_placed.eha_id']
                ) }}
            else {{ format_text(
                'reading of {} outside assessment {} ({} to {})',
                [
                    'readings_placed.reading_date',
                    'readings_placed.eha_id',
                    'readings_placed.start_date',
                    text_or_placeholder('readings_placed.closed_date', 'open')
                ]
            ) }}
        end as detail
    from readings_placed
    where
        not readings_placed.is_assessment_known
        or readings_placed.reading_date < readings_placed.start_date
        or readings_placed.reading_date > readings_placed.closed_date

),

unioned as (

    select * from eha_closed_before_start
    union all
    select * from eha_completed_before_start
    union all
    select * from eha_closure_reason_mismatch
    union all
    select * from outcome_star_reading_outside_assessment

)

select * from unioned
