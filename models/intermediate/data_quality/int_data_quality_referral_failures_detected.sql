-- CIN census and contract rules on referrals, assessments and section 47 enquiries.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv); a rule of a kind that recurs is a call of a macro
-- of macros/data_quality_rules.sql.

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

referral_closed_before_opened as (

    {{ end_before_start_failures(
        rule_id='referral_closed_before_opened',
        extract='carefirst_referrals',
        records='referrals',
        record_id='referral_id',
        start_column='referral_date',
        end_column='closure_date'
    ) }}

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

    -- the invalid-code half of rule 8866 is the contract's: a referral_source outside its
    -- code list rejects the row at load (unknown_code), so only a missing source reaches here
    select
        referrals.la_code,
        'referral_source_invalid' as rule_id,
        'carefirst_referrals' as extract,
        referrals.referral_id as record_id,
        referrals.child_key,
        'referral_source is missing' as detail
    from referrals
    where referrals.referral_source is null

),

referral_before_birth as (

    select
        referrals.la_code,
        'referral_before_birth' as rule_id,
        'carefirst_referrals' as extract,
        referrals.referral_id as record_id,
        referrals.child_key,
        {{ format_text('referral_date {} is more than 40 weeks before date_of_birth {}', [
            'referrals.referral_date', 'children.date_of_birth'
        ]) }} as detail
    from referrals
    inner join children
        on
            referrals.la_code = children.la_code
            and referrals.child_key = children.child_key
    where referrals.referral_date < {{ add_days('children.date_of_birth', -280) }}

),

assessment_authorised_before_start as (

    {{ end_before_start_failures(
        rule_id='assessment_authorised_before_start',
        extract='carefirst_assessments',
        records='assessments',
        record_id='assessment_id',
        start_column='start_date',
        end_column='authorised_date'
    ) }}

),

assessments_after_closure as (

    {{ after_referral_closed_failures(
        rule_id='activity_after_referral_closed',
        extract='carefirst_assessments',
        records='assessments',
        record_id='assessment_id',
        activity='assessment started',
        date_column='start_date'
    ) }}

),

section47_enquiries_after_closure as (

    {{ after_referral_closed_failures(
        rule_id='activity_after_referral_closed',
        extract='carefirst_section47_enquiries',
        records='section47_enquiries',
        record_id='s47_id',
        activity='section 47 strategy discussion',
        date_column='strategy_discussion_date'
    ) }}

),

activity_after_referral_closed as (

    select * from assessments_after_closure
    union all
    select * from section47_enquiries_after_closure

),

s47_completed_before_start as (

    {{ end_before_start_failures(
        rule_id='s47_completed_before_start',
        extract='carefirst_section47_enquiries',
        records='section47_enquiries',
        record_id='s47_id',
        start_column='strategy_discussion_date',
        end_column='completed_date'
    ) }}

),

unioned as (

    select * from referral_closed_before_opened
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
