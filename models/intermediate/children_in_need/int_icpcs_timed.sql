with

cp_conferences as (

    select * from {{ ref('stg_carefirst__cp_conferences') }}

),

section47_enquiries as (

    select * from {{ ref('stg_carefirst__section47_enquiries') }}

),

calendar_days as (

    select * from {{ ref('int_calendar_days_numbered') }}

),

initial_conferences as (

    -- transfer-in conferences (TRANSFER_IN) and reviews (RCPC) are not ICPCs
    select *
    from cp_conferences
    where conference_type = 'ICPC'

),

linked as (

    select
        initial_conferences.la_code,
        initial_conferences.conference_id,
        initial_conferences.child_key,
        initial_conferences.conference_date,
        initial_conferences.s47_id,
        initial_conferences.cp_plan_id,
        initial_conferences.is_plan_made,
        section47_enquiries.strategy_discussion_date,
        -- the limit: within 15 working days of the strategy discussion
        15 as working_days_allowed
    from initial_conferences
    left join section47_enquiries
        on
            initial_conferences.la_code = section47_enquiries.la_code
            and initial_conferences.s47_id = section47_enquiries.s47_id

),

timed as (

    -- the deadline is the last working day within the limit after the strategy discussion
    select
        linked.*,
        cast(
            conference_day.working_day_number - discussion_day.working_day_number as integer
        ) as working_days_from_strategy_discussion,
        due_day.calendar_date as due_date
    from linked
    left join calendar_days as discussion_day
        on linked.strategy_discussion_date = discussion_day.calendar_date
    left join calendar_days as conference_day
        on linked.conference_date = conference_day.calendar_date
    left join calendar_days as due_day
        on
            discussion_day.working_day_number + linked.working_days_allowed
            = due_day.working_day_number
            and due_day.is_working_day

),

judged as (

    select
        *,
        -- no linked s47 or no strategy discussion date counts as late
        coalesce(
            working_days_from_strategy_discussion <= working_days_allowed, false
        ) as is_within_15_working_days
    from timed

)

select * from judged
