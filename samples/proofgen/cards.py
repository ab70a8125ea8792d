"""U.S. driver's licenses and state ID cards: a printed front and a back with the AAMVA PDF417 barcode.

Card size is ID-1 (85.60 x 53.98 mm). Four front layouts differ in where the photo and fields sit, how
labels read ("4d DLN" / "LIC NO" / "DL"), how names are arranged and how dates print."""
import datetime as dt
import random
import string

from PIL import Image, ImageDraw

from . import aamva, data
from .draw import FAMILIES, RasterCanvas, fit_size, guilloche, signature_points, silhouette, text_width, zint_barcode
from .people import Person, add_years, format_date

CARD_W, CARD_H = 242.65, 153.0   # points
FRONT_LAYOUTS = ["aamva-classic", "words-right-photo", "stacked-labels", "compact-inline"]

TITLES = {
    "DL": ["DRIVER LICENSE", "DRIVER'S LICENSE", "DRIVER LICENSE", "OPERATOR LICENSE", "Driver License"],
    "ID": ["IDENTIFICATION CARD", "ID CARD", "IDENTIFICATION CARD", "Identification Card", "STATE ID"],
}


def document_number(rng, pattern: str) -> tuple:
    """Returns (printed, normalised) for a pattern of L/D/A/literal characters (see data.STATES)."""
    printed = []
    for ch in pattern:
        if ch.islower():
            printed.append(ch.upper())
        elif ch == "L":
            printed.append(rng.choice(string.ascii_uppercase))
        elif ch == "D":
            printed.append(rng.choice(string.digits))
        elif ch == "A":
            printed.append(rng.choice(string.ascii_uppercase + string.digits))
        else:
            printed.append(ch)
    text = "".join(printed)
    return text, text.replace(" ", "").replace("-", "")


def card_dates(rng, person: Person, as_of: dt.date, kind: str) -> tuple:
    years = rng.choice([4, 5, 6, 8]) if kind == "DL" else rng.choice([5, 6, 8])
    if rng.random() < 0.1:   # some expired cards: the checks must notice them
        issue = as_of - dt.timedelta(days=rng.randint(years * 365 + 30, years * 365 + 700))
    else:
        issue = as_of - dt.timedelta(days=rng.randint(20, years * 365 - 60))
    expiry = add_years(person.dob.replace(year=issue.year) if not (person.dob.month == 2 and person.dob.day == 29)
                       else dt.date(issue.year, 2, 28), years)
    if expiry <= issue:
        expiry = add_years(expiry, 1)
    return issue, expiry


class Card:
    """Everything about one card: what it says and how it is drawn."""

    def __init__(self, rng: random.Random, person: Person, card_type: str, as_of: dt.date):
        self.rng, self.p, self.type = rng, person, card_type        # card_type is "DL" or "ID"
        self.state = person.address.state
        self.state_name, self.iin, pattern = data.STATES[self.state]
        self.number_printed, self.number = document_number(rng, pattern)
        self.issue, self.expiry = card_dates(rng, person, as_of, card_type)
        self.discriminator = "".join(rng.choice(string.digits + string.ascii_uppercase) for _ in range(rng.randint(10, 20)))
        self.inventory = "".join(rng.choice(string.digits) for _ in range(rng.randint(10, 14)))
        self.version = rng.choice([8, 9, 10])
        self.real_id = rng.random() < 0.8
        self.donor = rng.random() < 0.3
        self.veteran = rng.random() < 0.08
        self.vehicle_class = rng.choice(["C", "C", "D", "C", "M"]) if card_type == "DL" else None
        self.layout = rng.choice(FRONT_LAYOUTS)
        self.family = rng.choice(["liberation-sans", "dejavu-sans", "dejavu-condensed", "free-sans",
                                  "liberation-sans", "dejavu-condensed"])
        self.date_fmt = rng.choice(["mdy_slash", "mdy_slash", "mdy_slash", "mdy_dash", "mon_upper"])
        self.unit_in_street1 = rng.random() < 0.7
        self.payload = aamva.build_payload(
            person, card_type=card_type, iin=self.iin, version=self.version,
            jurisdiction_version=rng.randint(0, 3), document_number=self.number, issue=self.issue,
            expiry=self.expiry, discriminator=self.discriminator, inventory=self.inventory, rng=rng,
            with_jurisdiction_subfile=rng.random() < 0.4, vehicle_class=self.vehicle_class or "C",
            real_id=self.real_id, donor=self.donor, veteran=self.veteran,
            unit_in_street1=rng.random() < 0.6)
        aamva.parse_payload(self.payload)  # self-check: offsets and lengths must agree

    # --- ground truth ---------------------------------------------------------------------------------
    def truth(self) -> dict:
        t = self.p.name_truth()
        t["date_of_birth"] = self.p.dob.isoformat()
        t.update(self.p.address.truth())
        t.update({"document_number": self.number, "issuing_authority": self.state,
                  "issue_date": self.issue.isoformat(), "expiration_date": self.expiry.isoformat(),
                  "sex": self.p.sex})
        return t

    # --- front ----------------------------------------------------------------------------------------
    def render_front(self, dpi: int = 300) -> Image.Image:
        rng = self.rng
        c = RasterCanvas(CARD_W, CARD_H, dpi, background=(255, 255, 255))
        reg, bold = FAMILIES[self.family]
        hue = rng.choice([(205, 225, 240), (240, 228, 205), (215, 235, 215), (235, 215, 230), (225, 225, 240)])
        accent = rng.choice([(20, 60, 120), (120, 20, 30), (20, 90, 60), (70, 30, 110), (30, 30, 30)])
        c.rect(0, 0, CARD_W, CARD_H, fill=hue)
        guilloche(c, rng, 0, 0, CARD_W, CARD_H, tuple(max(0, v - 25) for v in hue), lines=rng.randint(10, 22))
        title = rng.choice(TITLES[self.type])
        state_title = rng.choice([self.state_name.upper(), self.state_name.upper(), f"State of {self.state_name}",
                                  f"{self.state_name.upper()} USA"])
        getattr(self, "_front_" + self.layout.replace("-", "_"))(c, reg, bold, accent, title, state_title)
        if self.real_id:
            star_y = {"words-right-photo": CARD_H - 24, "compact-inline": CARD_H - 56}.get(self.layout, 8)
            self._star(c, CARD_W - 22, star_y, accent)
        img = c.finish()[0]
        return rounded(img, dpi)

    def _d(self, d: dt.date) -> str:
        return format_date(d, self.date_fmt)

    def _addr_lines(self):
        return self.p.address.printed_lines(self.rng, "usps", self.unit_in_street1)

    def _given(self):
        return " ".join(p for p in [self.p.first, self.p.middle] if p)

    def _last(self):
        return self.p.last + (f" {self.p.suffix}" if self.p.suffix else "")

    def _photo(self, c, x, y, w, h, grey=False):
        im = silhouette(self.rng, int(w * 4), int(h * 4), grey=grey)
        c.image(im, x, y, w, h)
        c.rect(x, y, w, h, stroke=(90, 90, 90), width=0.4)

    def _signature(self, c, x, y, w, h):
        c.polyline(signature_points(self.rng, x, y, w, h), color=(20, 20, 60), width=0.7)

    def _star(self, c, x, y, color):
        import math
        pts = []
        for i in range(10):
            r = 7 if i % 2 == 0 else 3
            a = -math.pi / 2 + i * math.pi / 5
            pts.append((x + 7 + r * math.cos(a), y + 7 + r * math.sin(a)))
        c.ellipse(x - 1, y - 1, 16, 16, fill=(230, 190, 40))
        c.polygon(pts, fill=color)

    def _front_aamva_classic(self, c, reg, bold, accent, title, state_title):
        c.rect(0, 0, CARD_W, 26, fill=accent)
        # The state's name shrinks to end before the right-aligned title (a long name would overprint it).
        title_left = CARD_W - 30 - text_width(title.upper(), bold, 7.5)
        c.text(8, 18, state_title, bold, fit_size(state_title, bold, 14, title_left - 8 - 6), (255, 255, 255))
        c.text(CARD_W - 30, 18, title.upper(), bold, 7.5, (255, 255, 255), align="right")
        px, py, pw, ph = 8, 34, 66, 84
        self._photo(c, px, py, pw, ph)
        self._signature(c, px, 124, 70, 20)
        x = 82
        red = (170, 20, 20)
        num_label = "4d DLN" if self.type == "DL" else "4d IDN"
        c.text(x, 40, num_label, reg, 5, (60, 60, 60))
        c.text(x + 20, 40, self.number_printed, bold, 9, red)
        c.text(x, 51, "3 DOB", reg, 5, (60, 60, 60))
        c.text(x + 20, 51, self._d(self.p.dob), bold, 9, red)
        c.text(x, 62, "1", reg, 5, (60, 60, 60))
        c.text(x + 6, 62, self._last(), bold, fit_size(self._last(), bold, 8.5, CARD_W - x - 12))
        c.text(x, 72, "2", reg, 5, (60, 60, 60))
        c.text(x + 6, 72, self._given(), bold, fit_size(self._given(), bold, 8.5, CARD_W - x - 12))
        y = 82
        c.text(x, y, "8", reg, 5, (60, 60, 60))
        for line in self._addr_lines():
            c.text(x + 6, y, line, reg, fit_size(line, reg, 6.8, CARD_W - x - 12))
            y += 8
        y += 3
        row = [("4a ISS", self._d(self.issue)), ("4b EXP", self._d(self.expiry))]
        for i, (lab, val) in enumerate(row):
            c.text(x + i * 78, y, lab, reg, 5, (60, 60, 60))
            c.text(x + i * 78 + 20, y, val, bold, 7, red if "EXP" in lab else (0, 0, 0))
        y += 10
        small = [("15 SEX", self.p.sex), ("16 HGT", f"{self.p.height_in // 12}'-{self.p.height_in % 12:02d}\""),
                 ("18 EYES", self.p.eye)]
        if self.type == "DL":
            small.append(("9 CLASS", self.vehicle_class))
        for i, (lab, val) in enumerate(small):
            c.text(x + i * 40, y, lab, reg, 4.6, (60, 60, 60))
            c.text(x + i * 40 + 19, y, val, bold, 6.5)
        y += 9
        c.text(x, y, "5 DD", reg, 4.6, (60, 60, 60))
        c.text(x + 14, y, self.discriminator, reg, 5.5)
        if self.donor:
            c.text(CARD_W - 8, CARD_H - 6, "DONOR", bold, 6, (170, 20, 20), align="right")

    def _front_words_right_photo(self, c, reg, bold, accent, title, state_title):
        c.text(CARD_W / 2 - 25, 16, state_title, bold, 12, accent, align="center")
        c.text(CARD_W / 2 - 25, 25, title, bold, 7, (40, 40, 40), align="center")
        pw, ph = 62, 78
        px = CARD_W - pw - 10
        self._photo(c, px, 12, pw, ph)
        self._photo(c, px + 14, 100, 30, 38, grey=True)   # ghost image
        x, y = 10, 38
        lab_color = accent
        num_label = rng_choice(self.rng, ["LIC NO", "LICENSE NO.", "DL NO"]) if self.type == "DL" else \
            rng_choice(self.rng, ["ID NO", "ID NUMBER", "CARD NO"])
        c.text(x, y, num_label, bold, 5.5, lab_color)
        c.text(x + 38, y, self.number_printed, bold, 9)
        y += 12
        c.text(x, y, "NAME", bold, 5.5, lab_color)
        full = " ".join(p for p in [self.p.first, self.p.middle, self.p.last] if p)
        if self.p.suffix:
            full += " " + self.p.suffix
        c.text(x + 38, y, full, bold, fit_size(full, bold, 8.5, px - x - 42))
        y += 11
        c.text(x, y, "ADDRESS", bold, 5.5, lab_color)
        for line in self._addr_lines():
            c.text(x + 38, y, line, reg, fit_size(line, reg, 6.8, px - x - 42))
            y += 8
        y += 4
        dob_label = rng_choice(self.rng, ["DATE OF BIRTH", "BIRTH DATE", "DOB"])
        grid = [(dob_label, self._d(self.p.dob)), ("SEX", self.p.sex),
                (rng_choice(self.rng, ["ISSUED", "ISSUE DATE", "ISS"]), self._d(self.issue)),
                ("HEIGHT", f"{self.p.height_in // 12}-{self.p.height_in % 12:02d}"),
                (rng_choice(self.rng, ["EXPIRES", "EXPIRATION", "EXP"]), self._d(self.expiry)),
                ("EYES", self.p.eye)]
        for i, (lab, val) in enumerate(grid):
            gx = x + (i % 2) * 98
            gy = y + (i // 2) * 13
            c.text(gx, gy, lab, bold, 5, lab_color)
            c.text(gx, gy + 7, val, bold if i % 2 == 0 else reg, 7.2)
        self._signature(c, x + 4, CARD_H - 20, 80, 15)
        if self.type == "DL":
            c.text(x + 98, CARD_H - 8, f"CLASS {self.vehicle_class}", bold, 6)

    def _front_stacked_labels(self, c, reg, bold, accent, title, state_title):
        c.rect(0, CARD_H - 16, CARD_W, 16, fill=accent)
        c.text(8, CARD_H - 5, title.upper(), bold, 8, (255, 255, 255))
        c.text(8, 17, state_title.upper(), bold, 13, accent)
        c.text(CARD_W - 30, 15, "USA", bold, 8, accent, align="right")
        px, py, pw, ph = 8, 24, 72, 92
        self._photo(c, px, py, pw, ph)
        x = 88
        label = (90, 90, 90)

        def field(lx, ly, lab, val, size=7.5, font=None, width=CARD_W - x - 8):
            c.text(lx, ly, lab, reg, 4.8, label)
            c.text(lx, ly + 8, val, font or bold, fit_size(val, font or bold, size, width))

        field(x, 28, "DL NUMBER" if self.type == "DL" else "ID NUMBER", self.number_printed, 9.5, width=90)
        field(x + 95, 28, rng_choice(self.rng, ["BIRTH DATE", "DATE OF BIRTH", "DOB"]), self._d(self.p.dob), 8.5)
        field(x, 46, "LAST NAME", self._last())
        field(x, 63, "FIRST MIDDLE" if self.p.middle else "FIRST NAME", self._given())
        c.text(x, 80, "ADDRESS", reg, 4.8, label)
        y = 88
        for line in self._addr_lines():
            c.text(x, y, line, bold, fit_size(line, bold, 6.6, CARD_W - x - 8))
            y += 7.8
        y += 2
        items = [("ISSUE", self._d(self.issue)), ("EXPIRES", self._d(self.expiry)), ("SEX", self.p.sex)]
        xs = [x, x + 56, x + 112]
        for (lab, val), lx in zip(items, xs):
            field(lx, y, lab, val, 6.8, width=52)
        self._signature(c, 10, 118, 68, 18)

    def _front_compact_inline(self, c, reg, bold, accent, title, state_title):
        c.rect(0, 0, CARD_W, 20, fill=accent)
        head = f"{state_title.upper()} - {title.upper()}"
        c.text(CARD_W / 2 - 8, 14, head, bold, fit_size(head, bold, 9, CARD_W - 50), (255, 255, 255),
               align="center")
        x = 10
        y = 34
        lines = [("DL" if self.type == "DL" else "ID", self.number_printed, True),
                 ("LN", self._last(), True), ("FN", self._given(), True)]
        for lab, val, b in lines:
            c.text(x, y, lab, reg, 5.5, accent)
            c.text(x + 14, y, val, bold if b else reg, fit_size(val, bold, 8, CARD_W - 100))
            y += 10
        for i, line in enumerate(self._addr_lines()):
            c.text(x + 14, y, line, reg, fit_size(line, reg, 6.5, CARD_W - 100))
            y += 8
        y += 3
        pairs = [("DOB", self._d(self.p.dob)), ("EXP", self._d(self.expiry)), ("ISS", self._d(self.issue)),
                 ("SEX", self.p.sex), ("EYES", self.p.eye), ("HGT", f"{self.p.height_in // 12}'{self.p.height_in % 12}\"")]
        col_w = (CARD_W - 90) / 3
        for i, (lab, val) in enumerate(pairs):
            gx = x + (i % 3) * col_w
            gy = y + (i // 3) * 10
            c.text(gx, gy, lab, reg, 5, accent)
            c.text(gx + 14, gy, val, bold, fit_size(val, bold, 6.5, col_w - 16))
        pw, ph = 58, 74
        self._photo(c, CARD_W - pw - 10, 28, pw, ph)
        self._signature(c, CARD_W - 80, CARD_H - 34, 70, 18)
        c.text(x, CARD_H - 8, "DD " + self.discriminator, reg, 4.5, (80, 80, 80))

    # --- back -----------------------------------------------------------------------------------------
    def render_back(self, dpi: int = 300) -> Image.Image:
        rng = self.rng
        c = RasterCanvas(CARD_W, CARD_H, dpi, background=(250, 250, 248))
        reg, bold = FAMILIES[self.family]
        guilloche(c, rng, 0, 0, CARD_W, CARD_H, (225, 228, 235), lines=8)
        # PDF417 with an X-dimension of 0.25 or 0.33 mm, error correction level 3-5 (AAMVA asks for 3 or more)
        scale = rng.choice([1.5, 2.0])
        cols = rng.choice([9, 10, 11, 12, 13]) if scale == 1.5 else rng.choice([8, 9, 10])
        code = zint_barcode(self.payload.encode("ascii"), "pdf417", cols=cols, scale=scale, security=rng.randint(3, 5))
        x_mod_pt = (0.25 if scale == 1.5 else 0.33) / 25.4 * 72
        px_per_module = 2 * scale           # zint draws a module as 2 px per unit of scale
        bw = code.width / px_per_module * x_mod_pt
        bh = code.height / px_per_module * x_mod_pt
        top = rng.choice([8, 14, CARD_H - bh - 10])
        bx = (CARD_W - bw) / 2 if rng.random() < 0.6 else 10
        c.rect(bx - 4, top - 4, bw + 8, bh + 8, fill=(255, 255, 255))
        c.image(code, bx, top, bw, bh, resample=Image.NEAREST)
        # small print in the space left over
        free_y = top + bh + 12 if top < 40 else 14
        lines = []
        if self.type == "DL":
            lines.append(f"CLASS {self.vehicle_class}: " + {"C": "Any single vehicle under 26,001 lbs",
                                                           "D": "Non-commercial passenger vehicles",
                                                           "M": "Motorcycles"}[self.vehicle_class])
            lines.append("ENDORSEMENTS: NONE   RESTRICTIONS: " + rng.choice(["NONE", "B - CORRECTIVE LENSES"]))
        else:
            lines.append("THIS CARD IS NOT A LICENSE TO DRIVE")
        if self.donor:
            lines.append("ORGAN DONOR")
        lines.append(f"Report address changes at dmv.{self.state.lower()}.example.gov")
        for line in lines:
            if free_y > CARD_H - 4:
                break
            c.text(10, free_y, line, reg, 5.5, (40, 40, 40))
            free_y += 8
        if rng.random() < 0.5 and top < 40 and free_y < CARD_H - 30:
            lin = zint_barcode(self.inventory.encode(), "code128", scale=1, height=20)
            c.image(lin, CARD_W - 90, CARD_H - 26, 80, 16, resample=Image.NEAREST)
        img = c.finish()[0]
        return rounded(img, dpi)


def rng_choice(rng, options):
    return rng.choice(options)


def rounded(img: Image.Image, dpi: int) -> Image.Image:
    """Gives the card rounded corners (3.18 mm radius) as transparency."""
    r = int(3.18 / 25.4 * dpi)
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, img.width - 1, img.height - 1], radius=r, fill=255)
    out = img.convert("RGBA")
    out.putalpha(mask)
    return out
