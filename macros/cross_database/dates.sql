{#-
    Date arithmetic the models share, behind dispatched macros so that another engine (Spark,
    issue 14) needs only its own implementation here, never a change to a model. Every macro
    returns a `date` (or an integer number of days) from `date` arguments; the DuckDB
    implementations are the expressions the models used before, so results are unchanged.

    Spark's implementations use its built-ins of the same meaning (date_add, add_months,
    datediff, make_date, dayofweek), which clamp a month-end as DuckDB does
    (add_months('2016-01-31', 1) = '2016-02-29').
-#}


{#- add_days(date_expression, days): the date `days` days later (earlier when negative). -#}
{% macro add_days(date_expression, days) -%}
    {{ return(adapter.dispatch('add_days', 'csc_performance')(date_expression, days)) }}
{%- endmacro %}

{% macro default__add_days(date_expression, days) -%}
    cast({{ date_expression }} + ({{ days }}) * interval 1 day as date)
{%- endmacro %}

{% macro duckdb__add_days(date_expression, days) -%}
    cast({{ date_expression }} + cast({{ days }} as integer) as date)
{%- endmacro %}

{% macro spark__add_days(date_expression, days) -%}
    date_add({{ date_expression }}, {{ days }})
{%- endmacro %}


{#-
    add_months(date_expression, months): the same day `months` calendar months later (earlier
    when negative); a day the target month lacks becomes its last day (31 Jan + 1 month =
    28 or 29 Feb).
-#}
{% macro add_months(date_expression, months) -%}
    {{ return(adapter.dispatch('add_months', 'csc_performance')(date_expression, months)) }}
{%- endmacro %}

{% macro default__add_months(date_expression, months) -%}
    cast({{ date_expression }} + ({{ months }}) * interval 1 month as date)
{%- endmacro %}

{% macro spark__add_months(date_expression, months) -%}
    add_months({{ date_expression }}, {{ months }})
{%- endmacro %}


{#- add_years(date_expression, years): add_months of 12 x years (29 Feb + 1 year = 28 Feb). -#}
{% macro add_years(date_expression, years) -%}
    {{ add_months(date_expression, '12 * (' ~ years ~ ')') }}
{%- endmacro %}


{#-
    days_between(start_date, end_date): the calendar days from start_date to end_date, as an
    integer (end - start: 0 on the same day, negative when end is earlier).
-#}
{% macro days_between(start_date, end_date) -%}
    {{ return(adapter.dispatch('days_between', 'csc_performance')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__days_between(start_date, end_date) -%}
    ({{ end_date }} - {{ start_date }})
{%- endmacro %}

{% macro spark__days_between(start_date, end_date) -%}
    datediff({{ end_date }}, {{ start_date }})
{%- endmacro %}


{#- month_start(date_expression): the first day of the date's month, as a date. -#}
{% macro month_start(date_expression) -%}
    {{ return(adapter.dispatch('month_start', 'csc_performance')(date_expression)) }}
{%- endmacro %}

{% macro default__month_start(date_expression) -%}
    cast(date_trunc('month', {{ date_expression }}) as date)
{%- endmacro %}

{% macro spark__month_start(date_expression) -%}
    trunc({{ date_expression }}, 'MM')
{%- endmacro %}


{#- month_end(date_expression): the last day of the date's month, as a date. -#}
{% macro month_end(date_expression) -%}
    {{ add_days(add_months(month_start(date_expression), 1), -1) }}
{%- endmacro %}


{#-
    iso_day_of_week(date_expression): 1 for Monday to 7 for Sunday (ISO 8601), whatever the
    engine's own numbering.
-#}
{% macro iso_day_of_week(date_expression) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'csc_performance')(date_expression)) }}
{%- endmacro %}

{% macro default__iso_day_of_week(date_expression) -%}
    isodow({{ date_expression }})
{%- endmacro %}

{% macro spark__iso_day_of_week(date_expression) -%}
    (((dayofweek({{ date_expression }}) + 5) % 7) + 1)
{%- endmacro %}


{#-
    format_day_month_year(date_expression) and format_day_month(date_expression): '31 Jul 2016'
    and '1 Apr', for labels (day without a leading zero, English month abbreviation).
-#}
{% macro format_day_month_year(date_expression) -%}
    {{ return(adapter.dispatch('format_day_month_year', 'csc_performance')(date_expression)) }}
{%- endmacro %}

{% macro default__format_day_month_year(date_expression) -%}
    strftime({{ date_expression }}, '%-d %b %Y')
{%- endmacro %}

{% macro spark__format_day_month_year(date_expression) -%}
    date_format({{ date_expression }}, 'd MMM yyyy')
{%- endmacro %}

{% macro format_day_month(date_expression) -%}
    {{ return(adapter.dispatch('format_day_month', 'csc_performance')(date_expression)) }}
{%- endmacro %}

{% macro default__format_day_month(date_expression) -%}
    strftime({{ date_expression }}, '%-d %b')
{%- endmacro %}

{% macro spark__format_day_month(date_expression) -%}
    date_format({{ date_expression }}, 'd MMM')
{%- endmacro %}


{#- format_month_year(date_expression): 'Dec 2015' (English month abbreviation and year). -#}
{% macro format_month_year(date_expression) -%}
    {{ return(adapter.dispatch('format_month_year', 'csc_performance')(date_expression)) }}
{%- endmacro %}

{% macro default__format_month_year(date_expression) -%}
    strftime({{ date_expression }}, '%b %Y')
{%- endmacro %}

{% macro spark__format_month_year(date_expression) -%}
    date_format({{ date_expression }}, 'MMM yyyy')
{%- endmacro %}
