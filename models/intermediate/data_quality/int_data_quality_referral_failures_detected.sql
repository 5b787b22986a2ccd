-- CIN census and contract rules on referrals, assessments and section 47 enquiries.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv).

with

children as (

    select * from {{ ref('stg_carefirst__children') }}

),

referrals as (

    select * from {{ ref('stg_carefirst__referrals') }}

),

assessments as (

    select * from {{ ref('stg_carefirst__assessments') }}

),

section47_enquiries as (

    select * from {{ ref('stg_carefirst__section47_enquiries') }}

),

code_lists as (

    select * from {{ ref('data_quality_code_lists') }}

),

referral_closed_before_opened as (

    select
        referrals.la_code,
        'referral_closed_before_opened' as rule_id,
        'carefirst_referrals' as extract,
        referrals.referral_id as record_id,
        referrals.child_key,
        format(
            'closure_date {} is before referral_date {}',
            referrals.closure_date, referrals.referral_date
        ) as detail
    from referrals
    where referrals.closure_date < referrals.referral_date

),

referral_closure_reason_invalid as (

    select
        referrals.la_code,
        'referral_closure_reason_invalid' as rule_id,
        'carefirst_referrals' as extract,
        referrals.referral_id as record_id,
        referrals.child_key,
        format('closure_reason {} is not RC1-RC9', referrals.closure_reason) as detail
    from referrals
    where referrals.closure_reason not in (
        select code_lists.code from code_lists
        where code_lists.code_list = 'closure_reason'
    )

),

referral_primary_need_invalid as (

    select
        referrals.la_code,
        'referral_primary_need_invalid' as rule_id,
        'carefirst_referrals' as extract,
        referrals.referral_id as record_id,
        referrals.child_key,
        format('primary_need_code {} is not N0-N9', referrals.primary_need_code) as detail
    from referrals
    where referrals.primary_need_code not in (
        select code_lists.code from code_lists
        where code_lists.code_list = 'primary_need'
    )

),

referral_primary_need_missing as (

    select
        referrals.la_code,
        'referral_primary_need_missing' as rule_id,
        'carefirst_referrals' as extract,
        referrals.referral_id as record_id,
        referrals.child_key,
        'no primary_need_code on a referral that led to further action' as detail
    from referrals
    where
        referrals.primary_need_code is null
        and referrals.is_nfa is distinct from true

),

referral_source_invalid as (

    select
        referrals.la_code,
        'referral_source_invalid' as rule_id,
        'carefirst_referrals' as extract,
        referrals.referral_id as record_id,
        referrals.child_key,
        format(
            'referral_source {} is missing or not a ReferralSource code',
            coalesce(referrals.referral_source, 'missing')
        ) as detail
    from referrals
    where (
        referrals.referral_source is null
        or referrals.referral_source not in (
            select code_lists.code from code_lists
            where code_lists.code_list = 'referral_source'
        )
    )

),

referral_before_birth as (

    select
        referrals.la_code,
        'referral_before_birth' as rule_id,
        'carefirst_referrals' as extract,
        referrals.referral_id as record_id,
        referrals.child_key,
        format(
            'referral_date {} is more than 40 weeks before date_of_birth {}',
            referrals.referral_date, children.date_of_birth
        ) as detail
    from referrals
    inner join children
        on
            referrals.la_code = children.la_code
            and referrals.child_key = children.child_key
    where referrals.referral_date < children.date_of_birth - interval 280 day

),

assessment_authorised_before_start as (

    select
        assessments.la_code,
        'assessment_authorised_before_start' as rule_id,
        'carefirst_assessments' as extract,
        assessments.assessment_id as record_id,
        assessments.child_key,
        format(
            'authorised_date {} is before start_date {}',
            assessments.authorised_date, assessments.start_date
        ) as detail
    from assessments
    where assessments.authorised_date < assessments.start_date

),

assessments_after_closure as (

    select
        assessments.la_code,
        'activity_after_referral_closed' as rule_id,
        'carefirst_assessments' as extract,
        assessments.assessment_id as record_id,
        assessments.child_key,
        format(
            'assessment started {} after referral {} closed {}',
            assessments.start_date, referrals.referral_id, referrals.closure_date
        ) as detail
    from assessments
    inner join referrals
        on
            assessments.la_code = referrals.la_code
            and assessments.referral_id = referrals.referral_id
    where assessments.start_date > referrals.closure_date

),

section47_enquiries_after_closure as (

    select
        section47_enquiries.la_code,
        'activity_after_referral_closed' as rule_id,
        'carefirst_section47_enquiries' as extract,
        section47_enquiries.s47_id as record_id,
        section47_enquiries.child_key,
        format(
            'section 47 strategy discussion {} after referral {} closed {}',
            section47_enquiries.strategy_discussion_date,
            referrals.referral_id,
            referrals.closure_date
        ) as detail
    from section47_enquiries
    inner join referrals
        on
            section47_enquiries.la_code = referrals.la_code
            and section47_enquiries.referral_id = referrals.referral_id
    where section47_enquiries.strategy_discussion_date > referrals.closure_date

),

activity_after_referral_closed as (

    select * from assessments_after_closure
    union all
    select * from section47_enquiries_after_closure

),

s47_completed_before_start as (

    select
        section47_enquiries.la_code,
        's47_completed_before_start' as rule_id,
        'carefirst_section47_enquiries' as extract,
        section47_enquiries.s47_id as record_id,
        section47_enquiries.child_key,
        format(
            'completed_date {} is before strategy_discussion_date {}',
            section47_enquiries.completed_date,
            section47_enquiries.strategy_discussion_date
        ) as detail
    from section47_enquiries
    where section47_enquiries.completed_date < section47_enquiries.strategy_discussion_date

),

unioned as (

    select * from referral_closed_before_opened
    union all
    select * from referral_closure_reason_invalid
    union all
    select * from referral_primary_need_invalid
    union all
    select * from referral_primary_need_missing
    union all
    select * from referral_source_invalid
    union all
    select * from referral_before_birth
    union all
    select * from assessment_authorised_before_start
    union all
    select * from activity_after_referral_closed
    union all
    select * from s47_completed_before_start

)

select * from unioned
