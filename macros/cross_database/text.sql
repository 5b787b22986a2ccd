{#-
    as_text(expression): the expression cast to the engine's text type (VARCHAR on DuckDB,
    STRING on Spark), for building labels and reasons with `||`. A date becomes YYYY-MM-DD and
    a whole number its digits on both engines.
-#}
{% macro as_text(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}
