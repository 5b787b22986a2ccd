{#-
    rows_accounted_for(model, staged, rejected)

    Nothing lost between an extract and staging: fails (one row) unless the rows read from the
    source equal the rows staged plus the rows rejected. Usage, on a source table:

        data_tests:
          - rows_accounted_for:
              arguments:
                staged: ref('stg_carefirst__referrals')
                rejected: ref('stg_carefirst__referrals__rejects')
-#}
{% test rows_accounted_for(model, staged, rejected) %}

with

counted as (

    select
        (select count(*) from {{ model }}) as rows_read,
        (select count(*) from {{ staged }}) as rows_staged,
        (select count(*) from {{ rejected }}) as rows_rejected

)

select *
from counted
where rows_read != rows_staged + rows_rejected

{% endtest %}
