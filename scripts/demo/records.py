"""The extracts the demo writes (CareFirst, Eclipse, education, YOIS, MARAC): record types and CSV output.

Field names are the column names of seeds/_extracts__seeds.yml, in the same order; every file
also starts with `la_code`. Dates are `datetime.date` (written YYYY-MM-DD), flags are "Y"/"N",
None is written as an empty cell (unknown / not recorded / still open).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass

# extract name -> columns in the declared order (without the leading la_code)
EXTRACT_COLUMNS: dict[str, list[str]] = {
    "carefirst_children": [
        "child_id",
        "date_of_birth",
        "sex",
        "ethnicity",
        "upn",
        "date_of_death",
        "is_uasc",
    ],
    "carefirst_referrals": [
        "referral_id",
        "child_id",
        "referral_date",
        "referral_source",
        "primary_need_code",
        "is_nfa",
        "closure_date",
        "closure_reason",
    ],
    "carefirst_assessments": [
        "assessment_id",
        "referral_id",
        "child_id",
        "start_date",
        "authorised_date",
        "is_child_seen",
        "is_child_seen_alone",
    ],
    "carefirst_section47_enquiries": [
        "s47_id",
        "referral_id",
        "child_id",
        "strategy_discussion_date",
        "completed_date",
        "is_icpc_required",
    ],
    "carefirst_cp_conferences": [
        "conference_id",
        "child_id",
        "conference_type",
        "conference_date",
        "s47_id",
        "cp_plan_id",
        "is_plan_made",
    ],
    "carefirst_cp_plans": [
        "cp_plan_id",
        "child_id",
        "referral_id",
        "start_date",
        "end_date",
        "initial_category",
        "latest_category",
        "visit_interval_days",
        "previous_plan_count",
    ],
    "carefirst_cp_visits": [
        "visit_id",
        "cp_plan_id",
        "child_id",
        "visit_date",
        "is_child_seen",
        "is_child_seen_alone",
    ],
    "carefirst_lac_episodes": [
        "episode_id",
        "child_id",
        "start_date",
        "reason_new_episode",
        "legal_status",
        "category_of_need",
        "placement_type",
        "placement_provider",
        "carer_id",
        "end_date",
        "reason_ceased",
        "reason_placement_changed",
        "home_postcode",
        "placement_postcode",
    ],
    "carefirst_lac_reviews": ["review_id", "child_id", "review_date", "participation_code"],
    "carefirst_lac_visits": [
        "visit_id",
        "child_id",
        "visit_date",
        "is_child_seen",
        "is_child_seen_alone",
    ],
    "carefirst_foster_households": [
        "household_id",
        "enquiry_date",
        "stage_one_start_date",
        "stage_two_start_date",
        "approval_date",
        "deregistered_date",
        "withdrawn_date",
    ],
    "carefirst_private_fostering": ["arrangement_id", "child_id", "notification_date", "end_date"],
    # the later CareFirst sections (adoption, care leavers, workforce, participation)
    "carefirst_permanence": [
        "permanence_id",
        "child_id",
        "best_interest_decision_date",
        "placement_order_date",
        "matched_date",
        "placed_for_adoption_date",
        "adoption_order_date",
        "is_adopted_by_foster_carer",
        "foster_carer_placement_date",
        "decision_reversed_date",
        "decision_reversed_reason",
    ],
    "carefirst_adopter_households": [
        "household_id",
        "enquiry_date",
        "stage_one_start_date",
        "stage_two_start_date",
        "approval_date",
        "matched_date",
        "withdrawn_date",
    ],
    "carefirst_legal_orders": [
        "order_id",
        "child_id",
        "order_type",
        "order_date",
        "is_to_former_foster_carer",
    ],
    "carefirst_care_leavers": ["child_id", "eligibility", "start_date", "end_date"],
    "carefirst_care_leaver_contacts": [
        "contact_id",
        "child_id",
        "contact_date",
        "eligibility",
        "in_touch",
        "activity",
        "accommodation",
        "pathway_plan_date",
        "is_staying_put",
    ],
    "carefirst_worker_allocations": [
        "allocation_id",
        "child_id",
        "worker_id",
        "worker_role",
        "start_date",
        "end_date",
    ],
    "carefirst_conference_attendance": ["conference_id", "invitee_role", "attendance"],
    # issue 10: disability (CareFirst), early help (Eclipse), SEN and two-year funding
    # (education)
    "carefirst_child_disabilities": ["child_id", "disability_code"],
    "carefirst_short_breaks": ["break_id", "child_id", "start_date", "end_date", "break_type"],
    "eclipse_early_help_assessments": [
        "eha_id",
        "child_id",
        "family_id",
        "date_of_birth",
        "start_date",
        "completed_date",
        "closed_date",
        "lead_agency",
        "closure_reason",
        "is_step_down",
    ],
    "eclipse_outcome_star_readings": [
        "reading_id",
        "family_id",
        "eha_id",
        "reading_date",
        "star_version",
        "total_score",
    ],
    "education_two_year_funding": ["child_id", "term_start_date", "is_eligible", "is_taking_up"],
    "education_sen_plans": [
        "plan_id",
        "child_id",
        "date_of_birth",
        "plan_type",
        "is_transfer",
        "request_date",
        "issued_date",
        "has_exception",
        "ceased_date",
        "transfer_review_date",
        "transition_plan_date",
    ],
    "education_schools": [
        "school_urn",
        "school_name",
        "phase",
        "is_state_funded",
        "open_date",
        "close_date",
        "predecessor_urn",
    ],
    "education_inspections": [
        "school_urn",
        "inspection_date",
        "publication_date",
        "inspection_type",
        "overall_effectiveness",
    ],
    "education_pupil_attendance": [
        "academic_year",
        "pupil_id",
        "school_urn",
        "date_of_birth",
        "enrolment_status",
        "possible_sessions",
        "authorised_absence_sessions",
        "unauthorised_absence_sessions",
    ],
    "education_school_census": [
        "academic_year",
        "census_date",
        "pupil_id",
        "school_urn",
        "date_of_birth",
        "enrolment_status",
        "is_resident_in_la",
        "child_id",
    ],
    "education_exclusions": [
        "exclusion_id",
        "pupil_id",
        "school_urn",
        "exclusion_type",
        "start_date",
        "sessions",
        "is_rescinded",
        "alternative_provision_start_date",
    ],
    "education_learning_plans": [
        "plan_id",
        "pupil_id",
        "arranged_by",
        "start_date",
        "end_date",
        "weekly_hours",
    ],
    "education_cme_investigations": [
        "investigation_id",
        "child_id",
        "opened_date",
        "closed_date",
        "outcome",
    ],
    "carefirst_missing_episodes": [
        "missing_episode_id",
        "child_id",
        "missing_type",
        "start_datetime",
        "end_datetime",
        "is_rhi_offered",
        "rhi_offered_datetime",
        "rhi_datetime",
        "is_rhi_accepted",
        "responsible_la_code",
    ],
    "carefirst_cse_screenings": [
        "screening_id",
        "child_id",
        "screening_date",
        "tool",
        "risk_level",
    ],
    "carefirst_mase_discussions": [
        "meeting_id",
        "meeting_date",
        "child_id",
        "risk_level",
    ],
    "carefirst_assessment_factors": [
        "assessment_id",
        "child_id",
        "factor_code",
    ],
    "marac_referrals": [
        "referral_id",
        "victim_id",
        "referral_date",
        "incident_date",
    ],
    "yot_young_people": [
        "young_person_id",
        "date_of_birth",
        "sex",
        "child_id",
    ],
    "yot_interventions": [
        "intervention_id",
        "young_person_id",
        "start_date",
        "end_date",
        "intervention_type",
        "is_ete_at_end",
        "ete_hours_at_end",
    ],
    "yot_disposals": [
        "disposal_id",
        "young_person_id",
        "disposal_date",
        "disposal_type",
    ],
    "yot_remand_decisions": [
        "decision_id",
        "young_person_id",
        "decision_date",
        "outcome",
    ],
}

# the first column of each extract: its identifier where it has one (the education
# inspections, attendance and census rows have none: their key is a combination)
EXTRACT_KEYS: dict[str, str] = {name: cols[0] for name, cols in EXTRACT_COLUMNS.items()}


@dataclass(slots=True)
class Child:
    child_id: str
    date_of_birth: dt.date
    sex: str
    ethnicity: str
    upn: str | None
    date_of_death: dt.date | None
    is_uasc: str


@dataclass(slots=True)
class Referral:
    referral_id: str
    child_id: str
    referral_date: dt.date
    referral_source: str
    primary_need_code: str
    is_nfa: str
    closure_date: dt.date | None
    closure_reason: str | None


@dataclass(slots=True)
class Assessment:
    assessment_id: str
    referral_id: str
    child_id: str
    start_date: dt.date
    authorised_date: dt.date | None
    is_child_seen: str | None
    is_child_seen_alone: str | None


@dataclass(slots=True)
class Section47:
    s47_id: str
    referral_id: str
    child_id: str
    strategy_discussion_date: dt.date | None
    completed_date: dt.date | None
    is_icpc_required: str | None


@dataclass(slots=True)
class Conference:
    conference_id: str
    child_id: str
    conference_type: str
    conference_date: dt.date
    s47_id: str | None
    cp_plan_id: str | None
    is_plan_made: str | None


@dataclass(slots=True)
class CPPlan:
    cp_plan_id: str
    child_id: str
    referral_id: str
    start_date: dt.date
    end_date: dt.date | None
    initial_category: str
    latest_category: str
    visit_interval_days: int
    previous_plan_count: int


@dataclass(slots=True)
class CPVisit:
    visit_id: str
    cp_plan_id: str
    child_id: str
    visit_date: dt.date
    is_child_seen: str | None
    is_child_seen_alone: str | None


@dataclass(slots=True)
class Episode:
    episode_id: str
    child_id: str
    start_date: dt.date
    reason_new_episode: str
    legal_status: str
    category_of_need: str
    placement_type: str
    placement_provider: str | None
    carer_id: str | None
    end_date: dt.date | None
    reason_ceased: str | None
    reason_placement_changed: str | None
    home_postcode: str | None
    placement_postcode: str | None


@dataclass(slots=True)
class LACReview:
    review_id: str
    child_id: str
    review_date: dt.date
    participation_code: str | None


@dataclass(slots=True)
class LACVisit:
    visit_id: str
    child_id: str
    visit_date: dt.date
    is_child_seen: str | None
    is_child_seen_alone: str | None


@dataclass(slots=True)
class FosterHousehold:
    household_id: str
    enquiry_date: dt.date
    stage_one_start_date: dt.date | None
    stage_two_start_date: dt.date | None
    approval_date: dt.date | None
    deregistered_date: dt.date | None
    withdrawn_date: dt.date | None


@dataclass(slots=True)
class PrivateFostering:
    arrangement_id: str
    child_id: str
    notification_date: dt.date
    end_date: dt.date | None


@dataclass(slots=True)
class Permanence:
    permanence_id: str
    child_id: str
    best_interest_decision_date: dt.date | None
    placement_order_date: dt.date | None
    matched_date: dt.date | None
    placed_for_adoption_date: dt.date | None
    adoption_order_date: dt.date | None
    is_adopted_by_foster_carer: str | None
    foster_carer_placement_date: dt.date | None
    decision_reversed_date: dt.date | None
    decision_reversed_reason: str | None


@dataclass(slots=True)
class AdopterHousehold:
    household_id: str
    enquiry_date: dt.date
    stage_one_start_date: dt.date | None
    stage_two_start_date: dt.date | None
    approval_date: dt.date | None
    matched_date: dt.date | None
    withdrawn_date: dt.date | None


@dataclass(slots=True)
class LegalOrder:
    order_id: str
    child_id: str
    order_type: str
    order_date: dt.date
    is_to_former_foster_carer: str | None


@dataclass(slots=True)
class CareLeaverStatus:
    child_id: str
    eligibility: str
    start_date: dt.date
    end_date: dt.date | None


@dataclass(slots=True)
class CareLeaverContact:
    contact_id: str
    child_id: str
    contact_date: dt.date
    eligibility: str
    in_touch: str | None
    activity: str | None
    accommodation: str | None
    pathway_plan_date: dt.date | None
    is_staying_put: str | None


@dataclass(slots=True)
class WorkerAllocation:
    allocation_id: str
    child_id: str
    worker_id: str
    worker_role: str
    start_date: dt.date
    end_date: dt.date | None


@dataclass(slots=True)
class ConferenceInvitation:
    conference_id: str
    invitee_role: str
    attendance: str


@dataclass(slots=True)
class ChildDisability:
    child_id: str
    disability_code: str


@dataclass(slots=True)
class ShortBreak:
    break_id: str
    child_id: str
    start_date: dt.date
    end_date: dt.date | None
    break_type: str


@dataclass(slots=True)
class EarlyHelpAssessment:
    eha_id: str
    child_id: str
    family_id: str
    date_of_birth: dt.date | None
    start_date: dt.date
    completed_date: dt.date | None
    closed_date: dt.date | None
    lead_agency: str
    closure_reason: str | None
    is_step_down: str


@dataclass(slots=True)
class OutcomeStarReading:
    reading_id: str
    family_id: str
    eha_id: str
    reading_date: dt.date
    star_version: str
    total_score: int


@dataclass(slots=True)
class TwoYearFunding:
    child_id: str
    term_start_date: dt.date
    is_eligible: str
    is_taking_up: str


@dataclass(slots=True)
class SenPlan:
    plan_id: str
    child_id: str
    date_of_birth: dt.date | None
    plan_type: str
    is_transfer: str
    request_date: dt.date | None
    issued_date: dt.date
    has_exception: str | None
    ceased_date: dt.date | None
    transfer_review_date: dt.date | None
    transition_plan_date: dt.date | None


@dataclass(slots=True)
class School:
    school_urn: str
    school_name: str
    phase: str  # NURSERY PRIMARY SECONDARY SPECIAL PRU ALL_THROUGH
    is_state_funded: str
    open_date: dt.date
    close_date: dt.date | None
    predecessor_urn: str | None  # the school a converter academy replaced


@dataclass(slots=True)
class Inspection:
    school_urn: str
    inspection_date: dt.date
    publication_date: dt.date | None
    inspection_type: str  # SECTION_5, SHORT
    overall_effectiveness: int  # 1 outstanding .. 4 inadequate


@dataclass(slots=True)
class PupilAttendance:
    academic_year: str  # 2015/16
    pupil_id: str
    school_urn: str
    date_of_birth: dt.date
    enrolment_status: str  # C single, M dual main, S dual subsidiary
    possible_sessions: int
    authorised_absence_sessions: int
    unauthorised_absence_sessions: int


@dataclass(slots=True)
class SchoolCensus:
    academic_year: str
    census_date: dt.date  # the January census day
    pupil_id: str
    school_urn: str
    date_of_birth: dt.date
    enrolment_status: str
    is_resident_in_la: str
    child_id: str | None  # the CareFirst child_id of a pupil known to social care


@dataclass(slots=True)
class Exclusion:
    exclusion_id: str
    pupil_id: str
    school_urn: str
    exclusion_type: str  # PERMANENT, FIXED
    start_date: dt.date
    sessions: int | None  # fixed-period exclusions: sessions excluded
    is_rescinded: str
    alternative_provision_start_date: dt.date | None  # permanent exclusions


@dataclass(slots=True)
class LearningPlan:
    plan_id: str
    pupil_id: str
    arranged_by: str  # LA, SCHOOL
    start_date: dt.date
    end_date: dt.date | None
    weekly_hours: float  # written as given (e.g. 21.5)


@dataclass(slots=True)
class CmeInvestigation:
    investigation_id: str
    child_id: str
    opened_date: dt.date
    closed_date: dt.date | None
    outcome: str | None  # LOCATED_IN_EDUCATION MOVED_AWAY EHE MISSING_FROM_EDUCATION OTHER


@dataclass(slots=True)
class MissingEpisode:
    missing_episode_id: str
    child_id: str
    missing_type: str  # M missing, A away
    start_datetime: dt.datetime  # written YYYY-MM-DD HH:MM
    end_datetime: dt.datetime | None  # None: still missing at extraction
    is_rhi_offered: str | None  # Y/N; None while the child is missing
    rhi_offered_datetime: dt.datetime | None
    rhi_datetime: dt.datetime | None  # the return home interview held
    is_rhi_accepted: str | None  # Y/N; None when not offered
    responsible_la_code: str | None  # another authority's code: a child it placed here


@dataclass(slots=True)
class CseScreening:
    screening_id: str
    child_id: str
    screening_date: dt.date
    tool: str  # BARNARDOS_JST, OTHER
    risk_level: str  # NONE LOW MEDIUM HIGH


@dataclass(slots=True)
class MaseDiscussion:
    meeting_id: str
    meeting_date: dt.date
    child_id: str
    risk_level: str  # LOW MEDIUM HIGH


@dataclass(slots=True)
class AssessmentFactor:
    assessment_id: str
    child_id: str
    factor_code: str  # CIN census factor at the end of assessment (22A FGM, 4A CSE, ...)


@dataclass(slots=True)
class MaracReferral:
    referral_id: str
    victim_id: str  # an adult victim: MARAC's own identifier
    referral_date: dt.date
    incident_date: dt.date | None


@dataclass(slots=True)
class YoungPerson:
    young_person_id: str
    date_of_birth: dt.date
    sex: str  # 1 male, 2 female, 9 not stated (as carefirst_children)
    child_id: str | None  # the CareFirst child_id of a young person known to social care


@dataclass(slots=True)
class YotIntervention:
    intervention_id: str
    young_person_id: str
    start_date: dt.date
    end_date: dt.date | None
    intervention_type: (
        str  # PREVENTION OUT_OF_COURT REFERRAL_ORDER YOUTH_REHABILITATION_ORDER DTO OTHER
    )
    is_ete_at_end: str | None  # Y/N once ended
    ete_hours_at_end: int | None


@dataclass(slots=True)
class YotDisposal:
    disposal_id: str
    young_person_id: str
    disposal_date: dt.date
    disposal_type: str  # COMMUNITY_RESOLUTION YOUTH_CAUTION YOUTH_CONDITIONAL_CAUTION COURT


@dataclass(slots=True)
class RemandDecision:
    decision_id: str
    young_person_id: str
    decision_date: dt.date
    outcome: str  # UNCONDITIONAL_BAIL CONDITIONAL_BAIL REMAND_LA_ACCOMMODATION YDA


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_extracts(records: dict[str, list], out_dir: str, la_code: str) -> dict[str, int]:
    """Write one CSV per extract; returns the row count of each."""
    os.makedirs(out_dir, exist_ok=True)
    counts = {}
    for name, columns in EXTRACT_COLUMNS.items():
        rows = records[name]
        path = os.path.join(out_dir, f"{name}.csv")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(["la_code", *columns])
            for rec in rows:
                writer.writerow([la_code, *(_cell(getattr(rec, c)) for c in columns)])
        counts[name] = len(rows)
    return counts
