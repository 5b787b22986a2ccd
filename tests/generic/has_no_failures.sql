{#-
    has_no_failures(model, rule_id)

    Fails for every row of a data-quality failures model (one row per failing record) that
    belongs to the rule `rule_id` of seeds/reference/data_quality_rules.csv. Applied once per
    rule with severity warn, so `dbt build` reports each broken rule, with its count, as a
    warning without failing. Usage:

        data_tests:
          - has_no_failures:
              arguments:
                rule_id: lac_episode_ends_before_start
              config:
                severity: warn
-#}
{% test has_no_failures(model, rule_id) %}

select *
from {{ model }}
where rule_id = '{{ rule_id }}'

{% endtest %}
