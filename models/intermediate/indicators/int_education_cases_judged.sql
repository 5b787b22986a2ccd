{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

absence_judged as (

    select * from {{ ref('int_pupil_enrolments_absence_judged') }}

),

census_registrations as (

    select * from {{ ref('stg_education__census_registrations') }}

),

exclusions as (

    select * from {{ ref('int_exclusions_provision_timed') }}

),

cme_investigations as (

    select * from {{ ref('stg_education__cme_investigations') }}

),

school_days as (

    select * from {{ ref('int_school_days_numbered') }}

),

periods as (

    -- each measure's own periods, where the authority's extracts record what it needs: a
    -- measure is judged only over the periods it is computed for, so its failing records are
    -- exactly its exception list
    select *
    from measure_periods
    where
        family = 'education'
        and is_recorded
        -- an academic year not over at the report date is not_yet_available: nothing judged
        and not coalesce(period_kind = 'year' and not is_complete, false)

),

persistent_absence_cases as (

    -- school_persistent_absence: the enrolments judged (int_pupil_enrolments_absence_judged),
    -- each a unit of its own (a dual-registered pupil's two enrolments are two units, as the
    -- DfE counts enrolments), failing when persistently absent
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        cast(null as {{ dbt.type_string() }}) as child_key,
        pupil_key || ':' || school_urn || ':' || academic_year as counted_unit_id,
        'pupil_enrolment' as record_type,
        pupil_key || ':' || school_urn || ':' || academic_year as record_id,
        is_persistently_absent as is_failing,
        academic_year_start_date as event_date,
        cast(null as date) as due_date,
        cast(null as integer) as working_days,
        cast(null as integer) as days_elapsed,
        case when is_persistently_absent then 'persistently_absent' end as reason_code,
        case
            when is_persistently_absent
                then
                    'Absent ' || {{ as_text('absence_sessions') }}
                    || ' of ' || {{ as_text('possible_sessions') }}
                    || ' possible sessions in ' || academic_year
                    || ' at school ' || school_urn
                    || ' (threshold ' || {{ as_text('threshold_percent') }} || '% of '
                    || case
                        when threshold_of = 'full_year_sessions'
                            then
                                {{ as_text('threshold_base_sessions') }}
                                || ' sessions, a fixed count)'
                        else 'own possible sessions)'
                    end
        end as reason
    from absence_judged
    where indicator_id = 'school_persistent_absence'

),

pupils_known_to_social_care as (

    -- a pupil's child_key where the census links them to the council's person id
    select
        la_code,
        pupil_key,
        max(child_key) as child_key
    from census_registrations
    where child_key is not null
    group by 1, 2

),

provision_cases as (

    -- excluded_alternative_placement_by_day_6: the counted permanent exclusions starting in
    -- the window, judged once their 6th school day has passed by the report date (or their
    -- provision has begun): failing without provision by the 6th school day
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        pupils_known_to_social_care.child_key,
        exclusions.exclusion_id as counted_unit_id,
        'exclusion' as record_type,
        exclusions.exclusion_id as record_id,
        not coalesce(exclusions.provision_school_day <= 6, false) as is_failing,
        exclusions.start_date as event_date,
        exclusions.sixth_school_day_date as due_date,
        cast(exclusions.provision_school_day as integer) as working_days,
        cast(
            {{ days_between(
                'exclusions.start_date',
                'coalesce(exclusions.alternative_provision_start_date, periods.report_date)'
            ) }}
            as integer
        ) as days_elapsed,
        case
            when exclusions.provision_school_day is null then 'no_provision_by_day_6'
            when exclusions.provision_school_day > 6 then 'provision_after_day_6'
        end as reason_code,
        case
            when exclusions.provision_school_day is null
                then
                    'Permanently excluded from ' || exclusions.school_urn || ' on '
                    || {{ as_text('exclusions.start_date') }}
                    || '; no alternative provision by its 6th school day, '
                    || {{ text_or_placeholder(
                        as_text('exclusions.sixth_school_day_date'), 'after the terms on record'
                    ) }}
            when exclusions.provision_school_day > 6
                then
                    'Permanently excluded from ' || exclusions.school_urn || ' on '
                    || {{ as_text('exclusions.start_date') }}
                    || '; alternative provision began on school day '
                    || {{ as_text('exclusions.provision_school_day') }}
                    || ' ('
                    || {{ as_text('exclusions.alternative_provision_start_date') }}
                    || ')'
        end as reason
    from periods
    inner join exclusions
        on
            periods.la_code = exclusions.la_code
            and exclusions.start_date between periods.window_start_date and periods.window_end_date
            and exclusions.exclusion_type = 'PERMANENT'
            and exclusions.is_counted
            and (
                exclusions.alternative_provision_start_date >= exclusions.start_date
                or periods.report_date >= exclusions.sixth_school_day_date
            )
    left join pupils_known_to_social_care
        on
            exclusions.la_code = pupils_known_to_social_care.la_code
            and exclusions.pupil_key = pupils_known_to_social_care.pupil_key
    where periods.indicator_id = 'excluded_alternative_placement_by_day_6'

),

cme_numbered as (

    -- each investigation with the school-day numbers of its opening and of its closing (or
    -- of the report date while open)
    select
        periods.la_code,
        periods.indicator_id,
        periods.report_date,
        periods.period_key,
        periods.basis,
        cme_investigations.investigation_id,
        cme_investigations.child_key,
        cme_investigations.opened_date,
        cme_investigations.closed_date,
        opened_day.school_day_number as opened_day_number,
        opened_day.is_school_day as is_opened_on_school_day,
        closed_day.school_day_number as closed_day_number,
        report_day.school_day_number as report_day_number
    from periods
    inner join cme_investigations
        on
            periods.la_code = cme_investigations.la_code
            and cme_investigations.opened_date
            between periods.window_start_date and periods.window_end_date
    left join school_days as opened_day
        on
            cme_investigations.la_code = opened_day.la_code
            and cme_investigations.opened_date = opened_day.calendar_date
    left join school_days as closed_day
        on
            cme_investigations.la_code = closed_day.la_code
            and cme_investigations.closed_date = closed_day.calendar_date
    left join school_days as report_day
        on
            periods.la_code = report_day.la_code
            and periods.report_date = report_day.calendar_date
    where periods.indicator_id = 'cme_investigations_closed_within_20_school_days'

),

cme_cases as (

    -- cme_investigations_closed_within_20_school_days: the investigations opened in the
    -- window, judged when closed or once their 20th school day after opening has passed by
    -- the report date; failing when open longer than 20 school days (the school days after
    -- the opening day up to the closing day, or to the report date while open, exceed 20)
    select
        la_code,
        indicator_id,
        report_date,
        period_key,
        basis,
        child_key,
        investigation_id as counted_unit_id,
        'cme_investigation' as record_type,
        investigation_id as record_id,
        coalesce(closed_day_number, report_day_number) - opened_day_number > 20 as is_failing,
        opened_date as event_date,
        cast(null as date) as due_date,
        cast(coalesce(closed_day_number, report_day_number) - opened_day_number as integer)
            as working_days,
        cast({{ days_between('opened_date', 'coalesce(closed_date, report_date)') }} as integer)
            as days_elapsed,
        case
            when coalesce(closed_day_number, report_day_number) - opened_day_number > 20
                then
                    case
                        when closed_date is null then 'open_over_20_school_days' else
                            'closed_after_20_school_days'
                    end
        end as reason_code,
        case
            when coalesce(closed_day_number, report_day_number) - opened_day_number > 20
                then
                    'Opened on ' || {{ as_text('opened_date') }}
                    || case
                        when closed_date is null
                            then '; still open at ' || {{ as_text('report_date') }} || ', '
                        else '; closed on ' || {{ as_text('closed_date') }} || ', '
                    end
                    || {{ as_text(
                        'coalesce(closed_day_number, report_day_number) - opened_day_number'
                    ) }}
                    || ' school days after opening'
        end as reason
    from cme_numbered
    where
        closed_date is not null
        or report_day_number - opened_day_number > 20

),

unioned as (

    select * from persistent_absence_cases
    union all
    select * from provision_cases
    union all
    select * from cme_cases

)

select * from unioned
