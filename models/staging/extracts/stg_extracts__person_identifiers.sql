{#-
    Every person identifier of every extract, once per namespace: the input of the pseudonym
    map (stg_extracts__pseudonyms.py). The identifier columns and their namespaces are the
    contract's (meta.personal_columns, through extracts_registered()); a value is listed as
    staging reads it (extract_text: trimmed, empty is none), from accepted and rejected rows.
-#}

{%- set identifier_columns = [] %}
{%- for extract in extracts_registered() %}
    {%- for column, identifier_namespace in extract.person_identifiers.items() %}
        {%- do identifier_columns.append((extract.name, column, identifier_namespace)) %}
    {%- endfor %}
{%- endfor %}

with

{% for extract in extracts_registered() if extract.person_identifiers %}
    {{ extract.name }} as (

        select * from {{ source(extract.system, extract.name) }}

    ),

{% endfor %}
listed as (

    {% for extract_name, column, identifier_namespace in identifier_columns %}
        select
            '{{ identifier_namespace }}' as identifier_namespace,
            {{ extract_text(column) }} as identifier
        from {{ extract_name }}
        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}

),

identified as (

    select distinct
        identifier_namespace,
        identifier
    from listed
    where identifier is not null

)

select * from identified
