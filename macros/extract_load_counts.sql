{#-
    extract_load_counts(extract_name, staged_cte, rejected_cte)

    One row for marts.fct_extract_load_summary: the extract's rows staged and rejected, and its
    rejected rows by rule (a row breaking several rules counts under each). The rules are those
    of macros/extract_rows_checked.sql.
-#}
{% macro extract_load_counts(extract_name, staged_cte, rejected_cte) -%}
    {%- set rules = [
        'missing_identifier', 'duplicate_identifier', 'invalid_date', 'invalid_integer',
        'date_before_1900', 'date_after_extraction', 'end_before_start', 'unknown_code',
    ] -%}
    select
        '{{ extract_name }}' as extract_name,
        (select count(*) from {{ staged_cte }}) as rows_staged,
        count(*) as rows_rejected,
        {%- for rule in rules %}
        count(*) filter (
            where list_contains(string_split(reject_rules, ','), '{{ rule }}')
        ) as rejected_{{ rule }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ rejected_cte }}
{%- endmacro %}
