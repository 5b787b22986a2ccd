"""The pseudonym map: one row per person identifier of any extract, in its namespace.

pseudonym = HMAC-SHA256(namespace key, identifier), in hex, where the identifier is trimmed as
staging trims it and the namespace is the contract's (meta.personal_columns in
seeds/_extracts__seeds.yml), listed by stg_extracts__person_identifiers. The namespace key of
the council's person identifier (`council_person`: CareFirst's child_id, and the same id in
Eclipse or YOIS) is the key itself, so a child's pseudonym (child_key) is the same in every
system and the same as before namespaces existed; every other namespace's key is
HMAC-SHA256(key, "namespace:" + namespace), so a pupil_id, a family_id or a victim_id equal to
some child_id never gets that child's pseudonym.

The key is the environment variable CSC_PSEUDONYMISATION_KEY, read here, in Python, and
nowhere else: it never appears in compiled SQL, in dbt's logs, in a view's definition or in the
repository. Every staging model swaps each person identifier for its pseudonym
(macros/identifiers_pseudonymised.sql), so from staging on a person is a pseudonym; the source
identifier survives only in this table (schema `internal`), which the internal exception lists
and data-quality failures join (through stg_extracts__child_pseudonyms) to name the record for
the team that fixes it.

The same key gives the same pseudonyms on every run (trends and lists stay linkable night after
night); a new key gives new ones. Written in Python because DuckDB has no keyed hash in SQL, and
a key written into SQL would be stored with every view built on it. The one DuckDB-specific
line is the relation returned (a port writes its engine's DataFrame there).
"""

import hashlib
import hmac
import os

KEY_VARIABLE = "CSC_PSEUDONYMISATION_KEY"
MINIMUM_KEY_LENGTH = 32
# the namespace hashed under the key itself (the child_key of every earlier build)
COUNCIL_PERSON = "council_person"


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


def namespace_key(key, namespace):
    """The key a namespace's identifiers are hashed under."""
    if namespace == COUNCIL_PERSON:
        return key
    return hmac.new(key, f"namespace:{namespace}".encode(), hashlib.sha256).digest()


def pseudonym(key, namespace, identifier):
    return hmac.new(
        namespace_key(key, namespace), identifier.encode("utf-8"), hashlib.sha256
    ).hexdigest()


def model(dbt, session):
    dbt.config(materialized="table")

    identifiers = sorted(dbt.ref("stg_extracts__person_identifiers").fetchall())
    key = pseudonymisation_key()
    namespaces = [namespace for namespace, _ in identifiers]
    values = [identifier for _, identifier in identifiers]
    pseudonyms = [pseudonym(key, namespace, value) for namespace, value in identifiers]
    return session.sql(
        "select unnest(cast($namespaces as varchar[])) as identifier_namespace,"
        " unnest(cast($identifiers as varchar[])) as identifier,"
        " unnest(cast($pseudonyms as varchar[])) as pseudonym",
        params={"namespaces": namespaces, "identifiers": values, "pseudonyms": pseudonyms},
    )
