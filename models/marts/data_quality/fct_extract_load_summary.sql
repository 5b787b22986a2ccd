with

children_staged as (

    select * from {{ ref('stg_carefirst__children') }}

),

children_rejected as (

    select * from {{ ref('stg_carefirst__children__rejects') }}

),

referrals_staged as (

    select * from {{ ref('stg_carefirst__referrals') }}

),

referrals_rejected as (

    select * from {{ ref('stg_carefirst__referrals__rejects') }}

),

assessments_staged as (

    select * from {{ ref('stg_carefirst__assessments') }}

),

assessments_rejected as (

    select * from {{ ref('stg_carefirst__assessments__rejects') }}

),

section47_enquiries_staged as (

    select * from {{ ref('stg_carefirst__section47_enquiries') }}

),

section47_enquiries_rejected as (

    select * from {{ ref('stg_carefirst__section47_enquiries__rejects') }}

),

cp_conferences_staged as (

    select * from {{ ref('stg_carefirst__cp_conferences') }}

),

cp_conferences_rejected as (

    select * from {{ ref('stg_carefirst__cp_conferences__rejects') }}

),

cp_plans_staged as (

    select * from {{ ref('stg_carefirst__cp_plans') }}

),

cp_plans_rejected as (

    select * from {{ ref('stg_carefirst__cp_plans__rejects') }}

),

cp_visits_staged as (

    select * from {{ ref('stg_carefirst__cp_visits') }}

),

cp_visits_rejected as (

    select * from {{ ref('stg_carefirst__cp_visits__rejects') }}

),

lac_episodes_staged as (

    select * from {{ ref('stg_carefirst__lac_episodes') }}

),

lac_episodes_rejected as (

    select * from {{ ref('stg_carefirst__lac_episodes__rejects') }}

),

lac_reviews_staged as (

    select * from {{ ref('stg_carefirst__lac_reviews') }}

),

lac_reviews_rejected as (

    select * from {{ ref('stg_carefirst__lac_reviews__rejects') }}

),

lac_visits_staged as (

    select * from {{ ref('stg_carefirst__lac_visits') }}

),

lac_visits_rejected as (

    select * from {{ ref('stg_carefirst__lac_visits__rejects') }}

),

foster_households_staged as (

    select * from {{ ref('stg_carefirst__foster_households') }}

),

foster_households_rejected as (

    select * from {{ ref('stg_carefirst__foster_households__rejects') }}

),

private_fostering_staged as (

    select * from {{ ref('stg_carefirst__private_fostering_arrangements') }}

),

private_fostering_rejected as (

    select * from {{ ref('stg_carefirst__private_fostering_arrangements__rejects') }}

),

counted as (

    {{ extract_load_counts(
        'carefirst_children', 'children_staged', 'children_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_referrals', 'referrals_staged', 'referrals_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_assessments', 'assessments_staged', 'assessments_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_section47_enquiries', 'section47_enquiries_staged', 'section47_enquiries_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_cp_conferences', 'cp_conferences_staged', 'cp_conferences_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_cp_plans', 'cp_plans_staged', 'cp_plans_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_cp_visits', 'cp_visits_staged', 'cp_visits_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_lac_episodes', 'lac_episodes_staged', 'lac_episodes_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_lac_reviews', 'lac_reviews_staged', 'lac_reviews_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_lac_visits', 'lac_visits_staged', 'lac_visits_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_foster_households', 'foster_households_staged', 'foster_households_rejected'
    ) }}

    union all

    {{ extract_load_counts(
        'carefirst_private_fostering', 'private_fostering_staged', 'private_fostering_rejected'
    ) }}

),

summarised as (

    select
        extract_name,
        rows_staged,
        rows_rejected,
        rejected_missing_identifier,
        rejected_duplicate_identifier,
        rejected_invalid_date,
        rejected_invalid_integer,
        rejected_date_before_1900,
        rejected_date_after_extraction,
        rejected_end_before_start,
        rejected_unknown_code,
        rows_staged + rows_rejected as rows_read
    from counted

)

select * from summarised
