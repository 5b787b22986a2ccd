with

source as (

    select * from {{ source('yot', 'yot_interventions') }}

),

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'yot', 'yot_interventions') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

identified as (

    {{ identifiers_pseudonymised('accepted', 'yot_interventions') }}

),

renamed as (

    select
        {{ la_code_or_default('la_code') }} as la_code,
        {{ extract_text('intervention_id') }} as intervention_id,
        {{ extract_date('start_date') }} as start_date,
        {{ extract_date('end_date') }} as end_date,
        {{ clean_code('intervention_type') }} as intervention_type,
        {{ yes_no_flag('is_ete_at_end') }} as is_ete_at_end,
        {{ extract_integer('ete_hours_at_end') }} as ete_hours_at_end,
        young_person_key
    from identified

)

select * from renamed
