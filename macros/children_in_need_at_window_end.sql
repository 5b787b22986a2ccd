{#-
    children_in_need_at_window_end(periods, cin_spells)

    The children in need at S, each period's window end (31 March for a year, the report date
    for the Latest): one row per child with a spell of int_cin_spells_unioned open at S (a
    referral open and not NFA, a CP plan, or looked after, short breaks excluded), with whether
    one of those spells is a CP plan or a period of care. docs/design.md, "Children in need at
    a date". Used by the Children in Need section (the CIN rates) and by All Age Disability
    (children in need with a disability), so both count the same children.

    Arguments are the names of CTEs in the calling model: periods (la_code, report_date,
    period_key, basis, window_end_date) and cin_spells (int_cin_spells_unioned).
-#}
{% macro children_in_need_at_window_end(periods='periods', cin_spells='cin_spells') -%}
    select
        {{ cin_spells }}.la_code,
        {{ cin_spells }}.child_key,
        {{ periods }}.report_date,
        {{ periods }}.period_key,
        {{ periods }}.basis,
        {{ dbt.bool_or(cin_spells ~ ".spell_type = 'cp_plan'") }} as is_on_cp_plan,
        {{ dbt.bool_or(cin_spells ~ ".spell_type = 'looked_after'") }} as is_looked_after
    from {{ periods }}
    inner join {{ cin_spells }}
        on
            {{ periods }}.la_code = {{ cin_spells }}.la_code
            and {{ is_open_at(
                cin_spells ~ '.start_date', cin_spells ~ '.end_date', periods ~ '.window_end_date'
            ) }}
    group by
        {{ cin_spells }}.la_code,
        {{ cin_spells }}.child_key,
        {{ periods }}.report_date,
        {{ periods }}.period_key,
        {{ periods }}.basis
{%- endmacro %}
