-- SSDA903 rules on looked-after children, their reviews and visits.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv).

with

children as (

    select * from {{ ref('stg_carefirst__children') }}

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

code_lists as (

    select * from {{ ref('data_quality_code_lists') }}

),

looked_after_children as (

    select distinct children.*
    from children
    inner join lac_episodes
        on
            children.la_code = lac_episodes.la_code
            and children.child_key = lac_episodes.child_key

),

lac_child_sex_invalid as (

    select
        looked_after_children.la_code,
        'lac_child_sex_invalid' as rule_id,
        'carefirst_children' as extract,
        looked_after_children.child_key as record_id,
        looked_after_children.child_key,
        format('looked after, sex {}', coalesce(looked_after_children.sex, 'missing')) as detail
    from looked_after_children
    where (
        looked_after_children.sex is null
        or looked_after_children.sex not in (
            select code_lists.code from code_lists
            where code_lists.code_list = 'sex_ssda903'
        )
    )

),

lac_child_ethnicity_invalid as (

    select
        looked_after_children.la_code,
        'lac_child_ethnicity_invalid' as rule_id,
        'carefirst_children' as extract,
        looked_after_children.child_key as record_id,
        looked_after_children.child_key,
        format(
            'looked after, ethnicity {}', coalesce(looked_after_children.ethnicity, 'missing')
        ) as detail
    from looked_after_children
    where (
        looked_after_children.ethnicity is null
        or looked_after_children.ethnicity not in (
            select code_lists.code from code_lists
            where code_lists.code_list = 'ethnicity'
        )
    )

),

lac_review_not_looked_after as (

    select
        lac_reviews.la_code,
        'lac_review_not_looked_after' as rule_id,
        'carefirst_lac_reviews' as extract,
        lac_reviews.review_id as record_id,
        lac_reviews.child_key,
        format('review on {} with no episode open that day', lac_reviews.review_date) as detail
    from lac_reviews
    where not exists (
        select 1 from lac_episodes
        where
            lac_episodes.la_code = lac_reviews.la_code
            and lac_episodes.child_key = lac_reviews.child_key
            and lac_episodes.start_date <= lac_reviews.review_date
            and (
                lac_episodes.end_date is null
                or lac_reviews.review_date <= lac_episodes.end_date
            )
    )

),

lac_review_after_18th_birthday as (

    select
        lac_reviews.la_code,
        'lac_review_after_18th_birthday' as rule_id,
        'carefirst_lac_reviews' as extract,
        lac_reviews.review_id as record_id,
        lac_reviews.child_key,
        format(
            'review on {}, on or after the 18th birthday (born {})',
            lac_reviews.review_date, children.date_of_birth
        ) as detail
    from lac_reviews
    inner join children
        on
            lac_reviews.la_code = children.la_code
            and lac_reviews.child_key = children.child_key
    where lac_reviews.review_date >= cast(children.date_of_birth + interval 18 year as date)

),

lac_visit_not_looked_after as (

    select
        lac_visits.la_code,
        'lac_visit_not_looked_after' as rule_id,
        'carefirst_lac_visits' as extract,
        lac_visits.visit_id as record_id,
        lac_visits.child_key,
        format('visit on {} with no episode open that day', lac_visits.visit_date) as detail
    from lac_visits
    where not exists (
        select 1 from lac_episodes
        where
            lac_episodes.la_code = lac_visits.la_code
            and lac_episodes.child_key = lac_visits.child_key
            and lac_episodes.start_date <= lac_visits.visit_date
            and (
                lac_episodes.end_date is null
                or lac_visits.visit_date <= lac_episodes.end_date
            )
    )

),

unioned as (

    select * from lac_child_sex_invalid
    union all
    select * from lac_child_ethnicity_invalid
    union all
    select * from lac_review_not_looked_after
    union all
    select * from lac_review_after_18th_birthday
    union all
    select * from lac_visit_not_looked_after

)

select * from unioned
