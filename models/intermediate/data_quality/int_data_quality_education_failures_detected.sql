-- Rules on the education extracts: the sessions, dates and links the Education measures are
-- computed from, as the school census's attendance returns and the exclusion regulations
-- imply them. One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv). The pupils' records name no CareFirst child
-- (child_key null): record_id names the pupil by pupil_key (the pupil's pseudonym, whose
-- source id is in the pseudonym map, namespace education_pupil), the school and the year.

with

schools as (

    select * from {{ ref('stg_education__schools') }}

),

inspections as (

    select * from {{ ref('stg_education__inspections') }}

),

attendance_years as (

    select * from {{ ref('stg_education__pupil_attendance_years') }}

),

census_registrations as (

    select * from {{ ref('stg_education__census_registrations') }}

),

exclusions as (

    select * from {{ ref('stg_education__exclusions') }}

),

cme_investigations as (

    select * from {{ ref('stg_education__cme_investigations') }}

),

education_absence_above_possible as (

    -- more sessions missed than the pupil could have attended
    select
        attendance_years.la_code,
        'education_absence_above_possible' as rule_id,
        'education_pupil_attendance' as extract,
        attendance_years.pupil_key
        || ':' || attendance_years.school_urn
        || ':' || attendance_years.academic_year as record_id,
        cast(null as {{ dbt.type_string() }}) as child_key,
        {{ format_text(
            'absent {} authorised and {} unauthorised sessions of {} possible in {}',
            [
                'coalesce(attendance_years.authorised_absence_sessions, 0)',
                'coalesce(attendance_years.unauthorised_absence_sessions, 0)',
                'coalesce(attendance_years.possible_sessions, 0)',
                'attendance_years.academic_year'
            ]
        ) }} as detail
    from attendance_years
    where
        coalesce(attendance_years.authorised_absence_sessions, 0)
        + coalesce(attendance_years.unauthorised_absence_sessions, 0)
        > coalesce(attendance_years.possible_sessions, 0)

),

education_census_pupil_without_attendance as (

    -- a registration on census day with no attendance row of the pupil at that school that
    -- year: the absence measures miss the pupil
    select
        census_registrations.la_code,
        'education_census_pupil_without_attendance' as rule_id,
        'education_school_census' as extract,
        census_registrations.pupil_key
        || ':' || census_registrations.school_urn
        || ':' || census_registrations.academic_year as record_id,
        cast(null as {{ dbt.type_string() }}) as child_key,
        {{ format_text(
            'on roll at school {} on census day {} with no attendance row for {}',
            [
                'census_registrations.school_urn',
                'census_registrations.census_date',
                'census_registrations.academic_year'
            ]
        ) }} as detail
    from census_registrations
    left join attendance_years
        on
            census_registrations.la_code = attendance_years.la_code
            and census_registrations.pupil_key = attendance_years.pupil_key
            and census_registrations.school_urn = attendance_years.school_urn
            and census_registrations.academic_year_start_date
            = attendance_years.academic_year_start_date
    where attendance_years.pupil_key is null

),

education_inspection_before_school_opened as (

    select
        inspections.la_code,
        'education_inspection_before_school_opened' as rule_id,
        'education_inspections' as extract,
        inspections.school_urn || ':' || {{ as_text('inspections.inspection_date') }} as record_id,
        cast(null as {{ dbt.type_string() }}) as child_key,
        {{ format_text(
            'inspected on {}, before the school opened on {}',
            ['inspections.inspection_date', 'schools.open_date']
        ) }} as detail
    from inspections
    inner join schools
        on
            inspections.la_code = schools.la_code
            and inspections.school_urn = schools.school_urn
    where inspections.inspection_date < schools.open_date

),

inspections_keyed as (

    -- an inspection has no identifier of its own: the school and the day name it
    select
        *,
        school_urn || ':' || {{ as_text('inspection_date') }} as inspection_key,
        cast(null as {{ dbt.type_string() }}) as child_key
    from inspections

),

education_inspection_of_unknown_school as (

    {{ unknown_parent_failures(
        rule_id='education_inspection_of_unknown_school',
        extract='education_inspections',
        records='inspections_keyed',
        record_id='inspection_key',
        parents='schools',
        key_column='school_urn',
        detail='inspection of {} on {}: the URN is not in education_schools',
        detail_values=['inspections_keyed.school_urn', 'inspections_keyed.inspection_date']
    ) }}

),

exclusions_with_child as (

    select
        *,
        cast(null as {{ dbt.type_string() }}) as child_key
    from exclusions

),

education_provision_before_exclusion as (

    {{ end_before_start_failures(
        rule_id='education_provision_before_exclusion',
        extract='education_exclusions',
        records='exclusions_with_child',
        record_id='exclusion_id',
        start_column='start_date',
        end_column='alternative_provision_start_date'
    ) }}

),

education_provision_on_fixed_exclusion as (

    -- the contract records the alternative provision of permanent exclusions only
    select
        {{ data_quality_failure_columns(
            'education_provision_on_fixed_exclusion', 'education_exclusions',
            'exclusions_with_child', 'exclusion_id'
        ) }},
        {{ format_text(
            'fixed-period exclusion of {} with alternative_provision_start_date {}',
            ['exclusions_with_child.start_date', 'exclusions_with_child.alternative_provision_start_date']
        ) }} as detail
    from exclusions_with_child
    where
        exclusions_with_child.exclusion_type = 'FIXED'
        and exclusions_with_child.alternative_provision_start_date is not null

),

education_exclusion_at_unknown_school as (

    {{ unknown_parent_failures(
        rule_id='education_exclusion_at_unknown_school',
        extract='education_exclusions',
        records='exclusions_with_child',
        record_id='exclusion_id',
        parents='schools',
        key_column='school_urn',
        detail='excluded on {} from {}: the URN is not in education_schools',
        detail_values=['exclusions_with_child.start_date', 'exclusions_with_child.school_urn']
    ) }}

),

education_cme_outcome_without_closure as (

    -- an outcome belongs to a closed investigation, and a closed one has an outcome
    select
        {{ data_quality_failure_columns(
            'education_cme_outcome_without_closure', 'education_cme_investigations',
            'cme_investigations', 'investigation_id'
        ) }},
        case
            when cme_investigations.closed_date is null
                then {{ format_text(
                    'open investigation (opened {}) with outcome {}',
                    ['cme_investigations.opened_date', 'cme_investigations.outcome']
                ) }}
            else {{ format_text(
                'investigation closed on {} with no outcome', ['cme_investigations.closed_date']
            ) }}
        end as detail
    from cme_investigations
    where (cme_investigations.closed_date is null) != (cme_investigations.outcome is null)

),

unioned as (

    select * from education_absence_above_possible
    union all
    select * from education_census_pupil_without_attendance
    union all
    select * from education_inspection_before_school_opened
    union all
    select * from education_inspection_of_unknown_school
    union all
    select * from education_provision_before_exclusion
    union all
    select * from education_provision_on_fixed_exclusion
    union all
    select * from education_exclusion_at_unknown_school
    union all
    select * from education_cme_outcome_without_closure

)

select * from unioned
