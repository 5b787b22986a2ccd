-- SSDA903 rules on looked-after children, their reviews and visits.
-- One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv); a rule of a kind that recurs is a call of a macro
-- of macros/data_quality_rules.sql.

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

    {{ code_not_in_list_failures(
        rule_id='lac_child_sex_invalid',
        extract='carefirst_children',
        records='looked_after_children',
        record_id='child_key',
        code_column='sex',
        code_list='sex_ssda903',
        detail='looked after, sex {}',
        missing_fails=true
    ) }}

),

lac_child_ethnicity_invalid as (

    {{ code_not_in_list_failures(
        rule_id='lac_child_ethnicity_invalid',
        extract='carefirst_children',
        records='looked_after_children',
        record_id='child_key',
        code_column='ethnicity',
        code_list='ethnicity',
        detail='looked after, ethnicity {}',
        missing_fails=true
    ) }}

),

lac_review_not_looked_after as (

    {{ no_episode_open_failures(
        rule_id='lac_review_not_looked_after',
        extract='carefirst_lac_reviews',
        records='lac_reviews',
        record_id='review_id',
        record_noun='review',
        date_column='review_date'
    ) }}

),

lac_review_after_18th_birthday as (

    select
        lac_reviews.la_code,
        'lac_review_after_18th_birthday' as rule_id,
        'carefirst_lac_reviews' as extract,
        lac_reviews.review_id as record_id,
        lac_reviews.child_key,
        {{ format_text('review on {}, on or after the 18th birthday (born {})', [
            'lac_reviews.review_date', 'children.date_of_birth'
        ]) }} as detail
    from lac_reviews
    inner join children
        on
            lac_reviews.la_code = children.la_code
            and lac_reviews.child_key = children.child_key
    where lac_reviews.review_date >= {{ add_years('children.date_of_birth', 18) }}

),

lac_visit_not_looked_after as (

    {{ no_episode_open_failures(
        rule_id='lac_visit_not_looked_after',
        extract='carefirst_lac_visits',
        records='lac_visits',
        record_id='visit_id',
        record_noun='visit',
        date_column='visit_date'
    ) }}

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
