with

source as (

    select * from {{ source('carefirst', 'carefirst_section47_enquiries') }}

),

child_pseudonyms as (

    select * from {{ ref('stg_carefirst__child_pseudonyms') }}

),

checked as (

    {{ extract_rows_checked('source', 'carefirst', 'carefirst_section47_enquiries') }}

),

accepted as (

    select * from checked
    where reject_rules is null

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_section47_enquiries') }} as la_code,
        nullif(trim(cast(s47_id as varchar)), '') as s47_id,
        nullif(trim(cast(referral_id as varchar)), '') as referral_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        {{ extract_date('strategy_discussion_date') }} as strategy_discussion_date,
        {{ extract_date('completed_date') }} as completed_date,
        {{ yes_no_flag('is_icpc_required') }} as is_icpc_required
    from accepted

),

pseudonymised as (

    {{ child_pseudonymised('renamed') }}

)

select * from pseudonymised
