{#-
    Reading and writing the numbers of a published cell (the reconciliation marts), behind
    dispatched macros so that another engine (Spark, a later issue) needs only its own body
    here, never a change to a model. The default bodies are DuckDB's, the expressions the
    models used before, so results are unchanged. The Spark bodies use Spark SQL 3.5 built-ins
    (documented at spark.apache.org/docs/latest/api/sql): regexp_extract_all (3.1+, Java
    regular expressions), explode, format_number (a java.text.DecimalFormat pattern as its
    second argument since 2.4, Locale.US, HALF_EVEN rounding), round and power. This project's
    build does not run them (no Spark here): the port's parity check does.
-#}


{#-
    numbers_printed_in(text_expression): a set-returning expression, one row per number written
    in the text with digits (an integer part and an optional decimal part: '689.4 (4010)' gives
    '689.4' and '4010'), each as text; no row when the text holds no digit or is null. Use it
    as the only set-returning expression of a select list (Spark allows one generator there).
-#}
{% macro numbers_printed_in(text_expression) -%}
    {{ return(adapter.dispatch('numbers_printed_in', 'csc_performance')(text_expression)) }}
{%- endmacro %}

{% macro default__numbers_printed_in(text_expression) -%}
    unnest(regexp_extract_all({{ text_expression }}, '[0-9]+(?:[.][0-9]+)?'))
{%- endmacro %}

{#- Spark: group index 0 (the whole match); its default, 1, names a group the pattern lacks. -#}
{% macro spark__numbers_printed_in(text_expression) -%}
    explode(regexp_extract_all({{ text_expression }}, '[0-9]+(?:[.][0-9]+)?', 0))
{%- endmacro %}


{#-
    decimals_printed(number_text): an integer, the digits after the decimal point of a number
    written as text ('89.40' gives 2, '91' gives 0); null when the text is null. Built from
    dbt.split_part (DuckDB and Spark bodies in their adapters), so not dispatched here.
-#}
{% macro decimals_printed(number_text) -%}
    coalesce(length({{ dbt.split_part(number_text, "'.'", 2) }}), 0)
{%- endmacro %}


{#-
    round_to_decimals(number_expression, decimals_expression): the number (double) rounded
    half away from zero to the given decimals, where the decimals may be a column. Spark's
    round accepts only a constant scale, so its body scales by a power of ten, rounds to an
    integer and scales back: the computation DuckDB's round(double, integer) makes.
-#}
{% macro round_to_decimals(number_expression, decimals_expression) -%}
    {{ return(adapter.dispatch('round_to_decimals', 'csc_performance')(number_expression, decimals_expression)) }}
{%- endmacro %}

{% macro default__round_to_decimals(number_expression, decimals_expression) -%}
    round({{ number_expression }}, {{ decimals_expression }})
{%- endmacro %}

{% macro spark__round_to_decimals(number_expression, decimals_expression) -%}
    (
        round({{ number_expression }} * power(10, {{ decimals_expression }}))
        / power(10, {{ decimals_expression }})
    )
{%- endmacro %}


{#-
    format_number_trimmed(number_expression): the number as text without trailing zeros or a
    trailing decimal point, no separators (C's %g: 58293.0 gives '58293', 12.5 gives '12.5',
    six significant digits, an exponent from 1,000,000 up); null when the number is null.
    Spark's body prints up to five decimals, no exponent: the same text for every number with
    at most six significant digits and five decimals below 1,000,000 (the published cells:
    counts, one- and two-decimal rates and percentages).
-#}
{% macro format_number_trimmed(number_expression) -%}
    {{ return(adapter.dispatch('format_number_trimmed', 'csc_performance')(number_expression)) }}
{%- endmacro %}

{% macro default__format_number_trimmed(number_expression) -%}
    printf('%g', {{ number_expression }})
{%- endmacro %}

{% macro spark__format_number_trimmed(number_expression) -%}
    format_number({{ number_expression }}, '0.#####')
{%- endmacro %}


{#-
    format_number_rounded(number_expression): the number rounded to an integer, as text without
    separators (C's %.0f: 52187.4 gives '52187'; an exact half goes to the even neighbour);
    null when the number is null. Spark's format_number rounds HALF_EVEN too and, unlike its
    format_string, gives null (not 'null') for a null number.
-#}
{% macro format_number_rounded(number_expression) -%}
    {{ return(adapter.dispatch('format_number_rounded', 'csc_performance')(number_expression)) }}
{%- endmacro %}

{% macro default__format_number_rounded(number_expression) -%}
    printf('%.0f', {{ number_expression }})
{%- endmacro %}

{% macro spark__format_number_rounded(number_expression) -%}
    format_number({{ number_expression }}, '0')
{%- endmacro %}
