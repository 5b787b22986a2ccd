{#-
    counted_unit_as_catalogued(model)

    On a case model or an exception list: a measure counting children (catalogue
    counted_unit = child) counts each child once, so its counted_unit_id is the child_key;
    any other measure counts the record judged, so its counted_unit_id is the record_id.
    Fails for every row that breaks this. Usage: `data_tests: [counted_unit_as_catalogued]`.
-#}
{% test counted_unit_as_catalogued(model) %}

select tested.*
from {{ model }} as tested
inner join {{ ref('indicator_catalogue') }} as catalogue
    on tested.indicator_id = catalogue.indicator_id
where
    case
        when catalogue.counted_unit = 'child' then tested.counted_unit_id != tested.child_key
        else tested.counted_unit_id != tested.record_id
    end

{% endtest %}
