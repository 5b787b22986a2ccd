{#-
    union_all_of(relations, columns)

    `select <columns> from <relation>` for each relation (CTE names, or refs), joined by
    `union all`: the one place a model that stacks several rule or family CTEs of one shape
    writes the column list. The columns are named, not `*`, so a CTE whose columns come in
    another order still lines up.
-#}
{% macro union_all_of(relations, columns) -%}
    {%- for relation in relations %}
    select
        {%- for column in columns %}
        {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {%- if not loop.last %}

    union all
    {% endif -%}
    {%- endfor %}
{%- endmacro %}
