{#-
    The authorities of the run: every la_code found in the staged extracts, or the run's
    var('la_code') when the extracts hold no row at all (so every measure still gets its
    rows). Every indicator model and mart takes its authorities from here.
-#}

with

children as (

    select * from {{ ref('stg_carefirst__children') }}

),

referrals as (

    select * from {{ ref('stg_carefirst__referrals') }}

),

assessments as (

    select * from {{ ref('stg_carefirst__assessments') }}

),

section47_enquiries as (

    select * from {{ ref('stg_carefirst__section47_enquiries') }}

),

cp_conferences as (

    select * from {{ ref('stg_carefirst__cp_conferences') }}

),

cp_plans as (

    select * from {{ ref('stg_carefirst__cp_plans') }}

),

cp_visits as (

    select * from {{ ref('stg_carefirst__cp_visits') }}

),

lac_episodes as (

    select * from {{ ref('stg_carefirst__lac_episodes') }}

),

lac_reviews as (

    select * from {{ ref('stg_carefirst__lac_reviews') }}

),

lac_visits as (

    select * from {{ ref('stg_carefirst__lac_visits') }}

),

foster_households as (

    select * from {{ ref('stg_carefirst__foster_households') }}

),

private_fostering_arrangements as (

    select * from {{ ref('stg_carefirst__private_fostering_arrangements') }}

),

authorities_seen as (

    select la_code from children
    union
    select la_code from referrals
    union
    select la_code from assessments
    union
    select la_code from section47_enquiries
    union
    select la_code from cp_conferences
    union
    select la_code from cp_plans
    union
    select la_code from cp_visits
    union
    select la_code from lac_episodes
    union
    select la_code from lac_reviews
    union
    select la_code from lac_visits
    union
    select la_code from foster_households
    union
    select la_code from private_fostering_arrangements

),

authorities as (

    select la_code from authorities_seen
    union
    select '{{ var("la_code") }}' as la_code
    where not exists (select 1 from authorities_seen)

)

select * from authorities
