{#-
    format_indicator_value(unit, value, numerator, state_label)

    Returns the text a report cell shows for one value (varchar). When the value's state is not
    a number, `state_label` is the document's wording of it (N/A, Not Yet Available, TBC,
    No data, Not computed yet: seed display_labels, label_set 'state', joined by the caller
    on the value's state; null for a computed value) and the cell shows it. Otherwise the value
    by the measure's unit (docs/design.md, "Units and values"): percent "91.0%" (two decimals
    below 1%: "0.77%", macro format_percentage), count_and_percent "171 (21.0%)", "16 (0.04%)", rate_per_10000 "776.9 (4519)", count "4", average_days
    "254 days", average_hours "15.0 hours". Numbers go through format_one_decimal and
    format_whole_number (macros/format_numbers.sql).
-#}
{% macro format_indicator_value(unit, value, numerator, state_label) -%}
    case
        when {{ state_label }} is not null then {{ state_label }}
        when {{ unit }} = 'percent' then {{ format_percentage(value) }} || '%'
        when {{ unit }} = 'count_and_percent'
            then
                {{ format_whole_number(numerator) }}
                || ' ('
                || {{ format_percentage(value) }}
                || '%)'
        when {{ unit }} = 'rate_per_10000'
            then
                {{ format_one_decimal(value) }}
                || ' ('
                || {{ format_whole_number(numerator) }}
                || ')'
        when {{ unit }} = 'count' then {{ format_whole_number(value) }}
        when {{ unit }} = 'average_days'
            then {{ format_whole_number('round(' ~ value ~ ')') }} || ' days'
        when {{ unit }} = 'average_hours' then {{ format_one_decimal(value) }} || ' hours'
        else {{ dbt.cast(value, dbt.type_string()) }}
    end
{%- endmacro %}


{#-
    format_comparator_value(unit, value, is_mean)

    The text of a value made of several councils' (a comparator, or a council's value on the
    benchmarking page, where the count beside a percentage or a rate is left out): percent and
    count_and_percent "71.3%", rate_per_10000 and average_hours one decimal, average_days
    "254 days", count a whole number, or one decimal when it is a mean of councils' counts
    (is_mean: a SQL boolean expression, e.g. the statistical neighbours' average).
-#}
{% macro format_comparator_value(unit, value, is_mean='false') -%}
    case
        when {{ unit }} in ('percent', 'count_and_percent')
            then {{ format_percentage(value) }} || '%'
        when {{ unit }} = 'average_days'
            then {{ format_whole_number('round(' ~ value ~ ')') }} || ' days'
        when {{ unit }} = 'count' and not ({{ is_mean }})
            then {{ format_whole_number(value) }}
        else {{ format_one_decimal(value) }}
    end
{%- endmacro %}
