{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

schools as (

    select * from {{ ref('stg_education__schools') }}

),

inspections as (

    select * from {{ ref('stg_education__inspections') }}

),

enrolments as (

    select * from {{ ref('int_pupil_enrolments_aged') }}

),

census_registrations as (

    select * from {{ ref('stg_education__census_registrations') }}

),

exclusions as (

    select * from {{ ref('int_exclusions_provision_timed') }}

),

learning_plans as (

    select * from {{ ref('stg_education__learning_plans') }}

),

cme_investigations as (

    select * from {{ ref('stg_education__cme_investigations') }}

),

absence_judged as (

    select * from {{ ref('int_pupil_enrolments_absence_judged') }}

),

cases as (

    select * from {{ ref('int_education_cases_judged') }}

),

family_periods as (

    -- the periods the catalogue asks of the education measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'education' and is_recorded

),

-- the distinct windows of those periods: each item below is counted over every one of them,
-- and indicator_counts_completed keeps each measure's own
periods as (

    {{ family_windows('family_periods') }}

),

schools_open_at_snapshot as (

    -- the open state-funded schools at S, the window's end, of the phases Ofsted's outcomes
    -- count (nursery, primary, secondary, special, pupil referral units, all-through)
    select
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        periods.window_end_date,
        schools.school_urn
    from periods
    inner join schools
        on
            periods.la_code = schools.la_code
            and schools.is_state_funded
            and schools.phase in (
                'NURSERY', 'PRIMARY', 'SECONDARY', 'SPECIAL', 'PRU', 'ALL_THROUGH'
            )
            and {{ is_open_at(
                'schools.open_date', 'schools.close_date', 'periods.window_end_date'
            ) }}

),

inspections_published as (

    -- each open school's own inspections (under its own URN: a new academy's predecessor's
    -- are not its own) published on or before S, the latest first
    select
        schools_open_at_snapshot.la_code,
        schools_open_at_snapshot.report_date,
        schools_open_at_snapshot.period_key,
        schools_open_at_snapshot.basis,
        schools_open_at_snapshot.school_urn,
        inspections.inspection_date,
        inspections.inspection_type,
        inspections.overall_effectiveness,
        row_number() over (
            partition by
                schools_open_at_snapshot.la_code,
                schools_open_at_snapshot.report_date,
                schools_open_at_snapshot.period_key,
                schools_open_at_snapshot.basis,
                schools_open_at_snapshot.school_urn
            order by inspections.inspection_date desc, inspections.publication_date desc
        ) as recency_rank
    from schools_open_at_snapshot
    inner join inspections
        on
            schools_open_at_snapshot.la_code = inspections.la_code
            and schools_open_at_snapshot.school_urn = inspections.school_urn
            and schools_open_at_snapshot.window_end_date >= inspections.publication_date

),

school_grades as (

    -- the grade of each school's latest published inspection: a full (section 5)
    -- inspection's own; a short inspection keeps the grade of the latest full inspection
    -- before it (published by S), and with none the school has no grade
    select
        latest.la_code,
        latest.report_date,
        latest.period_key,
        latest.basis,
        latest.school_urn,
        latest.inspection_type,
        case
            when latest.inspection_type = 'SHORT'
                then
                    {{ value_at_max(
                        'confirmed.overall_effectiveness', 'confirmed.inspection_date'
                    ) }}
            else max(latest.overall_effectiveness)
        end as grade
    from inspections_published as latest
    left join inspections_published as confirmed
        on
            latest.la_code = confirmed.la_code
            and latest.report_date = confirmed.report_date
            and latest.period_key = confirmed.period_key
            and latest.basis = confirmed.basis
            and latest.school_urn = confirmed.school_urn
            and confirmed.inspection_type = 'SECTION_5'
            and latest.inspection_date > confirmed.inspection_date
    where latest.recency_rank = 1
    group by 1, 2, 3, 4, 5, 6

),

schools_counted as (

    -- schools_good_or_outstanding: the graded schools, good (2) or outstanding (1) in the
    -- numerator
    select
        la_code,
        'schools_good_or_outstanding' as indicator_id,
        report_date,
        period_key,
        basis,
        grade in (1, 2) as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount,
        1 as denominator_amount
    from school_grades
    where grade is not null

),

absence_counted as (

    -- school_absence_overall: the sessions missed over the possible sessions of the absence
    -- cohort's enrolments of the window's academic year
    select
        enrolments.la_code,
        'school_absence_overall' as indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        true as is_in_numerator,
        true as is_in_denominator,
        enrolments.absence_sessions as numerator_amount,
        enrolments.possible_sessions as denominator_amount
    from periods
    inner join enrolments
        on
            periods.la_code = enrolments.la_code
            and periods.window_start_date = enrolments.academic_year_start_date
            and enrolments.is_in_absence_cohort

),

persistent_absence_definitions_counted as (

    -- school_persistent_absence_15_percent_fixed, school_persistent_absence_10_percent: the
    -- two definitions shown beside the framework's row, each enrolment of the cohort in the
    -- denominator and in the numerator when persistently absent by the definition
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        is_persistently_absent as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount,
        1 as denominator_amount
    from absence_judged
    where indicator_id != 'school_persistent_absence'

),

exclusions_started as (

    -- the counted exclusions (not rescinded, of pupils resident in the authority) starting
    -- in the window
    select
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        exclusions.exclusion_type,
        exclusions.provision_school_day
    from periods
    inner join exclusions
        on
            periods.la_code = exclusions.la_code
            and exclusions.start_date between periods.window_start_date and periods.window_end_date
            and exclusions.is_counted

),

census_headcount as (

    -- the January census headcount of the window's academic year: resident pupils with a
    -- sole or dual main registration, once each
    select distinct
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        census_registrations.pupil_key
    from periods
    inner join census_registrations
        on
            periods.la_code = census_registrations.la_code
            and periods.window_start_date = census_registrations.academic_year_start_date
            and census_registrations.enrolment_status in ('C', 'M')
            and census_registrations.is_resident_in_la

),

exclusion_measures as (

    select
        'permanent_exclusions' as indicator_id,
        'PERMANENT' as exclusion_type
    union all
    select
        'fixed_term_exclusions' as indicator_id,
        'FIXED' as exclusion_type

),

exclusions_counted as (

    -- permanent_exclusions, fixed_term_exclusions: the exclusions of the type in the
    -- numerator, the census headcount in the denominator
    select
        exclusions_started.la_code,
        exclusion_measures.indicator_id,
        exclusions_started.report_date,
        exclusions_started.period_key,
        exclusions_started.basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount,
        1 as denominator_amount
    from exclusions_started
    inner join exclusion_measures
        on exclusions_started.exclusion_type = exclusion_measures.exclusion_type
    union all
    select
        census_headcount.la_code,
        exclusion_measures.indicator_id,
        census_headcount.report_date,
        census_headcount.period_key,
        census_headcount.basis,
        false as is_in_numerator,
        true as is_in_denominator,
        0 as numerator_amount,
        1 as denominator_amount
    from census_headcount
    cross join exclusion_measures

),

provision_days_counted as (

    -- excluded_alternative_placement_avg_days: the school day of the exclusion on which
    -- provision began, over the counted permanent exclusions with a provision start
    select
        la_code,
        'excluded_alternative_placement_avg_days' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        provision_school_day as numerator_amount,
        1 as denominator_amount
    from exclusions_started
    where exclusion_type = 'PERMANENT' and provision_school_day is not null

),

plans_open_at_snapshot as (

    -- the learning plans open at S (begun on or before it, not ended by it)
    select
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        learning_plans.plan_id,
        learning_plans.pupil_key,
        learning_plans.arranged_by,
        learning_plans.weekly_hours
    from periods
    inner join learning_plans
        on
            periods.la_code = learning_plans.la_code
            and {{ is_open_at(
                'learning_plans.start_date', 'learning_plans.end_date', 'periods.window_end_date'
            ) }}

),

pupils_on_plans as (

    select distinct
        la_code,
        report_date,
        period_key,
        basis,
        arranged_by,
        pupil_key
    from plans_open_at_snapshot

),

plans_counted as (

    -- splp_children_<arranger>: the pupils on an open plan, once each;
    -- splp_avg_hours_<arranger>: the open plans' weekly hours over their number
    select
        la_code,
        case arranged_by
            when 'LA' then 'splp_children_la_arranged'
            when 'SCHOOL' then 'splp_children_school_arranged'
        end as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount,
        1 as denominator_amount
    from pupils_on_plans
    where arranged_by in ('LA', 'SCHOOL')
    union all
    select
        la_code,
        case arranged_by
            when 'LA' then 'splp_avg_hours_la_arranged'
            when 'SCHOOL' then 'splp_avg_hours_school_arranged'
        end as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        true as is_in_denominator,
        weekly_hours as numerator_amount,
        1 as denominator_amount
    from plans_open_at_snapshot
    where arranged_by in ('LA', 'SCHOOL')

),

investigations_opened as (

    select
        periods.la_code,
        periods.report_date,
        periods.period_key,
        periods.basis,
        cme_investigations.outcome
    from periods
    inner join cme_investigations
        on
            periods.la_code = cme_investigations.la_code
            and cme_investigations.opened_date
            between periods.window_start_date and periods.window_end_date

),

investigations_counted as (

    -- cme_investigations: the investigations opened in the window; of those,
    -- cme_found_missing_from_education: the outcome MISSING_FROM_EDUCATION
    select
        la_code,
        'cme_investigations' as indicator_id,
        report_date,
        period_key,
        basis,
        true as is_in_numerator,
        false as is_in_denominator,
        1 as numerator_amount,
        1 as denominator_amount
    from investigations_opened
    union all
    select
        la_code,
        'cme_found_missing_from_education' as indicator_id,
        report_date,
        period_key,
        basis,
        coalesce(outcome = 'MISSING_FROM_EDUCATION', false) as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount,
        1 as denominator_amount
    from investigations_opened

),

passing_cases as (

    -- the measures judged in the case model whose numerator is the units passing:
    -- alternative provision by day 6, CME investigations closed within 20 school days
    select * from cases
    where indicator_id != 'school_persistent_absence'

),

absent_cases as (

    -- the framework's persistent absence, where low is better: the numerator is the failing
    -- (persistently absent) enrolments
    select * from cases
    where indicator_id = 'school_persistent_absence'

),

passing_cases_counted as (

    {{ indicator_cases_counted('passing_cases') }}

),

absent_cases_counted as (

    {{ indicator_cases_counted('absent_cases', failing_in_numerator=true) }}

),

cases_counted as (

    select
        *,
        1 as denominator_amount
    from passing_cases_counted
    union all
    select
        *,
        1 as denominator_amount
    from absent_cases_counted

),

counted_items as (

    select * from schools_counted
    union all
    select * from absence_counted
    union all
    select * from persistent_absence_definitions_counted
    union all
    select * from exclusions_counted
    union all
    select * from provision_days_counted
    union all
    select * from plans_counted
    union all
    select * from investigations_counted
    union all
    select * from cases_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods', denominator_amounts=true) }}

)

select * from indicator_counts
