{#-
    One query over the load accounting (staging.stg_extracts__load_counts, per extract and
    authority): every extract of the contract, with zeros for one that held no row.
-#}

with

load_counts as (

    select * from {{ ref('stg_extracts__load_counts') }}

),

extracts as (

    {% for extract in extracts_registered() %}
        select '{{ extract.name }}' as extract_name
        {% if not loop.last %}
            union all
        {% endif %}
    {% endfor %}

),

counted as (

    select
        extract_name,
        cast(sum(rows_staged) as bigint) as rows_staged,
        cast(sum(rows_rejected) as bigint) as rows_rejected,
        {% for rule in extract_reject_rules() %}
            cast(sum(rejected_{{ rule }}) as bigint) as rejected_{{ rule }},
        {% endfor %}
        cast(sum(rows_read) as bigint) as rows_read
    from load_counts
    group by 1

),

summarised as (

    select
        extracts.extract_name,
        coalesce(counted.rows_staged, 0) as rows_staged,
        coalesce(counted.rows_rejected, 0) as rows_rejected,
        {% for rule in extract_reject_rules() %}
            coalesce(counted.rejected_{{ rule }}, 0) as rejected_{{ rule }},
        {% endfor %}
        coalesce(counted.rows_read, 0) as rows_read
    from extracts
    left join counted
        on extracts.extract_name = counted.extract_name

)

select * from summarised
