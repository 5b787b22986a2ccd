{#-
    identifiers_pseudonymised(relation, table_name)

    The body of a staging model's `identified` CTE: every row of `relation` (the extract's
    checked rows, raw text) with, for each person identifier of the extract (the contract's
    meta.personal_columns with a namespace), its pseudonym as <name>_key (child_id gives
    child_key), from the pseudonym map (models/staging/extracts/stg_extracts__pseudonyms.py),
    which the model imports as the `pseudonyms` CTE. The raw identifier columns stay in the
    relation for the model's `renamed` CTE to leave out. The map lists every identifier of every
    extract, trimmed as extract_text trims it, so every row keeps a pseudonym and none drops.
-#}
{% macro identifiers_pseudonymised(relation, table_name) -%}
    {%- set identifiers = {} -%}
    {%- for column, namespace in (extract_contract(table_name).get('personal_columns') or {}).items()
        if namespace is not none -%}
        {%- do identifiers.update({column: namespace}) -%}
    {%- endfor %}
    select
        {{ relation }}.*
        {%- for column in identifiers %},
        {{ column }}_pseudonyms.pseudonym as {{ column[:-3] }}_key
        {%- endfor %}
    from {{ relation }}
    {%- for column, namespace in identifiers.items() %}
    left join pseudonyms as {{ column }}_pseudonyms
        on
            {{ column }}_pseudonyms.identifier_namespace = '{{ namespace }}'
            and {{ extract_text(relation ~ '.' ~ column) }} = {{ column }}_pseudonyms.identifier
    {%- endfor %}
{%- endmacro %}
