{#-
    Each MARAC referral with the same victim's previous referral and whether it is a repeat:
    a referral within 12 months of the victim's latest earlier referral (SafeLives, the
    definition of a repeat MARAC case: exactly 12 months later is within; a third referral is
    judged against the second). Referrals of one victim on one day are ordered by referral_id.
-#}

with

referrals as (

    select * from {{ ref('stg_marac__referrals') }}

),

sequenced as (

    select
        la_code,
        referral_id,
        victim_key,
        referral_date,
        incident_date,
        row_number() over (
            partition by la_code, victim_key
            order by referral_date, referral_id
        ) as victim_referral_number,
        lag(referral_id) over (
            partition by la_code, victim_key
            order by referral_date, referral_id
        ) as previous_referral_id,
        lag(referral_date) over (
            partition by la_code, victim_key
            order by referral_date, referral_id
        ) as previous_referral_date
    from referrals

),

judged as (

    select
        *,
        coalesce(
            referral_date <= {{ add_months('previous_referral_date', 12) }}, false
        ) as is_repeat
    from sequenced

)

select * from judged
