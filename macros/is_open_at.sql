{#-
    is_open_at(start_date, end_date, as_of_date)

    design.md, "Open at a date D": a plan, episode, referral or arrangement is open at D when
    it started on or before D and has not ended by D (end null or end > D).
-#}
{% macro is_open_at(start_date, end_date, as_of_date) -%}
    (
        {{ start_date }} <= {{ as_of_date }}
        and ({{ end_date }} is null or {{ end_date }} > {{ as_of_date }})
    )
{%- endmacro %}


{#-
    is_open_during(start_date, end_date, window_start_date, window_end_date)

    Open at some date of the window [window_start_date, window_end_date], i.e. open at a D
    in the window by the rule above: started by the window's end and not ended by its start.
-#}
{% macro is_open_during(start_date, end_date, window_start_date, window_end_date) -%}
    (
        {{ start_date }} <= {{ window_end_date }}
        and ({{ end_date }} is null or {{ end_date }} > {{ window_start_date }})
    )
{%- endmacro %}
