{#-
    denominator_as_unit_needs(model, population_joined=false)

    The denominator is present exactly when the measure's unit needs one
    (seeds/reference/indicator_units.csv, denominator_kind): counted for percentages and
    averages, the population for rates, none for counts. On a family's indicator model the
    population is not joined yet (population_joined false: only counted units have one); on
    fct_indicator_values it is, and only computed rows carry numbers. Fails for every row
    whose denominator is there when it should not be, or missing when it should be. Usage:

        data_tests:
          - denominator_as_unit_needs:
              arguments:
                population_joined: true
-#}
{% test denominator_as_unit_needs(model, population_joined=false) %}

with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

units as (

    select * from {{ ref('indicator_units') }}

),

checked as (

    select
        tested.*,
        units.denominator_kind
    from {{ model }} as tested
    inner join catalogue
        on tested.indicator_id = catalogue.indicator_id
    inner join units
        on catalogue.unit = units.unit
    {% if population_joined %}
    where tested.state = 'computed'
    {% endif %}

)

select *
from checked
where
    (denominator is not null)
    != (
        denominator_kind = 'counted'
        {% if population_joined %}or denominator_kind = 'population'{% endif %}
    )

{% endtest %}
