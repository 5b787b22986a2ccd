with

failures as (

    select * from {{ ref('int_data_quality_failures_detected') }}

),

rules as (

    select * from {{ ref('data_quality_rules') }}

),

described as (

    select
        failures.la_code,
        failures.child_id,
        failures.rule_id,
        rules.return as dfe_return,
        rules.dfe_rule_code,
        failures.extract,
        failures.record_id,
        failures.detail,
        rules.description as rule_description,
        rules.source as rule_source
    from failures
    inner join rules
        on failures.rule_id = rules.rule_id

)

select * from described
