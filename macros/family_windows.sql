{#-
    family_windows(family_periods)

    The distinct windows of a family's periods (la_code, report_date, period_key, period_kind,
    basis, window_start_date, window_end_date), from the family's rows of
    int_indicator_periods_listed (the CTE named by `family_periods`). A family model counts each
    of its items over every window once, and indicator_counts_completed keeps each measure's own
    periods; written once here for every family model.
-#}
{% macro family_windows(family_periods='family_periods') -%}
    select distinct
        {{ family_periods }}.la_code,
        {{ family_periods }}.report_date,
        {{ family_periods }}.period_key,
        {{ family_periods }}.period_kind,
        {{ family_periods }}.basis,
        {{ family_periods }}.window_start_date,
        {{ family_periods }}.window_end_date
    from {{ family_periods }}
{%- endmacro %}


{#-
    events_counted_in_windows(indicator_id, events, event_date, in_numerator='true',
                              condition=none, windows='windows', indicator_expression=none)

    The counted items (indicator_counts_completed's input) of a measure that counts events in
    each window: one row per event of the CTE `events` whose `event_date` column falls in a
    window of the CTE `windows` (family_windows) of the event's authority, in the denominator,
    and in the numerator where the SQL condition `in_numerator` holds (for a count, every
    event). `condition`: an SQL condition on the event that must hold too (e.g. its type);
    `indicator_expression`: an SQL expression naming the measure per event, in place of the
    literal `indicator_id` (several measures from one kind of event). Written once for the
    family models' "events in the window" measures.
-#}
{% macro events_counted_in_windows(
    indicator_id, events, event_date, in_numerator='true', condition=none,
    windows='windows', indicator_expression=none
) -%}
    select
        {{ windows }}.la_code,
        {{ indicator_expression or ("'" ~ indicator_id ~ "'") }} as indicator_id,
        {{ windows }}.report_date,
        {{ windows }}.period_key,
        {{ windows }}.basis,
        coalesce({{ in_numerator }}, false) as is_in_numerator,
        true as is_in_denominator,
        1 as numerator_amount
    from {{ windows }}
    inner join {{ events }}
        on
            {{ windows }}.la_code = {{ events }}.la_code
            {%- if condition %}
            and {{ condition }}
            {%- endif %}
            and {{ events }}.{{ event_date }}
            between {{ windows }}.window_start_date and {{ windows }}.window_end_date
{%- endmacro %}
