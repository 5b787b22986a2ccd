{#-
    The authorities of the run: every la_code with a staged row in any extract of the contract
    (stg_extracts__load_counts, per extract and authority), or the run's var('la_code') when
    the extracts hold no staged row at all (so every measure still gets its rows). Every
    indicator model and mart takes its authorities from here; an extract or a system the
    contract gains is counted without a change.
-#}

with

load_counts as (

    select * from {{ ref('stg_extracts__load_counts') }}

),

authorities_seen as (

    select distinct la_code
    from load_counts
    where rows_staged > 0

),

authorities as (

    select la_code from authorities_seen
    union
    select '{{ var("la_code") }}' as la_code
    where not exists (select 1 from authorities_seen)

)

select * from authorities
