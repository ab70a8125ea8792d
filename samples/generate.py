#!/usr/bin/python3
"""Generates synthetic identity-evidence documents with their ground truth.

    /usr/bin/python3 samples/generate.py --out DIR --count N --seed S \
        [--kinds drivers_license,passport,...] [--degradations clean,scanned,hard,fax] [--as-of YYYY-MM-DD]
    /usr/bin/python3 samples/generate.py --demo --out samples/demo

--count is the number of documents per kind and degradation. The output for a seed is the same on every run
(the date the documents are dated against is --as-of, not today). Every person, address and number is
generated; nothing comes from real people. Needs the Debian packages of scripts/install-sample-deps.sh.
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from PIL import Image  # noqa: E402

from proofgen import aamva, cards, cover, degrade, passport, people, statements  # noqa: E402
from proofgen.draw import PdfCanvas, RasterCanvas  # noqa: E402

KINDS = ["drivers_license", "state_id", "passport", "bank_statement", "utility_bill", "payroll_statement"]
DEGRADATIONS = ["clean", "scanned", "hard", "fax"]
DEFAULT_AS_OF = "2026-11-01"
SHORT = {"drivers_license": "dl", "state_id": "id", "passport": "passport", "bank_statement": "bank",
         "utility_bill": "utility", "payroll_statement": "payroll"}


def doc_rng(seed: int, kind: str, degradation: str, index: int) -> random.Random:
    """One generator per document, so adding a kind or raising --count never changes the others."""
    digest = hashlib.sha256(f"{seed}/{kind}/{degradation}/{index}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


class Output:
    """Writes document files and the ground-truth JSON beside each."""

    def __init__(self, directory: str, truth_dir: str = None):
        self.dir = directory
        self.truth_dir = truth_dir or directory
        os.makedirs(self.dir, exist_ok=True)
        os.makedirs(self.truth_dir, exist_ok=True)
        self.records = []

    def path(self, name: str) -> str:
        return os.path.join(self.dir, name)

    def truth(self, file_name: str, kind: str, degradation: str, pages: int, fields: dict, **meta) -> dict:
        record = {"file": file_name, "document_type": kind, "degradation": degradation, "pages": pages,
                  "fields": fields, "synthetic": True}
        record.update({k: v for k, v in meta.items() if v is not None})
        stem = os.path.splitext(file_name)[0]
        with open(os.path.join(self.truth_dir, stem + ".json"), "w") as f:
            f.write(to_json(record))
        self.records.append(record)
        return record


def to_json(obj) -> str:
    """Indented JSON with short number pairs (corner points, dpi) kept on one line."""
    text = json.dumps(obj, indent=2, ensure_ascii=True)
    text = re.sub(r"\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]", r"[\1, \2]", text)
    return text + "\n"


def fax_header(rng, when: dt.date, page: int, pages: int) -> str:
    return (f"{when.strftime('%b %d %Y').upper()} {rng.randint(1, 12):02d}:{rng.randint(0, 59):02d}"
            f"{rng.choice(['AM', 'PM'])}  FROM: {rng.randint(201, 989)} 555 01{rng.randint(0, 99):02d}"
            f"   TO: 18005550100     P.{page:02d}/{pages:02d}")


def fax_document(out: Output, name: str, rng, person, as_of, content_pages, kind, page_kinds, fields, meta,
                 with_cover=None, dither_pages=()):
    """Faxes 300-dpi letter pages (with a cover page, usually) into one G4 TIFF."""
    with_cover = rng.random() < 0.6 if with_cover is None else with_cover
    reference = cover.case_reference(rng) if with_cover else None
    pages = list(content_pages)
    kinds = list(page_kinds)
    if with_cover:
        pages.insert(0, cover.render_cover(rng, person, reference, len(pages) + 1, as_of))
        kinds.insert(0, "fax_cover")
    upside = rng.random() < 0.1
    bw = [degrade.fax_page(p, rng, fax_header(rng, as_of, i + 1, len(pages)),
                           dither=(i - (1 if with_cover else 0)) in dither_pages,
                           upside_down=upside and i == len(pages) - 1)
          for i, p in enumerate(pages)]
    degrade.write_fax_tiff(bw, out.path(name + ".tif"))
    meta = dict(meta)
    meta.update({"format": "tiff-g4", "resolution_dpi": list(degrade.FAX_DPI), "page_kinds": kinds,
                 "case_reference": reference, "last_page_upside_down": upside or None})
    return out.truth(name + ".tif", kind, "fax", len(pages), fields, **meta)


# --- photo IDs ----------------------------------------------------------------------------------------

def gen_card(out: Output, name: str, rng, person, kind: str, degradation: str, as_of, card=None):
    card = card or cards.Card(rng, person, "DL" if kind == "drivers_license" else "ID", as_of)
    front, back = card.render_front(), card.render_back()
    fields = card.truth()
    parsed = aamva.parse_payload(card.payload)
    extras = {"aamva_payload": card.payload, "aamva_version": parsed["version"], "aamva_iin": parsed["iin"]}
    if person.suffix:
        extras["name_suffix"] = person.suffix
    meta = {"layout": card.layout, "extras": extras}
    records = []
    if degradation == "clean":
        for side, im in (("front", front), ("back", back)):
            degrade.clean_card(im, rng).save(out.path(f"{name}-{side}.png"), dpi=(300, 300))
            records.append(out.truth(f"{name}-{side}.png", kind, degradation, 1, fields, side=side, format="png",
                                     **meta))
    elif degradation == "scanned":
        scale = rng.choice([1.0, 1.0, 2 / 3])
        dpi = int(300 * scale)
        if rng.random() < 0.4:   # both sides on one copier page
            page, _ = degrade.on_letter_page([front, back], rng)
            img, info = degrade.scan(page, rng, scale)
            if rng.random() < 0.3:
                jpg = out.path(f"{name}.tmp.jpg")
                degrade.save_jpeg(img, jpg, rng.randint(70, 85), dpi)
                degrade.images_to_pdf([jpg], out.path(f"{name}.pdf"))
                os.remove(jpg)
                records.append(out.truth(f"{name}.pdf", kind, degradation, 1, fields, side="front+back",
                                         format="pdf-image-only", text_layer=False, scan=info, **meta))
            else:
                degrade.save_jpeg(img, out.path(f"{name}.jpg"), rng.randint(70, 85), dpi)
                records.append(out.truth(f"{name}.jpg", kind, degradation, 1, fields, side="front+back",
                                         format="jpeg", scan=info, **meta))
        else:
            for side, im in (("front", front), ("back", back)):
                img, info = degrade.scan(degrade.clean_card(im, rng), rng, scale)
                degrade.save_jpeg(img, out.path(f"{name}-{side}.jpg"), rng.randint(70, 85), dpi)
                records.append(out.truth(f"{name}-{side}.jpg", kind, degradation, 1, fields, side=side,
                                         format="jpeg", scan=info, **meta))
    elif degradation == "hard":
        for side, im in (("front", front), ("back", back)):
            img, info = degrade.phone_photo(im, rng, landscape=True)
            degrade.save_jpeg(img, out.path(f"{name}-{side}.jpg"), rng.randint(72, 86), 72)
            records.append(out.truth(f"{name}-{side}.jpg", kind, degradation, 1, fields, side=side, format="jpeg",
                                     photo=info, **meta))
    else:
        if rng.random() < 0.5:
            page, _ = degrade.on_letter_page([front, back], rng)
            pages, kinds = [page], ["id_front+back"]
        else:
            pages = [degrade.on_letter_page([front], rng)[0], degrade.on_letter_page([back], rng)[0]]
            kinds = ["id_front", "id_back"]
        records.append(fax_document(out, name, rng, person, as_of, pages, kind, kinds, fields, meta,
                                    dither_pages=(0,) if rng.random() < 0.3 else ()))
    return records


def gen_passport(out: Output, name: str, rng, person, kind, degradation, as_of, doc=None):
    doc = doc or passport.Passport(rng, person, as_of)
    page = doc.render()
    extras = {"mrz": list(doc.mrz)}
    meta = {"layout": doc.layout, "extras": extras}
    fields = doc.truth()
    if degradation == "clean":
        page.save(out.path(name + ".png"), dpi=(300, 300))
        return [out.truth(name + ".png", kind, degradation, 1, fields, format="png", **meta)]
    if degradation == "scanned":
        scale = rng.choice([1.0, 2 / 3])
        src = degrade.on_letter_page([page], rng)[0] if rng.random() < 0.4 else degrade.clean_card(page, rng)
        img, info = degrade.scan(src, rng, scale)
        degrade.save_jpeg(img, out.path(name + ".jpg"), rng.randint(70, 85), int(300 * scale))
        return [out.truth(name + ".jpg", kind, degradation, 1, fields, format="jpeg", scan=info, **meta)]
    if degradation == "hard":
        img, info = degrade.phone_photo(page, rng, landscape=True)
        degrade.save_jpeg(img, out.path(name + ".jpg"), rng.randint(72, 86), 72)
        return [out.truth(name + ".jpg", kind, degradation, 1, fields, format="jpeg", photo=info, **meta)]
    pg = degrade.on_letter_page([page], rng)[0]
    return [fax_document(out, name, rng, person, as_of, [pg], kind, ["passport_data_page"], fields, meta)]


# --- statements ---------------------------------------------------------------------------------------

def gen_statement(out: Output, name: str, rng, person, kind, degradation, as_of, doc=None, force_format=None,
                  with_cover=None):
    doc = doc or statements.Statement(rng, person, kind, as_of)
    fields = doc.truth()
    meta = {"layout": doc.layout}
    if person.suffix:
        meta["extras"] = {"name_suffix": person.suffix}
    fmt = force_format or ("pdf" if degradation == "clean" and rng.random() < 0.5 else "raster")
    if fmt == "pdf":
        pc = PdfCanvas(out.path(name + ".pdf"), statements.PAGE_W, statements.PAGE_H,
                       title=f"{doc.issuer.title()} statement")
        pages = doc.draw(pc)
        pc.finish()
        return [out.truth(name + ".pdf", kind, degradation, pages, fields, format="pdf", text_layer=True, **meta)]
    rc = RasterCanvas(statements.PAGE_W, statements.PAGE_H, 300)
    doc.draw(rc)
    rasters = rc.finish()
    if degradation == "clean":
        # an 8-bit palette keeps text pages small without visible change
        page = rasters[0].quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        page.save(out.path(name + ".png"), dpi=(300, 300), optimize=True)
        return [out.truth(name + ".png", kind, degradation, 1, fields, format="png", **meta)]
    if degradation == "scanned":
        scale = rng.choice([1.0, 2 / 3, 2 / 3])
        dpi = int(300 * scale)
        if force_format == "jpeg" or (force_format is None and rng.random() < 0.65):
            img, info = degrade.scan(rasters[0], rng, scale)
            degrade.save_jpeg(img, out.path(name + ".jpg"), rng.randint(70, 85), dpi)
            return [out.truth(name + ".jpg", kind, degradation, 1, fields, format="jpeg", scan=info, **meta)]
        jpgs, infos = [], []
        for i, r in enumerate(rasters):
            img, info = degrade.scan(r, rng, scale)
            p = out.path(f"{name}.p{i}.tmp.jpg")
            degrade.save_jpeg(img, p, rng.randint(70, 85), dpi)
            jpgs.append(p)
            infos.append(info)
        degrade.images_to_pdf(jpgs, out.path(name + ".pdf"))
        for p in jpgs:
            os.remove(p)
        return [out.truth(name + ".pdf", kind, degradation, len(rasters), fields, format="pdf-image-only",
                          text_layer=False, scan=infos[0], **meta)]
    if degradation == "hard":
        img, info = degrade.phone_photo(rasters[0], rng, landscape=False)
        degrade.save_jpeg(img, out.path(name + ".jpg"), rng.randint(72, 86), 72)
        return [out.truth(name + ".jpg", kind, degradation, 1, fields, format="jpeg", photo=info, **meta)]
    return [fax_document(out, name, rng, person, as_of, rasters, kind, [kind] * len(rasters), fields, meta,
                         with_cover=with_cover)]


GENERATORS = {"drivers_license": gen_card, "state_id": gen_card, "passport": gen_passport,
              "bank_statement": gen_statement, "utility_bill": gen_statement, "payroll_statement": gen_statement}


def generate(out_dir: str, count: int, seed: int, kinds, degradations, as_of: dt.date) -> list:
    out = Output(out_dir)
    for kind in kinds:
        for degradation in degradations:
            for i in range(1, count + 1):
                rng = doc_rng(seed, kind, degradation, i)
                person = people.random_person(rng, as_of)
                name = f"{SHORT[kind]}-{degradation}-{i:03d}"
                extra = {}
                if kind.endswith("_statement") or kind == "utility_bill":
                    # clean statements alternate between a born-digital PDF and a 300-dpi PNG
                    if degradation == "clean":
                        extra["force_format"] = "pdf" if i % 2 == 1 else "raster"
                GENERATORS[kind](out, name, rng, person, kind, degradation, as_of, **extra)
    index = [{"file": r["file"], "document_type": r["document_type"], "degradation": r["degradation"],
              "pages": r["pages"]} for r in out.records]
    with open(out.path("index.json"), "w") as f:
        json.dump({"seed": seed, "count": count, "as_of": as_of.isoformat(), "documents": index}, f, indent=2)
        f.write("\n")
    return out.records


def parse_list(text: str, allowed, what: str):
    items = [t.strip() for t in text.split(",") if t.strip()]
    bad = [t for t in items if t not in allowed]
    if bad or not items:
        raise SystemExit(f"unknown {what}: {', '.join(bad) or '(none given)'}; choose from {', '.join(allowed)}")
    return items


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--count", type=int, default=2, help="documents per kind and degradation (default 2)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ",".join(KINDS))
    ap.add_argument("--degradations", default=",".join(DEGRADATIONS),
                    help="comma-separated: " + ",".join(DEGRADATIONS))
    ap.add_argument("--as-of", default=DEFAULT_AS_OF,
                    help=f"date documents are dated against (default {DEFAULT_AS_OF}; use $(date +%%F) for fresh ones)")
    ap.add_argument("--demo", action="store_true", help="write the demo applicants (samples/demo) instead")
    args = ap.parse_args(argv)
    try:
        as_of = dt.date.fromisoformat(args.as_of)
    except ValueError:
        raise SystemExit(f"--as-of must be YYYY-MM-DD, got {args.as_of!r}")
    if args.demo:
        from proofgen import demo
        demo.write_demo(args.out, as_of)
        return 0
    if args.count < 1:
        raise SystemExit("--count must be at least 1")
    kinds = parse_list(args.kinds, KINDS, "kind")
    degradations = parse_list(args.degradations, DEGRADATIONS, "degradation")
    records = generate(args.out, args.count, args.seed, kinds, degradations, as_of)
    print(f"wrote {len(records)} files with ground truth to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
