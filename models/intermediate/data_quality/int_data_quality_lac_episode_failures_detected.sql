-- SSDA903 rules on the episodes of care (carefirst_lac_episodes).
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

code_lists as (

    select * from {{ ref('data_quality_code_lists') }}

),

episodes_sequenced as (

    select
        lac_episodes.*,
        lag(lac_episodes.episode_id) over child_episodes as previous_episode_id,
        lag(lac_episodes.start_date) over child_episodes as previous_start_date,
        lag(lac_episodes.end_date) over child_episodes as previous_end_date,
        lag(lac_episodes.reason_ceased) over child_episodes as previous_reason_ceased
    from lac_episodes
    window child_episodes as (
        partition by lac_episodes.la_code, lac_episodes.child_key
        order by lac_episodes.start_date, lac_episodes.episode_id
    )

),

episodes_with_child as (

    select
        lac_episodes.*,
        children.date_of_birth,
        children.date_of_death,
        {{ add_years('children.date_of_birth', 18) }} as eighteenth_birthday
    from lac_episodes
    left join children
        on
            lac_episodes.la_code = children.la_code
            and lac_episodes.child_key = children.child_key

),

lac_episode_ends_before_start as (

    {{ end_before_start_failures(
        rule_id='lac_episode_ends_before_start',
        extract='carefirst_lac_episodes',
        records='episodes_sequenced',
        record_id='episode_id',
        start_column='start_date',
        end_column='end_date'
    ) }}

),

lac_episode_overlaps_previous as (

    select
        episodes_sequenced.la_code,
        'lac_episode_overlaps_previous' as rule_id,
        'carefirst_lac_episodes' as extract,
        episodes_sequenced.episode_id as record_id,
        episodes_sequenced.child_key,
        {{ format_text('starts {} while episode {} (from {}) ends {}', [
            'episodes_sequenced.start_date',
            'episodes_sequenced.previous_episode_id',
            'episodes_sequenced.previous_start_date',
            text_or_placeholder('episodes_sequenced.previous_end_date', 'never (open)')
        ]) }} as detail
    from episodes_sequenced
    where
        episodes_sequenced.previous_episode_id is not null
        and (
            episodes_sequenced.previous_end_date is null
            or episodes_sequenced.start_date < episodes_sequenced.previous_end_date
        )

),

lac_episode_duplicate_start as (

    select
        episodes_sequenced.la_code,
        'lac_episode_duplicate_start' as rule_id,
        'carefirst_lac_episodes' as extract,
        episodes_sequenced.episode_id as record_id,
        episodes_sequenced.child_key,
        {{ format_text('starts {}, the same day as episode {}', [
            'episodes_sequenced.start_date', 'episodes_sequenced.previous_episode_id'
        ]) }} as detail
    from episodes_sequenced
    where episodes_sequenced.start_date = episodes_sequenced.previous_start_date

),

lac_episode_new_period_without_gap as (

    select
        episodes_sequenced.la_code,
        'lac_episode_new_period_without_gap' as rule_id,
        'carefirst_lac_episodes' as extract,
        episodes_sequenced.episode_id as record_id,
        episodes_sequenced.child_key,
        {{ format_text('reason_new_episode S on {}, the day episode {} ended', [
            'episodes_sequenced.start_date', 'episodes_sequenced.previous_episode_id'
        ]) }} as detail
    from episodes_sequenced
    where
        episodes_sequenced.reason_new_episode = 'S'
        and episodes_sequenced.previous_end_date = episodes_sequenced.start_date

),

lac_episode_continuation_after_gap as (

    select
        episodes_sequenced.la_code,
        'lac_episode_continuation_after_gap' as rule_id,
        'carefirst_lac_episodes' as extract,
        episodes_sequenced.episode_id as record_id,
        episodes_sequenced.child_key,
        {{ format_text('reason_new_episode {} on {} but episode {} ended {}', [
            'episodes_sequenced.reason_new_episode',
            'episodes_sequenced.start_date',
            'episodes_sequenced.previous_episode_id',
            text_or_placeholder('episodes_sequenced.previous_end_date', 'never (open)')
        ]) }} as detail
    from episodes_sequenced
    where
        episodes_sequenced.reason_new_episode in ('L', 'P', 'T', 'U', 'B')
        and episodes_sequenced.previous_episode_id is not null
        and episodes_sequenced.previous_end_date is distinct from episodes_sequenced.start_date

),

lac_episode_not_started_after_ceasing as (

    select
        episodes_sequenced.la_code,
        'lac_episode_not_started_after_ceasing' as rule_id,
        'carefirst_lac_episodes' as extract,
        episodes_sequenced.episode_id as record_id,
        episodes_sequenced.child_key,
        {{ format_text('episode {} ceased {} but reason_new_episode is {}', [
            'episodes_sequenced.previous_episode_id',
            'episodes_sequenced.previous_reason_ceased',
            text_or_placeholder('episodes_sequenced.reason_new_episode', 'missing')
        ]) }} as detail
    from episodes_sequenced
    where
        episodes_sequenced.previous_reason_ceased != 'X1'
        and episodes_sequenced.reason_new_episode is distinct from 'S'

),

lac_episode_placement_type_invalid as (

    {{ code_not_in_list_failures(
        rule_id='lac_episode_placement_type_invalid',
        extract='carefirst_lac_episodes',
        records='lac_episodes',
        record_id='episode_id',
        code_column='placement_type',
        code_list='placement_type',
        detail='placement_type {} is not a PLACE code'
    ) }}

),

lac_episode_placement_provider_not_required as (

    select
        lac_episodes.la_code,
        'lac_episode_placement_provider_not_required' as rule_id,
        'carefirst_lac_episodes' as extract,
        lac_episodes.episode_id as record_id,
        lac_episodes.child_key,
        {{ format_text('placement_provider {} given for placement_type {}, which takes none', [
            'lac_episodes.placement_provider', 'lac_episodes.placement_type'
        ]) }} as detail
    from lac_episodes
    where
        lac_episodes.placement_provider is not null
        and lac_episodes.placement_type in (
            select code_lists.code from code_lists
            where code_lists.code_list = 'placement_type_without_provider'
        )

),

lac_episode_placement_provider_missing as (

    select
        lac_episodes.la_code,
        'lac_episode_placement_provider_missing' as rule_id,
        'carefirst_lac_episodes' as extract,
        lac_episodes.episode_id as record_id,
        lac_episodes.child_key,
        {{ format_text('no placement_provider for placement_type {}', [
            text_or_placeholder('lac_episodes.placement_type', 'missing')
        ]) }} as detail
    from lac_episodes
    where
        lac_episodes.placement_provider is null
        and (
            lac_episodes.placement_type is null
            or lac_episodes.placement_type not in (
                select code_lists.code from code_lists
                where code_lists.code_list = 'placement_type_without_provider'
            )
        )

),

lac_episode_reason_ceased_invalid as (

    {{ code_not_in_list_failures(
        rule_id='lac_episode_reason_ceased_invalid',
        extract='carefirst_lac_episodes',
        records='lac_episodes',
        record_id='episode_id',
        code_column='reason_ceased',
        code_list='reason_ceased',
        detail='reason_ceased {} is not a REC code'
    ) }}

),

lac_episode_started_aged_18_or_over as (

    select
        episodes_with_child.la_code,
        'lac_episode_started_aged_18_or_over' as rule_id,
        'carefirst_lac_episodes' as extract,
        episodes_with_child.episode_id as record_id,
        episodes_with_child.child_key,
        {{ format_text('started to be looked after {}, on or after the 18th birthday {}', [
            'episodes_with_child.start_date', 'episodes_with_child.eighteenth_birthday'
        ]) }} as detail
    from episodes_with_child
    where
        episodes_with_child.reason_new_episode = 'S'
        and episodes_with_child.start_date >= episodes_with_child.eighteenth_birthday

),

lac_episode_open_after_death as (

    {{ ends_after_death_failures(
        rule_id='lac_episode_open_after_death',
        extract='carefirst_lac_episodes',
        records='episodes_with_child',
        record_id='episode_id',
        record_noun='episode'
    ) }}

),

unioned as (

    select * from lac_episode_ends_before_start
    union all
    select * from lac_episode_overlaps_previous
    union all
    select * from lac_episode_duplicate_start
    union all
    select * from lac_episode_new_period_without_gap
    union all
    select * from lac_episode_continuation_after_gap
    union all
    select * from lac_episode_not_started_after_ceasing
    union all
    select * from lac_episode_placement_type_invalid
    union all
    select * from lac_episode_placement_provider_not_required
    union all
    select * from lac_episode_placement_provider_missing
    union all
    select * from lac_episode_reason_ceased_invalid
    union all
    select * from lac_episode_started_aged_18_or_over
    union all
    select * from lac_episode_open_after_death

)

select * from unioned
