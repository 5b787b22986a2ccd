{#-
    academic_year_start(date_expression)

    1 September of the academic year (1 September to 31 August) containing the date: the
    date eight months earlier falls in the calendar year the academic year starts in
    (2016-03-01 gives 2015-09-01; 2016-09-01 gives 2016-09-01). Built from dbt's and the
    project's portable date macros only.
-#}
{% macro academic_year_start(date_expression) -%}
    {{ add_months(dbt.date_trunc('year', add_months(date_expression, -8)), 8) }}
{%- endmacro %}
