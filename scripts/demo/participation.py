"""Invitations to child protection conferences (carefirst_conference_attendance) for the demo.

Every conference of carefirst_cp_conferences (ICPC, RCPC and transfer-in, one set of invitations
per conference_id) gets invitees by role. The conferences of each financial quarter and type are
taken together: each role is invited round(N x its rate) times over the quarter's N conferences
(its rate being the document's invitations of that role per conference in Q1 2016/17), the
allocated social worker at most once a conference and the family at least once where it can,
and the invitations' attendance (ATTENDED, REPORT_SENT, NO_REPORT) is split by the document's
shares for that role and conference type (largest remainders), then shuffled over the
conferences. Transfer-in conferences are invited as ICPCs, in a quarter's group of their own
(the measures leave them out). Drawn
from this process's own random stream (SECTION_PROCESSES), after the journeys.

Calibration: the document's two Q1 2016/17 tables (Participation section); when the demo's
conference counts equal the document's (54 ICPCs and 57 RCPCs, implied by the allocated social
worker's invitations), its cells are the document's.
"""

from __future__ import annotations

from collections import defaultdict

ROLES = [
    "PARENT_FAMILY",
    "GP",
    "HEALTH_VISITOR",
    "MIDWIFE",
    "PAEDIATRICIAN",
    "SCHOOL_NURSE",
    "SCHOOL",
    "POLICE",
    "MENTAL_HEALTH",
    "PROBATION",
    "ADDICTION_SERVICE",
    "ALLOCATED_SW",
    "DUTY_SW",
    "MANAGER",
    "CHILDRENS_CENTRE",
    "OTHER",
]
OUTCOMES = ("ATTENDED", "REPORT_SENT", "NO_REPORT")

# the document's Q1 2016/17 tables: per role, (attended, report sent, no report)
DOCUMENT_TABLES = {
    "ICPC": [
        (94, 0, 0), (1, 16, 29), (32, 0, 1), (15, 0, 0), (0, 0, 0), (28, 0, 1), (28, 2, 2),
        (51, 3, 0), (2, 0, 0), (2, 1, 0), (8, 0, 2), (51, 3, 0), (5, 0, 0), (6, 0, 0),
        (20, 2, 3), (58, 0, 0),
    ],
    "RCPC": [
        (74, 0, 0), (0, 6, 50), (25, 2, 2), (6, 0, 1), (0, 1, 0), (30, 0, 0), (34, 1, 1),
        (1, 38, 4), (2, 0, 0), (1, 1, 1), (9, 0, 0), (51, 5, 1), (6, 0, 0), (4, 0, 0),
        (8, 1, 2), (46, 1, 0),
    ],
}  # fmt: skip
# the document's conferences in the quarter: the allocated social worker's invitations
DOCUMENT_CONFERENCES = {"ICPC": 54, "RCPC": 57}


def _split(k: int, shares: tuple[int, ...]) -> list[int]:
    """k split in proportion to shares, by largest remainders (ties to the earlier outcome)."""
    total = sum(shares)
    if total == 0 or k == 0:
        return [0] * len(shares)
    exact = [k * s / total for s in shares]
    parts = [int(x) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: k - sum(parts)]:
        parts[i] += 1
    return parts


def _quarter(d) -> tuple[int, int]:
    year = d.year if d.month >= 4 else d.year - 1
    return year, (d.month - 4) % 12 // 3 + 1


def conference_invitations(sim) -> None:
    rng = sim.rng
    out = sim.records["carefirst_conference_attendance"]
    from .records import ConferenceInvitation

    conferences: dict[tuple, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for c in sorted(sim.records["carefirst_cp_conferences"], key=lambda c: c.conference_id):
        if c.conference_id in seen:
            continue
        seen.add(c.conference_id)
        kind = c.conference_type if c.conference_type in ("ICPC", "RCPC") else "TRANSFER_IN"
        conferences[(kind, _quarter(c.conference_date))].append(c.conference_id)

    for (kind, _), ids in sorted(conferences.items()):
        n = len(ids)
        like = "RCPC" if kind == "RCPC" else "ICPC"  # transfer-in conferences invite as ICPCs
        table = DOCUMENT_TABLES[like]
        invited: list[tuple[str, str, str]] = []
        for role, shares in zip(ROLES, table, strict=True):
            k = round(n * sum(shares) / DOCUMENT_CONFERENCES[like])
            if role == "ALLOCATED_SW":
                targets = rng.sample(ids, min(k, n))
            elif role == "PARENT_FAMILY" and k >= n:
                targets = ids + [rng.choice(ids) for _ in range(k - n)]
            else:
                targets = [rng.choice(ids) for _ in range(k)]
            outcomes = [
                o
                for o, m in zip(OUTCOMES, _split(len(targets), shares), strict=True)
                for _ in range(m)
            ]
            rng.shuffle(outcomes)
            invited += [(cid, role, o) for cid, o in zip(targets, outcomes, strict=True)]
        for cid, role, outcome in sorted(invited, key=lambda i: (i[0], ROLES.index(i[1]))):
            out.append(
                ConferenceInvitation(conference_id=cid, invitee_role=role, attendance=outcome)
            )
