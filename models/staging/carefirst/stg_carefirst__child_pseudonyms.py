"""The child's pseudonym: one row per CareFirst child identifier found in any extract.

child_key = HMAC-SHA256(key, child_id), in hex, where the key is the environment variable
CSC_PSEUDONYMISATION_KEY. The key is read here, in Python, and nowhere else: it never appears in
compiled SQL, in dbt's logs, in a view's definition or in the repository. Every staging model
swaps the source identifier for this pseudonym, so from staging on a child is a child_key; the
source identifier survives only in this table (schema `internal`), which the internal
exception lists and data-quality failures join to name the record for the team that fixes it.

The same key gives the same pseudonyms on every run (trends and lists stay linkable night after
night); a new key gives new ones. Written in Python because DuckDB has no keyed hash in SQL, and
a key written into SQL would be stored with every view built on it.
"""

import hashlib
import hmac
import os

KEY_VARIABLE = "CSC_PSEUDONYMISATION_KEY"
MINIMUM_KEY_LENGTH = 32


def pseudonymisation_key():
    key = os.environ.get(KEY_VARIABLE, "")
    if len(key) < MINIMUM_KEY_LENGTH:
        raise RuntimeError(
            f"{KEY_VARIABLE} is not set or shorter than {MINIMUM_KEY_LENGTH} characters: "
            "children's identifiers are pseudonymised with a keyed hash whose key comes from "
            "the environment, never from the repository. `make build` creates one in "
            "build/pseudonymisation.key on the first run; a council sets its own from its "
            "secrets store and keeps it for as long as pseudonyms must stay linkable."
        )
    return key.encode("utf-8")


def model(dbt, session):
    dbt.config(materialized="table")

    # every extract with a child_id column (dbt reads literal source names only)
    extracts = [
        dbt.source("carefirst", "carefirst_children"),
        dbt.source("carefirst", "carefirst_referrals"),
        dbt.source("carefirst", "carefirst_assessments"),
        dbt.source("carefirst", "carefirst_section47_enquiries"),
        dbt.source("carefirst", "carefirst_cp_conferences"),
        dbt.source("carefirst", "carefirst_cp_plans"),
        dbt.source("carefirst", "carefirst_cp_visits"),
        dbt.source("carefirst", "carefirst_lac_episodes"),
        dbt.source("carefirst", "carefirst_lac_reviews"),
        dbt.source("carefirst", "carefirst_lac_visits"),
        dbt.source("carefirst", "carefirst_private_fostering"),
    ]

    # as the staging models clean it: trimmed, empty is missing
    identifiers = None
    for extract in extracts:
        cleaned = extract.project("nullif(trim(cast(child_id as varchar)), '') as child_id")
        identifiers = cleaned if identifiers is None else identifiers.union(cleaned)
    child_ids = sorted(
        child_id
        for (child_id,) in identifiers.filter("child_id is not null").distinct().fetchall()
    )

    key = pseudonymisation_key()
    child_keys = [
        hmac.new(key, child_id.encode("utf-8"), hashlib.sha256).hexdigest()
        for child_id in child_ids
    ]
    return session.sql(
        "select unnest(cast($child_ids as varchar[])) as child_id,"
        " unnest(cast($child_keys as varchar[])) as child_key",
        params={"child_ids": child_ids, "child_keys": child_keys},
    )
