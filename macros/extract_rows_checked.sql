{#-
    Row-level checks of the raw extracts (see seeds/_extracts__seeds.yml for the rules' keys).

    The extracts are loaded as varchar; each staging model and its `__rejects` sibling start
    from the same checked rows:

        checked as (
            {{ extract_rows_checked('source', 'carefirst', 'carefirst_referrals') }}
        ),

    and keep `where reject_rules is null` (staged) or `is not null` (rejected), so that every
    row read lands in exactly one of the two (tested on every build by the `rows_accounted_for`
    test on each source).
-#}


{#-
    extract_contract(table_name)

    The seed's `config.meta` for an extract (required_columns, optional_columns, identifier,
    logical_types, flags, code_lists, date_order), read from the project graph. Empty while
    dbt parses the project (the graph is not built yet).
-#}
{% macro extract_contract(table_name) -%}
    {%- set ns = namespace(meta={}) -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'seed' and node.name == table_name -%}
                {%- set ns.meta = node.config.meta -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if not ns.meta -%}
            {{ exceptions.raise_compiler_error(
                "no contract for " ~ table_name ~ " in seeds/_extracts__seeds.yml"
            ) }}
        {%- endif -%}
    {%- endif -%}
    {{- return(ns.meta) -}}
{%- endmacro %}


{#-
    extract_date(column_name)

    A raw cell as a date: strictly YYYY-MM-DD (surrounding spaces ignored) and a real calendar
    date, else null.
-#}
{% macro extract_date(column_name) -%}
    case
        when regexp_full_match(trim({{ column_name }}), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
            then try_cast(trim({{ column_name }}) as date)
    end
{%- endmacro %}


{#-
    extract_integer(column_name)

    A raw cell as an integer: optional sign and digits only (surrounding spaces ignored), in
    range, else null.
-#}
{% macro extract_integer(column_name) -%}
    case
        when regexp_full_match(trim({{ column_name }}), '[+-]?[0-9]+')
            then try_cast(trim({{ column_name }}) as integer)
    end
{%- endmacro %}


{#-
    extraction_date()

    The date the extracts were taken: var('extraction_date') when set (a run for the demo
    authority sets 2016-07-31), else today. A date after it is in the future and rejects its row.
-#}
{% macro extraction_date() -%}
    {%- set value = var('extraction_date', none) -%}
    {%- if value -%}
        cast('{{ value }}' as date)
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}


{#-
    extract_rows_checked(source_cte, source_name, table_name)

    One row per row of the extract, in file order, with:
    - line_number: the row's line in the file (the header is line 1);
    - every contract column (required and optional) as the raw varchar cell (an optional
      column the file lacks is null);
    - reject_rules: the rules the row breaks, comma-separated and sorted, or null;
    - reject_reasons: each fault with its column and raw value, '; '-separated, or null.
    Rules: missing_identifier, duplicate_identifier, invalid_date, invalid_integer,
    date_before_1900, date_after_extraction, end_before_start, unknown_code.
-#}
{% macro extract_rows_checked(source_cte, source_name, table_name) -%}
    {%- set meta = extract_contract(table_name) -%}
    {%- set columns = meta.get('required_columns', []) + meta.get('optional_columns', []) -%}
    {%- set types = meta.get('logical_types', {}) -%}
    {%- set identifier = meta.get('identifier') -%}
    {%- set checks = [] -%}
    {%- if identifier -%}
        {%- do checks.append((
            "nullif(trim(" ~ identifier ~ "), '') is null",
            'missing_identifier',
            "'missing_identifier: " ~ identifier ~ " is empty'"
        )) -%}
        {%- do checks.append((
            "count(*) over (partition by nullif(trim(" ~ identifier ~ "), '')) > 1 and "
            ~ "nullif(trim(" ~ identifier ~ "), '') is not null",
            'duplicate_identifier',
            "'duplicate_identifier: " ~ identifier ~ "=' || cast(to_json(" ~ identifier ~ ") as varchar)"
        )) -%}
    {%- endif -%}
    {%- for column, data_type in types.items() -%}
        {%- set present = "nullif(trim(" ~ column ~ "), '') is not null" -%}
        {%- set shown = "cast(to_json(" ~ column ~ ") as varchar)" -%}
        {%- if data_type == 'date' -%}
            {%- set parsed = extract_date(column) -%}
            {%- do checks.append((
                present ~ " and (" ~ parsed ~ ") is null",
                'invalid_date',
                "'invalid_date: " ~ column ~ "=' || " ~ shown ~ " || ' is not a date (YYYY-MM-DD)'"
            )) -%}
            {%- do checks.append((
                "(" ~ parsed ~ ") < date '1900-01-01'",
                'date_before_1900',
                "'date_before_1900: " ~ column ~ "=' || " ~ shown
            )) -%}
            {%- do checks.append((
                "(" ~ parsed ~ ") > " ~ extraction_date(),
                'date_after_extraction',
                "'date_after_extraction: " ~ column ~ "=' || " ~ shown
                ~ " || ' is after ' || cast(" ~ extraction_date() ~ " as varchar)"
            )) -%}
        {%- elif data_type in ('integer', 'bigint') -%}
            {%- do checks.append((
                present ~ " and (" ~ extract_integer(column) ~ ") is null",
                'invalid_integer',
                "'invalid_integer: " ~ column ~ "=' || " ~ shown ~ " || ' is not a whole number'"
            )) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for column in meta.get('flags', []) -%}
        {%- do checks.append((
            "nullif(upper(trim(" ~ column ~ ")), '') not in ('Y', 'N')",
            'unknown_code',
            "'unknown_code: " ~ column ~ "=' || cast(to_json(" ~ column ~ ") as varchar) || ' is not Y or N'"
        )) -%}
    {%- endfor -%}
    {%- for column, codes in meta.get('code_lists', {}).items() -%}
        {%- do checks.append((
            "nullif(upper(trim(" ~ column ~ ")), '') not in ('" ~ codes | join("', '") ~ "')",
            'unknown_code',
            "'unknown_code: " ~ column ~ "=' || cast(to_json(" ~ column ~ ") as varchar) || ' is not in the code list'"
        )) -%}
    {%- endfor -%}
    {%- for pair in meta.get('date_order', []) -%}
        {%- do checks.append((
            "(" ~ extract_date(pair[1]) ~ ") < (" ~ extract_date(pair[0]) ~ ")",
            'end_before_start',
            "'end_before_start: " ~ pair[1] ~ "=' || cast(to_json(" ~ pair[1] ~ ") as varchar) || ' is before "
            ~ pair[0] ~ "=' || cast(to_json(" ~ pair[0] ~ ") as varchar)"
        )) -%}
    {%- endfor %}
    select
        raw_row.*,
        nullif(array_to_string(list_sort(list_distinct([
            {%- for condition, rule, message in checks %}
            case when {{ condition }} then '{{ rule }}' end{{ "," if not loop.last }}
            {%- endfor %}
        ])), ','), '') as reject_rules,
        nullif(concat_ws('; ',
            {%- for condition, rule, message in checks %}
            case when {{ condition }} then {{ message }} end{{ "," if not loop.last }}
            {%- endfor %}
        ), '') as reject_reasons
    from (
        select
            cast(row_number() over () + 1 as bigint) as line_number,
            {%- for column in columns %}
            {%- if column in meta.get('optional_columns', []) %}
            {{ optional_column(source_name, table_name, column, 'varchar') }} as {{ column }}
            {%- else %}
            cast({{ column }} as varchar) as {{ column }}
            {%- endif %}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ source_cte }}
    ) as raw_row
{%- endmacro %}
