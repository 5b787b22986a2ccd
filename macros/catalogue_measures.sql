{#-
    catalogue_measures(family=none, condition=none)

    The indicator_ids of the catalogue (seeds/reference/indicator_catalogue.csv) of a family,
    and/or meeting a SQL condition on the catalogue's columns, in catalogue order (section,
    row), as a list: the registry read where Jinja needs the list itself (a generic test
    checking that each measure is computed). Models read the catalogue as a relation instead
    (int_indicator_periods_listed), so their lineage shows it. Empty while dbt parses (the
    seed is read only when the project runs); a caller must declare
    `-- depends_on: {{ ref('indicator_catalogue') }}`.
-#}
{% macro catalogue_measures(family=none, condition=none) -%}
    {%- set measures = [] -%}
    {%- if execute -%}
        {%- set conditions = [] -%}
        {%- if family is not none -%}
            {%- do conditions.append("family = '" ~ family ~ "'") -%}
        {%- endif -%}
        {%- if condition is not none -%}
            {%- do conditions.append("(" ~ condition ~ ")") -%}
        {%- endif -%}
        {%- set query -%}
            select indicator_id
            from {{ ref('indicator_catalogue') }}
            {% if conditions %}where {{ conditions | join(' and ') }}{% endif %}
            order by section_order, row_order, indicator_id
        {%- endset -%}
        {%- for indicator_id in run_query(query).columns[0].values() -%}
            {%- do measures.append(indicator_id) -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(measures) -}}
{%- endmacro %}
