with

referrals as (

    select * from {{ ref('stg_carefirst__referrals') }}

),

cp_plans as (

    select * from {{ ref('int_cp_plans_sequenced') }}

),

lac_episodes as (

    select * from {{ ref('int_lac_episodes_chained') }}

),

referral_spells as (

    -- a referral that ended in no further action never made the child a child in need
    select
        la_code,
        'referral:' || referral_id as spell_id,
        'referral' as spell_type,
        child_key,
        referral_date as start_date,
        closure_date as end_date
    from referrals
    where not coalesce(is_nfa, false)

),

cp_plan_spells as (

    select
        la_code,
        'cp_plan:' || cp_plan_id as spell_id,
        'cp_plan' as spell_type,
        child_key,
        start_date,
        end_date
    from cp_plans

),

looked_after_spells as (

    -- short breaks (legal status V3, V4) are not looked after for these counts
    select
        la_code,
        'looked_after:' || episode_id as spell_id,
        'looked_after' as spell_type,
        child_key,
        start_date,
        end_date
    from lac_episodes
    where not coalesce(is_short_break, false)

),

unioned as (

    select * from referral_spells
    union all
    select * from cp_plan_spells
    union all
    select * from looked_after_spells

)

select * from unioned
