{#-
    A section is built when any of its measures has a family (the model computing it); then
    every measure of the section must have one, or the report would show a built section with
    a measure silently "not computed yet". Returns the measures of built sections without a
    family.
-#}
with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

built_sections as (

    select distinct section_id
    from catalogue
    where family is not null

),

uncomputed_in_built_sections as (

    select
        catalogue.section_id,
        catalogue.indicator_id
    from catalogue
    inner join built_sections
        on catalogue.section_id = built_sections.section_id
    where catalogue.family is null

)

select * from uncomputed_in_built_sections
