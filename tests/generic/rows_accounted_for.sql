{#-
    rows_accounted_for(model, staged, rejected, extract_name)

    Nothing lost between an extract and staging: fails (one row) unless the rows read from the
    source equal the rows of its staging model plus its rows in the rejects of every extract
    (`rejected`, where extract_name names the extract). scripts/generate_extract_registry.py
    puts it on every source it declares:

        data_tests:
          - rows_accounted_for:
              arguments:
                staged: ref('stg_carefirst__referrals')
                rejected: ref('stg_extracts__rejects')
                extract_name: carefirst_referrals
-#}
{% test rows_accounted_for(model, staged, rejected, extract_name) %}

with

counted as (

    select
        (select count(*) from {{ model }}) as rows_read,
        (select count(*) from {{ staged }}) as rows_staged,
        (
            select count(*) from {{ rejected }}
            where extract_name = '{{ extract_name }}'
        ) as rows_rejected

)

select *
from counted
where rows_read != rows_staged + rows_rejected

{% endtest %}
