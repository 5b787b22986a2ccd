{#-
    proportion_within_cohort(model)

    For the measures that are proportions (units with a counted denominator and a multiplier
    of 100: percent, count_and_percent), the numerator is part of the cohort: numerator <=
    denominator. Averages (total days over cases) are not proportions and are not checked.
    Fails for every row where a proportion's numerator exceeds its denominator. Usage:
    `data_tests: [proportion_within_cohort]`.
-#}
{% test proportion_within_cohort(model) %}

select tested.*
from {{ model }} as tested
inner join {{ ref('indicator_catalogue') }} as catalogue
    on tested.indicator_id = catalogue.indicator_id
inner join {{ ref('indicator_units') }} as units
    on catalogue.unit = units.unit
where
    units.denominator_kind = 'counted'
    and units.value_multiplier = 100
    and tested.numerator > tested.denominator

{% endtest %}
