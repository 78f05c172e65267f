"""The labels of the IRCT "Clinical Trial Protocol" export, by section.

Each section ("scope") maps a label, as the export prints it, to the record field it fills
and the kind of value it holds. The kind decides how the value is read:

- text: free text; every following line until the next label belongs to it;
- line: a one-line value; a following line continues it only when it plainly wraps
  (the line before ends with a comma or hyphen, or the next starts in lower case),
  otherwise the following line is taken as a label the reader does not know;
- date: a dual-calendar date `2024-06-22, 1403/04/02`;
- int, number, age, yesno, web: a line value read into that type.

Section headers switch scope. A repeating section (ethics committees, sponsors, ...) holds
numbered blocks; `sub` names the sub-header that may open each block.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT, LINE, DATE, INT, NUMBER, AGE, YESNO, WEB = ("text", "line", "date", "int", "number", "age", "yesno", "web")


@dataclass(frozen=True)
class Section:
    name: str  # scope name
    path: str  # where its fields go in the record
    fields: dict  # label -> (field, kind)
    repeating: bool = False
    sub: tuple = ()  # sub-headers that open or label a block (no value)


SUMMARY = {
    "Study aim": ("aim", TEXT),
    "Design": ("design", TEXT),
    "Settings and conduct": ("settings", TEXT),
    "Participants/Inclusion and exclusion criteria": ("participants", TEXT),
    "Intervention groups": ("interventions", TEXT),
    "Main outcome variables": ("main_outcomes", TEXT),
}

# Fields of the "General information" part. Paths are absolute here.
GENERAL = {
    "Reason for update": ("registration.reason_for_update", TEXT),
    "Acronym": ("titles.acronym", LINE),
    "IRCT registration number": ("registration.number", LINE),
    "Registration date": ("registration.date", DATE),
    "Registration timing": ("registration.timing", LINE),
    "Last update": ("registration.last_update", DATE),
    "Update count": ("registration.update_count", INT),
    "Recruitment status": ("recruitment.status", LINE),
    "Funding source": ("funding_source", TEXT),
    "Expected recruitment start date": ("recruitment.expected_start", DATE),
    "Expected recruitment end date": ("recruitment.expected_end", DATE),
    "Actual recruitment start date": ("recruitment.actual_start", DATE),
    "Actual recruitment end date": ("recruitment.actual_end", DATE),
    "Trial completion date": ("recruitment.completion_date", DATE),
    "Scientific title": ("titles.scientific", TEXT),
    "Public title": ("titles.public", TEXT),
    "Purpose": ("design.purpose", LINE),
    "Inclusion criteria": ("eligibility.inclusion", TEXT),
    "Exclusion criteria": ("eligibility.exclusion", TEXT),
    "Age": ("eligibility.age", AGE),
    "Gender": ("eligibility.gender", LINE),
    "Phase": ("design.phase", LINE),
    "Groups that have been masked": ("design.masked_groups", TEXT),
    "Target sample size": ("design.target_sample_size", INT),
    "Actual sample size": ("design.actual_sample_size", INT),
    "Randomization (investigator's opinion)": ("design.randomization", LINE),
    "Randomization description": ("design.randomization_description", TEXT),
    "Blinding (investigator's opinion)": ("design.blinding", LINE),
    "Blinding description": ("design.blinding_description", TEXT),
    "Placebo": ("design.placebo", LINE),
    "Assignment": ("design.assignment", LINE),
    "Other design features": ("design.other_features", TEXT),
    "Study type": ("design.study_type", LINE),
    "Comments": ("comments", TEXT),
}

# Headers inside General information that carry no value of their own.
GENERAL_HEADERS = ("IRCT registration information", "Inclusion/Exclusion criteria", "Sample size")

REGISTRANT = {
    "Name": ("name", LINE),
    "Name of organization / entity": ("organization", LINE),
    "Country": ("country", LINE),
    "Phone": ("phone", LINE),
    "Email address": ("email", LINE),
}

_ADDRESS = {
    "Street address": ("street", LINE),
    "City": ("city", LINE),
    "Province": ("province", LINE),
    "Country": ("country", LINE),
    "Postal code": ("postal_code", LINE),
    "Phone": ("phone", LINE),
    "Fax": ("fax", LINE),
    "Email": ("email", LINE),
    "Web page address": ("web", WEB),
}

SECONDARY_IDS = {
    "Registry name": ("registry", LINE),
    "Secondary trial Id": ("id", LINE),
    "Registration date": ("date", DATE),
}

ETHICS = {
    "Name of ethics committee": ("name", LINE),
    **{k: v for k, v in _ADDRESS.items() if k in ("Street address", "City", "Province", "Postal code")},
    "Approval date": ("approval_date", DATE),
    "Ethics committee reference number": ("reference_number", LINE),
}

CONDITIONS = {
    "Description of health condition studied": ("description", TEXT),
    "ICD-10 code": ("icd10_code", LINE),
    "ICD-10 code description": ("icd10_description", LINE),
}

OUTCOMES = {
    "Description": ("description", TEXT),
    "Timepoint": ("timepoint", TEXT),
    "Method of measurement": ("method", TEXT),
}

INTERVENTIONS = {
    "Description": ("description", TEXT),
    "Category": ("category", LINE),
}

CENTERS = {
    "Name of recruitment center": ("name", LINE),
    "Full name of responsible person": ("responsible_person", LINE),
    **_ADDRESS,
}

SPONSORS = {
    "Name of organization / entity": ("name", LINE),
    "Full name of responsible person": ("responsible_person", LINE),
    **_ADDRESS,
    "Grant name": ("grant_name", LINE),
    "Grant code / Reference number": ("grant_code", LINE),
    "Is the source of funding the same sponsor organization/entity?": ("same_as_sponsor", YESNO),
    "Title of funding source": ("funding_title", LINE),
    "Proportion provided by this source": ("proportion", NUMBER),
    "Public or private sector": ("sector", LINE),
    "Domestic or foreign origin": ("origin", LINE),
    "Category of foreign source of funding": ("foreign_category", LINE),
    "Country of origin": ("country_of_origin", LINE),
    "Type of organization providing the funding": ("organization_type", LINE),
}

CONTACT = {
    "Name of organization / entity": ("organization", LINE),
    "Full name of responsible person": ("name", LINE),
    "Position": ("position", LINE),
    "Latest degree": ("degree", LINE),
    "Other areas of specialty/work": ("specialty", TEXT),
    **_ADDRESS,
}

SHARING = {
    "Deidentified Individual Participant Data Set (IPD)": ("ipd", TEXT),
    "Justification/reason for indecision/not sharing IPD": ("ipd_justification", TEXT),
    "Study Protocol": ("protocol", TEXT),
    "Statistical Analysis Plan": ("statistical_analysis_plan", TEXT),
    "Informed Consent Form": ("informed_consent_form", TEXT),
    "Clinical Study Report": ("clinical_study_report", TEXT),
    "Analytic Code": ("analytic_code", TEXT),
    "Data Dictionary": ("data_dictionary", TEXT),
    "Title and more details about the data/document": ("details", TEXT),
    "When the data will become available and for how long": ("when", TEXT),
    "To whom data/document is available": ("to_whom", TEXT),
    "Under which criteria data/document could be used": ("criteria", TEXT),
    "From where data/document is obtainable": ("where", TEXT),
    "What processes are involved for a request to access data/document": ("process", TEXT),
}

SECTIONS = {
    "summary": Section("summary", "summary", SUMMARY),
    "general": Section("general", "", GENERAL),
    "registrant": Section("registrant", "registrant", REGISTRANT),
    "secondary_ids": Section("secondary_ids", "secondary_ids", SECONDARY_IDS, True, ("Secondary Id",)),
    "ethics": Section("ethics", "ethics", ETHICS, True, ("Ethics committee",)),
    "conditions": Section("conditions", "conditions", CONDITIONS, True),
    "primary_outcomes": Section("primary_outcomes", "outcomes.primary", OUTCOMES, True),
    "secondary_outcomes": Section("secondary_outcomes", "outcomes.secondary", OUTCOMES, True),
    "interventions": Section("interventions", "interventions", INTERVENTIONS, True),
    "centers": Section("centers", "centers", CENTERS, True, ("Recruitment center",)),
    "sponsors": Section("sponsors", "sponsors", SPONSORS, True, ("Sponsor",)),
    "contact_general": Section("contact_general", "contacts.general", CONTACT, sub=("Contact",)),
    "contact_scientific": Section("contact_scientific", "contacts.scientific", CONTACT, sub=("Contact",)),
    "contact_updating": Section("contact_updating", "contacts.updating", CONTACT, sub=("Contact",)),
    "sharing": Section("sharing", "sharing", SHARING),
}

# Headers that open a section, from anywhere after the summary.
SECTION_HEADERS = {
    "General information": "general",
    "Registrant information": "registrant",
    "Secondary Ids": "secondary_ids",
    "Ethics committees": "ethics",
    "Health conditions studied": "conditions",
    "Primary outcomes": "primary_outcomes",
    "Secondary outcomes": "secondary_outcomes",
    "Intervention groups": "interventions",
    "Recruitment centers": "centers",
    "Sponsors / Funding sources": "sponsors",
    "Person responsible for general inquiries": "contact_general",
    "Person responsible for scientific inquiries": "contact_scientific",
    "Person responsible for updating data": "contact_updating",
    "Sharing plan": "sharing",
}

# Headers that open the summary: the current layout and the older single "Summary".
SUMMARY_HEADERS = ("Protocol summary", "Summary")

# Lines of the page header, before the summary.
HEADER_MARKERS = ("Clinical Trial Protocol", "Iranian Registry of Clinical Trials")

# Labels the current export writes as `Label: **value**` at the start of a line.
INLINE_LABELS = frozenset(
    {
        "IRCT registration number",
        "Registration date",
        "Registration timing",
        "Last update",
        "Update count",
        "Target sample size",
        "Actual sample size",
        "Inclusion criteria",
        "Exclusion criteria",
    }
)
