{#-
    The rows of every extract that the row-level checks reject (macros/extract_rows_checked.sql),
    one row each, with every rule it breaks and its raw values. The extracts are those of the
    contract (extracts_registered()): a new extract needs no change here.
-#}

with

{{ every_extract_checked() }}
rejected as (

    {% for extract in extracts_registered() %}
        {% set columns = extract_columns(extract.name) %}
        select
            '{{ extract.name }}' as extract_name,
            line_number,
            {{ la_code_or_default('la_code' if 'la_code' in columns else 'null') }} as la_code,
            reject_rules,
            reject_reasons,
            {{ json_object_text(columns) }} as raw_values
        from {{ extract.name }}_checked
        where reject_rules is not null
        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}

)

select * from rejected
