{#-
    yes_no_flag(column_name)

    Recodes an extract's Y/N flag to a boolean: 'Y' is true, 'N' is false, anything else
    (empty = not recorded) is null. Case and surrounding spaces are ignored.
-#}
{% macro yes_no_flag(column_name) -%}
    case upper(trim({{ as_text(column_name) }}))
        when 'Y' then true
        when 'N' then false
    end
{%- endmacro %}
