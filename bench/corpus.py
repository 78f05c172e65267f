"""A synthetic corpus of realistic IRCT records in the export layout (seeded, reproducible).

Ages, 1-4 sponsors, 1-30 outcomes, three contacts, text of varied length, and a share of
records with deliberate defects (garbled exponents, proportions that do not add up,
swapped ages, free-mail or near-miss addresses, short postal codes, calendar slips).
"""
from __future__ import annotations

import datetime as dt
import os
import random

import jdatetime

WORDS = ("patients adults trial randomized placebo dose weekly daily oral intravenous serum level "
         "change baseline follow-up clinic hospital treatment therapy pain score scale quality life "
         "inflammation marker response outcome safety effect group control intervention assessed "
         "measured questionnaire blood sample month week visit disease chronic acute severe mild").split()
UNIVERSITIES = [("Tabriz University of Medical Sciences", "tbzmed.ac.ir", "Tabriz", "41"),
                ("Mashhad University of Medical Sciences", "mums.ac.ir", "Mashhad", "51"),
                ("Shiraz University of Medical Sciences", "sums.ac.ir", "Shiraz", "71"),
                ("Isfahan University of Medical Sciences", "mui.ac.ir", "Isfahan", "31"),
                ("Tehran University of Medical Sciences", "tums.ac.ir", "Tehran", "21")]
FIRST = "Ali Reza Maryam Sara Zahra Hamid Leila Mohammad Narges Parisa Kamran Shirin Hossein Fatemeh".split()
LAST = "Ahmadi Karimi Rahimi Hosseini Jafari Mousavi Rezaei Sadeghi Moradi Ghasemi Nowruzi Tabatabaei".split()
CONDITIONS = [("E55", "Vitamin D deficiency"), ("K51", "Ulcerative colitis"), ("M17", "Gonarthrosis [arthrosis of knee]"),
              ("E11", "Type 2 diabetes mellitus"), ("J45", "Asthma"), ("I10", "Essential (primary) hypertension"),
              ("F32", "Depressive episode"), ("G43", "Migraine")]


def dual(day: dt.date, slip: bool = False) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    if slip:
        j = j + jdatetime.timedelta(days=1)
    return f"{day.isoformat()}, {j.strftime('%Y/%m/%d')}"


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def record(rng: random.Random, index: int) -> str:
    defective = rng.random() < 0.2
    defect = rng.choice(["exponent", "funding", "age", "mail", "postal", "calendar"]) if defective else ""
    uni, domain, city, area = rng.choice(UNIVERSITIES)
    reg = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3000))
    start = reg + dt.timedelta(days=rng.randrange(10, 120))
    end = start + dt.timedelta(days=rng.randrange(180, 900))
    approval = reg - dt.timedelta(days=rng.randrange(5, 90))
    number = f"IRCT{(reg - dt.timedelta(days=rng.randrange(30, 900))).strftime('%Y%m%d')}{rng.randrange(10**6):06d}N{rng.randrange(1, 6)}"
    lo, hi = rng.randrange(1, 30), rng.randrange(40, 90)
    if defect == "age":
        lo, hi = hi, lo
    name = person(rng)
    email = f"{name.split()[1].lower()}{rng.randrange(100)}@{domain}"
    contact_email = email if defect != "mail" else f"{name.split()[0].lower()}.{name.split()[1].lower()}@gmail.com"
    size = rng.choice([20, 40, 60, 80, 120, 200])
    n_sponsors = rng.randrange(1, 5)
    shares = [100 // n_sponsors] * n_sponsors
    shares[0] += 100 - sum(shares)
    if defect == "funding":
        shares[-1] += 10
    postal = f"{rng.randrange(10**9, 10**10)}" if defect != "postal" else f"{rng.randrange(10**4, 10**5)}-{rng.randrange(100, 999)}"
    dose = "equivalent to 1011 particles" if defect == "exponent" else "500 mg oral tablet twice daily for 12 weeks"
    out = [
        "", "", "Clinical Trial Protocol", "", "Iranian Registry of Clinical Trials", "",
        (end + dt.timedelta(days=30)).strftime("%d %b %Y"), "",
        f"Synthetic trial {index}: {sentence(rng, rng.randrange(6, 14))}", "", "Protocol summary", "",
        "Study aim", "", sentence(rng, rng.randrange(10, 40)), "", "Design", "",
        f"Randomized, double-blind, placebo-controlled trial with {size} patients; phase 3.", "",
        "Settings and conduct", "", " ".join(sentence(rng, rng.randrange(8, 25)) for _ in range(rng.randrange(1, 5))), "",
        "Participants/Inclusion and exclusion criteria", "", sentence(rng, rng.randrange(10, 40)), "",
        "Intervention groups", "", f"Intervention group: {dose}. Control group: placebo.", "",
        "Main outcome variables", "", sentence(rng, 8), "", "General information", "", "Reason for update", "",
        "Acronym", "", "IRCT registration information", "",
        f"IRCT registration number: **{number}**", "", f"Registration date: **{dual(reg, defect == 'calendar')}**", "",
        "Registration timing: **prospective**", "", f"Last update: **{dual(reg)}**", "", "Update count: **0**", "",
        "Registrant information", "", "Name", "", name, "", "Name of organization / entity", "", uni, "",
        "Country", "", "Iran (Islamic Republic of)", "", "Phone", "", f"+98 {area} 3335 {rng.randrange(1000, 9999)}", "",
        "Email address", "", email, "", "Recruitment status", "", "recruiting", "", "Funding source", "", uni, "",
        "Expected recruitment start date", "", dual(start), "", "Expected recruitment end date", "", dual(end), "",
        "Actual recruitment start date", "", "empty", "", "Actual recruitment end date", "", "empty", "",
        "Trial completion date", "", "empty", "", "Scientific title", "", f"Synthetic trial {index}", "",
        "Public title", "", f"Trial {index}", "", "Purpose", "", "Treatment", "", "Inclusion/Exclusion criteria", "",
        "Inclusion criteria:", "", *[sentence(rng, rng.randrange(4, 12)) for _ in range(rng.randrange(1, 6))], "",
        "Exclusion criteria:", "", *[sentence(rng, rng.randrange(4, 12)) for _ in range(rng.randrange(1, 5))], "",
        "Age", "", f"From **{lo} years** old to **{hi} years** old", "", "Gender", "", "Both", "", "Phase", "", "3", "",
        "Groups that have been masked", "", "Participant", "Outcome assessor", "", "Sample size", "",
        f"Target sample size: **{size}**", "", "Randomization (investigator's opinion)", "", "Randomized", "",
        "Randomization description", "", sentence(rng, 12), "", "Blinding (investigator's opinion)", "", "Double blinded", "",
        "Blinding description", "", "", "Placebo", "", "Used", "", "Assignment", "", "Parallel", "",
        "Other design features", "", "Secondary Ids", "", "empty", "", "Ethics committees", "", "1", "", "Ethics committee", "",
        "Name of ethics committee", "", f"Ethics committee of {uni}", "", "Street address", "", "Azadi Avenue", "",
        "City", "", city, "", "Province", "", city, "", "Postal code", "", postal, "", "Approval date", "", dual(approval), "",
        "Ethics committee reference number", "",
        f"IR.{domain.split('.')[0].upper()}.REC.{jdatetime.date.fromgregorian(date=approval).year}.{rng.randrange(1, 999)}", "",
        "Health conditions studied", "",
    ]
    for i, (code, desc) in enumerate(rng.sample(CONDITIONS, rng.randrange(1, 3)), 1):
        out += [str(i), "", "Description of health condition studied", "", desc, "", "ICD-10 code", "", code, "",
                "ICD-10 code description", "", desc, ""]
    n_outcomes = rng.randrange(1, 31)
    n_primary = max(1, min(n_outcomes, rng.randrange(1, 5)))
    for kind, count in (("Primary outcomes", n_primary), ("Secondary outcomes", n_outcomes - n_primary)):
        out += [kind, ""]
        for i in range(1, count + 1):
            out += [str(i), "", "Description", "", f"Outcome {i}: {sentence(rng, rng.randrange(3, 10))}", "",
                    "Timepoint", "", f"At baseline and at week {rng.choice([4, 8, 12, 24])}", "",
                    "Method of measurement", "", sentence(rng, rng.randrange(3, 10)), ""]
    out += ["Intervention groups", "", "1", "", "Description", "", f"Intervention group: {dose}", "", "Category", "",
            "Treatment - Drugs", "", "2", "", "Description", "", "Control group: identical placebo tablet twice daily for 12 weeks",
            "", "Category", "", "Placebo", "", "Recruitment centers", "", "1", "", "Recruitment center", "",
            "Name of recruitment center", "", f"{city} Teaching Hospital", "", "Full name of responsible person", "", name, "",
            "City", "", city, "", "Postal code", "", f"{rng.randrange(10**9, 10**10)}", "", "Email", "", email, "",
            "Sponsors / Funding sources", ""]
    for i, share in enumerate(shares, 1):
        sponsor = uni if i == 1 else f"Sponsor company {rng.randrange(1000)}"
        out += [str(i), "", "Sponsor", "", "Name of organization / entity", "", sponsor, "",
                "Full name of responsible person", "", person(rng), "", "Email", "", f"research@{domain}", "",
                "Is the source of funding the same sponsor organization/entity?", "", "Yes", "",
                "Title of funding source", "", sponsor, "", "Proportion provided by this source", "", str(share), "",
                "Public or private sector", "", "Public", "", "Domestic or foreign origin", "", "Domestic", "",
                "Category of foreign source of funding", "", "empty", "", "Country of origin", "",
                "Type of organization providing the funding", "", "Academic", ""]
    for role in ("general inquiries", "scientific inquiries", "updating data"):
        out += [f"Person responsible for {role}", "", "Contact", "", "Name of organization / entity", "", uni, "",
                "Full name of responsible person", "", name, "", "Position", "", "Assistant professor", "",
                "City", "", city, "", "Postal code", "", f"{rng.randrange(10**9, 10**10)}", "",
                "Phone", "", f"+98 {area} 3335 {rng.randrange(1000, 9999)}", "", "Email", "", contact_email, ""]
    out += ["Sharing plan", "", "Deidentified Individual Participant Data Set (IPD)", "",
            "No - There is not a plan to make this available", "", "Comments", ""]
    return "\n".join(out) + "\n"


def write_corpus(directory: str, n: int, seed: int = 1) -> list[str]:
    """Write n records (100 a folder) and return their paths; reuses a complete corpus."""
    marker = os.path.join(directory, f".complete-{n}-{seed}")
    paths = [os.path.join(directory, f"{i // 100:05d}", f"record-{i:06d}.txt") for i in range(n)]
    if os.path.exists(marker):
        return paths
    rng = random.Random(seed)
    for i, path in enumerate(paths):
        if i % 100 == 0:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(record(rng, i))
    open(marker, "w").close()
    return paths
