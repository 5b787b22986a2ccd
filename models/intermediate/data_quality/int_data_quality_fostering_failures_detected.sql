-- Contract rules on fostering households and private fostering arrangements.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv); a rule of a kind that recurs is a call of a macro
-- of macros/data_quality_rules.sql.

with

foster_households as (

    select * from {{ ref('stg_carefirst__foster_households') }}

),

private_fostering as (

    select * from {{ ref('stg_carefirst__private_fostering_arrangements') }}

),

private_fostering_ends_before_notified as (

    {{ end_before_start_failures(
        rule_id='private_fostering_ends_before_notified',
        extract='carefirst_private_fostering',
        records='private_fostering',
        record_id='arrangement_id',
        start_column='notification_date',
        end_column='end_date'
    ) }}

),

foster_household_stages_out_of_order as (

    select
        foster_households.la_code,
        'foster_household_stages_out_of_order' as rule_id,
        'carefirst_foster_households' as extract,
        foster_households.household_id as record_id,
        cast(null as {{ dbt.type_string() }}) as child_key,
        -- a stage not reached (or a household never withdrawn) reads 'none'
        {{ format_text(
            'enquiry {}, stage one {}, stage two {}, approval {}, deregistered {}, withdrawn {}',
            [
                text_or_placeholder('foster_households.enquiry_date', 'none'),
                text_or_placeholder('foster_households.stage_one_start_date', 'none'),
                text_or_placeholder('foster_households.stage_two_start_date', 'none'),
                text_or_placeholder('foster_households.approval_date', 'none'),
                text_or_placeholder('foster_households.deregistered_date', 'none'),
                text_or_placeholder('foster_households.withdrawn_date', 'none')
            ]
        ) }} as detail
    from foster_households
    where
        foster_households.stage_one_start_date < foster_households.enquiry_date
        or foster_households.stage_two_start_date < foster_households.stage_one_start_date
        or foster_households.stage_two_start_date < foster_households.enquiry_date
        or foster_households.approval_date < foster_households.stage_two_start_date
        or foster_households.approval_date < foster_households.enquiry_date
        or foster_households.deregistered_date < foster_households.approval_date
        or foster_households.withdrawn_date < foster_households.enquiry_date

),

unioned as (

    select * from private_fostering_ends_before_notified
    union all
    select * from foster_household_stages_out_of_order

)

select * from unioned
