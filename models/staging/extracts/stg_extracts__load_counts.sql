{#-
    The load accounting of every extract and authority: rows read, staged (passing every
    row-level check) and rejected, and rejected rows by rule. The extracts are those of the
    contract (extracts_registered()); the authority is the row's la_code as staging resolves it.
-#}

with

{{ every_extract_checked() }}
checked as (

    {% for extract in extracts_registered() %}
        {% set columns = extract_columns(extract.name) %}
        select
            '{{ extract.name }}' as extract_name,
            {{ la_code_or_default('la_code' if 'la_code' in columns else 'null') }} as la_code,
            reject_rules
        from {{ extract.name }}_checked
        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}

),

counted as (

    select
        extract_name,
        la_code,
        count(*) as rows_read,
        cast(sum(case when reject_rules is null then 1 else 0 end) as bigint) as rows_staged,
        cast(sum(case when reject_rules is not null then 1 else 0 end) as bigint) as rows_rejected,
        {{ rejected_by_rule('reject_rules') }}
    from checked
    group by 1, 2

)

select * from counted
