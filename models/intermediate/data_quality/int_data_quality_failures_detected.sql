-- One row per record failing a data-quality rule: the seven areas' failures unioned.

with

lac_episode_failures as (

    select * from {{ ref('int_data_quality_lac_episode_failures_detected') }}

),

lac_child_failures as (

    select * from {{ ref('int_data_quality_lac_child_failures_detected') }}

),

referral_failures as (

    select * from {{ ref('int_data_quality_referral_failures_detected') }}

),

child_protection_failures as (

    select * from {{ ref('int_data_quality_child_protection_failures_detected') }}

),

fostering_failures as (

    select * from {{ ref('int_data_quality_fostering_failures_detected') }}

),

adoption_failures as (

    select * from {{ ref('int_data_quality_adoption_failures_detected') }}

),

care_leaver_failures as (

    select * from {{ ref('int_data_quality_care_leaver_failures_detected') }}

),

unioned as (

    select
        lac_episode_failures.la_code,
        lac_episode_failures.rule_id,
        lac_episode_failures.extract,
        lac_episode_failures.record_id,
        lac_episode_failures.child_key,
        lac_episode_failures.detail
    from lac_episode_failures
    union all
    select
        lac_child_failures.la_code,
        lac_child_failures.rule_id,
        lac_child_failures.extract,
        lac_child_failures.record_id,
        lac_child_failures.child_key,
        lac_child_failures.detail
    from lac_child_failures
    union all
    select
        referral_failures.la_code,
        referral_failures.rule_id,
        referral_failures.extract,
        referral_failures.record_id,
        referral_failures.child_key,
        referral_failures.detail
    from referral_failures
    union all
    select
        child_protection_failures.la_code,
        child_protection_failures.rule_id,
        child_protection_failures.extract,
        child_protection_failures.record_id,
        child_protection_failures.child_key,
        child_protection_failures.detail
    from child_protection_failures
    union all
    select
        fostering_failures.la_code,
        fostering_failures.rule_id,
        fostering_failures.extract,
        fostering_failures.record_id,
        fostering_failures.child_key,
        fostering_failures.detail
    from fostering_failures
    union all
    select
        care_leaver_failures.la_code,
        care_leaver_failures.rule_id,
        care_leaver_failures.extract,
        care_leaver_failures.record_id,
        care_leaver_failures.child_key,
        care_leaver_failures.detail
    from care_leaver_failures
    union all
    select
        adoption_failures.la_code,
        adoption_failures.rule_id,
        adoption_failures.extract,
        adoption_failures.record_id,
        adoption_failures.child_key,
        adoption_failures.detail
    from adoption_failures

)

select * from unioned
