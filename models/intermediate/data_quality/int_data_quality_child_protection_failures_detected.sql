-- CIN census and contract rules on child protection conferences, plans and visits.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv); a rule of a kind that recurs is a call of a macro
-- of macros/data_quality_rules.sql.

with

children as (

    select * from {{ ref('stg_carefirst__children') }}

),

section47_enquiries as (

    select * from {{ ref('stg_carefirst__section47_enquiries') }}

),

cp_conferences as (

    select * from {{ ref('stg_carefirst__cp_conferences') }}

),

cp_plans as (

    select * from {{ ref('stg_carefirst__cp_plans') }}

),

cp_visits as (

    select * from {{ ref('stg_carefirst__cp_visits') }}

),

code_lists as (

    select * from {{ ref('data_quality_code_lists') }}

),

icpcs as (

    select cp_conferences.*
    from cp_conferences
    where cp_conferences.conference_type = 'ICPC'

),

cp_plans_with_child as (

    select
        cp_plans.*,
        children.date_of_death
    from cp_plans
    inner join children
        on
            cp_plans.la_code = children.la_code
            and cp_plans.child_key = children.child_key

),

icpc_without_s47 as (

    select
        icpcs.la_code,
        'icpc_without_s47' as rule_id,
        'carefirst_cp_conferences' as extract,
        icpcs.conference_id as record_id,
        icpcs.child_key,
        {{ format_text('ICPC on {} with s47_id {}', [
            'icpcs.conference_date',
            text_or_placeholder("icpcs.s47_id || ' (not in the section 47 extract)'", 'missing')
        ]) }} as detail
    from icpcs
    left join section47_enquiries
        on
            icpcs.la_code = section47_enquiries.la_code
            and icpcs.s47_id = section47_enquiries.s47_id
    where section47_enquiries.s47_id is null

),

icpc_before_s47_start as (

    select
        icpcs.la_code,
        'icpc_before_s47_start' as rule_id,
        'carefirst_cp_conferences' as extract,
        icpcs.conference_id as record_id,
        icpcs.child_key,
        {{ format_text('ICPC on {} but section 47 {} started {}', [
            'icpcs.conference_date',
            'section47_enquiries.s47_id',
            text_or_placeholder('section47_enquiries.strategy_discussion_date', 'unknown')
        ]) }} as detail
    from icpcs
    inner join section47_enquiries
        on
            icpcs.la_code = section47_enquiries.la_code
            and icpcs.s47_id = section47_enquiries.s47_id
    where
        section47_enquiries.strategy_discussion_date is null
        or section47_enquiries.strategy_discussion_date > icpcs.conference_date

),

cp_plan_start_differs_from_icpc as (

    select
        icpcs.la_code,
        'cp_plan_start_differs_from_icpc' as rule_id,
        'carefirst_cp_conferences' as extract,
        icpcs.conference_id as record_id,
        icpcs.child_key,
        {{ format_text('ICPC on {} made plan {} starting {}', [
            'icpcs.conference_date',
            text_or_placeholder('icpcs.cp_plan_id', '(none named)'),
            text_or_placeholder('cp_plans.start_date', 'unknown')
        ]) }} as detail
    from icpcs
    left join cp_plans
        on
            icpcs.la_code = cp_plans.la_code
            and icpcs.cp_plan_id = cp_plans.cp_plan_id
    where
        icpcs.is_plan_made
        and cp_plans.start_date is distinct from icpcs.conference_date

),

cp_plan_ends_before_start as (

    {{ end_before_start_failures(
        rule_id='cp_plan_ends_before_start',
        extract='carefirst_cp_plans',
        records='cp_plans',
        record_id='cp_plan_id',
        start_column='start_date',
        end_column='end_date'
    ) }}

),

cp_plan_starts_and_ends_same_day as (

    select
        cp_plans.la_code,
        'cp_plan_starts_and_ends_same_day' as rule_id,
        'carefirst_cp_plans' as extract,
        cp_plans.cp_plan_id as record_id,
        cp_plans.child_key,
        {{ format_text('starts and ends on {}', ['cp_plans.start_date']) }} as detail
    from cp_plans
    where cp_plans.end_date = cp_plans.start_date

),

cp_plan_category_invalid as (

    {{ code_not_in_list_failures(
        rule_id='cp_plan_category_invalid',
        extract='carefirst_cp_plans',
        records='cp_plans',
        record_id='cp_plan_id',
        code_column='initial_category',
        code_list='category_of_abuse',
        detail='initial_category {} is missing or not NEG PHY SAB EMO MUL',
        missing_fails=true
    ) }}

),

cp_plan_starts_after_death as (

    select
        cp_plans_with_child.la_code,
        'cp_plan_starts_after_death' as rule_id,
        'carefirst_cp_plans' as extract,
        cp_plans_with_child.cp_plan_id as record_id,
        cp_plans_with_child.child_key,
        {{ format_text('starts {}, after the child died {}', [
            'cp_plans_with_child.start_date', 'cp_plans_with_child.date_of_death'
        ]) }} as detail
    from cp_plans_with_child
    where cp_plans_with_child.start_date > cp_plans_with_child.date_of_death

),

cp_plan_ends_after_death as (

    {{ ends_after_death_failures(
        rule_id='cp_plan_ends_after_death',
        extract='carefirst_cp_plans',
        records='cp_plans_with_child',
        record_id='cp_plan_id',
        record_noun='plan'
    ) }}

),

cp_visit_outside_plan as (

    select
        cp_visits.la_code,
        'cp_visit_outside_plan' as rule_id,
        'carefirst_cp_visits' as extract,
        cp_visits.visit_id as record_id,
        cp_visits.child_key,
        case
            when cp_plans.cp_plan_id is null
                then {{ format_text('visit on {} under plan {}, not in the plans extract', [
                    'cp_visits.visit_date', text_or_placeholder('cp_visits.cp_plan_id', '(none)')
                ]) }}
            when not coalesce(cp_plans.child_key = cp_visits.child_key, false)
                then {{ format_text('visit under plan {}, which belongs to child {}', [
                    'cp_plans.cp_plan_id', 'cp_plans.child_key'
                ]) }}
            else {{ format_text('visit on {} outside plan {} ({} to {})', [
                'cp_visits.visit_date',
                'cp_plans.cp_plan_id',
                'cp_plans.start_date',
                text_or_placeholder('cp_plans.end_date', 'open')
            ]) }}
        end as detail
    from cp_visits
    left join cp_plans
        on
            cp_visits.la_code = cp_plans.la_code
            and cp_visits.cp_plan_id = cp_plans.cp_plan_id
    where
        cp_plans.cp_plan_id is null
        or cp_plans.child_key is distinct from cp_visits.child_key
        or cp_visits.visit_date < cp_plans.start_date
        or cp_visits.visit_date > cp_plans.end_date

),

unioned as (

    select * from icpc_without_s47
    union all
    select * from icpc_before_s47_start
    union all
    select * from cp_plan_start_differs_from_icpc
    union all
    select * from cp_plan_ends_before_start
    union all
    select * from cp_plan_starts_and_ends_same_day
    union all
    select * from cp_plan_category_invalid
    union all
    select * from cp_plan_starts_after_death
    union all
    select * from cp_plan_ends_after_death
    union all
    select * from cp_visit_outside_plan

)

select * from unioned
