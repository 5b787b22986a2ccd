-- CIN census rules on a child's disabilities (carefirst_child_disabilities).
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv). The extract has no key: a record is a child's
-- disability code, record_id child_key:disability_code.

with

child_disabilities as (

    select * from {{ ref('stg_carefirst__child_disabilities') }}

),

codes_grouped as (

    select
        la_code,
        child_key,
        disability_code,
        count(*) as rows_with_code
    from child_disabilities
    group by 1, 2, 3

),

codes_counted as (

    -- each of a child's codes, with whether the child has any code other than NONE
    select
        *,
        max(case when disability_code = 'NONE' then 0 else 1 end) over (
            partition by la_code, child_key
        ) as has_disability
    from codes_grouped

),

records_keyed as (

    select
        *,
        {{ dbt.concat(['child_key', "':'", 'disability_code']) }} as record_key
    from codes_counted

),

disability_none_with_other_code as (

    -- the NONE row of a child who also has a disability recorded
    select
        {{ data_quality_failure_columns(
            'disability_none_with_other_code', 'carefirst_child_disabilities',
            'records_keyed', 'record_key'
        ) }},
        'NONE recorded with another disability code' as detail
    from records_keyed
    where records_keyed.disability_code = 'NONE' and records_keyed.has_disability = 1

),

disability_code_repeated as (

    select
        {{ data_quality_failure_columns(
            'disability_code_repeated', 'carefirst_child_disabilities',
            'records_keyed', 'record_key'
        ) }},
        {{ format_text(
            'disability_code {} recorded {} times',
            ['records_keyed.disability_code', 'records_keyed.rows_with_code']
        ) }} as detail
    from records_keyed
    where records_keyed.rows_with_code > 1

),

unioned as (

    select * from disability_none_with_other_code
    union all
    select * from disability_code_repeated

)

select * from unioned
