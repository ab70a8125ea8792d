#!/usr/bin/python3
"""Checks a folder of generated samples against the ground-truth rules of samples/README.md.

    /usr/bin/python3 samples/check_truth.py samples/documents [samples/demo ...]

For every ground-truth JSON: the document file exists, the field names are those of SPEC section 4, values
are normalised (upper-case names, ISO dates that exist, two-letter states, ZIP or ZIP+4), the page count is
the file's, AAMVA payloads are well formed (header, subfile offsets and lengths) and agree with the fields,
MRZ check digits are right and the MRZ agrees with the fields, and born-digital PDFs have a text layer that
holds the last name (when pdftotext is installed). Ends with "N passed, M failed"; exit 1 on any failure.
"""
import datetime as dt
import glob
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from proofgen import aamva, data, mrz  # noqa: E402

FIELDS = {"first_name", "middle_name", "last_name", "date_of_birth", "address_line1", "address_line2", "city",
          "state", "postal_code", "document_number", "issuing_authority", "issue_date", "expiration_date",
          "statement_date", "issuer_name", "sex"}
TYPES = {"drivers_license", "state_id", "passport", "bank_statement", "utility_bill", "payroll_statement"}
DEGRADATIONS = {"clean", "scanned", "hard", "fax"}
DATE_FIELDS = {"date_of_birth", "issue_date", "expiration_date", "statement_date"}
NAME_RE = re.compile(r"^[A-Z][A-Z' \-]*$")


def page_count(path: str) -> int:
    if path.endswith(".pdf"):
        with open(path, "rb") as f:
            return len(re.findall(rb"/Type\s*/Page(?![s\w])", f.read()))
    from PIL import Image
    with Image.open(path) as im:
        return getattr(im, "n_frames", 1)


def check_record(folder: str, truth_path: str, rec: dict) -> list:
    errors = []
    fields = rec.get("fields", {})
    doc_path = os.path.join(folder, rec.get("file", ""))
    if not os.path.isfile(doc_path):
        return [f"document file {rec.get('file')!r} is missing"]
    if rec.get("document_type") not in TYPES:
        errors.append(f"document_type {rec.get('document_type')!r}")
    if rec.get("degradation") not in DEGRADATIONS:
        errors.append(f"degradation {rec.get('degradation')!r}")
    unknown = set(fields) - FIELDS
    if unknown:
        errors.append(f"unknown fields {sorted(unknown)}")
    for k, v in fields.items():
        if not isinstance(v, str) or not v or v != v.strip():
            errors.append(f"{k} is not a trimmed non-empty string")
            continue
        if k in DATE_FIELDS:
            try:
                dt.date.fromisoformat(v)
            except ValueError:
                errors.append(f"{k} {v!r} is not an ISO date")
        if k in ("first_name", "middle_name", "last_name") and not NAME_RE.match(v):
            errors.append(f"{k} {v!r} is not an upper-case name")
        if k == "state" and v not in data.STATES:
            errors.append(f"state {v!r}")
        if k == "postal_code" and not re.fullmatch(r"\d{5}(-\d{4})?", v):
            errors.append(f"postal_code {v!r}")
        if k in ("address_line1", "address_line2", "city", "issuer_name", "document_number") and v != v.upper():
            errors.append(f"{k} {v!r} is not upper case")
        if k == "sex" and v not in ("M", "F", "X"):
            errors.append(f"sex {v!r}")
    try:
        pages = page_count(doc_path)
        if pages != rec.get("pages"):
            errors.append(f"pages says {rec.get('pages')}, file has {pages}")
    except Exception as e:  # a file we cannot open is itself an error worth reporting
        errors.append(f"cannot open {rec.get('file')}: {e}")
    extras = rec.get("extras", {})
    if "aamva_payload" in extras:
        errors += check_aamva(extras["aamva_payload"], fields, rec["document_type"])
    if "mrz" in extras:
        errors += check_mrz(extras["mrz"], fields)
    if rec.get("text_layer") and shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", doc_path, "-"], capture_output=True, text=True).stdout.upper()
        if fields.get("last_name", "") not in text:
            errors.append("text layer lacks the last name")
    return errors


def check_aamva(payload: str, fields: dict, doc_type: str) -> list:
    try:
        parsed = aamva.parse_payload(payload)
    except ValueError as e:
        return [f"AAMVA payload: {e}"]
    sub = parsed["subfiles"].get("DL" if doc_type == "drivers_license" else "ID")
    if sub is None:
        return ["AAMVA payload lacks the DL/ID subfile"]
    errors = []
    required = ["DBA", "DCS", "DAC", "DAD", "DBD", "DBB", "DBC", "DAY", "DAU", "DAG", "DAI", "DAJ", "DAK", "DAQ",
                "DCF", "DCG", "DDE", "DDF", "DDG"] + (["DCA", "DCB", "DCD"] if doc_type == "drivers_license" else [])
    missing = [e for e in required if e not in sub]
    if missing:
        errors.append(f"AAMVA elements missing: {missing}")

    def d(v):
        return f"{v[4:8]}-{v[0:2]}-{v[2:4]}"
    street = sub.get("DAG", "") + (" " + sub["DAH"] if "DAH" in sub else "")
    expect_street = fields.get("address_line1", "") + (" " + fields["address_line2"] if "address_line2" in fields else "")
    zip9 = sub.get("DAK", "").strip()
    postal = zip9[:5] + ("" if zip9[5:] in ("", "0000") else "-" + zip9[5:9])
    pairs = [("DCS", sub.get("DCS"), fields.get("last_name")), ("DAC", sub.get("DAC"), fields.get("first_name")),
             ("DAD", None if sub.get("DAD") == "NONE" else sub.get("DAD"), fields.get("middle_name")),
             ("DBB", d(sub.get("DBB", "00000000")), fields.get("date_of_birth")),
             ("DBA", d(sub.get("DBA", "00000000")), fields.get("expiration_date")),
             ("DBD", d(sub.get("DBD", "00000000")), fields.get("issue_date")),
             ("DAQ", sub.get("DAQ"), fields.get("document_number")), ("DAJ", sub.get("DAJ"), fields.get("state")),
             ("DAI", sub.get("DAI"), fields.get("city")), ("DAG/DAH", street, expect_street),
             ("DAK", postal, fields.get("postal_code")),
             ("DBC", {"1": "M", "2": "F", "9": "X"}.get(sub.get("DBC")), fields.get("sex"))]
    for code, got, want in pairs:
        if got != want:
            errors.append(f"AAMVA {code} {got!r} disagrees with ground truth {want!r}")
    return errors


def check_mrz(lines, fields: dict) -> list:
    l1, l2 = lines
    if not mrz.verify_td3(l1, l2):
        return ["MRZ check digits are wrong"]
    errors = []
    if l2[0:9].rstrip("<") != fields.get("document_number"):
        errors.append("MRZ document number disagrees")
    if l2[13:19] != fields.get("date_of_birth", "")[2:].replace("-", ""):
        errors.append("MRZ date of birth disagrees")
    if l2[21:27] != fields.get("expiration_date", "")[2:].replace("-", ""):
        errors.append("MRZ expiry disagrees")
    if l1[5:].split("<<")[0] != mrz.mrz_name(fields.get("last_name", ""))[:39]:
        errors.append("MRZ surname disagrees")
    return errors


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    passed = failed = 0
    for folder in argv:
        paths = sorted(glob.glob(os.path.join(folder, "**", "*.json"), recursive=True))
        for truth_path in paths:
            base = os.path.basename(truth_path)
            if base in ("index.json", "profile.json"):
                continue
            with open(truth_path) as f:
                rec = json.load(f)
            doc_folder = os.path.dirname(truth_path)
            if os.path.basename(doc_folder) == "truth":   # demo layout: truth/ beside the documents
                doc_folder = os.path.dirname(doc_folder)
            errors = check_record(doc_folder, truth_path, rec)
            if errors:
                failed += 1
                print(f"FAIL {truth_path}: " + "; ".join(errors))
            else:
                passed += 1
        for profile in sorted(glob.glob(os.path.join(folder, "*", "profile.json"))):
            with open(profile) as f:
                prof = json.load(f)
            errs = [f"document {d['file']} missing" for d in prof.get("documents", [])
                    if not os.path.isfile(os.path.join(os.path.dirname(profile), d["file"]))]
            if not re.search(r"@example\.(org|com|net)$", prof.get("email", "")):
                errs.append("email is not on an example domain")
            if errs:
                failed += 1
                print(f"FAIL {profile}: " + "; ".join(errs))
            else:
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
