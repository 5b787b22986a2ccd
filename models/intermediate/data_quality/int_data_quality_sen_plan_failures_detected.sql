-- SEN2 rules on statements and EHC plans (education_sen_plans): the dates the 20-week time and
-- the plans in force are computed from, and the fields that tell a new plan from a transfer.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv); a rule of a kind that recurs is a call of a macro
-- of macros/data_quality_rules.sql.

with

sen_plans as (

    select * from {{ ref('stg_education__sen_plans') }}

),

sen_plan_issued_before_request as (

    {{ end_before_start_failures(
        rule_id='sen_plan_issued_before_request',
        extract='education_sen_plans',
        records='sen_plans',
        record_id='plan_id',
        start_column='request_date',
        end_column='issued_date'
    ) }}

),

sen_plan_ceased_before_issue as (

    {{ end_before_start_failures(
        rule_id='sen_plan_ceased_before_issue',
        extract='education_sen_plans',
        records='sen_plans',
        record_id='plan_id',
        start_column='issued_date',
        end_column='ceased_date'
    ) }}

),

sen_new_ehcp_without_request as (

    -- a new EHC plan (not a transfer) whose 20 weeks cannot be timed
    select
        {{ data_quality_failure_columns(
            'sen_new_ehcp_without_request', 'education_sen_plans', 'sen_plans', 'plan_id'
        ) }},
        {{ format_text(
            'new EHC plan issued {} has no request_date', ['sen_plans.issued_date']
        ) }} as detail
    from sen_plans
    where
        sen_plans.plan_type = 'EHCP'
        and not coalesce(sen_plans.is_transfer, false)
        and sen_plans.request_date is null

),

sen_statement_with_ehcp_fields as (

    -- a statement flagged as a transfer or with a request date: fields of an EHC plan
    select
        {{ data_quality_failure_columns(
            'sen_statement_with_ehcp_fields', 'education_sen_plans', 'sen_plans', 'plan_id'
        ) }},
        case
            when coalesce(sen_plans.is_transfer, false)
                then 'statement flagged is_transfer Y (only an EHC plan replaces a statement)'
            else {{ format_text(
                'statement with request_date {} (an EHC needs assessment request)',
                ['sen_plans.request_date']
            ) }}
        end as detail
    from sen_plans
    where
        sen_plans.plan_type = 'STATEMENT'
        and (coalesce(sen_plans.is_transfer, false) or sen_plans.request_date is not null)

),

-- a child's plan issued while an earlier one is in force (the earlier ceasing on the day
-- the later is issued is a transfer, not an overlap); the earlier plans ranked, the
-- latest issued first
plan_overlaps as (

    {{ records_overlapping_earlier(
        records='sen_plans',
        record_id='plan_id',
        same_columns=['child_key'],
        start_column='issued_date',
        end_column='ceased_date',
        earlier_columns=['plan_id', 'plan_type', 'issued_date']
    ) }}

),

sen_plans_in_force_together as (

    select
        {{ data_quality_failure_columns(
            'sen_plans_in_force_together', 'education_sen_plans', 'plan_overlaps', 'plan_id'
        ) }},
        {{ format_text(
            'issued {} while {} {} issued {} was in force',
            [
                'plan_overlaps.issued_date',
                'plan_overlaps.earlier_plan_type',
                'plan_overlaps.earlier_plan_id',
                'plan_overlaps.earlier_issued_date'
            ]
        ) }} as detail
    from plan_overlaps
    where plan_overlaps.overlap_rank = 1

),

unioned as (

    select * from sen_plan_issued_before_request
    union all
    select * from sen_plan_ceased_before_issue
    union all
    select * from sen_new_ehcp_without_request
    union all
    select * from sen_statement_with_ehcp_fields
    union all
    select * from sen_plans_in_force_together

)

select * from unioned
