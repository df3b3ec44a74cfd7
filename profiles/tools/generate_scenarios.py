#!/usr/bin/env python3
"""Generates the scenario patients in src/main/resources/scenarios (index.json, <id>.bundle.json,
<id>.orders.json). Every scenario is the eligible patient changed only in what it tests, so the
data is written once here rather than once per scenario by hand. Run after editing, then run the module's
tests (they validate every bundle and check index.json against the card rules):

    python3 profiles/tools/generate_scenarios.py

Expected findings and cards follow the team's gate specification; the ScenariosTest re-derives the
cards from the findings and the default severities.
"""
import datetime, json, os, sys
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "scenarios")
os.makedirs(OUT, exist_ok=True)

GG = "http://genegate.org/fhir/CodeSystem/genegate"
LOINC = "http://loinc.org"; SNOMED = "http://snomed.info/sct"; ICD = "http://hl7.org/fhir/sid/icd-10-cm"
NDC = "http://hl7.org/fhir/sid/ndc"; CPT = "http://www.ama-assn.org/go/cpt"; UCUM = "http://unitsofmeasure.org"
HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set"
NUCC = "http://nucc.org/provider-taxonomy"
NPI = "http://hl7.org/fhir/sid/us-npi"
V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
OBS_CAT = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERP = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
ORDER_DATE = "2026-11-20"
# fullUrl base: the validator requires absolute fullUrls; relative references resolve against it.
BASE = "http://example.org/fhir/"
IV_ROUTE = {"coding": [{"system": SNOMED, "code": "47625008", "display": "Intravenous route"}]}
J1411 = {"system": HCPCS, "code": "J1411", "display": "Injection, etranacogene dezaparvovec-drlb, per therapeutic dose"}
D67 = {"system": ICD, "code": "D67", "display": "Hereditary factor IX deficiency"}
D66 = {"system": ICD, "code": "D66", "display": "Hereditary factor VIII deficiency"}
# HCPCS J1412 is billed per mL; its CMS long descriptor was not read, so no display is given.
J1412 = {"system": HCPCS, "code": "J1412"}
NOT_DETECTED = {"coding": [{"system": SNOMED, "code": "260415000", "display": "Not detected"}], "text": "Not detected"}
DETECTED = {"coding": [{"system": SNOMED, "code": "260373001", "display": "Detected"}], "text": "Detected"}
NAB_DISPLAY = "Adeno-associated virus 5 neutralizing antibody [Titer] in Serum or Plasma by Transduction inhibition assay"
NEGATIVE = {"coding": [{"system": SNOMED, "code": "260385009", "display": "Negative"}], "text": "Negative"}
POSITIVE = {"coding": [{"system": SNOMED, "code": "10828004", "display": "Positive"}], "text": "Positive"}
INT_NEG = [{"coding": [{"system": INTERP, "code": "NEG", "display": "Negative"}]}]
INT_POS = [{"coding": [{"system": INTERP, "code": "POS", "display": "Positive"}]}]
INT_N = [{"coding": [{"system": INTERP, "code": "N", "display": "Normal"}]}]
INT_L = [{"coding": [{"system": INTERP, "code": "L", "display": "Low"}]}]

NO_ABNORMALITY = ("281900007", "No abnormality detected")
CIRRHOSIS = ("19943007", "Cirrhosis of liver")
STEATOSIS = ("197321007", "Steatosis of liver")
# The eligible patient's liver imaging: normal ultrasound and elastography 18 days before the order, 4.8 kPa.
LIVER_IMAGING = {"date": "2026-11-02", "stiffnessKpa": 4.8,
                 "ultrasoundConclusions": [NO_ABNORMALITY], "ultrasoundText": "Normal liver size and echotexture; no focal lesion.",
                 "elastographyConclusions": [NO_ABNORMALITY], "elastographyText": "Liver stiffness 4.8 kPa, no significant fibrosis."}

# Who each scenario patient is: given name, family name, sex, birth date. Hemophilia B is X-linked, so nearly all
# are male; two are symptomatic female carriers. Birth dates give adults of 19 to 58 on the order date, under the
# policy's liver-cancer risk age (60); a scenario about age sets its own birthDate, which wins.
PEOPLE = {
    "eligible": ("Daniel", "Okafor", "male", "1986-04-12"),
    "pediatric": ("Ethan", "Lindqvist", "male", None),
    "age-18-today": ("Mateo", "Alvarez", "male", None),
    "nab-high": ("Marcus", "Chen", "male", "1979-08-03"),
    "nab-missing": ("Samuel", "Brooks", "male", "1992-01-27"),
    "nab-stale": ("Tomasz", "Nowak", "male", "1971-10-15"),
    "nab-string-value": ("Grace", "Adeyemi", "female", "1990-06-09"),
    "nab-678-exact": ("Liam", "O'Connor", "male", "1984-12-01"),
    "nab-extended-range-899": ("Rahul", "Mehta", "male", "1995-03-22"),
    "inhibitor-once": ("Kevin", "Walsh", "male", "1988-07-30"),
    "inhibitor-twice": ("Andre", "Dubois", "male", "1975-02-11"),
    "inhibitor-history": ("Hiroshi", "Tanaka", "male", "1969-09-05"),
    "no-prophylaxis-or-bleeds": ("Carlos", "Mendoza", "male", "1999-05-18"),
    "bleed-history-only": ("Peter", "Haas", "male", "1981-11-02"),
    "fix-activity-high": ("Maria", "Rossi", "female", "1983-04-25"),
    "hepatitis-b": ("Minh", "Nguyen", "male", "1977-12-19"),
    "prior-hemgenix": ("Robert", "Kowalski", "male", "1968-03-08"),
    "duplicate-hemgenix-order": ("James", "Whitfield", "male", "1993-09-14"),
    "dose-wrong": ("Omar", "Haddad", "male", "1987-02-03"),
    "weight-pounds": ("Tyler", "Jensen", "male", "1996-08-21"),
    "dose-genome-copies": ("Benjamin", "Stein", "male", "1980-10-10"),
    "wrong-hcpcs": ("Luis", "Ramirez", "male", "1991-12-28"),
    "ndc-coded": ("Arjun", "Patel", "male", "1985-06-16"),
    "liver-workup-missing": ("Noah", "Fischer", "male", "2001-01-09"),
    "liver-cirrhosis-elastography": ("Gregory", "Holt", "male", "1970-05-04"),
    "liver-imaging-abnormal": ("Dmitri", "Volkov", "male", "1978-07-07"),
    "liver-imaging-stale": ("Joseph", "Mensah", "male", "1989-10-29"),
    "liver-procedure-no-report": ("Patrick", "Byrne", "male", "1974-01-31"),
    "no-monitoring-plan": ("Ahmed", "Farouk", "male", "1994-04-04"),
    "wrong-admin-cpt": ("Ryan", "McAllister", "male", "1982-08-12"),
    "site-not-certified": ("Felipe", "Santos", "male", "1997-11-23"),
    "prescriber-not-hematologist": ("William", "Grant", "male", "1972-06-30"),
    "diagnosis-missing": ("Eric", "Lund", "male", "1986-09-17"),
    "weight-stale": ("Jamal", "Carter", "male", "1990-02-14"),
    "no-coverage": ("Kofi", "Asante", "male", "2003-07-01"),
    "post-infusion-on-track": ("Michael", "Bauer", "male", "1983-10-06"),
    "post-infusion-overdue": ("David", "Kim", "male", "1976-04-19"),
    "post-infusion-alt-rise": ("Thomas", "Novak", "male", "1980-01-22"),
    "post-infusion-inhibitor": ("Sean", "Murphy", "male", "1991-05-05"),
    "post-infusion-fix-falling": ("Anthony", "Russo", "male", "1973-08-26"),
    "post-infusion-milestone-overdue": ("Christopher", "Hall", "male", "1987-12-12"),
    "addon-hour-infused-volume": ("Jonas", "Berg", "male", "1984-03-03"),
    "addon-hour-undiluted-only": ("Victor", "Morales", "male", "1992-10-20"),
    "post-infusion-liver-surveillance": ("Richard", "Ellison", "male", None),
    "post-infusion-fix-not-comparable": ("Stefan", "Weber", "male", "1979-06-13"),
    "post-infusion-ndc-only": ("Isaac", "Goldberg", "male", "1998-02-08"),
    # Roctavian patients: adults with severe hemophilia A, also X-linked.
    "roctavian-eligible": ("Matthew", "Oduya", "male", "1984-09-21"),
    "roctavian-pediatric": ("Lucas", "Moreau", "male", None),
    "roctavian-antibody-detected": ("Adrian", "Kowal", "male", "1990-03-15"),
    "roctavian-antibody-missing": ("Nathan", "Price", "male", "1978-11-30"),
    "roctavian-inhibitor-positive": ("Diego", "Fernandez", "male", "1994-07-08"),
    "roctavian-cirrhosis-elastography": ("Frank", "Zimmermann", "male", "1971-02-17"),
    "roctavian-dose-hemgenix-formula": ("Owen", "Gallagher", "male", "1988-05-26"),
}

def birth_date(sid, m):
    return m.get("birthDate") or PEOPLE[sid][3]

def ref(rtype, rid, display=None):
    r = {"reference": "%s/%s" % (rtype, rid)}
    if display: r["display"] = display
    return r
def q(value, unit, code=None):
    return {"value": value, "unit": unit, "system": UCUM, "code": code or unit}
def cc(system, code, display=None, text=None):
    c = {"system": system, "code": code}
    if display: c["display"] = display
    out = {"coding": [c]}
    if text: out["text"] = text
    return out

def add_days(date, days):
    return (datetime.date.fromisoformat(date) + datetime.timedelta(days=days)).isoformat()
def add_months(date, months):
    d = datetime.date.fromisoformat(date)
    y, mo = divmod(d.month - 1 + months, 12)
    return datetime.date(d.year + y, mo + 1, min(d.day, 28)).isoformat()

# What the record and the draft order say for each gene therapy; a scenario picks one with {"product": ...}.
HEMGENIX = {"name": "Hemgenix", "diagnosis": D67, "conditionSuffix": "hemophilia-b",
            "conditionCode": {"coding": [D67, {"system": SNOMED, "code": "767712006", "display": "Factor IX deficiency (disorder)"}],
                              "text": "Hemophilia B (congenital factor IX deficiency), severe"},
            "orderSuffix": "hemgenix-order",
            "medication": {"coding": [J1411], "text": "Hemgenix (etranacogene dezaparvovec-drlb) suspension for intravenous infusion"},
            "dose": (140, "mL", "mL"),
            "doseText": "140 mL (2 x 10^13 gc/kg x 70 kg = 1.4 x 10^15 gc, 14 vials) IV once at 500 mL/h through a 0.2 micron PES in-line filter",
            "rate": q(500, "mL/h")}
# Roctavian (valoctocogene roxaparvovec-rvox): 6 x 10^13 vg/kg at 2 x 10^13 vg/mL, so 3 mL/kg; 8 mL vials. Infused
# from 1 mL/min, raised by 1 mL/min every 30 minutes to at most 4 mL/min, so 210 mL runs past 90 minutes.
ROCTAVIAN = {"name": "Roctavian", "diagnosis": D66, "conditionSuffix": "hemophilia-a",
             "conditionCode": {"coding": [D66], "text": "Hemophilia A (congenital factor VIII deficiency), severe"},
             "orderSuffix": "roctavian-order",
             "medication": {"coding": [J1412], "text": "Roctavian (valoctocogene roxaparvovec-rvox)"},
             "dose": (210, "mL", "mL"),
             "doseText": "210 mL (6 x 10^13 vg/kg x 70 kg = 4.2 x 10^15 vg, 3 mL/kg, 27 vials) IV once, starting at 1 mL/min, "
                         "raised by 1 mL/min every 30 minutes as tolerated to at most 4 mL/min",
             "rate": q(1, "mL/min")}
PRODUCTS = {"hemgenix": HEMGENIX, "roctavian": ROCTAVIAN}
# Roctavian's pre-dose liver work-up adds GGT and INR to ALT, AST, ALP and total bilirubin.
ROCTAVIAN_LIVER_TESTS = [
    ("ggt", "2324-2", "Gamma glutamyl transferase [Enzymatic activity/volume] in Serum or Plasma", 30, "U/L", 8, 61),
    ("inr", "6301-6", "INR in Platelet poor plasma by Coagulation assay", 1.0, "{INR}", 0.8, 1.2)]

def monitoring_plan(product, p, pat):
    """The active post-infusion monitoring CarePlan of the product's eligible patient."""
    if product is ROCTAVIAN:
        return roctavian_plan(p, pat)
    return {"resourceType": "CarePlan", "id": p("monitoring-plan"),
            "text": {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml"><p>Hemgenix post-infusion monitoring: weekly ALT and FIX activity for 12 weeks; corticosteroid plan for an ALT rise.</p></div>'},
            "status": "active", "intent": "plan",
            "category": [cc("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan", "Assessment and Plan of Treatment"),
                         cc(GG, "gene-therapy-monitoring", "Gene therapy post-infusion monitoring plan")],
            "title": "Hemgenix post-infusion monitoring",
            "description": "Weekly ALT and FIX activity for 12 weeks after the infusion; if ALT rises, the hematologist and hepatology decide on a corticosteroid course per the current prescribing information.",
            "subject": pat, "period": {"start": ORDER_DATE}, "author": ref("Practitioner", p("practitioner")),
            "activity": [
                {"detail": {"kind": "ServiceRequest", "code": cc(LOINC, "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
                            "status": "not-started", "scheduledTiming": {"repeat": {"count": 12, "frequency": 1, "period": 1, "periodUnit": "wk"}},
                            "description": "ALT weekly for 12 weeks"}},
                {"detail": {"kind": "ServiceRequest", "code": cc(LOINC, "3187-2", "Coagulation factor IX activity actual/normal in Platelet poor plasma by Coagulation assay"),
                            "status": "not-started", "scheduledTiming": {"repeat": {"count": 12, "frequency": 1, "period": 1, "periodUnit": "wk"}},
                            "description": "FIX activity weekly for 12 weeks"}},
                {"detail": {"status": "not-started",
                            "description": "ALT rise above baseline: contact the treating hematologist; consider corticosteroids with hepatology."}}]}

def roctavian_plan(p, pat):
    weekly = {"repeat": {"count": 26, "frequency": 1, "period": 1, "periodUnit": "wk"}}
    return {"resourceType": "CarePlan", "id": p("monitoring-plan"),
        "text": {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml"><p>Roctavian post-infusion monitoring: weekly ALT and FVIII activity for at least 26 weeks; FVIII inhibitor testing; corticosteroid plan for an ALT rise.</p></div>'},
        "status": "active", "intent": "plan",
        "category": [cc("http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "assess-plan", "Assessment and Plan of Treatment"),
                     cc(GG, "gene-therapy-monitoring", "Gene therapy post-infusion monitoring plan")],
        "title": "Roctavian post-infusion monitoring",
        "description": "Weekly ALT and FVIII activity for at least 26 weeks after the infusion, then as the prescribing information says; FVIII inhibitor testing; if ALT rises, the hematologist and hepatology decide on a corticosteroid course.",
        "subject": pat, "period": {"start": ORDER_DATE}, "author": ref("Practitioner", p("practitioner")),
        "activity": [
            {"detail": {"kind": "ServiceRequest", "code": cc(LOINC, "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
                        "status": "not-started", "scheduledTiming": weekly, "description": "ALT weekly for 26 weeks"}},
            {"detail": {"kind": "ServiceRequest", "code": cc(LOINC, "49865-9", "Coagulation factor VIII activity actual/normal in Platelet poor plasma by Chromogenic method"),
                        "status": "not-started", "scheduledTiming": weekly, "description": "FVIII activity (chromogenic) weekly for 26 weeks"}},
            {"detail": {"kind": "ServiceRequest", "code": cc(LOINC, "3204-5", "Coagulation factor VIII inhibitor [Units/volume] in Platelet poor plasma by Coagulation assay"),
                        "status": "not-started", "description": "FVIII inhibitor (Bethesda) when FVIII activity falls"}},
            {"detail": {"status": "not-started",
                        "description": "ALT rise above baseline: contact the treating hematologist; consider corticosteroids with hepatology; check FVIII activity."}}]}

def scenario(sid, **m):
    """The eligible patient, changed only by the modifiers in m."""
    p = lambda suffix: "%s-%s" % (sid, suffix)
    product = PRODUCTS[m.get("product", "hemgenix")]
    hemophilia_a = product is ROCTAVIAN
    pat = ref("Patient", p("patient"))
    res = []
    res.append({"resourceType": "Patient", "id": p("patient"),
        "identifier": [{"use": "usual", "type": cc(V2_0203, "MR", "Medical record number"),
                        "system": "http://example.org/fhir/sid/mrn", "value": "GG-" + sid.upper()}],
        "active": True,
        "name": [{"use": "official", "family": PEOPLE[sid][1], "given": [PEOPLE[sid][0]]}],
        "telecom": [{"system": "phone", "value": "555-0100", "use": "home"}],
        "gender": PEOPLE[sid][2], "birthDate": birth_date(sid, m),
        "address": [{"line": ["100 Example Street"], "city": "Springfield", "state": "IL", "postalCode": "62701", "country": "US"}]})
    res.append({"resourceType": "Practitioner", "id": p("practitioner"),
        "identifier": [{"system": NPI, "value": "1000000004"}], "active": True,
        "name": [{"family": "Rivera", "given": ["Ana"], "prefix": ["Dr."]}]})
    htc_types = [cc("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")]
    htc = {"resourceType": "Organization", "id": p("htc"),
        "identifier": [{"system": NPI, "value": "1000000012"}], "active": True,
        "type": htc_types, "name": m.get("htcName", "Riverside Hemophilia Treatment Center"),
        "telecom": [{"system": "phone", "value": "555-0110", "use": "work"}],
        "address": [{"line": ["1 Riverside Drive"], "city": "Springfield", "state": "IL", "postalCode": "62702", "country": "US"}]}
    if m.get("certified", True):
        tag = {"system": GG, "code": "certified-htc", "display": "Hemophilia treatment center certified for gene therapy"}
        htc["meta"] = {"tag": [tag]}
        htc_types.append({"coding": [tag]})
    res.append(htc)
    specialty = m.get("specialty", (NUCC, "207RH0000X", "Hematology (Internal Medicine)"))
    res.append({"resourceType": "PractitionerRole", "id": p("practitioner-role"), "active": True,
        "practitioner": ref("Practitioner", p("practitioner"), "Dr. Ana Rivera"),
        "organization": ref("Organization", p("htc")),
        "code": [cc("http://terminology.hl7.org/CodeSystem/practitioner-role", "doctor", "Doctor")],
        "specialty": [cc(*specialty)],
        "location": [ref("Location", p("location"))],
        "telecom": [{"system": "phone", "value": "555-0111", "use": "work"}]})
    res.append({"resourceType": "Location", "id": p("location"), "status": "active",
        "name": "Riverside HTC Infusion Suite" if m.get("certified", True) else "Community Outpatient Infusion Suite",
        "type": [cc(POS, "22", "On Campus-Outpatient Hospital")],
        "telecom": [{"system": "phone", "value": "555-0112", "use": "work"}],
        "address": {"line": ["1 Riverside Drive"], "city": "Springfield", "state": "IL", "postalCode": "62702", "country": "US"},
        "managingOrganization": ref("Organization", p("htc"))})
    res.append({"resourceType": "Encounter", "id": p("encounter"),
        "identifier": [{"system": "http://example.org/fhir/sid/encounter", "value": "ENC-" + sid.upper()}],
        "status": "in-progress",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB", "display": "ambulatory"},
        "type": [{"text": "Gene therapy pre-infusion visit"}],
        "subject": pat,
        "participant": [{"individual": ref("Practitioner", p("practitioner"))}],
        "period": {"start": m.get("visitDate", ORDER_DATE) + "T09:00:00-06:00"},
        "reasonCode": [{"coding": [product["diagnosis"]]}],
        "location": [{"location": ref("Location", p("location"))}],
        "serviceProvider": ref("Organization", p("htc"))})
    if m.get("coverage", True):
        res.append({"resourceType": "Organization", "id": p("payer"),
            "identifier": [{"system": "http://example.org/fhir/sid/payer-id", "value": "87726"}], "active": True,
            "type": [cc("http://terminology.hl7.org/CodeSystem/organization-type", "pay", "Payer")],
            "name": "UnitedHealthcare"})
        res.append({"resourceType": "Coverage", "id": p("coverage"),
            "identifier": [{"type": cc(V2_0203, "MB", "Member Number"), "system": "http://example.org/fhir/sid/member-id",
                            "value": "UHC-" + sid.upper()}],
            "status": "active",
            "type": cc("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIP", "health insurance plan policy"),
            "subscriberId": "UHC-" + sid.upper(), "beneficiary": pat,
            "relationship": cc("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", "Self"),
            "period": {"start": "2026-01-01"},
            "payor": [ref("Organization", p("payer"), "UnitedHealthcare")],
            "class": [{"type": cc("http://terminology.hl7.org/CodeSystem/coverage-class", "group", "Group"),
                       "value": "EX-100", "name": "Example employer group"}]})
    if m.get("diagnosis", True):
      res.append({"resourceType": "Condition", "id": p(product["conditionSuffix"]),
        "clinicalStatus": cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"),
        "verificationStatus": cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"),
        "category": [cc("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")],
        "code": product["conditionCode"],
        "subject": pat, "onsetDateTime": birth_date(sid, m), "recordedDate": "2020-03-02"})

    def obs(suffix, code, value, date, category="laboratory", ref_range=None, interp=None, method=None, text=None):
        o = {"resourceType": "Observation", "id": p(suffix), "status": "final",
             "category": [cc(OBS_CAT, category, "Laboratory" if category == "laboratory" else "Vital Signs")],
             "code": code, "subject": pat, "effectiveDateTime": date}
        o.update(value)
        if interp: o["interpretation"] = interp
        if method: o["method"] = {"text": method}
        if ref_range: o["referenceRange"] = [ref_range]
        return o
    def loinc(code, display, text=None):
        c = cc(LOINC, code, display)
        if text: c["text"] = text
        return c
    def rng(low, high, unit, code=None):
        return {"low": q(low, unit, code), "high": q(high, unit, code)}

    if hemophilia_a:
        # FVIII activity off factor, one-stage and chromogenic: below 1 IU/dL (1 % of normal) is severe.
        for suffix, code, display, method, value in [
                ("fviii-activity-one-stage", "3209-4", "Coagulation factor VIII activity actual/normal in Platelet poor plasma by Coagulation assay",
                 "One-stage clotting assay, after factor washout", m.get("fviiiOneStage", 0.8)),
                ("fviii-activity-chromogenic", "49865-9", "Coagulation factor VIII activity actual/normal in Platelet poor plasma by Chromogenic method",
                 "Chromogenic assay, after factor washout", m.get("fviiiChromogenic", 0.6))]:
            res.append(obs(suffix, loinc(code, display, "Factor VIII activity"), {"valueQuantity": q(value, "%")}, "2026-11-06",
                           ref_range=rng(50, 150, "%"), interp=INT_L, method=method))
        # FVIII inhibitor (Bethesda), newest last: two negatives a week or more apart within 12 months.
        for i, (date, bu) in enumerate(m.get("inhibitors", [("2026-05-12", 0.0), ("2026-11-10", 0.0)])):
            res.append(obs("fviii-inhibitor-%d" % (i + 1), loinc("3204-5", "Coagulation factor VIII inhibitor [Units/volume] in Platelet poor plasma by Coagulation assay", "Factor VIII inhibitor (Bethesda)"),
                           {"valueQuantity": q(bu, "BU", "[beth'U]")}, date,
                           interp=INT_POS if bu >= 0.6 else INT_NEG, method="Nijmegen-modified Bethesda assay"))
        # Total antibodies to AAV5 by the companion diagnostic (qualitative, no titer).
        tab = m.get("aav5TotalAntibody", (NOT_DETECTED, "2026-11-06"))
        if tab is not None:
            value, date = tab
            res.append(obs("aav5-total-antibody", cc(GG, "aav5-total-antibody", "Adeno-associated virus 5 total antibody [Presence] in Plasma",
                                                     "Anti-AAV5 total antibodies"),
                           {"valueCodeableConcept": value}, date, method="AAV5 DetectCDx"))
    # FIX activity: 1 % (severe), off factor.
    fix = m.get("fixActivity", 1)
    if not hemophilia_a:
      res.append(obs("fix-activity", loinc("3187-2", "Coagulation factor IX activity actual/normal in Platelet poor plasma by Coagulation assay", "Factor IX activity"),
                   {"valueQuantity": q(fix, "%")}, "2026-11-06", ref_range=rng(50, 150, "%"),
                   interp=INT_L, method="One-stage clotting assay, after factor washout"))
    # FIX inhibitor (Bethesda), newest last.
    for i, (date, bu) in enumerate([] if hemophilia_a else m.get("inhibitors", [("2026-11-10", 0.0)])):
        res.append(obs("fix-inhibitor-%d" % (i + 1), loinc("3185-6", "Coagulation factor IX inhibitor [Units/volume] in Platelet poor plasma by Coagulation assay", "Factor IX inhibitor (Bethesda)"),
                       {"valueQuantity": q(bu, "BU", "[beth'U]")}, date,
                       interp=INT_POS if bu >= 0.6 else INT_NEG, method="Nijmegen-modified Bethesda assay"))
    # Anti-AAV5 NAb.
    nab = m.get("nab", None if hemophilia_a else ("ratio", 200, "2026-11-06"))
    if nab is not None:
        kind, val, date = nab
        value = {"valueRatio": {"numerator": {"value": 1}, "denominator": {"value": val}}} if kind == "ratio" else {"valueString": val}
        res.append(obs("aav5-nab", cc(GG, "aav5-nab-titer", NAB_DISPLAY, "Anti-AAV5 neutralizing antibody titer"), value, date,
                       method=m.get("nabMethod", "AAV5 transduction inhibition assay (clinical-study assay, central laboratory)")))
    # Body weight.
    wval, wunit, wcode = m.get("weight", (70, "kg", "kg"))
    res.append(obs("body-weight", loinc("29463-7", "Body weight"), {"valueQuantity": q(wval, wunit, wcode)},
        m.get("weightDate", "2026-11-13"),
                   category="vital-signs"))
    # Baseline liver tests.
    if m.get("liver", True):
        for suffix, code, display, value, unit, low, high in [
                ("alt", "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", 25, "U/L", 7, 56),
                ("ast", "1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", 22, "U/L", 10, 40),
                ("alp", "6768-6", "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma", 80, "U/L", 44, 147),
                ("bilirubin", "1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", 0.6, "mg/dL", 0.1, 1.2)] + (ROCTAVIAN_LIVER_TESTS if hemophilia_a else []):
            res.append(obs(suffix, loinc(code, display), {"valueQuantity": q(value, unit)}, "2026-11-06",
                           ref_range=rng(low, high, unit), interp=INT_N))
        # Liver imaging: final reports with coded conclusions (SNOMED CT) and the elastography's liver stiffness (kPa).
        img = dict(LIVER_IMAGING); img.update(m.get("imaging", {}))
        stiffness_kpa = img["stiffnessKpa"]
        if stiffness_kpa is not None:
            res.append({"resourceType": "Observation", "id": p("liver-stiffness"), "status": "final",
                "category": [cc(OBS_CAT, "imaging", "Imaging")],
                "code": cc(GG, "liver-stiffness", "Liver stiffness measurement by elastography", "Liver stiffness (transient elastography)"),
                "subject": pat, "effectiveDateTime": img["date"], "valueQuantity": q(stiffness_kpa, "kPa"),
                "method": {"text": "Vibration-controlled transient elastography"}})
        for suffix, code, display in [("liver-ultrasound", "liver-ultrasound", "Liver ultrasound"),
                                      ("liver-elastography", "liver-elastography", "Liver elastography")]:
            kind = "ultrasound" if code == "liver-ultrasound" else "elastography"
            if img.get(kind + "ProcedureOnly"):
                res.append({"resourceType": "Procedure", "id": p(suffix), "status": "completed",
                    "code": cc(GG, code, display, display), "subject": pat, "performedDateTime": img["date"],
                    "performer": [{"actor": ref("Organization", p("htc"))}]})
                continue
            conclusions = img[kind + "Conclusions"]
            report = {"resourceType": "DiagnosticReport", "id": p(suffix), "status": img.get(kind + "Status", "final"),
                "category": [{"coding": [{"system": LOINC, "code": "LP29684-5", "display": "Radiology"},
                                         {"system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "RAD", "display": "Radiology"}]}],
                "code": cc(GG, code, display, display), "subject": pat,
                "effectiveDateTime": img["date"], "issued": img["date"] + "T16:00:00-06:00",
                "performer": [ref("Organization", p("htc"))], "conclusion": img[kind + "Text"],
                "conclusionCode": [cc(SNOMED, c, d) for c, d in conclusions]}
            if kind == "elastography" and stiffness_kpa is not None:
                report["result"] = [ref("Observation", p("liver-stiffness"))]
            res.append(report)
    # Hepatitis B, hepatitis C and HIV screens.
    for suffix, code, display, positive in [
            ("hbsag", "5196-1", "Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay", m.get("hbsagPositive", False)),
            ("hcv-ab", "13955-0", "Hepatitis C virus Ab [Presence] in Serum or Plasma by Immunoassay", False),
            ("hiv", "56888-1", "HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma by Immunoassay", False)]:
        res.append(obs(suffix, loinc(code, display), {"valueCodeableConcept": POSITIVE if positive else NEGATIVE}, "2026-11-06",
                       interp=INT_POS if positive else INT_NEG))
    # Current FIX prophylaxis.
    if m.get("prophylaxis", not hemophilia_a):
        res.append({"resourceType": "MedicationRequest", "id": p("fix-prophylaxis"), "status": "active", "intent": "order",
            "reportedBoolean": False,
            "medicationCodeableConcept": {"coding": [{"system": HCPCS, "code": "J7195",
                "display": "Injection, factor IX (antihemophilic factor, recombinant) per IU, not otherwise specified"}],
                "text": "Factor IX (recombinant) prophylaxis"},
            "subject": pat, "authoredOn": "2026-05-04", "requester": ref("Practitioner", p("practitioner")),
            "dosageInstruction": [{"text": "3,500 IU (50 IU/kg) IV twice weekly",
                "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "wk"}}, "route": IV_ROUTE,
                "doseAndRate": [{"doseQuantity": q(3500, "IU", "[iU]")}]}]})
    if m.get("bleed"):
        res.append({"resourceType": "Condition", "id": p("bleed-history"),
            "clinicalStatus": cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", "Resolved"),
            "verificationStatus": cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed"),
            "category": [cc("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")],
            "code": cc(GG, "bleed-life-threatening", "Life-threatening hemorrhage (current or historical)",
                       "Intracranial hemorrhage requiring admission"),
            "subject": pat, "onsetDateTime": "2019-08-14", "abatementDateTime": "2019-09-02", "recordedDate": "2019-08-14"})
    # Post-infusion monitoring plan.
    if m.get("carePlan", True):
        res.append(monitoring_plan(product, p, pat))
    if m.get("priorHemgenix"):
        res.append({"resourceType": "MedicationAdministration", "id": p("prior-hemgenix"), "status": "completed",
            "medicationCodeableConcept": {"coding": [J1411], "text": "Hemgenix (etranacogene dezaparvovec-drlb)"},
            "subject": pat, "effectiveDateTime": "2024-03-12T10:00:00-06:00",
            "performer": [{"actor": ref("Practitioner", p("practitioner"))}],
            "dosage": {"text": "140 mL IV over 17 minutes at 500 mL/h", "route": IV_ROUTE, "dose": q(140, "mL")}})
    if m.get("administered"):
        res.append({"resourceType": "MedicationAdministration", "id": p("hemgenix-administration"), "status": "completed",
            "medicationCodeableConcept": m.get("administeredMedication",
                {"coding": [J1411, {"system": NDC, "code": "0053-0300-30", "display": "HEMGENIX kit"}],
                 "text": "Hemgenix (etranacogene dezaparvovec-drlb)"}),
            "subject": pat, "context": ref("Encounter", p("encounter")),
            "effectivePeriod": {"start": m["administered"] + "T10:00:00-06:00", "end": m["administered"] + "T10:17:00-06:00"},
            "performer": [{"actor": ref("Practitioner", p("practitioner"))}],
            "note": [{"text": "Kit lot A123456; 140 mL infused over 17 minutes at 500 mL/h through a 0.2 micron PES filter"}],
            "dosage": {"text": "140 mL IV at 500 mL/h", "route": IV_ROUTE, "dose": q(140, "mL"), "rateQuantity": q(500, "mL/h")}})
        post = m.get("post", {})
        weeks = post.get("weeks", 12)
        alt = post.get("alt", [25] * 12); fix = post.get("fix", [5, 10, 15, 20, 25, 30, 32, 34, 35, 36, 36, 37])
        for week in range(1, weeks + 1):
            day = add_days(m["administered"], 7 * week)
            res.append(obs("alt-week-%d" % week, loinc("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
                           {"valueQuantity": q(alt[week - 1], "U/L")}, day, ref_range=rng(7, 56, "U/L"),
                           interp=[{"coding": [{"system": INTERP, "code": "H" if alt[week - 1] > 56 else "N", "display": "High" if alt[week - 1] > 56 else "Normal"}]}]))
            res.append(obs("ast-week-%d" % week, loinc("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
                           {"valueQuantity": q(24, "U/L")}, day, ref_range=rng(10, 40, "U/L"), interp=INT_N))
            res.append(obs("fix-week-%d" % week, loinc("3187-2", "Coagulation factor IX activity actual/normal in Platelet poor plasma by Coagulation assay", "Factor IX activity"),
                           {"valueQuantity": q(fix[week - 1], "%")}, day, ref_range=rng(50, 150, "%"),
                           interp=INT_L if fix[week - 1] < 50 else INT_N,
                           method="Chromogenic assay" if week >= post.get("chromogenicFromWeek", weeks + 1) else "One-stage clotting assay"))
        for date, bu in post.get("inhibitors", []):
            res.append(obs("fix-inhibitor-after-%s" % date, loinc("3185-6", "Coagulation factor IX inhibitor [Units/volume] in Platelet poor plasma by Coagulation assay", "Factor IX inhibitor (Bethesda)"),
                           {"valueQuantity": q(bu, "BU", "[beth'U]")}, date,
                           interp=INT_POS if bu >= 0.6 else INT_NEG, method="Nijmegen-modified Bethesda assay"))
        for month in post.get("milestones", []):
            day = add_months(m["administered"], month)
            res.append(obs("abr-%dm" % month, cc(GG, "annualized-bleeding-rate", "Annualized bleeding rate", "Annualized bleeding rate"),
                           {"valueQuantity": q(0, "/a")}, day))
            res.append(obs("fix-product-use-%dm" % month, cc(GG, "fix-product-use", "Factor IX product use since the last assessment", "Factor IX product use"),
                           {"valueQuantity": q(0, "IU", "[iU]")}, day))
            res.append(obs("fix-%dm" % month, loinc("3187-2", "Coagulation factor IX activity actual/normal in Platelet poor plasma by Coagulation assay", "Factor IX activity"),
                           {"valueQuantity": q(36, "%")}, day, ref_range=rng(50, 150, "%"), interp=INT_L, method="Chromogenic and one-stage assays"))
        # Clinical follow-ups (ALT, AST, FIX activity) and outcomes-agreement items (bleeding rate, factor use).
        for month in post.get("followUps", []):
            day = add_months(m["administered"], month)
            res.append(obs("alt-m%d" % month, loinc("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
                           {"valueQuantity": q(25, "U/L")}, day, ref_range=rng(7, 56, "U/L"), interp=INT_N))
            res.append(obs("ast-m%d" % month, loinc("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
                           {"valueQuantity": q(24, "U/L")}, day, ref_range=rng(10, 40, "U/L"), interp=INT_N))
            res.append(obs("fix-m%d" % month, loinc("3187-2", "Coagulation factor IX activity actual/normal in Platelet poor plasma by Coagulation assay", "Factor IX activity"),
                           {"valueQuantity": q(37, "%")}, day, ref_range=rng(50, 150, "%"), interp=INT_L, method="One-stage clotting assay"))
        for month in post.get("outcomes", []):
            day = add_months(m["administered"], month)
            res.append(obs("abr-%d" % month, cc(GG, "annualized-bleeding-rate", "Annualized bleeding rate", "Annualized bleeding rate"),
                           {"valueQuantity": q(0, "/a")}, day))
            res.append(obs("fix-use-%d" % month, cc(GG, "fix-product-use", "Factor IX product use since the last assessment", "Factor IX product use"),
                           {"valueQuantity": q(0, "IU", "[iU]")}, day))
    if m.get("openHemgenixOrder"):
        res.append({"resourceType": "MedicationRequest", "id": p("earlier-hemgenix-order"), "status": "active", "intent": "order",
            "reportedBoolean": False,
            "medicationCodeableConcept": {"coding": [J1411], "text": "Hemgenix (etranacogene dezaparvovec-drlb)"},
            "subject": pat, "authoredOn": "2026-11-02", "requester": ref("Practitioner", p("practitioner")),
            "reasonCode": [{"coding": [D67]}],
            "dosageInstruction": [{"text": "140 mL IV once at 500 mL/h", "timing": {"repeat": {"count": 1}}, "route": IV_ROUTE,
                "doseAndRate": [{"doseQuantity": q(140, "mL")}]}]})
    for r in m.get("extra", []):
        res.append(r(p, pat))

    bundle = {"resourceType": "Bundle", "id": p("bundle"), "type": "transaction",
              "entry": [{"fullUrl": BASE + "%s/%s" % (r["resourceType"], r["id"]), "resource": r,
                         "request": {"method": "PUT", "url": "%s/%s" % (r["resourceType"], r["id"])}} for r in res]}

    # The hook's context.draftOrders.
    dose = m.get("dose", product["dose"])
    med = m.get("medication", product["medication"])
    order_id = p(product["orderSuffix"])
    order = {"resourceType": "MedicationRequest", "id": order_id,
        "identifier": [{"system": "http://example.org/fhir/sid/order", "value": "ORD-" + sid.upper()}],
        "status": "draft", "intent": "order", "reportedBoolean": False,
        "medicationCodeableConcept": med,
        "subject": pat, "encounter": ref("Encounter", p("encounter")), "authoredOn": ORDER_DATE,
        "requester": ref("Practitioner", p("practitioner"), "Dr. Ana Rivera"),
        "reasonCode": [{"coding": [product["diagnosis"]]}],
        "dosageInstruction": [{"text": m.get("doseText", product["doseText"]),
            "timing": {"repeat": {"count": 1}}, "route": IV_ROUTE,
            "doseAndRate": [{"type": cc("http://terminology.hl7.org/CodeSystem/dose-rate-type", "ordered", "Ordered"),
                             "doseQuantity": q(*dose), "rateQuantity": product["rate"]}]
                           + ([{"type": cc(GG, "infused-volume", "Infused (diluted) volume"), "doseQuantity": q(m["infusedVolumeMl"], "mL")}]
                              if m.get("infusedVolumeMl") else [])}],
        # Hemgenix comes as one kit of vials for the weight; Roctavian in single-dose vials of 8 mL.
        "dispenseRequest": {"quantity": {"value": -(-dose[0] // 8), "unit": "vial"} if hemophilia_a and dose[2] == "mL"
                            else {"value": 1, "unit": "kit"}}}
    if m.get("coverage", True):
        order["insurance"] = [ref("Coverage", p("coverage"))]
    cpt = m.get("cpt", ("96365", "Intravenous infusion, for therapy, prophylaxis, or diagnosis (specify substance or drug); initial, up to 1 hour"))
    def infusion_request(suffix, code, display, text):
        request = {"resourceType": "ServiceRequest", "id": p(suffix), "status": "draft", "intent": "order",
            "basedOn": [ref("MedicationRequest", order_id)],
            "code": {"coding": [dict({"system": CPT, "code": code}, **({"display": display} if display else {}))],
                     "text": text},
            "subject": pat, "encounter": ref("Encounter", p("encounter")), "occurrenceDateTime": ORDER_DATE,
            "authoredOn": ORDER_DATE, "requester": ref("Practitioner", p("practitioner")),
            "reasonCode": [{"coding": [product["diagnosis"]]}]}
        if m.get("coverage", True):
            request["insurance"] = [ref("Coverage", p("coverage"))]
        return request
    infusions = [infusion_request("infusion", cpt[0], cpt[1], product["name"] + " intravenous infusion")]
    # Roctavian's 3 mL/kg at 1 to 4 mL/min runs past 90 minutes for most adults: 96366 is ordered with 96365.
    if m.get("additionalHour", hemophilia_a):
        infusions = [infusion_request("infusion", "96365", None, product["name"] + " IV infusion, first hour"),
                     infusion_request("infusion-additional-hour", "96366", None, product["name"] + " IV infusion, each additional hour")]
    orders = {"resourceType": "Bundle", "id": p("draft-orders"), "type": "collection",
              "entry": [{"fullUrl": BASE + "MedicationRequest/" + order["id"], "resource": order}]
                       + [{"fullUrl": BASE + "ServiceRequest/" + r["id"], "resource": r} for r in infusions]}
    return bundle, orders

S = []  # (id, title, modifiers, expectedFindings, expectedCards, notes, expectedPatientViewCards)
def add(sid, title, mods, findings, cards, notes, patient_view=()):
    S.append((sid, title, mods, findings, cards, notes, list(patient_view)))

add("eligible", "Eligible adult with severe hemophilia B: every gate passes", {}, {}, ["payer"],
    "40-year-old, D67, FIX 1 %, inhibitor 0 BU 10 days old, NAb 1:200 14 days old, 70 kg 7 days old, ordered 140 mL (14 vials), "
    "liver tests within range with ultrasound and elastography, negative HBsAg/HCV Ab/HIV, rFIX prophylaxis (J7195), monitoring CarePlan, "
    "certified HTC at POS 22, hematologist, CPT 96365, UnitedHealthcare coverage. Only the payer info card.")
add("pediatric", "17-year-old (turns 18 the day after the order)", {"birthDate": "2008-11-21"},
    {"age": "FAIL"}, ["critical", "payer"], "Born 2008-11-21: 17 years on 2026-11-20. Label: adults only.")
add("age-18-today", "18th birthday on the order date", {"birthDate": "2008-11-20"}, {}, ["payer"],
    "Born 2008-11-20: 18 years exactly on 2026-11-20, so the age gate passes (boundary).")
add("nab-high", "Anti-AAV5 NAb titer 1:900", {"nab": ("ratio", 900, "2026-11-06")},
    {"nab-aav5": "FAIL"}, ["documentation", "payer"],
    "1:900 > 1:678 on the clinical-study assay: a warning (efficacy caution of the EU SmPC 4.4, not a safety stop; the US "
    "label sets no cutoff); the card names the assay from Observation.method.")
add("nab-missing", "No anti-AAV5 NAb result", {"nab": None}, {"nab-aav5": "MISSING"}, ["documentation", "payer"],
    "No aav5-nab-titer Observation: MISSING (warning) with an OrderTest for the titer.")
add("nab-stale", "Anti-AAV5 NAb titer 181 days old", {"nab": ("ratio", 200, "2026-05-23")},
    {"nab-aav5": "STALE"}, ["documentation", "payer"],
    "1:200 on 2026-05-23, 181 days before the order (team window 180 days; no source sets one).")
add("nab-string-value", "NAb reported as the string \"<1:50\"", {"nab": ("string", "<1:50", "2026-11-06")}, {}, ["payer"],
    "valueString \"<1:50\": below the threshold (50 <= 678), so the gate passes.")
add("nab-678-exact", "Anti-AAV5 NAb titer exactly 1:678 on the clinical-study assay", {"nab": ("ratio", 678, "2026-11-06")},
    {}, ["payer"], "1:678 is not above 1:678: the EU SmPC caution starts above it, so the gate passes (boundary).")
add("nab-extended-range-899", "Anti-AAV5 NAb titer 1:899 on the extended-range assay",
    {"nab": ("ratio", 899, "2026-11-06"), "nabMethod": "AAV5 transduction inhibition assay (extended-range assay, central laboratory)"},
    {"nab-aav5": "FAIL"}, ["documentation", "payer"],
    "1:899 > 1:898, the EU SmPC limit for the extended-range assay named in Observation.method: warning (efficacy caution). "
    "On that assay 1:898 and below pass.")
add("inhibitor-once", "One positive FIX inhibitor (0.8 BU), previous negative",
    {"inhibitors": [("2026-05-12", 0.0), ("2026-11-10", 0.8)]}, {"fix-inhibitor": "FAIL"}, ["critical", "payer"],
    "Latest 0.8 BU (2026-11-10), the one before negative: critical, retest in about 2 weeks (label).")
add("inhibitor-twice", "Two positive FIX inhibitor tests",
    {"inhibitors": [("2026-10-27", 0.9), ("2026-11-10", 1.2)]}, {"fix-inhibitor": "FAIL"}, ["critical", "payer"],
    "0.9 BU (2026-10-27) then 1.2 BU (2026-11-10): both latest positive, do not give (label).")
add("inhibitor-history", "Negative inhibitor now, positive in the past",
    {"inhibitors": [("2019-06-04", 1.1), ("2026-11-10", 0.0)]}, {"fix-inhibitor": "FAIL"}, ["documentation", "payer"],
    "Latest 0 BU 10 days old, but 1.1 BU in 2019: FAIL with the policy's historySeverity (warning, payer criterion), so a documentation card, not a critical one.")
add("no-prophylaxis-or-bleeds", "No FIX prophylaxis and no documented bleed history", {"prophylaxis": False},
    {"prophylaxis-or-bleeds": "MISSING"}, ["documentation", "payer"],
    "No FIX product MedicationRequest/MedicationStatement and no bleed-history Condition/Observation (denial #3).")
add("bleed-history-only", "No prophylaxis, but a historical life-threatening hemorrhage", {"prophylaxis": False, "bleed": True},
    {}, ["payer"],
    "A resolved Condition coded bleed-life-threatening (2019) meets the indication: current or historical life-threatening hemorrhage.")
add("fix-activity-high", "FIX activity 5 %", {"fixActivity": 5}, {"fix-activity": "FAIL"}, ["documentation", "payer"],
    "Lowest FIX activity 5 % > 2 %: payer/trial criterion, not label, so warning.")
add("hepatitis-b", "HBsAg positive", {"hbsagPositive": True}, {"infections": "FAIL"}, ["documentation", "payer"],
    "HBsAg 5196-1 Positive: active hepatitis B, warning (payer/trial criterion): treat, re-screen, resubmit PA.")
add("prior-hemgenix", "Hemgenix already given in 2024", {"priorHemgenix": True}, {"prior-gene-therapy": "FAIL"},
    ["critical", "payer"], "A completed MedicationAdministration of J1411 on 2024-03-12: one dose per lifetime. "
    "patient-view: no weekly tests or milestones after the 2024 dose are on record, so the weekly and follow-up tests are overdue "
    "(warning) and the outcomes-agreement reporting dates have passed (information, a payer contract’s dates).", ["overdue", "outcomes-agreement"])
add("duplicate-hemgenix-order", "Another active Hemgenix order, no dose given", {"openHemgenixOrder": True},
    {"prior-gene-therapy": "FAIL"}, ["documentation", "payer"],
    "An active Hemgenix MedicationRequest from 2026-11-02 and no completed administration: a duplicate order (warning, "
    "team default), not a prior dose.")
add("dose-wrong", "Ordered 100 mL for 70 kg",
    {"dose": (100, "mL", "mL"), "doseText": "100 mL IV once at 500 mL/h"}, {"weight-and-dose": "FAIL"}, ["documentation", "payer"],
    "Expected 140 mL (2 mL/kg x 70 kg, 14 vials); 100 mL is 28.6 % low: warning with UpdateDose to 140 mL.")
add("weight-pounds", "Weight recorded in pounds, dose right for it",
    {"weight": (176, "lb", "[lb_av]"), "dose": (160, "mL", "mL"),
     "doseText": "160 mL (2 x 10^13 gc/kg x 79.8 kg = 1.6 x 10^15 gc, 16 vials) IV once at 500 mL/h"}, {}, ["payer"],
    "176 [lb_av] = 79.83 kg, expected 159.7 mL (16 vials); ordered 160 mL is within 5 %. Reading 176 as kg would expect 352 mL and fail.")
add("dose-genome-copies", "Dose ordered in genome copies",
    {"dose": (1400000000000000, "genome copies", "{gc}"), "doseText": "1.4 x 10^15 gc (140 mL, 14 vials) IV once at 500 mL/h"},
    {}, ["payer"], "doseQuantity 1.4 x 10^15 {gc} for 70 kg equals 2 x 10^13 gc/kg: passes.")
add("wrong-hcpcs", "Hemgenix ordered with unclassified HCPCS J3490",
    {"medication": {"coding": [{"system": HCPCS, "code": "J3490"}], "text": "Hemgenix (etranacogene dezaparvovec-drlb)"}},
    {"coding": "FAIL"}, ["coding", "payer"],
    "Recognised as Hemgenix by text; J3490 is unclassified: ReplaceCode to J1411.")
add("ndc-coded", "Hemgenix ordered by NDC (11 digits, no hyphens)",
    {"medication": {"coding": [{"system": NDC, "code": "00053030030"}]}}, {}, ["payer"],
    "Only NDC 00053030030 (= 0053-0300-30 kit), no HCPCS and no text: still a J1411 order; the coding gate has nothing to fault.")
add("liver-workup-missing", "No baseline liver tests or imaging", {"liver": False}, {"baseline-liver": "MISSING"},
    ["documentation", "payer"], "No ALT, AST, ALP, total bilirubin, ultrasound or elastography: OrderTest for each.")
add("liver-cirrhosis-elastography", "Elastography shows cirrhosis (18.2 kPa)",
    {"imaging": {"stiffnessKpa": 18.2, "elastographyConclusions": [CIRRHOSIS],
                 "elastographyText": "Liver stiffness 18.2 kPa, consistent with cirrhosis."}},
    {"baseline-liver": "FAIL"}, ["critical", "payer"],
    "Elastography report concludes cirrhosis (SNOMED 19943007) with liver stiffness 18.2 kPa (>= 15 kPa, Baveno VII): "
    "critical (EU SmPC 4.3 contraindication; US label 2.1: hepatologist to assess eligibility) with a hepatology-consult suggestion.")
add("liver-imaging-abnormal", "Ultrasound shows steatosis",
    {"imaging": {"ultrasoundConclusions": [STEATOSIS], "ultrasoundText": "Diffusely increased echogenicity consistent with steatosis."}},
    {"baseline-liver": "FAIL"}, ["documentation", "payer"],
    "Final ultrasound report concludes steatosis of liver (SNOMED 197321007): other abnormal imaging, a warning with a "
    "hepatology-consult ServiceRequest suggestion (US label 2.1).")
add("liver-imaging-stale", "Liver imaging 181 days old", {"imaging": {"date": "2026-05-23"}},
    {"baseline-liver": "STALE"}, ["documentation", "payer"],
    "Normal ultrasound and elastography on 2026-05-23, 181 days before the order (team window 180 days): stale, both re-ordered.")
add("liver-procedure-no-report", "Elastography performed, no report on record", {"imaging": {"elastographyProcedureOnly": True, "stiffnessKpa": None}},
    {"baseline-liver": "MISSING"}, ["documentation", "payer"],
    "A completed elastography Procedure with no DiagnosticReport: the result is not on record (missing), and it is not re-ordered.")
add("no-monitoring-plan", "No post-infusion monitoring CarePlan", {"carePlan": False}, {"monitoring-plan": "MISSING"},
    ["documentation", "payer"], "No CarePlan with category gene-therapy-monitoring: CreateMonitoringPlan suggestion (denial #4).")
add("wrong-admin-cpt", "Infusion ordered with chemotherapy CPT 96413", {"cpt": ("96413", None)}, {"coding": "FAIL"},
    ["coding", "payer"], "Draft ServiceRequest carries CPT 96413: ReplaceCode to 96365.")
add("site-not-certified", "Ordered at a center that is not a certified HTC",
    {"certified": False, "htcName": "Springfield Community Hospital"}, {"site-of-care": "FAIL"}, ["documentation", "payer"],
    "POS 22 but the serviceProvider Organization has no gene-therapy-center code in type or meta.tag: warning (payer/network rule, not label).")
add("prescriber-not-hematologist", "Ordered by an internist without hematology specialty",
    {"specialty": (NUCC, "207R00000X", "Internal Medicine")}, {"prescriber": "FAIL"}, ["payer"],
    "PractitionerRole specialty NUCC 207R00000X (NUCC Health Care Provider Taxonomy code set): prescriber FAIL with severity info, which no card group of its own carries.")
add("diagnosis-missing", "No hemophilia B diagnosis on the problem list", {"diagnosis": False},
    {"diagnosis": "MISSING"}, ["documentation", "payer"],
    "No Condition coded D67 or SNOMED 767712006: MISSING (warning); Hemgenix is indicated for congenital hemophilia B.")
add("weight-stale", "Body weight 45 days old", {"weightDate": "2026-10-06"}, {"weight-and-dose": "STALE"},
    ["documentation", "payer"], "70 kg on 2026-10-06, 45 days before the order (window 30 days): the dose cannot be checked "
    "against a current weight.")
add("no-coverage", "No active Coverage", {"coverage": False}, {"payer": "MISSING"}, ["payer"],
    "No Coverage resource (and no payer Organization): payer MISSING (info), still an info payer card.")

# Post-infusion states: Hemgenix given on the order date (2026-11-20), chart opened at a later visit (the
# encounter's start is the day patient-view judges "overdue" on). Each is also an order-sign case: a second
# Hemgenix order after the dose is blocked by the prior-gene-therapy gate.
GIVEN = ORDER_DATE
POST_NOTE = "Hemgenix given 2026-11-20 (completed MedicationAdministration, J1411 + NDC 0053-0300-30, lot in the note); order-sign: prior-gene-therapy FAIL. "
add("post-infusion-on-track", "After Hemgenix: every weekly test on time, ALT normal, FIX activity rising",
    {"administered": GIVEN, "visitDate": "2027-02-26"}, {"prior-gene-therapy": "FAIL"}, ["critical", "payer"],
    POST_NOTE + "Visit 2027-02-26 (week 14): ALT, AST and FIX activity in each of weeks 1-12, ALT 25 U/L, back at the baseline of 25 (ULN 56), "
    "so the weekly tests end at week 12, "
    "FIX activity 5 % rising to 37 %; the 3-month milestone (2027-02-20) is still within its 30 days. No patient-view card.")
add("post-infusion-overdue", "After Hemgenix: weekly tests stopped after week 9",
    {"administered": GIVEN, "visitDate": "2027-02-26", "post": {"weeks": 9}}, {"prior-gene-therapy": "FAIL"},
    ["critical", "payer"], POST_NOTE + "Visit 2027-02-26: no ALT, AST or FIX activity in weeks 10-12 (due 2027-01-29 to "
    "2027-02-12, 3 days' grace): one overdue card with suggestions ordering the three tests.", ["overdue"])
add("post-infusion-alt-rise", "After Hemgenix: ALT 70 U/L in week 12",
    {"administered": GIVEN, "visitDate": "2027-02-26", "post": {"alt": [30] * 11 + [70]}}, {"prior-gene-therapy": "FAIL"},
    ["critical", "payer"], POST_NOTE + "Week-12 ALT 70 U/L (2027-02-12) is above the lab's ULN 56 U/L and above 2 x the "
    "pre-infusion baseline 25 U/L (2026-11-06): warning card, consider corticosteroids per the label and the site's protocol "
    "(no prednisone dose or taper presented as label text). ALT still above baseline after week 12, so weekly testing goes on: "
    "the week-13 tests (due 2027-02-19, 3 days' grace) are missing at the visit: overdue card (weekly beyond week 12).", ["alt", "overdue"])
add("post-infusion-inhibitor", "After Hemgenix: FIX inhibitor 1.0 BU in week 11",
    {"administered": GIVEN, "visitDate": "2027-02-26", "post": {"inhibitors": [("2027-02-05", 1.0)]}},
    {"prior-gene-therapy": "FAIL", "fix-inhibitor": "FAIL"}, ["critical", "payer"],
    POST_NOTE + "Bethesda 1.0 BU on 2027-02-05, after the dose: critical inhibitor card. order-sign also fails the inhibitor "
    "gate (latest result positive).", ["inhibitor"])
add("post-infusion-fix-falling", "After Hemgenix: FIX activity falls from 40 % to 15 %",
    {"administered": GIVEN, "visitDate": "2027-02-26", "post": {"fix": [5, 10, 20, 30, 35, 38, 39, 40, 30, 22, 18, 15]}},
    {"prior-gene-therapy": "FAIL"}, ["critical", "payer"],
    POST_NOTE + "FIX activity peaks at 40 % (week 8) and is 15 % in week 12, more than 50 % below the peak: warning card.",
    ["fix-activity"])
add("post-infusion-milestone-overdue", "After Hemgenix: 6-month outcomes assessment missing",
    {"administered": GIVEN, "visitDate": "2027-06-25", "post": {"milestones": [3]}}, {"prior-gene-therapy": "FAIL"},
    ["critical", "payer"], POST_NOTE + "Visit 2027-06-25: weekly tests complete, the 3-month assessment (FIX activity, "
    "annualized bleeding rate, FIX product use on 2027-02-20) done, the 6-month one (due 2027-05-20, 30 days' grace) missing. "
    "Two cards: the clinical 6-month follow-up (ALT, AST, FIX activity) is overdue (warning); the outcomes-agreement reporting "
    "date is information about a payer contract, not a duty.", ["overdue", "outcomes-agreement"])

add("addon-hour-infused-volume", 'Infusion ordered with CPT 96366 and an infused volume of 500 mL',
    {"additionalHour": True, "infusedVolumeMl": 500}, {"coding": "FAIL"}, ["coding", "payer"],
    'Order states the diluted volume it infuses (doseAndRate typed genegate infused-volume, 500 mL): at 500 mL/h that is 60 minutes, and 96366 needs more than 90: coding FAIL, remove 96366.')
add("addon-hour-undiluted-only", 'Infusion ordered with CPT 96366, the order stating only the undiluted dose',
    {"additionalHour": True}, {}, ["payer"],
    'Order states only the undiluted dose (140 mL); the infusion is the diluted volume, so the order does not say how long it runs: 96366 is not questioned at order time (the claim check reads the documented times).')
add("post-infusion-liver-surveillance", 'After Hemgenix: liver-cancer risk by age, yearly liver ultrasound and alpha-fetoprotein missing',
    {"administered": GIVEN, "visitDate": "2027-12-22", "birthDate": "1960-05-01",
     "post": {"followUps": [3, 6, 9, 12], "outcomes": [3, 6, 12]}}, {"prior-gene-therapy": "FAIL"}, ["critical", "payer"],
    "Hemgenix given 2026-11-20 to a 66-year-old (age from 60 is a liver-cancer risk factor in the policy, a team default: the label names advanced age without an age). Weekly tests and the 3, 6, 9 and 12-month follow-ups (ALT, AST, FIX activity) and the outcomes-agreement items are on record; at the visit on 2027-12-22 the year-1 liver ultrasound and alpha-fetoprotein (due 2027-11-20, 30 days' grace) are missing: one overdue card (liver surveillance) ordering both. order-sign: prior-gene-therapy FAIL.",
    ["overdue"])
add("post-infusion-fix-not-comparable", 'After Hemgenix: FIX activity 40 % one-stage, then 15 % chromogenic',
    {"administered": GIVEN, "visitDate": "2027-02-26",
     "post": {"fix": [5, 10, 20, 30, 35, 38, 39, 40, 30, 22, 18, 15], "chromogenicFromWeek": 9}},
    {"prior-gene-therapy": "FAIL"}, ["critical", "payer"],
    'Hemgenix given 2026-11-20; order-sign: prior-gene-therapy FAIL. FIX activity rises to 40 % by week 8 on the one-stage assay; from week 9 the lab reports the chromogenic assay (30, 22, 18, 15 %). Chromogenic results alone fall by exactly 50 % (not more), and 40 % one-stage against 15 % chromogenic is not like with like: no falling-FIX warning, an info card says the results cannot be compared and asks for a repeat on one assay.',
    ["fix-activity-not-comparable"])
add("post-infusion-ndc-only", 'After Hemgenix: the administration is coded by the kit NDC alone',
    {"administered": GIVEN, "visitDate": "2027-02-26", "administeredMedication": {"coding": [{"system": NDC, "code": "00053030030"}]}},
    {"prior-gene-therapy": "FAIL"}, ["critical", "payer"],
    'Hemgenix given 2026-11-20, the MedicationAdministration coded only by the kit NDC 00053030030 (11 digits, no HCPCS, no text): any NDC of the hemgenix-product value set makes it a Hemgenix dose, so order-sign finds the prior dose (prior-gene-therapy FAIL) and patient-view reviews it (weekly tests all on time: no card).')

# Roctavian (J1412): the eligible adult with severe hemophilia A, changed in one thing each. Expected findings follow the
# Roctavian evidence table (label findings critical; a missing companion-diagnostic result is critical too, as the
# label requires the test).
R = {"product": "roctavian"}
add("roctavian-eligible", "Roctavian: eligible adult with severe hemophilia A, every gate passes", R, {}, ["payer"],
    "42-year-old, D66, FVIII activity 0.8 % one-stage and 0.6 % chromogenic (< 1 IU/dL), FVIII inhibitor 0 BU on "
    "2026-05-12 and 2026-11-10 (10 days old), AAV5 total antibodies not detected by AAV5 DetectCDx, 70 kg 7 days old, "
    "ordered 210 mL (3 mL/kg, 27 vials of 8 mL), ALT, AST, GGT, ALP, total bilirubin and INR within range with a normal "
    "ultrasound and elastography, negative HBsAg/HCV Ab/HIV, monitoring CarePlan (weekly ALT and FVIII for 26 weeks), "
    "certified HTC at POS 22, hematologist, CPT 96365 + 96366, UnitedHealthcare coverage. No critical card.")
add("roctavian-pediatric", "Roctavian: 17-year-old (turns 18 the day after the order)", dict(R, birthDate="2008-11-21"),
    {"age": "FAIL"}, ["critical", "payer"], "Born 2008-11-21: 17 years on 2026-11-20. US label: adults only.")
add("roctavian-antibody-detected", "Roctavian: AAV5 total antibodies detected",
    dict(R, aav5TotalAntibody=(DETECTED, "2026-11-06")), {"aav5-total-antibody": "FAIL"}, ["critical", "payer"],
    "AAV5 DetectCDx: Detected (SNOMED 260373001). US label indication: only without pre-existing antibodies to AAV5 "
    "detected by an FDA-approved test: do not give.")
add("roctavian-antibody-missing", "Roctavian: no AAV5 total antibody result", dict(R, aav5TotalAntibody=None),
    {"aav5-total-antibody": "MISSING"}, ["critical", "payer"],
    "No aav5-total-antibody Observation: the label requires the companion diagnostic before dosing, so missing is "
    "critical, with an order for AAV5 DetectCDx.")
add("roctavian-inhibitor-positive", "Roctavian: FVIII inhibitor 1.0 BU, previous negative",
    dict(R, inhibitors=[("2026-05-12", 0.0), ("2026-11-10", 1.0)]), {"fviii-inhibitor": "FAIL"}, ["critical", "payer"],
    "Latest Bethesda 1.0 BU (2026-11-10, >= 0.6 BU), the one before negative: label: do not administer if positive.")
add("roctavian-cirrhosis-elastography", "Roctavian: elastography shows cirrhosis (18.2 kPa)",
    dict(R, imaging={"stiffnessKpa": 18.2, "elastographyConclusions": [CIRRHOSIS],
                     "elastographyText": "Liver stiffness 18.2 kPa, consistent with cirrhosis."}),
    {"baseline-liver": "FAIL"}, ["critical", "payer"],
    "Elastography report concludes cirrhosis (SNOMED 19943007), liver stiffness 18.2 kPa: known significant hepatic "
    "fibrosis or cirrhosis is a US label contraindication: critical.")
add("roctavian-dose-hemgenix-formula", "Roctavian: dose from Hemgenix's formula, 140 mL for 70 kg",
    dict(R, dose=(140, "mL", "mL"), doseText="140 mL (2 x 10^13 gc/kg / 1 x 10^13 gc/mL = 2 mL/kg x 70 kg) IV once"),
    {"weight-and-dose": "FAIL"}, ["documentation", "payer"],
    "Hemgenix's 2 mL/kg applied to Roctavian: expected 210 mL (6 x 10^13 vg/kg at 2 x 10^13 vg/mL = 3 mL/kg x 70 kg, "
    "27 vials); 140 mL is a third low: warning with UpdateDose to 210 mL.")

index = []
for sid, title, mods, findings, cards, notes, patient_view in S:
    bundle, orders = scenario(sid, **mods)
    with open(os.path.join(OUT, sid + ".bundle.json"), "w") as f:
        json.dump(bundle, f, indent=2, ensure_ascii=False); f.write("\n")
    with open(os.path.join(OUT, sid + ".orders.json"), "w") as f:
        json.dump(orders, f, indent=2, ensure_ascii=False); f.write("\n")
    index.append({"id": sid, "title": title, "patientId": sid + "-patient", "encounterId": sid + "-encounter",
                  "userId": "Practitioner/%s-practitioner" % sid, "bundle": sid + ".bundle.json", "orders": sid + ".orders.json",
                  "visitDate": mods.get("visitDate", ORDER_DATE),
                  "expectedFindings": findings, "expectedCards": cards, "expectedPatientViewCards": patient_view,
                  "notes": notes})
with open(os.path.join(OUT, "index.json"), "w") as f:
    json.dump(index, f, indent=2, ensure_ascii=False); f.write("\n")
print(len(index))
