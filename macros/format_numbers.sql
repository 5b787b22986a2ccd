{#-
    Number-to-text formatting for report cells, behind dispatched macros so that another
    engine needs only its own implementation here. Each returns text (varchar / string); the
    default (DuckDB) bodies are the printf calls the report models used before, so the text is
    unchanged.

    Spark's bodies use format_string (java.util.Formatter, Locale.US): the same output for the
    report's values, except that Java rounds a double's decimal expansion half-up where DuckDB
    rounds its exact binary value, so a value such as 0.125 can print 0.13 on Spark and 0.12 on
    DuckDB. A parity check between the engines must compare such cells by value.
-#}


{#-
    format_whole_number(expression): the number cast to a 64-bit integer, as text without
    separators: '4519'. DuckDB's cast rounds to the nearest integer (half away from zero), so
    Spark rounds before its cast (which truncates).
-#}
{% macro format_whole_number(expression) -%}
    {{ return(adapter.dispatch('format_whole_number', 'csc_performance')(expression)) }}
{%- endmacro %}

{% macro default__format_whole_number(expression) -%}
    printf('%d', cast({{ expression }} as bigint))
{%- endmacro %}

{% macro spark__format_whole_number(expression) -%}
    format_string('%d', cast(round({{ expression }}) as bigint))
{%- endmacro %}


{#- format_one_decimal(expression): the number with exactly one decimal, as text: '776.9', '0.0'. -#}
{% macro format_one_decimal(expression) -%}
    {{ return(adapter.dispatch('format_one_decimal', 'csc_performance')(expression)) }}
{%- endmacro %}

{% macro default__format_one_decimal(expression) -%}
    printf('%.1f', {{ expression }})
{%- endmacro %}

{% macro spark__format_one_decimal(expression) -%}
    format_string('%.1f', {{ expression }})
{%- endmacro %}


{#- format_two_decimals(expression): the number with exactly two decimals, as text: '0.04'. -#}
{% macro format_two_decimals(expression) -%}
    {{ return(adapter.dispatch('format_two_decimals', 'csc_performance')(expression)) }}
{%- endmacro %}

{% macro default__format_two_decimals(expression) -%}
    printf('%.2f', {{ expression }})
{%- endmacro %}

{% macro spark__format_two_decimals(expression) -%}
    format_string('%.2f', {{ expression }})
{%- endmacro %}


{#-
    format_percentage(expression): a percentage's number as a report prints it: one decimal
    ('21.0'), or two below 1% so that a small share does not read as nothing ('0.04', as the
    document prints the exclusion rates: 0.02%, 0.07%). Zero stays '0.0'.
-#}
{% macro format_percentage(expression) -%}
    case
        when {{ expression }} > 0 and {{ expression }} < 0.995
            then {{ format_two_decimals(expression) }}
        else {{ format_one_decimal(expression) }}
    end
{%- endmacro %}
