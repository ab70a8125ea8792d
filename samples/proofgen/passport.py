"""U.S. passport data pages (TD3, 125 x 88 mm) with a two-line machine-readable zone.

The visual zone varies (three layouts, label wording, date case); the MRZ follows ICAO 9303 exactly and is
printed in a monospace OCR-B-like font at the ICAO pitch of 2.54 mm per character."""
import datetime as dt
import string

from PIL import Image

from . import data, mrz
from .draw import FAMILIES, RasterCanvas, fit_size, guilloche, signature_points, silhouette
from .people import Person, add_years, format_date

PAGE_W, PAGE_H = 354.33, 249.45   # points
LAYOUTS = ["us-classic", "us-nextgen", "trilingual-grid"]
PITCH = 2.54 / 25.4 * 72          # MRZ character pitch in points


class Passport:
    def __init__(self, rng, person: Person, as_of: dt.date):
        self.rng, self.p = rng, person
        if rng.random() < 0.5:
            self.number = rng.choice("ACEFGHJKLMNPRSTWXYZ") + "".join(rng.choice(string.digits) for _ in range(8))
        else:
            self.number = rng.choice("123456789") + "".join(rng.choice(string.digits) for _ in range(8))
        if rng.random() < 0.08:
            self.issue = as_of - dt.timedelta(days=rng.randint(3660, 4800))
        else:
            self.issue = as_of - dt.timedelta(days=rng.randint(30, 3500))
        minor = (self.issue - person.dob).days < 16 * 365   # children's passports are valid for 5 years
        self.expiry = add_years(self.issue, 5 if minor else 10) - dt.timedelta(days=1)
        self.layout = rng.choice(LAYOUTS)
        self.family = rng.choice(["liberation-sans", "dejavu-sans", "free-sans", "dejavu-condensed"])
        self.date_fmt = rng.choice(["passport", "passport_title"])
        state = person.address.state
        self.place_of_birth = rng.choice([data.STATES[state][0].upper(), rng.choice(list(data.STATES.values()))[0].upper()]) \
            + ", U.S.A." if rng.random() < 0.9 else rng.choice(["MEXICO", "PHILIPPINES", "GERMANY", "NIGERIA", "INDIA"])
        given = " ".join(p for p in [person.first, person.middle] if p)
        self.mrz = mrz.td3(surname=person.last, given_names=given, number=self.number, nationality="USA",
                           issuing_state="USA", dob=person.dob, sex=person.sex, expiry=self.expiry,
                           personal_check_filler=rng.random() < 0.5)
        assert mrz.verify_td3(*self.mrz)

    def truth(self) -> dict:
        t = self.p.name_truth()
        t.update({"date_of_birth": self.p.dob.isoformat(), "document_number": self.number,
                  "issuing_authority": "USA", "issue_date": self.issue.isoformat(),
                  "expiration_date": self.expiry.isoformat(), "sex": self.p.sex})
        return t

    def _d(self, d):
        return format_date(d, self.date_fmt)

    def render(self, dpi: int = 300) -> Image.Image:
        rng = self.rng
        c = RasterCanvas(PAGE_W, PAGE_H, dpi, background=(250, 248, 240))
        reg, bold = FAMILIES[self.family]
        tint = rng.choice([(214, 226, 240), (236, 228, 214), (222, 234, 226), (232, 222, 236)])
        c.rect(0, 0, PAGE_W, PAGE_H - 62, fill=tint)
        guilloche(c, rng, 0, 0, PAGE_W, PAGE_H - 62, tuple(max(0, v - 30) for v in tint), lines=rng.randint(14, 26))
        c.rect(0, PAGE_H - 62, PAGE_W, 62, fill=(252, 252, 250))
        getattr(self, "_" + self.layout.replace("-", "_"))(c, reg, bold)
        self._mrz(c)
        return c.finish()[0]

    def _mrz(self, c):
        size = 10.2
        x0 = (PAGE_W - 44 * PITCH) / 2
        for row, line in enumerate(self.mrz):
            y = PAGE_H - 36 + row * 19
            for i, ch in enumerate(line):
                c.text(x0 + i * PITCH + PITCH / 2, y, ch, "DejaVuSansMono", size, (20, 20, 20), align="center")

    def _fields(self):
        p = self.p
        return {
            "surname": p.last, "given": " ".join(x for x in [p.first, p.middle] if x),
            "dob": self._d(p.dob), "issue": self._d(self.issue), "expiry": self._d(self.expiry),
            "sex": p.sex, "pob": self.place_of_birth,
        }

    def _sig(self, c, x, y):
        c.polyline(signature_points(self.rng, x, y, 110, 18), color=(20, 20, 70), width=0.7)

    def _us_classic(self, c, reg, bold):
        f = self._fields()
        c.text(PAGE_W / 2 + 30, 16, "PASSPORT        PASSEPORT        PASAPORTE", bold, 8.5, (40, 40, 90), align="center")
        c.text(PAGE_W / 2 + 30, 28, "UNITED STATES OF AMERICA", bold, 9.5, (40, 40, 90), align="center")
        c.image(silhouette(self.rng, 400, 520), 14, 36, 96, 124)
        lab, val = (70, 70, 90), (10, 10, 10)
        x = 122

        def fld(xx, y, label, value, size=8.5, width=PAGE_W - 130):
            c.text(xx, y, label, reg, 4.6, lab)
            c.text(xx, y + 9, value, bold, fit_size(value, bold, size, width), val)

        fld(x, 40, "Type / Type / Tipo", "P", width=40)
        fld(x + 50, 40, "Code / Code / Codigo", "USA", width=50)
        fld(x + 120, 40, "Passport No. / No. du Passeport", self.number, width=100)
        fld(x, 58, "Surname / Nom / Apellidos", f["surname"])
        fld(x, 76, "Given Names / Prenoms / Nombres", f["given"])
        fld(x, 94, "Nationality / Nationalite / Nacionalidad", "UNITED STATES OF AMERICA")
        fld(x, 112, "Date of birth / Date de naissance / Fecha de nacimiento", f["dob"], width=110)
        fld(x, 130, "Place of birth / Lieu de naissance", f["pob"], width=110)
        fld(x + 150, 130, "Sex / Sexe / Sexo", f["sex"], width=40)
        fld(x, 148, "Date of issue / Date de delivrance", f["issue"], width=110)
        fld(x + 120, 148, "Authority / Autorite / Autoridad", "United States", size=7, width=100)
        c.text(x + 120, 164, "Department of State", bold, 7, val)
        fld(x, 166, "Date of expiration / Date d'expiration", f["expiry"], width=110)
        c.text(14, 174, "Endorsements / Mentions Speciales", reg, 4.6, lab)
        c.text(14, 183, "SEE PAGE 27", bold, 6.5, val)

    def _us_nextgen(self, c, reg, bold):
        f = self._fields()
        c.text(14, 18, "UNITED STATES OF AMERICA", bold, 11, (20, 40, 90))
        c.text(PAGE_W - 14, 18, "PASSPORT", bold, 11, (20, 40, 90), align="right")
        c.image(silhouette(self.rng, 400, 520), PAGE_W - 112, 30, 98, 126)
        c.image(silhouette(self.rng, 200, 260, grey=True), PAGE_W - 148, 96, 30, 39)
        lab, val = (60, 60, 60), (0, 0, 0)
        x, y = 14, 38
        rows = [("Passport No.", self.number), ("Surname", f["surname"]), ("Given Names", f["given"]),
                ("Nationality", "UNITED STATES OF AMERICA"),
                (self.rng.choice(["Date of birth", "Birth date"]), f["dob"]), ("Place of birth", f["pob"]),
                ("Sex", f["sex"]), ("Date of issue", f["issue"]), ("Date of expiration", f["expiry"]),
                ("Authority", "United States Department of State")]
        for label, value in rows:
            c.text(x, y, label, reg, 5, lab)
            width = PAGE_W - 190 if label == "Authority" else PAGE_W - 232   # clear of the ghost image
            c.text(x + 62, y, value, bold, fit_size(value, bold, 8, width), val)
            y += 13.5
        self._sig(c, 40, PAGE_H - 80)

    def _trilingual_grid(self, c, reg, bold):
        f = self._fields()
        c.rect(0, 0, PAGE_W, 22, fill=(30, 45, 90))
        c.text(12, 15, "UNITED STATES OF AMERICA  -  PASSPORT / PASSEPORT / PASAPORTE", bold, 8, (255, 255, 255))
        c.image(silhouette(self.rng, 400, 520), 12, 30, 90, 116)
        x = 112
        grid = [
            [("Type", "P", 30), ("Code of issuing State", "USA", 70), ("Passport No.", self.number, 100)],
            [("Surname", f["surname"], 230)],
            [("Given Names", f["given"], 230)],
            [("Nationality", "UNITED STATES OF AMERICA", 160), ("Sex", f["sex"], 40)],
            [("Date of Birth", f["dob"], 90), ("Place of Birth", f["pob"], 130)],
            [("Date of Issue", f["issue"], 90), ("Date of Expiry", f["expiry"], 130)],
        ]
        y = 34
        for row in grid:
            xx = x
            for label, value, w in row:
                c.text(xx, y, label.upper(), reg, 4.6, (90, 60, 60))
                c.text(xx, y + 9, value, bold, fit_size(value, bold, 8.5, w - 4), (0, 0, 0))
                xx += w
            y += 21
        c.text(12, 160, "Authority: U.S. Department of State", reg, 5.5, (40, 40, 40))
        self._sig(c, 112, 160)
