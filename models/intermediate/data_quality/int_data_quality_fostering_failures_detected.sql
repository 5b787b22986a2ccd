-- Contract rules on fostering households and private fostering arrangements.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv).

with

foster_households as (

    select * from {{ ref('stg_carefirst__foster_households') }}

),

private_fostering as (

    select * from {{ ref('stg_carefirst__private_fostering_arrangements') }}

),

private_fostering_ends_before_notified as (

    select
        private_fostering.la_code,
        'private_fostering_ends_before_notified' as rule_id,
        'carefirst_private_fostering' as extract,
        private_fostering.arrangement_id as record_id,
        private_fostering.child_key,
        format(
            'end_date {} is before notification_date {}',
            private_fostering.end_date, private_fostering.notification_date
        ) as detail
    from private_fostering
    where private_fostering.end_date < private_fostering.notification_date

),

foster_household_stages_out_of_order as (

    select
        foster_households.la_code,
        'foster_household_stages_out_of_order' as rule_id,
        'carefirst_foster_households' as extract,
        foster_households.household_id as record_id,
        null::varchar as child_key,
        format(
            'enquiry {}, stage one {}, stage two {}, approval {}, deregistered {}, withdrawn {}',
            foster_households.enquiry_date,
            foster_households.stage_one_start_date,
            foster_households.stage_two_start_date,
            foster_households.approval_date,
            foster_households.deregistered_date,
            foster_households.withdrawn_date
        ) as detail
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
