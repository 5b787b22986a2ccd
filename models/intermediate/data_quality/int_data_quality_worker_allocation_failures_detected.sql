-- Contract rules on the allocations of workers to children (carefirst_worker_allocations).
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv).

with

worker_allocations as (

    select * from {{ ref('stg_carefirst__worker_allocations') }}

),

-- a second allocation of one worker to one child that begins before an earlier one ends
-- (or while it is open; beginning on its end day is a handover of the same worker, not a
-- second record; two starting on one day: the greater allocation_id is the second); its
-- earlier allocations ranked, the latest start first
overlapping_allocations as (

    {{ records_overlapping_earlier(
        records='worker_allocations',
        record_id='allocation_id',
        same_columns=['child_key', 'worker_id'],
        start_column='start_date',
        end_column='end_date',
        earlier_columns=['allocation_id', 'start_date', 'end_date']
    ) }}

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
