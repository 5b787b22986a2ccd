{#-
    extracts_registered()

    The extracts of the contract, for the models that loop over every extract (the rejects,
    the load accounting, the person identifiers, the load summary): a list of dicts with name,
    system (the source), staging_model and person_identifiers ({column: namespace}).

    Why a generated list (macros/extract_registry.sql) and not the graph: dbt parses the project
    with an empty graph, and records a model's sources and refs only from the calls it makes
    while parsing. A model that found its sources in the graph at run time would compile
    (source() is not checked against the parsed dependencies then) but would have no lineage:
    `dbt build --select +model` and `state:modified` would miss its extracts, dbt could run it
    before them, and no unit test could mock them (ref() at run time is refused outright). The
    generated list gives every loop its sources and refs at parse time, so lineage, selection
    and unit tests work as for a hand-written model.

    The list cannot silently fall behind the contract: when dbt executes, this macro compares it
    with the graph (every seed with meta.required_columns is an extract; its source, its staging
    model, which must read that source, and its person identifiers from meta.personal_columns)
    and stops the build naming what differs. While parsing it returns the list unchecked.

    var('lint_extracts_rendered'), set only by .sqlfluff for the linter, keeps the first N
    extracts of the (checked) list: the loop models then render in a few kilobytes rather than
    a quarter of a megabyte each, which sqlfluff took over five minutes to parse.
-#}
{% macro extracts_registered() -%}
    {%- set registered = extract_registry() -%}
    {%- if execute -%}
        {%- set problems = [] -%}
        {%- set contract = {} -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'seed' and node.config.meta.get('required_columns') -%}
                {%- do contract.update({node.name: node.config.meta}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set names = registered | map(attribute='name') | list -%}
        {%- for name in contract if name not in names -%}
            {%- do problems.append(name ~ " is in the contract but not in the list") -%}
        {%- endfor -%}
        {%- for extract in registered -%}
            {%- set meta = contract.get(extract.name) -%}
            {%- set source_id = 'source.' ~ project_name ~ '.' ~ extract.system ~ '.' ~ extract.name -%}
            {%- set model = graph.nodes.get('model.' ~ project_name ~ '.' ~ extract.staging_model) -%}
            {%- if meta is none -%}
                {%- do problems.append(extract.name ~ " is listed but not in the contract") -%}
            {%- else -%}
                {%- set identifiers = {} -%}
                {%- for column, namespace in (meta.get('personal_columns') or {}).items()
                    if namespace is not none -%}
                    {%- do identifiers.update({column: namespace}) -%}
                {%- endfor -%}
                {%- if identifiers != extract.person_identifiers -%}
                    {%- do problems.append(
                        extract.name ~ " has person identifiers " ~ identifiers
                        ~ " in the contract, " ~ extract.person_identifiers ~ " in the list"
                    ) -%}
                {%- endif -%}
            {%- endif -%}
            {%- if source_id not in graph.sources -%}
                {%- do problems.append(extract.name ~ " has no source " ~ source_id) -%}
            {%- endif -%}
            {%- if model is none or source_id not in model.depends_on.nodes -%}
                {%- do problems.append(
                    extract.name ~ ": its staging model " ~ extract.staging_model
                    ~ " does not exist or does not read " ~ source_id
                ) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                "macros/extract_registry.sql is out of date with seeds/_extracts__seeds.yml and "
                ~ "the staging models (" ~ problems | join("; ") ~ "): run `.venv/bin/python "
                ~ "scripts/generate_extract_registry.py`"
            ) }}
        {%- endif -%}
    {%- endif -%}
    {#- the linter's setting only (.sqlfluff, [sqlfluff:templater:dbt:context]): sqlfluff
        lints the loops rendered over the first extracts, as every extract renders the same
        macros (each staging model lints them for its own extract), instead of parsing a
        quarter of a megabyte of SQL per loop model -#}
    {%- set rendered_for_lint = var('lint_extracts_rendered', none) -%}
    {%- if rendered_for_lint is not none -%}
        {%- set registered = registered[:rendered_for_lint | int] -%}
    {%- endif -%}
    {{- return(registered) -}}
{%- endmacro %}


{#-
    extract_columns(table_name)

    The extract's contract columns, required then optional, as extract_rows_checked gives them
    (empty while dbt parses the project).
-#}
{% macro extract_columns(table_name) -%}
    {%- set meta = extract_contract(table_name) -%}
    {{- return(meta.get('required_columns', []) + meta.get('optional_columns', [])) -}}
{%- endmacro %}
