{#-
    Schemas are named by layer (raw, reference, staging, intermediate, marts) rather than
    prefixed with the target's schema, so analysts query `marts.fct_indicator_values`.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
