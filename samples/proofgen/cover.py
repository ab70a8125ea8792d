"""Fax cover pages, which carry the case reference the help desk asked the applicant to quote."""
import datetime as dt

from .draw import FAMILIES, RasterCanvas, fit_size
from .people import Person, format_date, title_case

REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"   # no I, L, O, U: easy to read back


def _gf32_multiply(a: int, b: int) -> int:
    """Multiplication in GF(2^5) modulo x^5 + x^2 + 1, as proofdesk's case references use it."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0x20:
            a ^= 0x25
    return product


def reference_check(values) -> int:
    """The check symbol over seven symbol values: sum of x^i * value_i, i = 1..7, in GF(32)
    (include/proofdesk/domain/CaseReference.h explains the choice)."""
    total, weight = 0, 1
    for value in values:
        weight = _gf32_multiply(weight, 2)
        total ^= _gf32_multiply(weight, value)
    return total


def case_reference(rng) -> str:
    """A valid reference. Eight symbols are drawn (so the random stream is the same as before check
    characters were computed); the eighth is then replaced by the check symbol of the first seven."""
    symbols = [rng.choice(REF_ALPHABET) for _ in range(8)]
    symbols[7] = REF_ALPHABET[reference_check([REF_ALPHABET.index(c) for c in symbols[:7]])]
    text = "".join(symbols)
    return f"PD-{text[:4]}-{text[4:]}"


def render_cover(rng, person: Person, reference: str, pages: int, when: dt.date, dpi: int = 300):
    c = RasterCanvas(612, 792, dpi)
    reg, bold = FAMILIES[rng.choice(["liberation-sans", "dejavu-sans", "liberation-serif", "free-sans"])]
    layout = rng.choice(["classic", "table", "memo"])
    sender = f"{title_case(person.first)} {title_case(person.last)}"
    phone = f"({rng.randint(201, 989)}) 555-01{rng.randint(0, 99):02d}"
    ref_label = rng.choice(["Case reference:", "RE: Case", "Reference #", "Case ref.", "Your reference:"])
    if layout == "classic":
        c.text(72, 110, "FAX", bold, 54)
        rows = [("To:", "Identity Proofing Help Desk"), ("Fax:", "(800) 555-0100"), ("From:", sender),
                ("Phone:", phone), ("Date:", format_date(when, "month_d_y")), ("Pages:", f"{pages} (including cover)"),
                (ref_label, reference)]
        y = 180
        for k, v in rows:
            c.text(72, y, k, bold, 13)
            c.text(200, y, v, reg, 13)
            c.line(200, y + 5, 540, y + 5, (160, 160, 160), 0.5)
            y += 34
        c.text(72, y + 30, "Comments: documents for my identity verification, as requested.", reg, 11)
    elif layout == "table":
        c.text(306, 90, "FACSIMILE TRANSMITTAL SHEET", bold, 18, align="center")
        c.rect(72, 120, 468, 200, stroke=(0, 0, 0), width=1)
        cells = [("TO", "Identity Proofing Help Desk"), ("FROM", sender), ("FAX NUMBER", "800-555-0100"),
                 ("DATE", format_date(when, "mdy_slash")), ("TOTAL NO. OF PAGES", str(pages)),
                 ("SENDER'S PHONE", phone)]
        for i, (k, v) in enumerate(cells):
            x = 80 + (i % 2) * 234
            y = 140 + (i // 2) * 60
            c.text(x, y, k, reg, 8)
            c.text(x, y + 22, v, bold, fit_size(v, bold, 12, 220))
        c.line(306, 120, 306, 300, (0, 0, 0), 0.5)
        c.text(80, 350, ref_label.upper(), reg, 10)
        c.text(80, 378, reference, bold, 20)
        c.text(80, 420, "[ ] URGENT   [x] FOR REVIEW   [ ] PLEASE COMMENT   [ ] PLEASE REPLY", reg, 9)
    else:
        c.text(72, 90, sender, bold, 16)
        c.text(72, 110, phone, reg, 11)
        c.line(72, 122, 540, 122, (0, 0, 0), 1)
        c.text(72, 170, f"{format_date(when, 'month_d_y')}", reg, 12)
        c.text(72, 210, "To the Identity Proofing Help Desk,", reg, 12)
        c.text(72, 240, f"Please find attached my ID and two statements ({pages - 1} pages).", reg, 12)
        c.text(72, 262, f"{ref_label} {reference}", bold, 14)
        c.text(72, 300, "Thank you,", reg, 12)
        c.text(72, 330, sender, reg, 12)
    return c.finish()[0]
