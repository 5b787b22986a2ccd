{#-
    Row generators and aggregates without a standard SQL spelling, behind dispatched macros
    (see macros/cross_database/dates.sql for why). The DuckDB implementations are the
    expressions the models used before.
-#}


{#-
    month_starts_between(first_date, last_date): a subquery of one column, month_start_date,
    holding the first day of every month from first_date's month to last_date's month, both
    included. Use it in a from clause: `from {{ month_starts_between('a', 'b') }} as months`.
    Its arguments may name columns of a relation joined before it (a lateral series).
-#}
{% macro month_starts_between(first_date, last_date) -%}
    {{ return(adapter.dispatch('month_starts_between', 'csc_performance')(first_date, last_date)) }}
{%- endmacro %}

{% macro default__month_starts_between(first_date, last_date) -%}
    (
        select cast(generated.generate_series as date) as month_start_date
        from generate_series(
            cast(date_trunc('month', {{ first_date }}) as date),
            cast(date_trunc('month', {{ last_date }}) as date),
            interval 1 month
        ) as generated
    )
{%- endmacro %}

{% macro spark__month_starts_between(first_date, last_date) -%}
    (
        select explode(sequence(
            trunc({{ first_date }}, 'MM'), trunc({{ last_date }}, 'MM'), interval 1 month
        )) as month_start_date
    )
{%- endmacro %}


{#-
    days_from_to(first_date, last_date): a subquery of one column, calendar_date, holding every
    day from first_date to last_date, both included.
-#}
{% macro days_from_to(first_date, last_date) -%}
    {{ return(adapter.dispatch('days_from_to', 'csc_performance')(first_date, last_date)) }}
{%- endmacro %}

{% macro default__days_from_to(first_date, last_date) -%}
    (
        select cast(generated.generate_series as date) as calendar_date
        from generate_series(
            cast({{ first_date }} as date), cast({{ last_date }} as date), interval 1 day
        ) as generated
    )
{%- endmacro %}

{% macro spark__days_from_to(first_date, last_date) -%}
    (
        select explode(sequence(
            cast({{ first_date }} as date), cast({{ last_date }} as date), interval 1 day
        )) as calendar_date
    )
{%- endmacro %}


{#-
    value_at_max(value_expression, ordering_expression): the aggregate giving value_expression
    on the row where ordering_expression is greatest (ties: any one of them).
-#}
{% macro value_at_max(value_expression, ordering_expression) -%}
    {{ return(adapter.dispatch('value_at_max', 'csc_performance')(value_expression, ordering_expression)) }}
{%- endmacro %}

{% macro default__value_at_max(value_expression, ordering_expression) -%}
    arg_max({{ value_expression }}, {{ ordering_expression }})
{%- endmacro %}

{% macro spark__value_at_max(value_expression, ordering_expression) -%}
    max_by({{ value_expression }}, {{ ordering_expression }})
{%- endmacro %}
