"""Audit actions of the conduct app (registered at start-up by ConductConfig.ready)."""

from upright.audit.registry import action_register

MATTER_RECORDED = action_register(
    "conduct.matter.recorded", "A matter and its allegations were recorded"
)
MATTER_VIEWED = action_register("conduct.matter.viewed", "A matter was read")
PERSON_HISTORY_VIEWED = action_register(
    "conduct.person_history.viewed", "A person's conduct history was read"
)
MATTER_REFERRAL_CHECKED = action_register(
    "conduct.matter.referral_checked", "The IOPC referral check was recorded"
)
MATTER_IOPC_DECIDED = action_register(
    "conduct.matter.iopc_decided", "The IOPC's decision on the form of investigation was recorded"
)
MATTER_SEVERITY_ASSESSED = action_register(
    "conduct.matter.severity_assessed", "A reg 14 severity assessment was recorded"
)
MATTER_INVESTIGATOR_APPOINTED = action_register(
    "conduct.matter.investigator_appointed", "An investigator was appointed (reg 15)"
)
MATTER_CLOSED_NFA = action_register(
    "conduct.matter.closed_nfa", "A matter was closed with no further action"
)
MATTER_REOPENED = action_register("conduct.matter.reopened", "A closed matter was reopened")

SERVE_REG17_NOTICE = action_register(
    "conduct.matter.reg17_notice_served", "The reg 17 notice was served"
)
SCHEDULE_INTERVIEW = action_register(
    "conduct.matter.interview_scheduled", "An interview was arranged (reg 20)"
)
RECORD_INTERVIEW = action_register(
    "conduct.matter.interview_recorded", "An interview was held (reg 20)"
)
SUBMIT_REPORT = action_register(
    "conduct.matter.report_submitted", "The investigator's report was submitted (reg 21)"
)
RECORD_RESIGNATION = action_register(
    "conduct.matter.resignation_recorded", "The officer resigned or retired during the matter"
)
CERTIFY_SPECIAL_CONDITIONS = action_register(
    "conduct.matter.special_conditions_determined", "The special conditions were determined (reg 49)"
)
SERVE_AMH_NOTICE = action_register(
    "conduct.matter.amh_notice_served", "The AMH notice was served and the AMH listed (regs 51-52)"
)
CASE_TO_ANSWER = action_register(
    "conduct.matter.case_to_answer_decided", "The case to answer was determined (reg 23)"
)
SERVE_REG30_NOTICE = action_register(
    "conduct.matter.reg30_notice_served", "The notice of referral was served (reg 30)"
)
OFFICER_RESPONSE = action_register(
    "conduct.matter.officer_responded", "The officer's response was recorded (reg 31)"
)
BUNDLE_TO_CHAIR = action_register(
    "conduct.matter.bundle_sent", "Documents were supplied to the chair (reg 32)"
)
PRE_HEARING = action_register(
    "conduct.matter.pre_hearing_held", "The pre-hearing was held (reg 33)"
)
LIST_PROCEEDINGS = action_register(
    "conduct.matter.proceedings_listed", "The meeting or hearing was listed"
)
RECORD_OUTCOME = action_register(
    "conduct.matter.outcome_recorded", "Findings and disciplinary action were recorded (regs 41-42)"
)
NOTIFY_OUTCOME = action_register(
    "conduct.matter.outcome_notified", "The outcome was notified (reg 43)"
)
APPEAL = action_register("conduct.matter.appeal_lodged", "An appeal was lodged (reg 45 / PAT)")
DECIDE_APPEAL = action_register("conduct.matter.appeal_decided", "An appeal was decided")
CLOSE = action_register(
    "conduct.matter.closed_with_outcome", "A matter was closed with its outcome"
)
WITHDRAW = action_register(
    "conduct.matter.withdrawn", "Misconduct proceedings were withdrawn (reg 27)"
)
PAUSE_FOR_CRIMINAL = action_register(
    "conduct.matter.paused_for_criminal", "The matter was delayed for criminal proceedings (reg 10)"
)
RESUME = action_register("conduct.matter.resumed", "The matter resumed after criminal proceedings")
RPRP_NOTIFY = action_register(
    "conduct.matter.rprp_notified", "The officer was notified of the RPRP referral"
)
RPRP_FACT_FINDING = action_register(
    "conduct.matter.rprp_fact_finding", "RPRP fact-finding was recorded"
)
RPRP_DISCUSSION = action_register(
    "conduct.matter.rprp_discussion", "The RPRP discussion was recorded"
)
RPRP_REPORT = action_register(
    "conduct.matter.rprp_report", "The Reflective Review Development Report was recorded (reg 70)"
)
RPRP_REVIEW = action_register("conduct.matter.rprp_reviewed", "The RPRP report was reviewed")

# One audit action per state-table action; the gate looks it up by name.
ACTION_AUDIT: dict[str, str] = {
    "referral_check": MATTER_REFERRAL_CHECKED,
    "iopc_decision": MATTER_IOPC_DECIDED,
    "assess_severity": MATTER_SEVERITY_ASSESSED,
    "appoint_investigator": MATTER_INVESTIGATOR_APPOINTED,
    "close_nfa": MATTER_CLOSED_NFA,
    "reopen": MATTER_REOPENED,
    "serve_reg17_notice": SERVE_REG17_NOTICE,
    "schedule_interview": SCHEDULE_INTERVIEW,
    "record_interview": RECORD_INTERVIEW,
    "submit_report": SUBMIT_REPORT,
    "record_resignation": RECORD_RESIGNATION,
    "certify_special_conditions": CERTIFY_SPECIAL_CONDITIONS,
    "serve_amh_notice": SERVE_AMH_NOTICE,
    "case_to_answer": CASE_TO_ANSWER,
    "serve_reg30_notice": SERVE_REG30_NOTICE,
    "officer_response": OFFICER_RESPONSE,
    "bundle_to_chair": BUNDLE_TO_CHAIR,
    "pre_hearing": PRE_HEARING,
    "list_proceedings": LIST_PROCEEDINGS,
    "record_outcome": RECORD_OUTCOME,
    "notify_outcome": NOTIFY_OUTCOME,
    "appeal": APPEAL,
    "decide_appeal": DECIDE_APPEAL,
    "close": CLOSE,
    "withdraw": WITHDRAW,
    "pause_for_criminal": PAUSE_FOR_CRIMINAL,
    "resume": RESUME,
    "rprp_notify": RPRP_NOTIFY,
    "rprp_fact_finding": RPRP_FACT_FINDING,
    "rprp_discussion": RPRP_DISCUSSION,
    "rprp_report": RPRP_REPORT,
    "rprp_review": RPRP_REVIEW,
}

# ---- public complaints (PRA 2002 Sch 3; CMR 2020) ----
COMPLAINANT_RECORDED = action_register("conduct.complainant.recorded", "A complainant was recorded")
COMPLAINANT_LINKED = action_register(
    "conduct.complainant.linked", "A complainant or interested person was linked to a complaint"
)
ACTION_AUDIT.update({
    name: action_register(f"conduct.matter.{event}", description)
    for name, event, description in [
        ("handle_outside_schedule_3", "resolved_outside_sch3",
         "A complaint was resolved outside Schedule 3"),
        ("record_under_schedule_3", "recorded_under_sch3",
         "A complaint was recorded under Schedule 3 (para 2(6A))"),
        ("iopc_call_in", "iopc_called_in", "The DG called the complaint in (Sch 3 para 4(1)(c))"),
        ("handle_otherwise", "handled_otherwise",
         "A complaint was handled otherwise than by investigation (Sch 3 para 6)"),
        ("investigate_locally", "investigation_started",
         "A local investigation of a complaint began (Sch 3 para 16)"),
        ("dg_investigator_decision", "dg_investigator_decided",
         "The DG approved or replaced the investigator (Sch 3 para 18)"),
        ("determine_complaint", "complaint_determined",
         "The AA determined the complaint on the report (Sch 3 paras 24-24A)"),
        ("dg_direct_proceedings", "dg_proceedings_directed",
         "The DG recommended or directed proceedings (Sch 3 para 28A)"),
        ("notify_complainant_outcome", "complainant_outcome_notified",
         "The complainant was sent the outcome letter (CMR reg 33)"),
        ("apply_for_review", "review_applied", "A review was applied for (CMR reg 29)"),
        ("decide_review", "review_decided", "A review was decided (Sch 3 paras 6A, 25)"),
        ("close_complaint", "complaint_closed", "A complaint was closed after the review period"),
        ("contact_complainant", "complainant_contacted",
         "An update to the complainant was recorded (CMR Part 4)"),
    ]
})
