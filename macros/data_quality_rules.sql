{#-
    The kinds of data-quality rule that recur in models/intermediate/data_quality/.

    Each macro below is the body of one rule's CTE, named after its rule_id
    (seeds/reference/data_quality_rules.csv): one row per failing record with the columns
    la_code, rule_id, extract, record_id, child_key, detail. A rule of a kind seen once stays
    plain SQL in its model. Arguments common to every macro:
    - rule_id: the rule's id in the seed (a literal);
    - extract: the extract the failing record comes from, e.g. 'carefirst_referrals';
    - records: the CTE of the calling model to check, with la_code and child_key;
    - record_id: the column of `records` that identifies the failing record.
    Column and CTE arguments are names, not SQL expressions; text arguments (detail,
    record_noun, activity) go inside a SQL string as they are, so hold no single quote.
-#}


{#-
    data_quality_failure_columns(rule_id, extract, records, record_id)

    The first five columns of a failing record, `la_code, rule_id, extract, record_id,
    child_key` (no trailing comma): the rule macros below add `detail`.
-#}
{% macro data_quality_failure_columns(rule_id, extract, records, record_id) -%}
    {{ records }}.la_code,
        '{{ rule_id }}' as rule_id,
        '{{ extract }}' as extract,
        {{ records }}.{{ record_id }} as record_id,
        {{ records }}.child_key
{%- endmacro %}


{#-
    end_before_start_failures(rule_id, extract, records, record_id, start_column, end_column)

    A record whose end_column is before its start_column (a null on either side passes).
    detail: "<end_column> <end> is before <start_column> <start>".
-#}
{% macro end_before_start_failures(
    rule_id, extract, records, record_id, start_column, end_column
) -%}
    select
        {{ data_quality_failure_columns(rule_id, extract, records, record_id) }},
        {{ format_text(
            end_column ~ ' {} is before ' ~ start_column ~ ' {}',
            [records ~ '.' ~ end_column, records ~ '.' ~ start_column]
        ) }} as detail
    from {{ records }}
    where {{ records }}.{{ end_column }} < {{ records }}.{{ start_column }}
{%- endmacro %}


{#-
    code_not_in_list_failures(
        rule_id, extract, records, record_id, code_column, code_list, detail,
        missing_fails=false, code_lists='code_lists'
    )

    A record whose code_column is not one of the codes of `code_list` in the seed
    data_quality_code_lists (imported by the model as the CTE `code_lists`). A missing code
    passes unless missing_fails, when it fails too and shows as 'missing'.
    detail: a format_text template with one {} for the code, e.g. 'closure_reason {} is not
    RC1-RC9'.
-#}
{% macro code_not_in_list_failures(
    rule_id, extract, records, record_id, code_column, code_list, detail,
    missing_fails=false, code_lists='code_lists'
) -%}
    {%- set code = records ~ '.' ~ code_column -%}
    select
        {{ data_quality_failure_columns(rule_id, extract, records, record_id) }},
        {%- if missing_fails %}
        {{ format_text(detail, [text_or_placeholder(code, 'missing')]) }} as detail
        {%- else %}
        {{ format_text(detail, [code]) }} as detail
        {%- endif %}
    from {{ records }}
    {%- if missing_fails %}
    where (
        {{ code }} is null
        or {{ code }} not in (
            select {{ code_lists }}.code from {{ code_lists }}
            where {{ code_lists }}.code_list = '{{ code_list }}'
        )
    )
    {%- else %}
    where {{ code }} not in (
        select {{ code_lists }}.code from {{ code_lists }}
        where {{ code_lists }}.code_list = '{{ code_list }}'
    )
    {%- endif %}
{%- endmacro %}


{#-
    ends_after_death_failures(rule_id, extract, records, record_id, record_noun, end_column)

    A record still open (end_column null) or ending after the child's death; `records`
    carries the child's date_of_death (a child not known to have died passes).
    detail: "child died <date_of_death> but the <record_noun> ends <end, or 'never (open)'>".
-#}
{% macro ends_after_death_failures(
    rule_id, extract, records, record_id, record_noun, end_column='end_date'
) -%}
    select
        {{ data_quality_failure_columns(rule_id, extract, records, record_id) }},
        {{ format_text(
            'child died {} but the ' ~ record_noun ~ ' ends {}',
            [
                records ~ '.date_of_death',
                text_or_placeholder(records ~ '.' ~ end_column, 'never (open)')
            ]
        ) }} as detail
    from {{ records }}
    where
        {{ records }}.date_of_death is not null
        and (
            {{ records }}.{{ end_column }} is null
            or {{ records }}.{{ end_column }} > {{ records }}.date_of_death
        )
{%- endmacro %}


{#-
    no_episode_open_failures(
        rule_id, extract, records, record_id, record_noun, date_column,
        episodes='lac_episodes'
    )

    A record (a review, a visit) of a child with no episode of care open on its date_column:
    none of the child's `episodes` (a CTE of stg_carefirst__lac_episodes) started on or before
    it and not ended before it (an episode ending that day still counts).
    detail: "<record_noun> on <date> with no episode open that day".
-#}
{% macro no_episode_open_failures(
    rule_id, extract, records, record_id, record_noun, date_column, episodes='lac_episodes'
) -%}
    select
        {{ data_quality_failure_columns(rule_id, extract, records, record_id) }},
        {{ format_text(
            record_noun ~ ' on {} with no episode open that day',
            [records ~ '.' ~ date_column]
        ) }} as detail
    from {{ records }}
    where not exists (
        select 1 from {{ episodes }}
        where
            {{ episodes }}.la_code = {{ records }}.la_code
            and {{ episodes }}.child_key = {{ records }}.child_key
            and {{ episodes }}.start_date <= {{ records }}.{{ date_column }}
            and (
                {{ episodes }}.end_date is null
                or {{ records }}.{{ date_column }} <= {{ episodes }}.end_date
            )
    )
{%- endmacro %}


{#-
    after_referral_closed_failures(
        rule_id, extract, records, record_id, activity, date_column, referrals='referrals'
    )

    A record of work on a referral (an assessment, a section 47 enquiry) whose date_column is
    after the referral's closure_date; `records` has referral_id, and `referrals` is the
    calling model's CTE of stg_carefirst__referrals (an open referral passes).
    detail: "<activity> <date> after referral <referral_id> closed <closure_date>".
-#}
{% macro after_referral_closed_failures(
    rule_id, extract, records, record_id, activity, date_column, referrals='referrals'
) -%}
    select
        {{ data_quality_failure_columns(rule_id, extract, records, record_id) }},
        {{ format_text(
            activity ~ ' {} after referral {} closed {}',
            [
                records ~ '.' ~ date_column,
                referrals ~ '.referral_id',
                referrals ~ '.closure_date'
            ]
        ) }} as detail
    from {{ records }}
    inner join {{ referrals }}
        on
            {{ records }}.la_code = {{ referrals }}.la_code
            and {{ records }}.referral_id = {{ referrals }}.referral_id
    where {{ records }}.{{ date_column }} > {{ referrals }}.closure_date
{%- endmacro %}


{#-
    records_overlapping_earlier(records, record_id, same_columns, start_column, end_column,
                                earlier_columns)

    The body of a CTE pairing each record with every earlier record of the same authority and
    `same_columns` (e.g. the same child and worker) that is still open when it starts: the
    earlier started before it (or the same day with a smaller record_id) and has no
    end_column, or ends after its start_column (starting on the earlier one's end day is a
    handover, not an overlap). Columns: every column of `records` (the later record), the
    earlier record's `earlier_columns` as earlier_<column>, and overlap_rank (1 for the earlier
    record that started last, ties by the greater record_id): a rule lists the later record
    once, where overlap_rank = 1.
-#}
{% macro records_overlapping_earlier(
    records, record_id, same_columns, start_column, end_column, earlier_columns
) -%}
    select
        later_records.*,
        {%- for column in earlier_columns %}
        earlier_records.{{ column }} as earlier_{{ column }},
        {%- endfor %}
        row_number() over (
            partition by later_records.la_code, later_records.{{ record_id }}
            order by
                earlier_records.{{ start_column }} desc, earlier_records.{{ record_id }} desc
        ) as overlap_rank
    from {{ records }} as later_records
    inner join {{ records }} as earlier_records
        on
            later_records.la_code = earlier_records.la_code
            {%- for column in same_columns %}
            and later_records.{{ column }} = earlier_records.{{ column }}
            {%- endfor %}
            and later_records.{{ record_id }} != earlier_records.{{ record_id }}
            and (
                later_records.{{ start_column }} > earlier_records.{{ start_column }}
                or (
                    later_records.{{ start_column }} = earlier_records.{{ start_column }}
                    and later_records.{{ record_id }} > earlier_records.{{ record_id }}
                )
            )
            and coalesce(
                later_records.{{ start_column }} < earlier_records.{{ end_column }}, true
            )
{%- endmacro %}


{#-
    unknown_parent_failures(
        rule_id, extract, records, record_id, parents, key_column, detail, detail_values
    )

    A record naming a parent record (`key_column`: a conference, a school, a young person)
    that the parent's extract (the CTE `parents`, with la_code and the same key column) lacks
    in the record's authority. A record with no key passes (a missing key is the contract's
    business). detail: a format_text template and its SQL values, e.g. 'excluded on {} from
    {}: the URN is not in education_schools'.
-#}
{% macro unknown_parent_failures(
    rule_id, extract, records, record_id, parents, key_column, detail, detail_values
) -%}
    select
        {{ data_quality_failure_columns(rule_id, extract, records, record_id) }},
        {{ format_text(detail, detail_values) }} as detail
    from {{ records }}
    left join {{ parents }}
        on
            {{ records }}.la_code = {{ parents }}.la_code
            and {{ records }}.{{ key_column }} = {{ parents }}.{{ key_column }}
    where
        {{ records }}.{{ key_column }} is not null
        and {{ parents }}.{{ key_column }} is null
{%- endmacro %}
