{#-
    check_extracts_dir()

    Run at the start of every dbt command (on-run-start). dbt writes each seed's SQL to
    target/run/<project>/<seed path>; when the seed path is absolute (or leaves the project),
    that path is the extract itself, and the council's CSV would be overwritten. So
    CSC_EXTRACTS_DIR must be a folder inside the project: `make build EXTRACTS=/any/folder`
    copies an outside folder to build/extracts and points the run there.
-#}
{% macro check_extracts_dir() %}
    {%- set extracts_dir = env_var('CSC_EXTRACTS_DIR', 'demo/extracts') -%}
    {%- if extracts_dir.startswith('/') or extracts_dir.startswith('..') or ':' in extracts_dir -%}
        {{ exceptions.raise_compiler_error(
            "CSC_EXTRACTS_DIR=" ~ extracts_dir ~ " is outside the project: dbt seed would "
            ~ "overwrite those files with its compiled SQL. Use `make build EXTRACTS="
            ~ extracts_dir ~ "`, which copies them to build/extracts, or a path inside the project."
        ) }}
    {%- endif -%}
    select 1
{% endmacro %}
