-- Rules on the YOIS extracts: the ages, dates and links the Youth Offending Team measures are
-- computed from. One row per failing record; each rule is one CTE named after its rule_id
-- (seeds/reference/data_quality_rules.csv). The records are YOIS's and name no CareFirst child
-- (child_key null; the seed's records_name_a_child false): record_id names the record, whose
-- young person the team finds in YOIS. An unknown remand outcome is a load rule (the
-- contract's code list): its row is rejected, named in the rejects.

with

young_people as (

    select * from {{ ref('stg_yot__young_people') }}

),

interventions as (

    select * from {{ ref('stg_yot__interventions') }}

),

disposals as (

    select * from {{ ref('stg_yot__disposals') }}

),

remand_decisions as (

    select * from {{ ref('stg_yot__remand_decisions') }}

),

disposals_linked as (

    -- the disposal with its young person's date of birth
    select
        disposals.la_code,
        disposals.disposal_id,
        disposals.disposal_type,
        disposals.disposal_date,
        disposals.young_person_key,
        cast(null as {{ dbt.type_string() }}) as child_key,
        young_people.date_of_birth
    from disposals
    left join young_people
        on
            disposals.la_code = young_people.la_code
            and disposals.young_person_key = young_people.young_person_key

),

remands_aged as (

    select
        remand_decisions.la_code,
        remand_decisions.decision_id,
        remand_decisions.outcome,
        remand_decisions.decision_date,
        cast(null as {{ dbt.type_string() }}) as child_key,
        young_people.date_of_birth
    from remand_decisions
    left join young_people
        on
            remand_decisions.la_code = young_people.la_code
            and remand_decisions.young_person_key = young_people.young_person_key

),

interventions_linked as (

    select
        *,
        cast(null as {{ dbt.type_string() }}) as child_key
    from interventions

),

yot_disposal_under_age_10 as (

    -- the age of criminal responsibility is 10 (Children and Young Persons Act 1933, s.50)
    select
        {{ data_quality_failure_columns(
            'yot_disposal_under_age_10', 'yot_disposals', 'disposals_linked', 'disposal_id'
        ) }},
        {{ format_text(
            '{} on {}, before the young person was 10',
            ['disposals_linked.disposal_type', 'disposals_linked.disposal_date']
        ) }} as detail
    from disposals_linked
    where disposals_linked.disposal_date < {{ add_years('disposals_linked.date_of_birth', 10) }}

),

yot_yda_remand_under_age_12 as (

    -- remand to youth detention accommodation is for 12 to 17 year olds (Legal Aid,
    -- Sentencing and Punishment of Offenders Act 2012, s.91 and s.98)
    select
        {{ data_quality_failure_columns(
            'yot_yda_remand_under_age_12', 'yot_remand_decisions', 'remands_aged', 'decision_id'
        ) }},
        {{ format_text(
            'remanded to youth detention accommodation on {}, before the young person was 12',
            ['remands_aged.decision_date']
        ) }} as detail
    from remands_aged
    where
        remands_aged.outcome = 'YDA'
        and remands_aged.decision_date < {{ add_years('remands_aged.date_of_birth', 12) }}

),

yot_intervention_ends_before_start as (

    {{ end_before_start_failures(
        rule_id='yot_intervention_ends_before_start',
        extract='yot_interventions',
        records='interventions_linked',
        record_id='intervention_id',
        start_column='start_date',
        end_column='end_date'
    ) }}

),

yot_disposal_of_unknown_young_person as (

    {{ unknown_parent_failures(
        rule_id='yot_disposal_of_unknown_young_person',
        extract='yot_disposals',
        records='disposals_linked',
        record_id='disposal_id',
        parents='young_people',
        key_column='young_person_key',
        detail='{} on {}: the young person is not in yot_young_people',
        detail_values=['disposals_linked.disposal_type', 'disposals_linked.disposal_date']
    ) }}

),

unioned as (

    select * from yot_disposal_under_age_10
    union all
    select * from yot_yda_remand_under_age_12
    union all
    select * from yot_intervention_ends_before_start
    union all
    select * from yot_disposal_of_unknown_young_person

)

select * from unioned
