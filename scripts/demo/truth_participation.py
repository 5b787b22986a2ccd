"""Ground truth of the Participation section (docs/design.md, "Participation"), from the
generator's records: the two attendance measures, the tables' cells, and the section's reading of
participation in LAC reviews."""

from __future__ import annotations

from collections import Counter

from .ground_truth import Facts, Period, in_window, measure

# the section's reading: the child took part (PN1, PN2, PN3, PN5, PN6); PN4 (attends but does
# not speak for themselves or convey their views) and PN7 (neither attends nor conveys views) not
PARTICIPATED_SECTION = {"PN1", "PN2", "PN3", "PN5", "PN6"}


def conferences_held(f: Facts, p: Period, conference_type: str) -> set[str]:
    """ "each ICPC (transfer-in excluded) and RCPC counted once however many children it
    concerned": the distinct conference_ids of that type dated in the window.\""""
    return {
        c.conference_id
        for c in f.conferences
        if c.conference_type == conference_type and in_window(c.conference_date, p)
    }


def invitation_cells(f: Facts, p: Period, conference_type: str) -> Counter:
    """(invitee_role, attendance) -> invitations to the window's conferences of that type."""
    held = conferences_held(f, p, conference_type)
    return Counter(
        (i.invitee_role, i.attendance)
        for i in f.records["carefirst_conference_attendance"]
        if i.conference_id in held
    )


def _attended(f: Facts, p: Period, conference_type: str):
    """Invitations attended / all invitations, to the conferences of the type in the window."""
    cells = invitation_cells(f, p, conference_type)
    attended = sum(n for (_, a), n in cells.items() if a == "ATTENDED")
    return attended, sum(cells.values())


@measure
def icpc_invitee_attendance(f: Facts, p: Period):
    """ "invitations to ICPCs (transfer-in excluded) held in the window whose invitee attended /
    all invitations to those ICPCs\""""
    return _attended(f, p, "ICPC")


@measure
def rcpc_invitee_attendance(f: Facts, p: Period):
    """ "invitations to RCPCs held in the window whose invitee attended / all invitations to those
    RCPCs\""""
    return _attended(f, p, "RCPC")


@measure
def lac_review_participation_participation_section(f: Facts, p: Period):
    """ "LAC reviews held in the window with participation_code PN1, PN2, PN3, PN5 or PN6 /
    reviews held in the window, excluding PN0 (child under 4); a review with no code counts in
    the denominator only" (PN4 does not count as participation, unlike lac_review_participation).
    """
    num = den = 0
    for r in f.reviews:
        if not in_window(r.review_date, p) or r.participation_code == "PN0":
            continue
        den += 1
        if r.participation_code in PARTICIPATED_SECTION:
            num += 1
    return num, den


def conference_attendance_cells(f: Facts, periods: list[Period]) -> list[dict]:
    """The attendance tables' non-empty cells (marts.fct_conference_attendance), for the periods
    of the two attendance measures (financial years, and the latest complete quarter for
    Latest): one dict per (period_key, conference_type, invitee_role, attendance) with its
    invitations, from the generator's own records."""
    cells = []
    for p in periods:
        if p.basis not in ("financial_year", "financial_quarter"):
            continue
        if (p.key == "latest") != (p.basis == "financial_quarter"):
            continue
        for conference_type in ("ICPC", "RCPC"):
            counted = invitation_cells(f, p, conference_type)
            for (role, attendance), n in sorted(counted.items()):
                cells.append(
                    {
                        "period_key": p.key,
                        "conference_type": conference_type,
                        "invitee_role": role,
                        "attendance": attendance,
                        "invitations": n,
                    }
                )
    return cells
