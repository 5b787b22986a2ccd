-- SSDA903 validator rules on the adoption journey (carefirst_permanence against the LAC
-- episodes) and the contract's own rule on foster-carer adoptions.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv); a rule of a kind that recurs is a call of a macro
-- of macros/data_quality_rules.sql.

with

permanence_records as (

    select * from {{ ref('stg_carefirst__permanence_records') }}

),

lac_episodes as (

    select * from {{ ref('stg_carefirst__lac_episodes') }}

),

adoption_decision_after_placement_order as (

    {{ end_before_start_failures(
        rule_id='adoption_decision_after_placement_order',
        extract='carefirst_permanence',
        records='permanence_records',
        record_id='permanence_id',
        start_column='best_interest_decision_date',
        end_column='placement_order_date'
    ) }}

),

adoption_decision_after_match as (

    {{ end_before_start_failures(
        rule_id='adoption_decision_after_match',
        extract='carefirst_permanence',
        records='permanence_records',
        record_id='permanence_id',
        start_column='best_interest_decision_date',
        end_column='matched_date'
    ) }}

),

adoption_match_after_placement as (

    {{ end_before_start_failures(
        rule_id='adoption_match_after_placement',
        extract='carefirst_permanence',
        records='permanence_records',
        record_id='permanence_id',
        start_column='matched_date',
        end_column='placed_for_adoption_date'
    ) }}

),

adoption_order_before_placement as (

    -- an adoption order with no date placed for adoption, or before it
    select
        {{ data_quality_failure_columns(
            'adoption_order_before_placement', 'carefirst_permanence',
            'permanence_records', 'permanence_id'
        ) }},
        {{ format_text(
            'adoption_order_date {} with placed_for_adoption_date {}',
            [
                'permanence_records.adoption_order_date',
                text_or_placeholder('permanence_records.placed_for_adoption_date', 'none')
            ]
        ) }} as detail
    from permanence_records
    where
        permanence_records.adoption_order_date is not null
        and (
            permanence_records.placed_for_adoption_date is null
            or permanence_records.adoption_order_date
            < permanence_records.placed_for_adoption_date
        )

),

adoption_reversed_but_adopted as (

    select
        {{ data_quality_failure_columns(
            'adoption_reversed_but_adopted', 'carefirst_permanence',
            'permanence_records', 'permanence_id'
        ) }},
        {{ format_text(
            'adoption_order_date {} with decision_reversed_date {}',
            [
                'permanence_records.adoption_order_date',
                'permanence_records.decision_reversed_date'
            ]
        ) }} as detail
    from permanence_records
    where
        permanence_records.adoption_order_date is not null
        and permanence_records.decision_reversed_date is not null

),

adoption_foster_carer_date_missing as (

    select
        {{ data_quality_failure_columns(
            'adoption_foster_carer_date_missing', 'carefirst_permanence',
            'permanence_records', 'permanence_id'
        ) }},
        'adopted by foster carers with no foster_carer_placement_date' as detail
    from permanence_records
    where
        permanence_records.is_adopted_by_foster_carer
        and permanence_records.foster_carer_placement_date is null

),

adoption_exits as (

    select * from lac_episodes
    where reason_ceased in ('E11', 'E12')

),

adoption_exit_without_permanence as (

    -- an episode ending in adoption (REC E11, E12) with no permanence record of the child
    -- placed for adoption on or before that end
    select
        {{ data_quality_failure_columns(
            'adoption_exit_without_permanence', 'carefirst_lac_episodes',
            'adoption_exits', 'episode_id'
        ) }},
        {{ format_text(
            'episode ended {} with reason_ceased {} and no permanence record placed for adoption by then',
            ['adoption_exits.end_date', 'adoption_exits.reason_ceased']
        ) }} as detail
    from adoption_exits
    where not exists (
        select 1
        from permanence_records
        where
            permanence_records.la_code = adoption_exits.la_code
            and permanence_records.child_key = adoption_exits.child_key
            and permanence_records.placed_for_adoption_date <= adoption_exits.end_date
    )

),

unioned as (

    select * from adoption_decision_after_placement_order
    union all
    select * from adoption_decision_after_match
    union all
    select * from adoption_match_after_placement
    union all
    select * from adoption_order_before_placement
    union all
    select * from adoption_reversed_but_adopted
    union all
    select * from adoption_foster_carer_date_missing
    union all
    select * from adoption_exit_without_permanence

)

select * from unioned
