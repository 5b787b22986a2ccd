-- Contract rules on the allocations of workers to children (carefirst_worker_allocations).
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv).

with

worker_allocations as (

    select * from {{ ref('stg_carefirst__worker_allocations') }}

),

overlapping_allocations as (

    -- a second allocation of one worker to one child that begins before an earlier one ends
    -- (or while it is open; beginning on its end day is a handover of the same worker, not a
    -- second record; two starting on one day: the greater allocation_id is the second); its
    -- earlier allocations ranked, the latest start first
    select
        later_allocations.la_code,
        later_allocations.allocation_id,
        later_allocations.child_key,
        later_allocations.worker_id,
        later_allocations.start_date,
        earlier_allocations.allocation_id as earlier_allocation_id,
        earlier_allocations.start_date as earlier_start_date,
        earlier_allocations.end_date as earlier_end_date,
        row_number() over (
            partition by later_allocations.la_code, later_allocations.allocation_id
            order by earlier_allocations.start_date desc, earlier_allocations.allocation_id desc
        ) as overlap_rank
    from worker_allocations as later_allocations
    inner join worker_allocations as earlier_allocations
        on
            later_allocations.la_code = earlier_allocations.la_code
            and later_allocations.child_key = earlier_allocations.child_key
            and later_allocations.worker_id = earlier_allocations.worker_id
            and later_allocations.allocation_id != earlier_allocations.allocation_id
            and (
                later_allocations.start_date > earlier_allocations.start_date
                or (
                    later_allocations.start_date = earlier_allocations.start_date
                    and later_allocations.allocation_id > earlier_allocations.allocation_id
                )
            )
            and coalesce(later_allocations.start_date < earlier_allocations.end_date, true)

),

worker_allocation_same_worker_overlaps as (

    -- the same allocation recorded twice: the second is listed once, against the earlier
    -- allocation that started last
    select
        {{ data_quality_failure_columns(
            'worker_allocation_same_worker_overlaps', 'carefirst_worker_allocations',
            'overlapping_allocations', 'allocation_id'
        ) }},
        {{ format_text(
            'worker {} allocated from {} while allocation {} from {} to {} was open',
            [
                'overlapping_allocations.worker_id',
                'overlapping_allocations.start_date',
                'overlapping_allocations.earlier_allocation_id',
                'overlapping_allocations.earlier_start_date',
                text_or_placeholder('overlapping_allocations.earlier_end_date', 'open')
            ]
        ) }} as detail
    from overlapping_allocations
    where overlapping_allocations.overlap_rank = 1

)

select * from worker_allocation_same_worker_overlaps
