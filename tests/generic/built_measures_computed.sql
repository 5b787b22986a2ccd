{#-
    built_measures_computed(model)

    On fct_indicator_values: no measure with a family (a built section's measure, catalogue
    column family) is left "not computed yet" in any period. Together with the catalogue's
    test that a built section gives every one of its measures a family, a measure of a built
    section with no computation fails here. Usage: `data_tests: [built_measures_computed]`.
-#}
{% test built_measures_computed(model) %}

select tested.*
from {{ model }} as tested
inner join {{ ref('indicator_catalogue') }} as catalogue
    on tested.indicator_id = catalogue.indicator_id
where catalogue.family is not null and tested.state = 'not_computed'

{% endtest %}
