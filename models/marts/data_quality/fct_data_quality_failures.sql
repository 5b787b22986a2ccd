with

failures as (

    select * from {{ ref('int_data_quality_failures_detected') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_extracts__child_pseudonyms') }}

),

rules as (

    select * from {{ ref('data_quality_rules') }}

),

described as (

    select
        failures.la_code,
        failures.child_key,
        child_pseudonyms.child_id,
        failures.rule_id,
        rules.return as dfe_return,
        rules.dfe_rule_code,
        failures.extract,
        failures.detail,
        rules.description as rule_description,
        rules.source as rule_source,
        -- a rule on the child names the child by its CareFirst identifier
        case
            when failures.extract = 'carefirst_children' then child_pseudonyms.child_id
            else failures.record_id
        end as record_id
    from failures
    inner join rules
        on failures.rule_id = rules.rule_id
    left join child_pseudonyms
        on failures.child_key = child_pseudonyms.child_key

)

select * from described
