{#-
    The children's part of the pseudonym map: the council's person identifiers (namespace
    council_person) as child_id and their pseudonyms as child_key, the columns the internal
    exception lists and data-quality failures join to name a child for the team.
-#}

with

pseudonyms as (

    select * from {{ ref('stg_extracts__pseudonyms') }}

),

children as (

    select
        identifier as child_id,
        pseudonym as child_key
    from pseudonyms
    where identifier_namespace = 'council_person'

)

select * from children
