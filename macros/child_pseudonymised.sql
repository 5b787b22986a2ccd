{#-
    child_pseudonymised(relation)

    The body of a staging model's `pseudonymised` CTE: the rows of `relation` with the source
    system's child_id swapped for the child's pseudonym, child_key (see
    models/staging/carefirst/stg_carefirst__child_pseudonyms.py). The model imports the map as
    the `child_pseudonyms` CTE. Every child_id of every extract is in the map, so no row drops.
-#}
{% macro child_pseudonymised(relation) -%}
    select
        {{ relation }}.* exclude (child_id),
        child_pseudonyms.child_key
    from {{ relation }}
    left join child_pseudonyms
        on {{ relation }}.child_id = child_pseudonyms.child_id
{%- endmacro %}
