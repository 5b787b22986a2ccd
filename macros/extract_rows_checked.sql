{#-
    Row-level checks of the raw extracts: the one place their rules are written (see
    seeds/_extracts__seeds.yml for the contract keys they read).

    The extracts are loaded as text; each staging model and the rejects of every extract
    (models/staging/extracts/stg_extracts__rejects.sql) start from the same checked rows:

        checked as (
            {{ extract_rows_checked('source', 'carefirst', 'carefirst_referrals') }}
        ),

    and keep `where reject_rules is null` (staged) or `is not null` (rejected), so that every
    row read lands in exactly one of the two (tested on every build: rows_accounted_for).

    The cell rules (extract_text, extract_date, extract_datetime, extract_integer,
    extract_decimal, extract_academic_year_start, extract_cell_fault, extract_rule_phrase) are
    pure Jinja: scripts/validate_extracts.py renders them with jinja2
    and runs the same SQL on DuckDB before anything is loaded, so the validator's warnings and
    its "whole column of the wrong type" stop apply exactly these rules. Keep them free of
    dbt's context (var, graph, ref): the dispatched helpers of macros/cross_database/raw_text.sql
    are the only calls they make.
-#}


{#-
    extract_contract(table_name)

    The seed's `config.meta` for an extract (required_columns, optional_columns, identifier,
    personal_columns, logical_types, flags, code_lists, date_order), read from the project
    graph. Empty while dbt parses the project (the graph is not built yet).
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
    extract_text(column_name)

    A raw cell as text: surrounding spaces removed, an empty cell is null. Identifiers and free
    text are staged so, and the pseudonym map lists identifiers so (the two must agree).
-#}
{% macro extract_text(column_name) -%}
    nullif(trim({{ column_name }}), '')
{%- endmacro %}


{#-
    extract_date(column_name)

    A raw cell as a date: strictly YYYY-MM-DD (surrounding spaces ignored) and a real calendar
    date, else null.
-#}
{% macro extract_date(column_name) -%}
    case
        when {{ full_match('trim(' ~ column_name ~ ')', '[0-9]{4}-[0-9]{2}-[0-9]{2}') }}
            then {{ cast_or_null('trim(' ~ column_name ~ ')', 'date') }}
    end
{%- endmacro %}


{#-
    extract_datetime(column_name)

    A raw cell as a date and time to the minute: strictly YYYY-MM-DD HH:MM, optionally :SS
    (surrounding spaces ignored), a real calendar date and a time of day from 00:00 to 23:59
    (24:00, which an engine may read as the next midnight, is not one), else null. The missing
    episodes' start, end and return-interview times are staged so (72 hours is counted in
    minutes).
-#}
{% macro extract_datetime(column_name) -%}
    case
        when {{ full_match(
            'trim(' ~ column_name ~ ')',
            '[0-9]{4}-[0-9]{2}-[0-9]{2} ([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?'
        ) }}
            then {{ cast_or_null('trim(' ~ column_name ~ ')', 'timestamp') }}
    end
{%- endmacro %}


{#-
    extract_integer(column_name)

    A raw cell as an integer: optional sign and digits only (surrounding spaces ignored), in
    range, else null.
-#}
{% macro extract_integer(column_name) -%}
    case
        when {{ full_match('trim(' ~ column_name ~ ')', '[+-]?[0-9]+') }}
            then {{ cast_or_null('trim(' ~ column_name ~ ')', 'integer') }}
    end
{%- endmacro %}


{#-
    extract_decimal(column_name)

    A raw cell as a decimal number: optional sign, digits, optionally a point and more digits
    (surrounding spaces ignored; 21.5, 15, 15.0), else null. Weekly hours are staged so.
-#}
{% macro extract_decimal(column_name) -%}
    case
        when {{ full_match('trim(' ~ column_name ~ ')', '[+-]?[0-9]+([.][0-9]+)?') }}
            then {{ cast_or_null('trim(' ~ column_name ~ ')', 'decimal(18, 4)') }}
    end
{%- endmacro %}


{#-
    extract_academic_year_start(column_name)

    A raw academic-year cell ("2015/16": the year starting 1 September 2015 and ending in
    2016, the second part the last two digits of the year after the first) as the date of its
    1 September, else null ("2015/17", "2015-16", "15/16" are not academic years).
-#}
{% macro extract_academic_year_start(column_name) -%}
    case
        when {{ full_match('trim(' ~ column_name ~ ')', '[0-9]{4}/[0-9]{2}') }}
            and {{ cast_or_null('substr(trim(' ~ column_name ~ '), 6, 2)', 'integer') }}
            = ({{ cast_or_null('substr(trim(' ~ column_name ~ '), 1, 4)', 'integer') }} + 1) % 100
            then {{ cast_or_null("substr(trim(" ~ column_name ~ "), 1, 4) || '-09-01'", 'date') }}
    end
{%- endmacro %}


{#-
    extract_cell_fault(column_name, logical_type)

    A text expression: the cell rule a raw cell of a typed column breaks, or null. For a date
    (`date`): invalid_date (not a YYYY-MM-DD calendar date), else date_before_1900 (the floor
    of a plausible date); for a date and time (`datetime`): invalid_datetime, else
    date_before_1900; for a whole number (`integer`, `bigint`): invalid_integer. An empty
    cell breaks none; an untyped column has no cell rule (null). Dates after the extraction
    date are a row rule of extract_rows_checked (the date depends on the run).
-#}
{% macro extract_cell_fault(column_name, logical_type) -%}
    {%- if logical_type == 'date' -%}
    case
        when {{ extract_text(column_name) }} is null then null
        when ({{ extract_date(column_name) }}) is null then 'invalid_date'
        when ({{ extract_date(column_name) }}) < date '1900-01-01' then 'date_before_1900'
    end
    {%- elif logical_type == 'datetime' -%}
    case
        when {{ extract_text(column_name) }} is null then null
        when ({{ extract_datetime(column_name) }}) is null then 'invalid_datetime'
        when ({{ extract_datetime(column_name) }}) < timestamp '1900-01-01 00:00:00'
            then 'date_before_1900'
    end
    {%- elif logical_type in ('integer', 'bigint') -%}
    case
        when {{ extract_text(column_name) }} is not null
            and ({{ extract_integer(column_name) }}) is null then 'invalid_integer'
    end
    {%- elif logical_type == 'decimal' -%}
    case
        when {{ extract_text(column_name) }} is not null
            and ({{ extract_decimal(column_name) }}) is null then 'invalid_decimal'
    end
    {%- elif logical_type == 'academic_year' -%}
    case
        when {{ extract_text(column_name) }} is not null
            and ({{ extract_academic_year_start(column_name) }}) is null then 'invalid_academic_year'
    end
    {%- else -%}
    null
    {%- endif -%}
{%- endmacro %}


{#-
    extract_rule_phrase(rule)

    The words after a cell's value in a message about a cell rule ("is not a date (YYYY-MM-DD)"
    after '31/02/2015'), as the rejects' reasons and the validator's warnings write them.
-#}
{% macro extract_rule_phrase(rule) -%}
    {%- if rule == 'invalid_date' -%}
        is not a date (YYYY-MM-DD)
    {%- elif rule == 'date_before_1900' -%}
        is before 1900
    {%- elif rule == 'invalid_datetime' -%}
        is not a date and time (YYYY-MM-DD HH:MM)
    {%- elif rule == 'invalid_integer' -%}
        is not a whole number
    {%- elif rule == 'invalid_decimal' -%}
        is not a number
    {%- elif rule == 'invalid_academic_year' -%}
        is not an academic year (YYYY/YY)
    {%- endif -%}
{%- endmacro %}


{#-
    extract_reject_rules()

    The names of every rule a row can break, in the order the load summary counts them
    (marts.fct_extract_load_summary has a rejected_<rule> column for each).
-#}
{% macro extract_reject_rules() -%}
    {{- return([
        'missing_identifier', 'duplicate_identifier', 'invalid_date', 'invalid_datetime',
        'invalid_integer', 'invalid_decimal', 'invalid_academic_year', 'date_before_1900',
        'date_after_extraction', 'end_before_start', 'unknown_code',
    ]) -}}
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
    - every contract column (required and optional) as the raw text cell (an optional column
      the file lacks is null);
    - reject_rules: the rules the row breaks, comma-separated and sorted, or null;
    - reject_reasons: each fault with its column and raw value, '; '-separated, or null.
    Rules: extract_reject_rules().
-#}
{% macro extract_rows_checked(source_cte, source_name, table_name) -%}
    {%- set meta = extract_contract(table_name) -%}
    {%- set columns = meta.get('required_columns', []) + meta.get('optional_columns', []) -%}
    {%- set types = meta.get('logical_types', {}) -%}
    {%- set identifier = meta.get('identifier') -%}
    {%- set cell_rules = {
        'date': ['invalid_date', 'date_before_1900'],
        'datetime': ['invalid_datetime', 'date_before_1900'],
        'integer': ['invalid_integer'],
        'bigint': ['invalid_integer'],
        'decimal': ['invalid_decimal'],
        'academic_year': ['invalid_academic_year'],
    } -%}
    {%- set checks = [] -%}
    {%- if identifier -%}
        {%- do checks.append((
            extract_text(identifier) ~ " is null",
            'missing_identifier',
            "'missing_identifier: " ~ identifier ~ " is empty'"
        )) -%}
        {%- do checks.append((
            "count(*) over (partition by " ~ la_code_or_default('la_code') ~ ", "
            ~ extract_text(identifier) ~ ") > 1 and "
            ~ extract_text(identifier) ~ " is not null",
            'duplicate_identifier',
            "'duplicate_identifier: " ~ identifier ~ "=' || " ~ json_quoted(identifier)
        )) -%}
    {%- endif -%}
    {%- for column, data_type in types.items() -%}
        {%- set shown = json_quoted(column) -%}
        {%- set fault = extract_cell_fault(column, data_type) -%}
        {%- for rule in cell_rules.get(data_type, []) -%}
            {%- do checks.append((
                "(" ~ fault ~ ") = '" ~ rule ~ "'",
                rule,
                "'" ~ rule ~ ": " ~ column ~ "=' || " ~ shown ~ " || ' " ~ extract_rule_phrase(rule) ~ "'"
            )) -%}
        {%- endfor -%}
        {%- if data_type in ('date', 'datetime') -%}
            {%- set as_date = extract_date(column) if data_type == 'date'
                else 'cast(' ~ extract_datetime(column) ~ ' as date)' -%}
            {%- do checks.append((
                "(" ~ as_date ~ ") > " ~ extraction_date(),
                'date_after_extraction',
                "'date_after_extraction: " ~ column ~ "=' || " ~ shown
                ~ " || ' is after ' || cast(" ~ extraction_date() ~ " as " ~ dbt.type_string() ~ ")"
            )) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for column in meta.get('flags', []) -%}
        {%- do checks.append((
            "nullif(upper(trim(" ~ column ~ ")), '') not in ('Y', 'N')",
            'unknown_code',
            "'unknown_code: " ~ column ~ "=' || " ~ json_quoted(column) ~ " || ' is not Y or N'"
        )) -%}
    {%- endfor -%}
    {%- for column, codes in meta.get('code_lists', {}).items() -%}
        {%- do checks.append((
            "nullif(upper(trim(" ~ column ~ ")), '') not in ('" ~ codes | join("', '") ~ "')",
            'unknown_code',
            "'unknown_code: " ~ column ~ "=' || " ~ json_quoted(column) ~ " || ' is not in the code list'"
        )) -%}
    {%- endfor -%}
    {%- for pair in meta.get('date_order', []) -%}
        {%- do checks.append((
            "(" ~ extract_date(pair[1]) ~ ") < (" ~ extract_date(pair[0]) ~ ")",
            'end_before_start',
            "'end_before_start: " ~ pair[1] ~ "=' || " ~ json_quoted(pair[1]) ~ " || ' is before "
            ~ pair[0] ~ "=' || " ~ json_quoted(pair[0])
        )) -%}
    {%- endfor -%}
    {#- each rule broken once, in sorted order: the conditions of one rule are or-ed -#}
    {%- set broken_rules = checks | map(attribute=1) | unique | sort -%}
    select
        raw_row.*,
        {%- if not checks %}
        {#- an extract with no key, typed cell, flag, code list or date pair: no rule to break #}
        cast(null as {{ dbt.type_string() }}) as reject_rules,
        cast(null as {{ dbt.type_string() }}) as reject_reasons
        {%- else %}
        nullif(concat_ws(',',
            {%- for rule in broken_rules %}
            case when
                {%- for condition, check_rule, message in checks if check_rule == rule %}
                {{ "or " if not loop.first }}({{ condition }})
                {%- endfor %}
                then '{{ rule }}'
            end{{ "," if not loop.last }}
            {%- endfor %}
        ), '') as reject_rules,
        nullif(concat_ws('; ',
            {%- for condition, rule, message in checks %}
            case when {{ condition }} then {{ message }} end{{ "," if not loop.last }}
            {%- endfor %}
        ), '') as reject_reasons
        {%- endif %}
    from (
        select
            cast({{ file_line_number() }} + 1 as bigint) as line_number,
            {%- for column in columns %}
            {%- if column in meta.get('optional_columns', []) %}
            {{ optional_column(source_name, table_name, column, dbt.type_string()) }} as {{ column }}
            {%- else %}
            cast({{ column }} as {{ dbt.type_string() }}) as {{ column }}
            {%- endif %}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ source_cte }}
    ) as raw_row
{%- endmacro %}


{#-
    every_extract_checked()

    For the models that loop over every extract of the contract (extracts_registered()): two
    CTEs per extract, `<extract>` (its source, imported) and `<extract>_checked` (its rows
    through extract_rows_checked), each followed by a comma, to open a model's `with`.
-#}
{% macro every_extract_checked() -%}
{% for extract in extracts_registered() %}
    {{ extract.name }} as (

        select * from {{ source(extract.system, extract.name) }}

    ),

    {{ extract.name }}_checked as (

        {{ extract_rows_checked(extract.name, extract.system, extract.name) }}

    ),

{% endfor %}
{%- endmacro %}
