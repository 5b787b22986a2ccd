with

source as (

    select * from {{ source('carefirst', 'carefirst_section47_enquiries') }}

),

renamed as (

    select
        {{ la_code_column('carefirst', 'carefirst_section47_enquiries') }} as la_code,
        nullif(trim(cast(s47_id as varchar)), '') as s47_id,
        nullif(trim(cast(referral_id as varchar)), '') as referral_id,
        nullif(trim(cast(child_id as varchar)), '') as child_id,
        cast(strategy_discussion_date as date) as strategy_discussion_date,
        cast(completed_date as date) as completed_date,
        {{ yes_no_flag('is_icpc_required') }} as is_icpc_required
    from source

)

select * from renamed
