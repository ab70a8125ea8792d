"""Three demo applicants for seeding a proofdesk server: a profile.json each and documents that agree with it.

All three are invented. Their documents are dated against --as-of, are not expired and carry the profile's
street address (no PO boxes), so a reviewer can walk a case from intake to approval."""
import datetime as dt
import os
import random

from . import cards, passport, statements
from .people import Address, Person, title_case

APPLICANTS = [
    {
        "dir": "applicant-1",
        "person": Person(first="DANIELLE", middle="MARIE", last="OKAFOR-LINDQVIST", suffix=None, sex="F",
                         dob=dt.date(1988, 4, 17),
                         address=Address("1427", "N", "LARKSPUR", "ST", None, "APT", "3B", "SPOKANE", "WA",
                                         "99205", "1132"),
                         eye="BRO", hair="BLK", height_in=66, weight_lb=142),
        "email": "danielle.okafor-lindqvist@example.org", "phone": "+1 509-555-0134",
        "user_id": "dokafor.lindqvist", "ssn_last4": "4821",
        "id": ("drivers_license", "clean"),
        "statements": [("bank_statement", "pdf", 1), ("utility_bill", "jpeg", 3)],
    },
    {
        "dir": "applicant-2",
        "person": Person(first="TERRENCE", middle="JAMES", last="O'HALLORAN", suffix="JR", sex="M",
                         dob=dt.date(1961, 11, 2),
                         address=Address("88", None, "CEDAR RIDGE", "RD", None, "UNIT", "12", "COLUMBUS", "OH",
                                         "43215", None),
                         eye="BLU", hair="GRY", height_in=71, weight_lb=198),
        "email": "t.ohalloran@example.com", "phone": "+1 614-555-0187",
        "user_id": "terrence_ohalloran61", "ssn_last4": "0375",
        "id": ("state_id", "clean"),
        "statements": [("payroll_statement", "pdf", 4), ("bank_statement", "fax", 6)],
    },
    {
        "dir": "applicant-3",
        "person": Person(first="PRIYA", middle="L", last="VENKATARAMAN", suffix=None, sex="F",
                         dob=dt.date(1995, 7, 29),
                         address=Address("2250", None, "MAGNOLIA", "AVE", None, "#", "5", "SAVANNAH", "GA",
                                         "31401", "2250"),
                         eye="BRO", hair="BLK", height_in=63, weight_lb=120),
        "email": "priya.venkataraman@example.net", "phone": "+1 912-555-0112",
        "user_id": "priyav.sav", "ssn_last4": "9046",
        "id": ("passport", "clean"),
        "statements": [("utility_bill", "pdf", 8), ("payroll_statement", "hard", 2)],
    },
]


def _valid_card(rng, person, card_type, as_of):
    for _ in range(50):
        card = cards.Card(rng, person, card_type, as_of)
        if card.expiry > as_of + dt.timedelta(days=180):
            return card
    raise RuntimeError("could not draw an unexpired card")


def _valid_passport(rng, person, as_of):
    for _ in range(50):
        doc = passport.Passport(rng, person, as_of)
        if doc.expiry > as_of + dt.timedelta(days=180):
            return doc
    raise RuntimeError("could not draw an unexpired passport")


def _recent_statement(rng, person, kind, as_of, issuer_index):
    for _ in range(50):
        doc = statements.Statement(rng, person, kind, as_of, allow_po_box=False, issuer_index=issuer_index)
        if (as_of - doc.date).days <= 60:
            return doc
    raise RuntimeError("could not draw a recent statement")


def write_demo(out_dir: str, as_of: dt.date):
    import generate   # the CLI module: shared writers
    for n, spec in enumerate(APPLICANTS, start=1):
        rng = random.Random(f"demo/{n}")
        p = spec["person"]
        folder = os.path.join(out_dir, spec["dir"])
        out = generate.Output(folder, truth_dir=os.path.join(folder, "truth"))
        documents = []
        kind, degradation = spec["id"]
        if kind == "passport":
            doc = _valid_passport(rng, p, as_of)
            for r in generate.gen_passport(out, "passport", rng, p, kind, degradation, as_of, doc=doc):
                documents.append({"file": r["file"], "kind": kind, "truth": "truth/" + r["file"].rsplit(".", 1)[0] + ".json"})
        else:
            card = _valid_card(rng, p, "DL" if kind == "drivers_license" else "ID", as_of)
            for r in generate.gen_card(out, "id", rng, p, kind, degradation, as_of, card=card):
                documents.append({"file": r["file"], "kind": kind, "side": r.get("side"),
                                  "truth": "truth/" + r["file"].rsplit(".", 1)[0] + ".json"})
        for i, (skind, how, issuer_index) in enumerate(spec["statements"], start=1):
            doc = _recent_statement(rng, p, skind, as_of, issuer_index)
            name = f"statement-{i}"
            if how == "pdf":
                recs = generate.gen_statement(out, name, rng, p, skind, "clean", as_of, doc=doc, force_format="pdf")
            elif how == "jpeg":
                recs = generate.gen_statement(out, name, rng, p, skind, "scanned", as_of, doc=doc, force_format="jpeg")
            elif how == "fax":
                recs = generate.gen_statement(out, name, rng, p, skind, "fax", as_of, doc=doc, with_cover=False)
            else:
                recs = generate.gen_statement(out, name, rng, p, skind, "hard", as_of, doc=doc)
            for r in recs:
                documents.append({"file": r["file"], "kind": skind,
                                  "truth": "truth/" + r["file"].rsplit(".", 1)[0] + ".json"})
        a = p.address
        profile = {
            "synthetic": True,
            "first_name": title_case(p.first), "middle_name": title_case(p.middle) if p.middle else "",
            "last_name": title_case(p.last) + (f" {p.suffix.title()}" if p.suffix in ("JR", "SR") else ""),
            "date_of_birth": p.dob.isoformat(),
            "street": title_case(a.line1()),
            "unit": (a.printed_unit(random.Random(n), "mixed") or "") if a.line2() else "",
            "city": title_case(a.city), "state": a.state, "zip": a.postal_code(),
            "email": spec["email"], "phone": spec["phone"], "user_id": spec["user_id"],
            "challenge_question": "What was the name of your first school?",
            "challenge_answer": f"demo-answer-{n} (placeholder, set your own when seeding)",
            "ssn_last4": spec["ssn_last4"],
            "documents": documents,
        }
        with open(os.path.join(folder, "profile.json"), "w") as f:
            f.write(generate.to_json(profile))
        print(f"wrote {folder}: " + ", ".join(d["file"] for d in documents))
