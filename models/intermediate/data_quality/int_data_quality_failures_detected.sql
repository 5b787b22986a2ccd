-- One row per record failing a data-quality rule: the areas' failures
-- (macros/registry_models.sql) stacked.

with
{%- for area in data_quality_areas() %}

    {{ area }}_failures as (

        select * from {{ ref('int_data_quality_' ~ area ~ '_failures_detected') }}

    ),
{%- endfor %}

unioned as (

    {%- set areas = [] %}
    {%- for area in data_quality_areas() %}
        {%- do areas.append(area ~ '_failures') %}
    {%- endfor %}
    {{ union_all_of(
        areas,
        ['la_code', 'rule_id', 'extract', 'record_id', 'child_key', 'detail'],
    ) }}

)

select * from unioned
