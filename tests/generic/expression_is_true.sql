{#-
    expression_is_true(model, expression, row_filter=none)

    Fails for every row where the SQL expression is not true (false or null), optionally
    only among the rows matching `row_filter`. Usage:

        data_tests:
          - expression_is_true:
              arguments:
                expression: "numerator <= denominator"
                row_filter: "unit = 'percent'"
-#}
{% test expression_is_true(model, expression, row_filter=none) %}

select *
from {{ model }}
where
    {% if row_filter %}({{ row_filter }}) and {% endif %}
    not coalesce(({{ expression }}), false)

{% endtest %}
