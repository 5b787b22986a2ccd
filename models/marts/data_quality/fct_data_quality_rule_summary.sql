-- One row per data-quality rule: how many records and children break it. Counts only, for the
-- report's data-quality appendix; the records themselves are in internal.fct_data_quality_failures.

with

rules as (

    select * from {{ ref('data_quality_rules') }}

),

failures as (

    select * from {{ ref('fct_data_quality_failures') }}

),

failures_counted as (

    select
        rule_id,
        count(*) as records_failing,
        count(distinct child_key) as children_affected
    from failures
    group by 1

),

summarised as (

    select
        rules.rule_id,
        rules.return as dfe_return,
        rules.dfe_rule_code,
        rules.extract,
        rules.records_name_a_child,
        rules.description as rule_description,
        rules.source as rule_source,
        coalesce(failures_counted.records_failing, 0) as records_failing,
        coalesce(failures_counted.children_affected, 0) as children_affected
    from rules
    left join failures_counted
        on rules.rule_id = failures_counted.rule_id

)

select * from summarised
