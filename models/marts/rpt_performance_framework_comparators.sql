with

comparators as (

    select * from {{ ref('comparators') }}

),

display_labels as (

    select * from {{ ref('display_labels') }}

),

comparator_labels as (

    select
        code as comparator,
        label as comparator_label,
        display_order as comparator_order
    from display_labels
    where label_set = 'comparator'

),

-- one row per comparator figure, in the order the report prints them (WM, Stat N, Eng); a
-- comparator the labels do not name keeps its code and comes last; a figure whose period is
-- not the measure's own says so after it ("WM - 50.7% (calendar 2015, SEN2)")
described as (

    select
        comparators.indicator_id,
        comparators.comparator,
        comparators.period_label,
        comparators.value_text,
        coalesce(comparator_labels.comparator_label, comparators.comparator)
            as comparator_label,
        coalesce(comparator_labels.comparator_order, 4) as comparator_order,
        coalesce(comparator_labels.comparator_label, comparators.comparator)
        || ' - '
        || comparators.value_text
        || coalesce(' (' || nullif(comparators.period_note, '') || ')', '')
            as comparator_display
    from comparators
    left join comparator_labels
        on comparators.comparator = comparator_labels.comparator

)

select * from described
