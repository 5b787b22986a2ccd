-- The adoption exception list (docs/design.md, "Adoption"): every child waiting to be adopted
-- at each snapshot date of children_waiting_adoption, with their stage and the days their
-- A1 clock has run, and whether that is over the A1 target. Its own model: the exception
-- structure of fct_indicator_exceptions lists an exception-list measure's failing units as
-- denominator - numerator, and these children are in no measure's denominator (they are not
-- adopted yet).

with

measure_periods as (

    select * from {{ ref('int_indicator_periods_listed') }}

),

permanence_records as (

    select * from {{ ref('stg_carefirst__permanence_records') }}

),

lac_episodes as (

    select * from {{ ref('int_lac_episodes_chained') }}

),

targets as (

    select * from {{ ref('targets') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_extracts__child_pseudonyms') }}

),

snapshot_periods as (

    select
        la_code,
        report_date,
        period_key,
        basis,
        window_end_date as snapshot_date
    from measure_periods
    where indicator_id = 'children_waiting_adoption' and is_recorded

),

periods_of_care as (

    select distinct
        la_code,
        child_key,
        period_start_date
    from lac_episodes

),

waiting as (

    -- as children_waiting_adoption counts them: a decision on or before the snapshot date,
    -- neither adopted nor reversed by then; a child's latest such record
    select
        snapshot_periods.la_code,
        snapshot_periods.report_date,
        snapshot_periods.period_key,
        snapshot_periods.basis,
        snapshot_periods.snapshot_date,
        permanence_records.child_key,
        permanence_records.permanence_id,
        permanence_records.best_interest_decision_date,
        permanence_records.placement_order_date,
        permanence_records.placed_for_adoption_date,
        row_number() over (
            partition by
                snapshot_periods.la_code,
                snapshot_periods.report_date,
                snapshot_periods.period_key,
                permanence_records.child_key
            order by
                permanence_records.best_interest_decision_date desc,
                permanence_records.permanence_id desc
        ) as record_rank
    from snapshot_periods
    inner join permanence_records
        on
            snapshot_periods.la_code = permanence_records.la_code
            and snapshot_periods.snapshot_date >= permanence_records.best_interest_decision_date
            and coalesce(
                snapshot_periods.snapshot_date < permanence_records.adoption_order_date, true
            )
            and coalesce(
                snapshot_periods.snapshot_date < permanence_records.decision_reversed_date,
                true
            )

),

staged as (

    -- the stage the document's analysis counts: placed, with a placement order, with a
    -- decision only; the A1 clock stops at the placement, or runs to the snapshot date
    select
        la_code,
        report_date,
        period_key,
        basis,
        snapshot_date,
        child_key,
        permanence_id,
        best_interest_decision_date,
        placement_order_date,
        placed_for_adoption_date,
        case
            when placed_for_adoption_date <= snapshot_date then 'placed'
            when placement_order_date <= snapshot_date then 'placement_order'
            else 'decision_only'
        end as waiting_stage,
        case
            when placed_for_adoption_date <= snapshot_date then placed_for_adoption_date
            else snapshot_date
        end as clock_date
    from waiting
    where record_rank = 1

),

period_candidates as (

    -- the period of care the clock runs in: the latest starting on or before it
    select
        staged.*,
        periods_of_care.period_start_date,
        row_number() over (
            partition by staged.la_code, staged.report_date, staged.period_key, staged.child_key
            order by periods_of_care.period_start_date desc
        ) as period_rank
    from staged
    left join periods_of_care
        on
            staged.la_code = periods_of_care.la_code
            and staged.child_key = periods_of_care.child_key
            and staged.clock_date >= periods_of_care.period_start_date

),

a1_target as (

    select target_value
    from targets
    where indicator_id = 'adoption_a1_days_care_to_placement'

),

timed as (

    select
        period_candidates.la_code,
        period_candidates.report_date,
        period_candidates.period_key,
        period_candidates.basis,
        period_candidates.snapshot_date,
        period_candidates.child_key,
        child_pseudonyms.child_id,
        period_candidates.permanence_id,
        period_candidates.waiting_stage,
        period_candidates.period_start_date,
        period_candidates.best_interest_decision_date,
        period_candidates.placement_order_date,
        period_candidates.placed_for_adoption_date,
        {{ days_between('period_candidates.period_start_date', 'period_candidates.clock_date') }}
            as days_so_far,
        a1_target.target_value as target_days,
        coalesce(
            {{ days_between(
                'period_candidates.period_start_date', 'period_candidates.clock_date'
            ) }} > a1_target.target_value,
            false
        ) as is_over_target
    from period_candidates
    cross join a1_target
    left join child_pseudonyms
        on period_candidates.child_key = child_pseudonyms.child_key
    where period_candidates.period_rank = 1

)

select * from timed
