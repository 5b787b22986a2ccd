{#-
    commentary_figures_shown(figures_quoted, indicator_values, scorecard, commentary_file,
                             report_date)

    The body of a commentary analysis (analyses/commentary/): for each figure the commentary
    quotes (the CTE `figures_quoted`: commentary_line, indicator_id, period_key, quantity, one
    of value, count, west_midlands, statistical_neighbours, england, target), the text the
    report shows for it at the report date: a value rounded as the report rounds it (one
    decimal and its unit sign; none for counts and average days), a count, a comparator or a
    target from the scorecard, or, for a cell that is not computed, its state in words.
    Arguments are the calling analysis's CTE names, the commentary file's path and the report
    date (YYYY-MM-DD). tests/e2e/test_analyses.py checks every figure against its line.
-#}
{% macro commentary_figures_shown(
    figures_quoted, indicator_values, scorecard, commentary_file, report_date
) -%}
    {%- set whole_amount = dbt.cast('round(amount, 0)', dbt.type_bigint()) -%}
    {%- set whole_number = dbt.cast(whole_amount, dbt.type_string()) -%}
    {%- set one_decimal = dbt.cast('round(amount, 1)', dbt.type_string()) -%}
    select
        '{{ commentary_file }}' as commentary_file,
        commentary_line,
        indicator_id,
        period_key,
        quantity,
        case
            when is_state then {{ dbt.replace('state', "'_'", "' '") }}
            when decimals = 0 then {{ whole_number }}
            else {{ dbt.concat([one_decimal, 'unit_sign']) }}
        end as figure
    from (
        -- the number each figure shows, its decimals (as the report rounds it) and its unit sign
        select
            {{ figures_quoted }}.commentary_line,
            {{ figures_quoted }}.indicator_id,
            {{ figures_quoted }}.period_key,
            {{ figures_quoted }}.quantity,
            cells.state,
            {{ figures_quoted }}.quantity in ('value', 'count') and cells.state != 'computed'
                as is_state,
            case {{ figures_quoted }}.quantity
                when 'value' then cells.value
                when 'count' then cells.numerator
                when 'west_midlands' then cells.west_midlands_value
                when 'statistical_neighbours' then cells.statistical_neighbours_value
                when 'england' then cells.england_value
                when 'target' then cells.target_value
            end as amount,
            case
                when {{ figures_quoted }}.quantity = 'count' then 0
                when cells.unit in ('count', 'average_days') then 0
                else 1
            end as decimals,
            case
                when {{ figures_quoted }}.quantity = 'count' then ''
                when cells.unit in ('percent', 'count_and_percent') then '%'
                else ''
            end as unit_sign
        from {{ figures_quoted }}
        left join (
            -- the report date's cells, with the scorecard's comparators and target
            select
                {{ indicator_values }}.indicator_id,
                {{ indicator_values }}.period_key,
                {{ indicator_values }}.unit,
                {{ indicator_values }}.state,
                {{ indicator_values }}.value,
                {{ indicator_values }}.numerator,
                {{ scorecard }}.west_midlands_value,
                {{ scorecard }}.statistical_neighbours_value,
                {{ scorecard }}.england_value,
                {{ scorecard }}.target_value
            from {{ indicator_values }}
            inner join {{ scorecard }}
                on
                    {{ indicator_values }}.la_code = {{ scorecard }}.la_code
                    and {{ indicator_values }}.indicator_id = {{ scorecard }}.indicator_id
                    and {{ indicator_values }}.report_date = {{ scorecard }}.report_date
            where
                {{ indicator_values }}.la_code = '{{ var("la_code") }}'
                and {{ indicator_values }}.report_date = cast('{{ report_date }}' as date)
        ) as cells
            on
                {{ figures_quoted }}.indicator_id = cells.indicator_id
                and {{ figures_quoted }}.period_key = cells.period_key
    ) as amounts
{%- endmacro %}
