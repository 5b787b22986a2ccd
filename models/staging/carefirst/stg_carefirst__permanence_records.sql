with

source as (

    select * from {{ source('carefirst', 'carefirst_permanence') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_permanence') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'carefirst_permanence') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('permanence_id') }} as permanence_id,
        {{ extract_date('best_interest_decision_date') }} as best_interest_decision_date,
        {{ extract_date('placement_order_date') }} as placement_order_date,
        {{ extract_date('matched_date') }} as matched_date,
        {{ extract_date('placed_for_adoption_date') }} as placed_for_adoption_date,
        {{ extract_date('adoption_order_date') }} as adoption_order_date,
        {{ yes_no_flag('is_adopted_by_foster_carer') }} as is_adopted_by_foster_carer,
        {{ extract_date('foster_carer_placement_date') }} as foster_carer_placement_date,
        {{ extract_date('decision_reversed_date') }} as decision_reversed_date,
        {{ clean_code('decision_reversed_reason') }} as decision_reversed_reason,
        child_key
    from identified

)

select * from renamed
