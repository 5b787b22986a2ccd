{#-
    computes_catalogue_periods(model, family)

    The registry's promise for a family's indicator model (int_<family>_indicators_computed):
    every measure the catalogue gives the family is computed there, on exactly the periods the
    catalogue asks of it.
    - `no_computation`: the measure's id appears nowhere in the SQL of the model or of the
      models it reads (its case model): the catalogue names a measure nobody computes. (The
      model completes every catalogue period with zeros, so the rows alone would not show it.)
    - `missing` / `unexpected` / `repeated`: a period the catalogue asks for (the family's rows
      of int_indicator_periods_listed, where the authority records what the measure needs)
      has no row with a numerator, a row the catalogue does not ask for, or two rows.
    Usage:

        data_tests:
          - computes_catalogue_periods:
              arguments:
                family: looked_after_children
-#}
{% test computes_catalogue_periods(model, family) %}

-- depends_on: {{ ref('indicator_catalogue') }}

{#- the SQL of the model and of the models it reads, where each measure must be computed -#}
{%- set uncomputed = [] -%}
{%- if execute -%}
    {%- set ns = namespace(code='') -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.name == model.identifier -%}
            {%- set ns.code = ns.code ~ node.raw_code -%}
            {%- for parent_id in node.depends_on.nodes -%}
                {%- if parent_id in graph.nodes -%}
                    {%- set ns.code = ns.code ~ graph.nodes[parent_id].raw_code -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for indicator_id in catalogue_measures(family=family) -%}
        {%- if ("'" ~ indicator_id ~ "'") not in ns.code -%}
            {%- do uncomputed.append(indicator_id) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with

expected as (

    select la_code, indicator_id, report_date, period_key, basis
    from {{ ref('int_indicator_periods_listed') }}
    where family = '{{ family }}' and is_recorded

),

computed as (

    select la_code, indicator_id, report_date, period_key, basis, count(*) as row_count
    from {{ model }}
    where numerator is not null
    group by la_code, indicator_id, report_date, period_key, basis

),

compared as (

    select
        coalesce(expected.la_code, computed.la_code) as la_code,
        coalesce(expected.indicator_id, computed.indicator_id) as indicator_id,
        coalesce(expected.report_date, computed.report_date) as report_date,
        coalesce(expected.period_key, computed.period_key) as period_key,
        coalesce(expected.basis, computed.basis) as basis,
        case
            when computed.indicator_id is null then 'missing'
            when expected.indicator_id is null then 'unexpected'
            else 'repeated'
        end as problem
    from expected
    full outer join computed
        on
            expected.la_code = computed.la_code
            and expected.indicator_id = computed.indicator_id
            and expected.report_date = computed.report_date
            and expected.period_key = computed.period_key
            and expected.basis = computed.basis
    where
        computed.indicator_id is null
        or expected.indicator_id is null
        or computed.row_count > 1

),

no_computation as (

    select
        cast(null as {{ dbt.type_string() }}) as la_code,
        indicator_id,
        cast(null as date) as report_date,
        cast(null as {{ dbt.type_string() }}) as period_key,
        cast(null as {{ dbt.type_string() }}) as basis,
        'no_computation' as problem
    from (
        select cast(null as {{ dbt.type_string() }}) as indicator_id
        {%- for indicator_id in uncomputed %}
        union all
        select '{{ indicator_id }}' as indicator_id
        {%- endfor %}
    ) as uncomputed_measures
    where indicator_id is not null

)

select * from compared
union all
select * from no_computation

{% endtest %}
