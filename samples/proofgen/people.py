"""Synthetic applicants: names, dates of birth, addresses, and the ways documents print them.

Ground-truth conventions (see samples/README.md):
- names upper case, hyphens, apostrophes and inner spaces kept as printed ("O'BRIEN", "DE LA CRUZ");
  the generational suffix (JR, SR, II...) is not part of last_name;
- address_line1 is the primary line normalised the USPS Publication 28 way (upper case, standard suffix and
  directional abbreviations, e.g. "1200 N MAPLE ST"); address_line2 is the secondary unit ("APT 4B",
  "STE 200", "# 12") even when the document prints it on the first line;
- postal_code is "12345" or "12345-6789"; dates are ISO "YYYY-MM-DD".
"""
import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from . import data


@dataclass
class Address:
    number: str
    predir: Optional[str]
    street: str
    suffix: Optional[str]
    postdir: Optional[str]
    unit_designator: Optional[str] = None
    unit: Optional[str] = None
    city: str = ""
    state: str = ""
    zip5: str = ""
    zip4: Optional[str] = None
    po_box: Optional[str] = None

    # ground truth -------------------------------------------------------------------------------------
    def line1(self) -> str:
        if self.po_box:
            return f"PO BOX {self.po_box}"
        parts = [self.number, self.predir, self.street, self.suffix, self.postdir]
        return " ".join(p for p in parts if p)

    def line2(self) -> Optional[str]:
        if self.po_box or not self.unit_designator:
            return None
        return f"{self.unit_designator} {self.unit}"

    def postal_code(self) -> str:
        return f"{self.zip5}-{self.zip4}" if self.zip4 else self.zip5

    def truth(self) -> dict:
        out = {"address_line1": self.line1()}
        if self.line2():
            out["address_line2"] = self.line2()
        out.update({"city": self.city, "state": self.state, "postal_code": self.postal_code()})
        return out

    # printed forms ------------------------------------------------------------------------------------
    def printed_street(self, rng, style: str) -> str:
        """The primary line as a document might print it. style: 'usps' (upper, abbreviated), 'long'
        (title case, words spelled out), 'mixed' (title case, abbreviations)."""
        if self.po_box:
            return rng.choice([f"PO BOX {self.po_box}", f"P.O. Box {self.po_box}", f"PO Box {self.po_box}"]) \
                if style != "usps" else f"PO BOX {self.po_box}"
        if style == "usps":
            return self.line1()
        words = [self.number]
        if self.predir:
            words.append(data.DIRECTIONALS[self.predir] if style == "long" else self.predir)
        words.append(title_case(self.street))
        if self.suffix:
            forms = data.STREET_SUFFIXES[self.suffix]
            words.append(forms[0] if style == "long" else rng.choice(forms))
        if self.postdir:
            words.append(data.DIRECTIONALS[self.postdir] if style == "long" else self.postdir)
        return " ".join(words)

    def printed_unit(self, rng, style: str) -> Optional[str]:
        if not self.line2():
            return None
        if style == "usps":
            return self.line2()
        form = rng.choice(data.UNIT_DESIGNATORS[self.unit_designator])
        if form == "#":
            return rng.choice([f"#{self.unit}", f"# {self.unit}"])
        return f"{form} {self.unit}"

    def printed_city_line(self, rng, style: str) -> str:
        city = self.city if style == "usps" else title_case(self.city)
        sep = rng.choice(["  ", " "]) if style == "usps" else " "
        return f"{city}{',' if style != 'usps' or rng.random() < 0.5 else ''} {self.state}{sep}{self.postal_code()}"

    def printed_lines(self, rng, style: str, unit_on_first_line: bool) -> list:
        street = self.printed_street(rng, style)
        unit = self.printed_unit(rng, style)
        lines = []
        if unit and unit_on_first_line:
            lines.append(f"{street}{',' if style != 'usps' and rng.random() < 0.4 else ''} {unit}")
        else:
            lines.append(street)
            if unit:
                lines.append(unit)
        lines.append(self.printed_city_line(rng, style))
        return lines


@dataclass
class Person:
    first: str
    middle: Optional[str]
    last: str
    suffix: Optional[str]
    sex: str               # M, F or X
    dob: dt.date
    address: Address
    eye: str = "BRO"
    hair: str = "BRO"
    height_in: int = 68
    weight_lb: int = 160
    extra: dict = field(default_factory=dict)

    def name_truth(self, middle_as_initial: bool = False, with_middle: bool = True) -> dict:
        out = {"first_name": self.first}
        if self.middle and with_middle:
            out["middle_name"] = self.middle[0] if middle_as_initial else self.middle
        out["last_name"] = self.last
        return out

    def full_name(self, middle_style: str = "full", order: str = "first", case: str = "upper",
                  suffix: bool = True, dotted: bool = False) -> str:
        """middle_style: full | initial | none; order: first ("JOHN Q PUBLIC") or last ("PUBLIC, JOHN Q")."""
        mid = ""
        if self.middle and middle_style == "full":
            mid = self.middle
        elif self.middle and middle_style == "initial":
            mid = self.middle[0] + ("." if dotted else "")
        first, last = self.first, self.last
        suf = self.suffix if (suffix and self.suffix) else ""
        if case == "title":
            first, mid, last = title_case(first), title_case(mid), title_case(last)
            suf = suf.title() if suf in ("JR", "SR") else suf
            if suf in ("Jr", "Sr") and dotted:
                suf += "."
        if order == "last":
            given = " ".join(p for p in [first, mid] if p)
            name = f"{last}{(' ' + suf) if suf else ''}, {given}"
        else:
            name = " ".join(p for p in [first, mid, last] if p)
            if suf:
                name += " " + suf
        return name


def title_case(text: Optional[str]) -> str:
    """Title case that keeps O'Brien, McAllister, De La Cruz, Mary-Kate readable."""
    if not text:
        return ""
    out = []
    for word in text.split(" "):
        parts = []
        for piece in word.split("-"):
            p = piece.capitalize()
            if "'" in p:
                head, tail = p.split("'", 1)
                p = head + "'" + tail.capitalize()
            if p.startswith("Mc") and len(p) > 2:
                p = "Mc" + p[2:].capitalize()
            if p[:1].isdigit():
                p = p.lower()  # 42nd, 1st
            parts.append(p)
        out.append("-".join(parts))
    return " ".join(out)


# --- generation ---------------------------------------------------------------------------------------

def random_address(rng, state: Optional[str] = None, allow_po_box: bool = False) -> Address:
    cities = [c for c in data.CITIES if state is None or c[1] == state]
    city, st, prefixes = rng.choice(cities)
    zip5 = rng.choice(prefixes) + f"{rng.randint(1, 99):02d}"
    zip4 = f"{rng.randint(1, 9998):04d}" if rng.random() < 0.4 else None
    if allow_po_box and rng.random() < 0.5:
        return Address("", None, "", None, None, city=city, state=st, zip5=zip5, zip4=zip4,
                       po_box=str(rng.randint(10, 99999)))
    if rng.random() < 0.15:
        street, suffix = rng.choice(data.ORDINAL_STREETS), rng.choice(["ST", "AVE"])
    else:
        street = rng.choice(data.STREET_NAMES)
        suffix = rng.choice(list(data.STREET_SUFFIXES))
    predir = rng.choice(list(data.DIRECTIONALS)[:4]) if rng.random() < 0.2 else None
    postdir = rng.choice(["NW", "NE", "SW", "SE"]) if (predir is None and rng.random() < 0.08) else None
    number = str(rng.choice([rng.randint(1, 999), rng.randint(100, 9999), rng.randint(1000, 39999)]))
    designator = unit = None
    if rng.random() < 0.45:
        designator = rng.choice(["APT", "APT", "APT", "STE", "UNIT", "#", "UNIT", "BLDG", "FL", "RM", "LOT",
                                 "TRLR"])
        unit = rng.choice([str(rng.randint(1, 40)), f"{rng.randint(1, 30)}{rng.choice('ABCDEF')}",
                           str(rng.randint(100, 2450)), rng.choice("ABCDEFGH")])
        if designator == "FL":
            unit = str(rng.randint(2, 30))
    return Address(number, predir, street, suffix, postdir, designator, unit, city, st, zip5, zip4)


def random_person(rng, as_of: dt.date, state: Optional[str] = None) -> Person:
    first, sex = rng.choice(data.FIRST_NAMES)
    if sex == "X":
        sex = rng.choice(["M", "F", "X"]) if rng.random() < 0.3 else rng.choice(["M", "F"])
    r = rng.random()
    if r < 0.55:
        pool = data.MIDDLE_NAMES.get(sex) or data.MIDDLE_NAMES["F"] + data.MIDDLE_NAMES["M"]
        middle = rng.choice(pool)
    elif r < 0.7:
        middle = rng.choice("ABCDEFGHJKLMNPRSTVW")  # some people's legal middle name is an initial
    else:
        middle = None
    r = rng.random()
    if r < 0.15:
        a, b = rng.sample([n for n in data.LAST_NAMES if " " not in n and "'" not in n], 2)
        last = f"{a}-{b}"
    else:
        last = rng.choice(data.LAST_NAMES)
    suffix = rng.choice(data.SUFFIXES) if rng.random() < 0.1 and sex != "F" else None
    age_days = rng.randint(18 * 365 + 5, 88 * 365)
    dob = as_of - dt.timedelta(days=age_days)
    return Person(first=first, middle=middle, last=last, suffix=suffix, sex=sex, dob=dob,
                  address=random_address(rng, state),
                  eye=rng.choice(data.EYE_COLORS), hair=rng.choice(data.HAIR_COLORS),
                  height_in=rng.randint(58, 78), weight_lb=rng.randint(105, 290))


# --- dates as printed ---------------------------------------------------------------------------------

DATE_FORMATS = ["mdy_slash", "mdy_dash", "month_d_y", "mon_d_y", "d_mon_y", "iso", "mdy_short",
                "mon_upper"]


def format_date(d: dt.date, fmt: str) -> str:
    month = data.MONTHS[d.month - 1]
    if fmt == "mdy_slash":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if fmt == "mdy_dash":
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    if fmt == "month_d_y":
        return f"{month} {d.day}, {d.year}"
    if fmt == "mon_d_y":
        return f"{month[:3]} {d.day}, {d.year}"
    if fmt == "d_mon_y":
        return f"{d.day:02d}-{month[:3]}-{d.year}"
    if fmt == "iso":
        return d.isoformat()
    if fmt == "mdy_short":
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if fmt == "mon_upper":
        return f"{month[:3].upper()} {d.day:02d} {d.year}"
    if fmt == "passport":
        return f"{d.day:02d} {month[:3].upper()} {d.year}"
    if fmt == "passport_title":
        return f"{d.day:02d} {month[:3]} {d.year}"
    raise ValueError(f"unknown date format {fmt}")


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)
