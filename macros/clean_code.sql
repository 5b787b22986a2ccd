{#-
    clean_code(column_name)

    Recodes a code column (DfE return codes, the contract's upper-case codes): trimmed,
    upper-cased, and empty strings become null.
-#}
{% macro clean_code(column_name) -%}
    nullif(upper(trim({{ as_text(column_name) }})), '')
{%- endmacro %}
