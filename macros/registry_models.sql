{#-
    The models the registry's unions read, named once.

    dbt resolves every ref() when it parses the project, before any seed can be read, so the
    models that stack one model per family or per area cannot take the list from the catalogue
    at run time. These macros are that list, in one place; tests/e2e/test_project_conventions.py
    holds them to the catalogue and the rule seed (every family of
    seeds/reference/indicator_catalogue.csv has its model here, every family with an
    exception-list measure its case model, every model of the data-quality folder its area) and
    to the models on disk, so a family or an area left out fails a test. (The unit test of
    fct_indicator_values gives each family model as an input: dbt refuses to compile a unit
    test that leaves one out.)

    indicator_families()
        The catalogue's families (column family) whose measures are built: each has a family
        model int_<family>_indicators_computed (fct_indicator_values stacks them).
    case_families()
        The families with an exception-list measure (has_exception_list): each has a case model
        int_<family>_cases_judged (fct_indicator_exceptions stacks them).
    exception_record_types()
        The kinds of record the case models judge (record_type of the case models and of
        fct_indicator_exceptions): the accepted values of both.
    data_quality_areas()
        The data-quality rule areas: each has a model int_data_quality_<area>_failures_detected
        (int_data_quality_failures_detected stacks them).
-#}
{% macro indicator_families() -%}
    {{ return([
        'quality_assurance',
        'children_in_need',
        'looked_after_children',
        'adoption',
        'care_leavers',
        'workforce',
        'participation',
        'early_help',
        'all_age_disability',
        'education',
        'cse_missing_dv_fgm',
        'youth_offending',
    ]) }}
{%- endmacro %}

{% macro case_families() -%}
    {{ return([
        'quality_assurance',
        'looked_after_children',
        'care_leavers',
        'early_help',
        'all_age_disability',
        'education',
        'cse_missing_dv_fgm',
    ]) }}
{%- endmacro %}

{% macro data_quality_areas() -%}
    {{ return([
        'lac_episode',
        'lac_child',
        'referral',
        'child_protection',
        'fostering',
        'adoption',
        'care_leaver',
        'worker_allocation',
        'conference_invitation',
        'early_help',
        'sen_plan',
        'disability',
        'education',
        'missing_and_exploitation',
        'youth_offending',
    ]) }}
{%- endmacro %}

{% macro exception_record_types() -%}
    {{ return([
        'icpc',
        'cp_visit',
        'cp_plan',
        'assessment',
        'lac_review',
        'review_slot',
        'lac_visit',
        'care_leaver_contact',
        'care_leaver_birthday',
        'care_leaver',
        'funding_term',
        'sen_plan',
        'pupil_enrolment',
        'exclusion',
        'cme_investigation',
        'missing_episode',
        'cse_screening',
        'marac_referral',
    ]) }}
{%- endmacro %}
