with

periods as (

    select * from {{ ref('int_reporting_periods_defined') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_extracts__child_pseudonyms') }}

),

{%- for family in case_families() %}

    {{ family }}_cases as (

        select * from {{ ref('int_' ~ family ~ '_cases_judged') }}

    ),
{%- endfor %}

cases as (

    -- one case model per built section with an exception-list measure
    -- (macros/registry_models.sql); each judges a measure only over the periods it is computed
    -- for (int_indicator_periods_listed)
    {%- for family in case_families() %}
        select * from {{ family }}_cases
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

unioned as (

    {{ indicator_exceptions_listed('cases') }}

),

labelled as (

    -- the period's label and window, as in fct_indicator_values
    select
        unioned.la_code,
        unioned.indicator_id,
        unioned.report_date,
        unioned.period_key,
        periods.period_label,
        periods.basis,
        periods.window_start_date,
        periods.window_end_date,
        unioned.child_key,
        child_pseudonyms.child_id,
        unioned.counted_unit_id,
        unioned.record_type,
        unioned.record_id,
        unioned.event_date,
        unioned.due_date,
        unioned.working_days,
        unioned.days_elapsed,
        unioned.reason_code,
        unioned.reason
    from unioned
    inner join periods
        on
            unioned.report_date = periods.report_date
            and unioned.period_key = periods.period_key
            and unioned.basis = periods.basis
    left join child_pseudonyms
        on unioned.child_key = child_pseudonyms.child_key

)

select * from labelled
