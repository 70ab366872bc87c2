"""Roles (DESIGN.md "Who uses it") and what each may do. Object-level rules (conflicts of
interest, compartments) are applied on top of these by each app's permission policy."""

from django.db import models


class Role(models.TextChoices):
    STAFF = "staff", "Officer or staff member"
    ASSESSOR = "assessor", "Assessor / caseworker (PSD)"
    INVESTIGATOR = "investigator", "Investigator"
    APPROPRIATE_AUTHORITY = "appropriate_authority", "Appropriate authority"
    PANEL = "panel", "Panel chair or member"
    VETTING_OFFICER = "vetting_officer", "Vetting officer"
    ANALYST = "analyst", "Integrity analyst"
    REVIEWER = "reviewer", "Reviewer / independent panel"
    OVERSIGHT = "oversight", "Oversight (LPB, IOPC)"
    AUDITOR = "auditor", "Auditor"
    ADMIN = "admin", "Administrator"


class Perm(models.TextChoices):
    REPORT_CONFIDENTIAL = "intake.report_confidential", "Make a confidential report"
    VIEW_TRIAGE = "intake.view_triage", "See the triage queue and reports"
    TRIAGE = "intake.triage", "Triage reports and write to reporters"
    VIEW_MATTER = "conduct.view_matter", "See matters"
    RECORD_MATTER = "conduct.record_matter", "Record matters and allegations"
    ASSESS = "conduct.assess", "Referral checks and severity assessments"
    INVESTIGATE = "conduct.investigate", "Investigation steps"
    VIEW_PERSON = "people.view_person", "See workforce records"
    VIEW_HISTORY = "people.view_history", "See a person's history"
    IMPORT_PEOPLE = "people.import", "Import HR extracts"
    VIEW_AUDIT = "audit.view", "Read and verify the audit log"
    SUSPENSIONS_VIEW = "suspensions.view", "See the suspension and restriction register"
    SUSPENSIONS_DECIDE = "suspensions.decide", "Suspend, restrict, review and end (PCR reg 11)"
    NOTICES_ISSUE = "notices.issue", "Issue notices, timeliness reports and harm-test decisions"
    NOTICES_SERVE = "notices.serve", "Record the service of a notice"
    NOTICES_VIEW = "notices.view", "Read notices"
    NOTICES_VIEW_TIMELINESS = "notices.view_timeliness", "Read timeliness reports"
    PUBLICATION_VIEW = "publication.view", "See drafts, reviews and every publication item"
    PUBLICATION_PREPARE = "publication.prepare", "Prepare hearing notices, outcomes and list-report tasks"
    PUBLICATION_REVIEW = "publication.review", "Redaction review and the chair's directions"
    PUBLICATION_PUBLISH = "publication.publish", "Approve, publish and withdraw"
    PUBLICATION_LIST_REPORT = "publication.list_report", "Barred and advisory list reports"
    VETTING_REQUEST_REVIEW = "vetting.request_review", "Ask the vetting unit to review a clearance"
    VETTING_REVIEW = "vetting.review", "Work vetting review requests"
    VETTING_VIEW = "vetting.view", "See clearances, the convictions register and declarations"
    VETTING_MANAGE = "vetting.manage", "Grant, renew and end clearances; record convictions"
    VETTING_SIMULATE = "vetting.simulate", "Run vetting policy simulations"
    VETTING_DECLARE = "vetting.declare", "Make one's own integrity declarations"
    VETTING_WITHDRAWAL = "vetting.withdrawal", "Carry out withdrawal assessments (Vetting Regs 2025)"
    VETTING_WITHDRAWAL_DECIDE = "vetting.withdrawal_decide", "Decide withdrawal assessments"
    VETTING_APPEAL = "vetting.appeal", "Record withdrawal appeals (appeal panel, PAT)"
    VETTING_LISTS = "vetting.lists", "Import and check the barred and advisory lists"
    SCREENING_VIEW = "screening.view", "See integrity screening runs, hits and the dashboard"
    SCREENING_DISPOSE = "screening.dispose", "Triage and dispose of integrity screening hits"
    SCREENING_RUN = "screening.run", "Start and resume integrity screening runs"
    PATTERNS_VIEW = "patterns.view", "See repeat-pattern alerts"
    PATTERNS_DECIDE = "patterns.decide", "Decide repeat-pattern alerts (act, or record why not)"
    PATTERNS_RULES = "patterns.rules", "Write and version repeat-pattern rules"
    CAMPAIGNS_VIEW = "campaigns.view", "See review campaigns and their progress"
    CAMPAIGNS_MANAGE = "campaigns.manage", "Build review cohorts and assign reviewers"
    CAMPAIGNS_REVIEW = "campaigns.review", "Review campaign items assigned to one"
    CAMPAIGNS_PANEL = "campaigns.panel", "Independent panel second review"
    INSIGHT_VIEW = "insight.view", "See statistics, returns, disproportionality and timeliness"
    INSIGHT_MODEL = "insight.model", "Train, audit and activate early-intervention models"
    INSIGHT_SCORES = "insight.scores", "See early-intervention scores and record interventions"
    ADMINISTER = "access.administer", "Users, roles and reference data"


_PSD_READ = {Perm.VIEW_TRIAGE, Perm.VIEW_MATTER, Perm.VIEW_PERSON, Perm.VIEW_HISTORY}
_NOTICES = {Perm.NOTICES_ISSUE, Perm.NOTICES_SERVE, Perm.NOTICES_VIEW, Perm.NOTICES_VIEW_TIMELINESS}

_PUBLICATION_DRAFT = {Perm.PUBLICATION_VIEW, Perm.PUBLICATION_PREPARE, Perm.PUBLICATION_REVIEW}

# Every employee declares their own associations and business interests (annual integrity
# review, APP Vetting), so every role held by an employee carries VETTING_DECLARE.
ROLE_PERMS: dict[str, frozenset[str]] = {
    Role.STAFF: frozenset({Perm.REPORT_CONFIDENTIAL, Perm.VETTING_DECLARE}),
    Role.ASSESSOR: frozenset(
        _PSD_READ | {Perm.REPORT_CONFIDENTIAL, Perm.TRIAGE, Perm.RECORD_MATTER, Perm.ASSESS,
                     Perm.SUSPENSIONS_VIEW, Perm.VETTING_REQUEST_REVIEW, Perm.PATTERNS_VIEW,
                     Perm.VETTING_DECLARE} | _NOTICES | _PUBLICATION_DRAFT
    ),
    Role.INVESTIGATOR: frozenset(
        {Perm.REPORT_CONFIDENTIAL, Perm.VIEW_MATTER, Perm.VIEW_PERSON, Perm.VIEW_HISTORY,
         Perm.INVESTIGATE, Perm.SUSPENSIONS_VIEW, Perm.VETTING_DECLARE} | _NOTICES
    ),
    Role.APPROPRIATE_AUTHORITY: frozenset(
        _PSD_READ | {Perm.REPORT_CONFIDENTIAL, Perm.TRIAGE, Perm.RECORD_MATTER, Perm.ASSESS,
                     Perm.INVESTIGATE, Perm.SUSPENSIONS_VIEW, Perm.SUSPENSIONS_DECIDE,
                     Perm.PUBLICATION_PUBLISH, Perm.PUBLICATION_LIST_REPORT,
                     Perm.VETTING_REQUEST_REVIEW, Perm.SCREENING_VIEW, Perm.SCREENING_DISPOSE,
                     Perm.PATTERNS_VIEW, Perm.PATTERNS_DECIDE, Perm.CAMPAIGNS_VIEW,
                     Perm.VETTING_VIEW, Perm.VETTING_WITHDRAWAL_DECIDE, Perm.VETTING_DECLARE,
                     Perm.INSIGHT_VIEW, Perm.INSIGHT_SCORES}
        | _NOTICES | _PUBLICATION_DRAFT
    ),
    Role.PANEL: frozenset({Perm.REPORT_CONFIDENTIAL, Perm.VIEW_MATTER, Perm.PUBLICATION_PREPARE,
                           Perm.VETTING_REQUEST_REVIEW, Perm.VETTING_APPEAL,
                           Perm.VETTING_DECLARE}),
    Role.VETTING_OFFICER: frozenset(
        {Perm.REPORT_CONFIDENTIAL, Perm.VIEW_PERSON, Perm.VIEW_HISTORY, Perm.PUBLICATION_LIST_REPORT,
         Perm.VETTING_REQUEST_REVIEW, Perm.VETTING_REVIEW, Perm.SCREENING_VIEW,
         Perm.VETTING_VIEW, Perm.VETTING_MANAGE, Perm.VETTING_SIMULATE, Perm.VETTING_WITHDRAWAL,
         Perm.VETTING_LISTS, Perm.PATTERNS_VIEW, Perm.VETTING_DECLARE}
    ),
    Role.ANALYST: frozenset(
        {Perm.REPORT_CONFIDENTIAL, Perm.VIEW_PERSON, Perm.VIEW_HISTORY, Perm.VIEW_MATTER,
         Perm.VETTING_REQUEST_REVIEW, Perm.SCREENING_VIEW, Perm.SCREENING_DISPOSE,
         Perm.SCREENING_RUN, Perm.PATTERNS_VIEW, Perm.PATTERNS_RULES, Perm.CAMPAIGNS_VIEW,
         Perm.CAMPAIGNS_MANAGE, Perm.VETTING_SIMULATE, Perm.VETTING_DECLARE,
         Perm.INSIGHT_VIEW, Perm.INSIGHT_MODEL}
    ),
    Role.REVIEWER: frozenset({Perm.REPORT_CONFIDENTIAL, Perm.VIEW_MATTER, Perm.VIEW_HISTORY,
                              Perm.VIEW_PERSON, Perm.CAMPAIGNS_VIEW, Perm.CAMPAIGNS_REVIEW,
                              Perm.CAMPAIGNS_PANEL, Perm.VETTING_DECLARE}),
    Role.OVERSIGHT: frozenset({Perm.VIEW_MATTER, Perm.NOTICES_VIEW_TIMELINESS, Perm.CAMPAIGNS_VIEW,
                               Perm.INSIGHT_VIEW}),
    Role.AUDITOR: frozenset({Perm.VIEW_AUDIT}),
    Role.ADMIN: frozenset({Perm.REPORT_CONFIDENTIAL, Perm.IMPORT_PEOPLE, Perm.ADMINISTER,
                           Perm.VIEW_PERSON, Perm.PATTERNS_RULES}),
}
