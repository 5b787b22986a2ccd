{{ config(materialized='table') }}

with

exclusions as (

    select * from {{ ref('stg_education__exclusions') }}

),

census_registrations as (

    select * from {{ ref('stg_education__census_registrations') }}

),

school_days as (

    select * from {{ ref('int_school_days_numbered') }}

),

pupil_residence as (

    -- whether each pupil lived in the authority at each January census (any registration
    -- saying so)
    select
        la_code,
        academic_year_start_date,
        pupil_key,
        {{ dbt.bool_or('coalesce(is_resident_in_la, false)') }} as is_resident_in_la
    from census_registrations
    group by 1, 2, 3

),

resident as (

    -- each exclusion with its academic year and whether the pupil lived in the authority at
    -- that year's January census (no census row that year: not resident, not counted)
    select
        exclusions.*,
        {{ academic_year_start('exclusions.start_date') }} as academic_year_start_date,
        coalesce(pupil_residence.is_resident_in_la, false) as is_resident_in_la
    from exclusions
    left join pupil_residence
        on
            exclusions.la_code = pupil_residence.la_code
            and exclusions.pupil_key = pupil_residence.pupil_key
            and {{ academic_year_start('exclusions.start_date') }}
            = pupil_residence.academic_year_start_date

),

timed as (

    -- the school-day number of the provision's start, counting the exclusion's first day as
    -- day 1 (a provision starting on a day that is not a school day has the number of the
    -- school day before it), and the exclusion's 6th school day
    select
        resident.la_code,
        resident.exclusion_id,
        resident.pupil_key,
        resident.school_urn,
        resident.exclusion_type,
        resident.start_date,
        resident.academic_year_start_date,
        resident.sessions,
        resident.is_rescinded,
        resident.is_resident_in_la,
        resident.alternative_provision_start_date,
        not coalesce(resident.is_rescinded, false) and resident.is_resident_in_la as is_counted,
        case
            when resident.alternative_provision_start_date >= resident.start_date
                then
                    provision_day.school_day_number - first_day.school_day_number
                    + case when first_day.is_school_day then 1 else 0 end
        end as provision_school_day,
        first_day.school_day_number
        + case when first_day.is_school_day then 5 else 6 end as sixth_school_day_number
    from resident
    left join school_days as first_day
        on
            resident.la_code = first_day.la_code
            and resident.start_date = first_day.calendar_date
    left join school_days as provision_day
        on
            resident.la_code = provision_day.la_code
            and resident.alternative_provision_start_date = provision_day.calendar_date

),

sixth_day_dated as (

    select
        timed.*,
        sixth_day.calendar_date as sixth_school_day_date
    from timed
    left join school_days as sixth_day
        on
            timed.la_code = sixth_day.la_code
            and timed.sixth_school_day_number = sixth_day.school_day_number
            and sixth_day.is_school_day

)

select * from sixth_day_dated
