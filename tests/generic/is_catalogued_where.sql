{#-
    is_catalogued_where(model, column_name, condition)

    Every value of the column is the indicator_id of a catalogue measure meeting the SQL
    condition on the catalogue's columns (seeds/reference/indicator_catalogue.csv): the
    catalogue says which measures a model may hold, instead of a list copied into YAML. Fails
    for every row whose measure is not such. Usage, on a column:

        data_tests:
          - is_catalogued_where:
              arguments:
                condition: "has_exception_list"
-#}
{% test is_catalogued_where(model, column_name, condition) %}

select tested.*
from {{ model }} as tested
left join (
    select indicator_id
    from {{ ref('indicator_catalogue') }}
    where {{ condition }}
) as allowed
    on tested.{{ column_name }} = allowed.indicator_id
where allowed.indicator_id is null

{% endtest %}
