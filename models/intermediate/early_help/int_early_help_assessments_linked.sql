-- One row per early help assessment, joined across the systems: whether the child is known to
-- children's social care, and the CareFirst referral from early help (referral_source 5D) that
-- followed the assessment's closure within 30 days (the step-up, issue 10).

with

assessments as (

    select * from {{ ref('stg_eclipse__early_help_assessments') }}

),

referrals as (

    select * from {{ ref('stg_carefirst__referrals') }}

),

children_known as (

    -- the children with any CareFirst referral: known to social care
    select distinct
        la_code,
        child_key
    from referrals

),

step_up_candidates as (

    -- referrals from early help of the assessment's child dated from the closure day to 30
    -- days after it (day 30 in, day 31 out), the first one first
    select
        assessments.la_code,
        assessments.eha_id,
        referrals.referral_id,
        referrals.referral_date,
        {{ dbt.datediff('assessments.closed_date', 'referrals.referral_date', 'day') }}
            as days_closure_to_referral,
        row_number() over (
            partition by assessments.la_code, assessments.eha_id
            order by referrals.referral_date, referrals.referral_id
        ) as referral_rank
    from assessments
    inner join referrals
        on
            assessments.la_code = referrals.la_code
            and assessments.child_key = referrals.child_key
            and referrals.referral_source = '5D'
            and assessments.closed_date <= referrals.referral_date
            and {{ dbt.dateadd('day', 30, 'assessments.closed_date') }}
            >= referrals.referral_date

),

linked as (

    select
        assessments.la_code,
        assessments.eha_id,
        assessments.child_key,
        assessments.family_key,
        assessments.start_date,
        assessments.completed_date,
        assessments.closed_date,
        assessments.lead_agency,
        assessments.closure_reason,
        step_up_candidates.referral_id as step_up_referral_id,
        step_up_candidates.days_closure_to_referral,
        coalesce(assessments.is_step_down, false) as is_step_down,
        coalesce(assessments.closure_reason = 'STEP_UP', false) as is_closed_stepping_up,
        children_known.child_key is not null as is_known_to_social_care
    from assessments
    left join children_known
        on
            assessments.la_code = children_known.la_code
            and assessments.child_key = children_known.child_key
    left join step_up_candidates
        on
            assessments.la_code = step_up_candidates.la_code
            and assessments.eha_id = step_up_candidates.eha_id
            and step_up_candidates.referral_rank = 1

)

select * from linked
