{#-
    unique_combination(model, combination)

    Fails for every combination of the listed columns that occurs more than once: the
    model's grain. Usage:

        data_tests:
          - unique_combination:
              arguments:
                combination: [la_code, indicator_id, report_date, period_key]
-#}
{% test unique_combination(model, combination) %}

select
    {{ combination | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ combination | join(', ') }}
having count(*) > 1

{% endtest %}
