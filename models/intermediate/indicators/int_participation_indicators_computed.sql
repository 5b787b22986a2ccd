{{ config(materialized='table') }}

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

invitations as (

    select * from {{ ref('int_conference_invitations_windowed') }}

),

lac_reviews as (

    select * from {{ ref('stg_carefirst__lac_reviews') }}

),

family_periods as (

    -- the periods the catalogue asks of the participation measures, where the authority's
    -- extracts record what they need
    select *
    from measure_periods
    where family = 'participation' and is_recorded

),

attendance_counted as (

    -- invitations to the window's conferences (each counted once, transfer-in excluded);
    -- numerator: those the invitee attended
    select
        la_code,
        case conference_type
            when 'ICPC' then 'icpc_invitee_attendance'
            when 'RCPC' then 'rcpc_invitee_attendance'
        end as indicator_id,
        report_date,
        period_key,
        basis,
        attendance = 'ATTENDED' as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from invitations

),

review_periods as (

    select *
    from family_periods
    where indicator_id = 'lac_review_participation_participation_section'

),

reviews_counted as (

    -- the section's reading: reviews held in the window, PN0 (under 4) excluded; the child
    -- took part with PN1, PN2, PN3, PN5 or PN6 (PN4, attending without speaking or conveying
    -- views, and PN7 do not; no code counts in the denominator only)
    select
        lac_reviews.la_code,
        review_periods.indicator_id,
        review_periods.report_date,
        review_periods.period_key,
        review_periods.basis,
        coalesce(
            lac_reviews.participation_code in ('PN1', 'PN2', 'PN3', 'PN5', 'PN6'), false
        ) as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from review_periods
    inner join lac_reviews
        on
            review_periods.la_code = lac_reviews.la_code
            and lac_reviews.review_date
            between review_periods.window_start_date and review_periods.window_end_date
    where coalesce(lac_reviews.participation_code, '') != 'PN0'

),

counted_items as (

    select * from attendance_counted
    union all
    select * from reviews_counted

),

indicator_counts as (

    {{ indicator_counts_completed('counted_items', 'family_periods') }}

)

select * from indicator_counts
