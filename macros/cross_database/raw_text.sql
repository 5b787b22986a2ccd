{#-
    SQL over the raw extracts' text cells that engines spell differently, behind dispatched
    macros, so that another engine (Spark, a later issue) needs only its own body here and no
    model changes. The DuckDB bodies are the expressions the staging models used before; the
    Spark bodies follow Spark SQL 3.5's documented built-ins and are not run by this project's
    build (no Spark here): the port's parity check runs them.

    An engine without its own body stops compilation naming the macro to write (not_ported):
    there is no honest ANSI spelling of these.

    These macros are pure Jinja (no dbt context besides adapter.dispatch): the extract validator
    (scripts/validate_extracts.py) renders the cell rules of macros/extract_rows_checked.sql,
    which call them, with jinja2 and runs the same SQL on DuckDB.
-#}


{#-
    full_match(text_expression, pattern): a boolean, true when the whole text matches the
    regular expression `pattern` (compile-time text, no single quote or backslash), null when
    the text is null.
-#}
{% macro full_match(text_expression, pattern) -%}
    {{ return(adapter.dispatch('full_match', 'csc_performance')(text_expression, pattern)) }}
{%- endmacro %}

{% macro default__full_match(text_expression, pattern) -%}
    {{ not_ported('full_match') }}
{%- endmacro %}

{% macro duckdb__full_match(text_expression, pattern) -%}
    regexp_full_match({{ text_expression }}, '{{ pattern }}')
{%- endmacro %}

{#- Spark: rlike finds the pattern anywhere; anchored by ^ and \z (Java's $ would also match
    before a final line break). -#}
{% macro spark__full_match(text_expression, pattern) -%}
    ({{ text_expression }} rlike '^(?:{{ pattern }})\\z')
{%- endmacro %}


{#-
    cast_or_null(expression, data_type): the expression cast to data_type, or null where the
    value cannot be cast (an impossible date, a number out of range). try_cast on DuckDB,
    Spark 3.2+ and Snowflake alike; dbt's own safe_cast is a plain cast on DuckDB (an error).
-#}
{% macro cast_or_null(expression, data_type) -%}
    {{ return(adapter.dispatch('cast_or_null', 'csc_performance')(expression, data_type)) }}
{%- endmacro %}

{% macro default__cast_or_null(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}


{#-
    json_quoted(text_expression): text, the value as a JSON literal ("a \"b\"" for a string),
    as the rejects' reasons quote a raw cell; null when the value is null.
-#}
{% macro json_quoted(text_expression) -%}
    {{ return(adapter.dispatch('json_quoted', 'csc_performance')(text_expression)) }}
{%- endmacro %}

{% macro default__json_quoted(text_expression) -%}
    {{ not_ported('json_quoted') }}
{%- endmacro %}

{% macro duckdb__json_quoted(text_expression) -%}
    cast(to_json({{ text_expression }}) as varchar)
{%- endmacro %}

{#- Spark: to_json takes a struct; the literal is cut out of {"v":...} (a null field is left
    out of the object, so a null value gives an empty match, returned as null). -#}
{% macro spark__json_quoted(text_expression) -%}
    nullif(regexp_extract(to_json(named_struct('v', {{ text_expression }})), '^\\{"v":(.*)\\}$', 1), '')
{%- endmacro %}


{#-
    json_object_text(column_names): text, a JSON object of the named columns of the current row
    ({"child_id": "C1", "upn": null, ...}, in the order given), the raw values of a rejected
    row in one column whatever the extract. Spark leaves null fields out of the object.
-#}
{% macro json_object_text(column_names) -%}
    {{ return(adapter.dispatch('json_object_text', 'csc_performance')(column_names)) }}
{%- endmacro %}

{% macro default__json_object_text(column_names) -%}
    {{ not_ported('json_object_text') }}
{%- endmacro %}

{% macro duckdb__json_object_text(column_names) -%}
    cast(json_object(
        {%- for column in column_names %}
        '{{ column }}', {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    ) as varchar)
{%- endmacro %}

{% macro spark__json_object_text(column_names) -%}
    to_json(named_struct(
        {%- for column in column_names %}
        '{{ column }}', {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    ))
{%- endmacro %}


{#-
    file_line_number(): an integer expression, the row's position in the loaded file counted
    from 1 (the first data row is 1), in the order the rows were loaded. DuckDB keeps a CSV's
    row order on load (preserve_insertion_order) and numbers it with an unordered window; an
    engine that does not keep it must load the line number with the rows: there is no honest
    default, so compilation stops and says so.
-#}
{% macro file_line_number() -%}
    {{ return(adapter.dispatch('file_line_number', 'csc_performance')()) }}
{%- endmacro %}

{% macro default__file_line_number() -%}
    {{ not_ported('file_line_number', "the extracts' file order is not kept by every engine's "
        ~ "load: load each row's line number with it") }}
{%- endmacro %}

{% macro duckdb__file_line_number() -%}
    row_number() over ()
{%- endmacro %}


{#-
    not_ported(macro_name, why): stops compilation: the macro has no body for this adapter.
-#}
{% macro not_ported(macro_name, why='') -%}
    {{ exceptions.raise_compiler_error(
        macro_name ~ ": no implementation for adapter " ~ adapter.type() ~ (": " ~ why if why else "")
        ~ "; write " ~ adapter.type() ~ "__" ~ macro_name ~ " in macros/cross_database/raw_text.sql"
    ) }}
{%- endmacro %}
