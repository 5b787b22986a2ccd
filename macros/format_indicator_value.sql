{#-
    format_indicator_value(unit, value, numerator, state)

    The text a report cell shows for one value, by the measure's unit (docs/design.md,
    "Units and values"), or the document's wording of a state that is not a number:
    percent "91.0%", count_and_percent "171 (21.0%)", rate_per_10000 "776.9 (4519)",
    count "4", average_days "254 days", average_hours "15.0 hours"; N/A, Not Yet Available, TBC, No data,
    Not computed yet.
-#}
{% macro format_indicator_value(unit, value, numerator, state) -%}
    case
        when {{ state }} = 'not_applicable' then 'N/A'
        when {{ state }} = 'not_yet_available' then 'Not Yet Available'
        when {{ state }} = 'tbc' then 'TBC'
        when {{ state }} = 'no_data' then 'No data'
        when {{ state }} = 'not_computed' then 'Not computed yet'
        when {{ unit }} = 'percent' then printf('%.1f%%', {{ value }})
        when {{ unit }} = 'count_and_percent'
            then printf('%d (%.1f%%)', cast({{ numerator }} as bigint), {{ value }})
        when {{ unit }} = 'rate_per_10000'
            then printf('%.1f (%d)', {{ value }}, cast({{ numerator }} as bigint))
        when {{ unit }} = 'count' then printf('%d', cast({{ value }} as bigint))
        when {{ unit }} = 'average_days'
            then printf('%d days', cast(round({{ value }}) as bigint))
        when {{ unit }} = 'average_hours' then printf('%.1f hours', {{ value }})
        else cast({{ value }} as varchar)
    end
{%- endmacro %}
