{#-
    rejected_by_rule(reject_rules_column)

    The select-list columns counting rejected rows by rule, one per rule of
    extract_reject_rules() (macros/extract_rows_checked.sql): rejected_<rule>, a bigint, the
    rows of the group whose reject_rules (sorted, comma-separated) name the rule. A row breaking
    several rules counts under each. For an aggregate query over rejected rows.
-#}
{% macro rejected_by_rule(reject_rules_column) -%}
    {%- for rule in extract_reject_rules() %}
    cast(sum(
        case when ',' || {{ reject_rules_column }} || ',' like '%,{{ rule }},%' then 1 else 0 end
    ) as bigint) as rejected_{{ rule }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
