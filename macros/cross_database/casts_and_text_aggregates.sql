{#-
    A cast that never fails and an ordered text aggregate, behind dispatched macros (see
    macros/cross_database/dates.sql for why). The default bodies are DuckDB's, the expressions
    the models used before; the Spark bodies use Spark SQL 3.5 built-ins (documented at
    spark.apache.org/docs/latest/api/sql) and are not run by this project's build.
-#}


{#- cast_or_null (try_cast) is in macros/cross_database/raw_text.sql. -#}


{#-
    text_joined_in_order(text_expression, delimiter_text, order_expression): the aggregate
    joining the group's non-null texts with delimiter_text (a quoted literal), in ascending
    order of order_expression (ties in any order; keep the key non-null: DuckDB sorts null keys
    last, Spark's struct ordering first). dbt.listagg on DuckDB (string_agg with its order by);
    not on Spark, where dbt-spark's listagg ignores the order: there each text is collected
    with its key (collect_list of named_struct), sorted by the key (array_sort), and joined
    (transform, then array_join, which skips nulls).
-#}
{% macro text_joined_in_order(text_expression, delimiter_text, order_expression) -%}
    {{ return(adapter.dispatch('text_joined_in_order', 'csc_performance')(text_expression, delimiter_text, order_expression)) }}
{%- endmacro %}

{% macro default__text_joined_in_order(text_expression, delimiter_text, order_expression) -%}
    {{ dbt.listagg(text_expression, delimiter_text, 'order by ' ~ order_expression) }}
{%- endmacro %}

{% macro spark__text_joined_in_order(text_expression, delimiter_text, order_expression) -%}
    array_join(
        transform(
            array_sort(collect_list(named_struct(
                'sort_key', {{ order_expression }}, 'text', {{ text_expression }}
            ))),
            entry -> entry.text
        ),
        {{ delimiter_text }}
    )
{%- endmacro %}
