{#-
    source_has_column(source_name, table_name, column_name)

    True when the loaded source table has the column. The extract contract lets extracts omit
    `la_code` and this project's optional extensions (see seeds/_extracts__seeds.yml,
    meta.optional_columns); staging models use this to select such a column or a default.
    The table is looked up by name in the warehouse, so this also works inside unit tests,
    where `source()` is replaced by a fixture carrying the real table's columns.
-#}
{% macro source_has_column(source_name, table_name, column_name) -%}
    {%- set ns = namespace(found=false) -%}
    {%- if execute -%}
        {%- for node in graph.sources.values() -%}
            {%- if node.source_name == source_name and node.name == table_name -%}
                {%- set relation = adapter.get_relation(
                    database=node.database,
                    schema=node.schema,
                    identifier=node.identifier
                ) -%}
                {%- if relation is not none -%}
                    {%- for column in adapter.get_columns_in_relation(relation) -%}
                        {%- if column.name | lower == column_name | lower -%}
                            {%- set ns.found = true -%}
                        {%- endif -%}
                    {%- endfor -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(ns.found) -}}
{%- endmacro %}


{#-
    optional_column(source_name, table_name, column_name, data_type)

    The column cast to data_type where the extract has it, else a typed null.
-#}
{% macro optional_column(source_name, table_name, column_name, data_type) -%}
    {%- if source_has_column(source_name, table_name, column_name) -%}
        cast({{ column_name }} as {{ data_type }})
    {%- else -%}
        cast(null as {{ data_type }})
    {%- endif -%}
{%- endmacro %}


{#-
    la_code_or_default(text_expression)

    An authority from a raw la_code cell: the trimmed value, or the run's `var('la_code')`
    where it is empty or missing. Staging, the rejects and the load accounting all resolve a
    row's authority so, and so agree on it.
-#}
{% macro la_code_or_default(text_expression) -%}
    coalesce(nullif(trim({{ text_expression }}), ''), '{{ var("la_code") }}')
{%- endmacro %}
