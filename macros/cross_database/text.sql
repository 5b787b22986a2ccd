{#-
    as_text(expression): the expression cast to the engine's text type (VARCHAR on DuckDB,
    STRING on Spark), for building labels and reasons with `||`. A date becomes YYYY-MM-DD and
    a whole number its digits on both engines.
-#}
{% macro as_text(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}

{#-
    Text the models build from values (the data-quality rules' `detail`), in SQL every engine
    reads alike, instead of DuckDB's format('... {} ...', ...) (Spark has no format(); its
    format_string is printf-style). See macros/cross_database/dates.sql for why these live here.
-#}


{#-
    format_text(template, values): a string expression, the template with each `{}` replaced by
    the matching SQL expression of the list `values`, cast to the engine's string type (a date
    reads '2016-07-31', as DuckDB's format() and Spark's cast print it). Like DuckDB's format(),
    the whole text is null when any value is null: wrap a value that may be missing in
    coalesce(cast(... as {{ dbt.type_string() }}), '...') to name it.

    The text is built with `||` and cast(), the same on DuckDB and Spark (Spark's `||` is its
    concat, null when an argument is null), so the macro needs no engine-specific body. The
    template is compile-time text: it may hold no single quote or backslash (the engines escape
    them differently), and its `{}` must match the values one for one; otherwise compilation
    stops naming the template.
-#}
{% macro format_text(template, values) -%}
    {%- set pieces = template.split('{}') -%}
    {%- if values is string or pieces | length - 1 != values | length -%}
        {{ exceptions.raise_compiler_error(
            "format_text: the template '" ~ template ~ "' has " ~ (pieces | length - 1)
            ~ " {} but the values are " ~ values ~ " (give a list of as many SQL expressions)"
        ) }}
    {%- endif -%}
    {%- if "'" in template or "\\" in template -%}
        {{ exceptions.raise_compiler_error(
            "format_text: the template '" ~ template ~ "' holds a quote or a backslash"
        ) }}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- for piece in pieces -%}
        {%- if piece -%}
            {%- do parts.append("'" ~ piece ~ "'") -%}
        {%- endif -%}
        {%- if not loop.last -%}
            {%- do parts.append('cast(' ~ values[loop.index0] ~ ' as ' ~ dbt.type_string() ~ ')') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if parts -%}
    ({{ parts | join(' || ') }})
    {%- else -%}
    ''
    {%- endif -%}
{%- endmacro %}


{#-
    text_or_placeholder(expression, placeholder): a string expression, the expression cast to
    the engine's string type, or the text `placeholder` when it is null (e.g. 'never (open)'
    for a missing end date). The placeholder may hold no single quote or backslash.
-#}
{% macro text_or_placeholder(expression, placeholder) -%}
    {%- if "'" in placeholder or "\\" in placeholder -%}
        {{ exceptions.raise_compiler_error(
            "text_or_placeholder: the placeholder '" ~ placeholder ~ "' holds a quote or a backslash"
        ) }}
    {%- endif -%}
    coalesce(cast({{ expression }} as {{ dbt.type_string() }}), '{{ placeholder }}')
{%- endmacro %}
