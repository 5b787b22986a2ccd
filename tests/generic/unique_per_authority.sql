{#-
    unique_per_authority(model, column_name)

    Fails for every value of the column that occurs more than once for one authority: an
    extract's key is its council's (two councils pooled in one build may both issue
    C000123; la_code tells them apart, and every model joins on it). Usage, on a column of a
    model with la_code:

        data_tests:
          - unique_per_authority
-#}
{% test unique_per_authority(model, column_name) %}

select
    la_code,
    {{ column_name }},
    count(*) as occurrences
from {{ model }}
where {{ column_name }} is not null
group by la_code, {{ column_name }}
having count(*) > 1

{% endtest %}
