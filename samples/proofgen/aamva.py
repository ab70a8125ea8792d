"""AAMVA DL/ID card design standard (2013/2016/2020, versions 08-10) PDF417 payloads.

Layout of the data, as the standard defines it:
  header      "@" LF RS CR "ANSI " IIN(6) AAMVAVersion(2) JurisdictionVersion(2) NumberOfEntries(2)
  designators per subfile: type(2) offset(4) length(4)   -- offset from the first byte of the file to the
              subfile's first byte; length counts the subfile from its type to its CR, inclusive
  subfiles    type(2) then elements "XXXvalue" separated by LF, the last one ended by CR
Dates are MMDDCCYY for U.S. jurisdictions.
"""
import datetime as dt

from .people import Person

LF, RS, CR = "\n", "\x1e", "\r"
COMPLIANCE = "ANSI "


def aamva_date(d: dt.date) -> str:
    return f"{d.month:02d}{d.day:02d}{d.year:04d}"


def sex_code(sex: str) -> str:
    return {"M": "1", "F": "2"}.get(sex, "9")


def build_payload(person: Person, *, card_type: str, iin: str, version: int, jurisdiction_version: int,
                  document_number: str, issue: dt.date, expiry: dt.date, discriminator: str,
                  inventory: str, rng, with_jurisdiction_subfile: bool, vehicle_class: str = "C",
                  real_id: bool = True, donor: bool = False, veteran: bool = False,
                  unit_in_street1: bool = True) -> str:
    """Returns the payload as a str of ASCII characters."""
    if card_type not in ("DL", "ID"):
        raise ValueError("card_type must be DL or ID")
    a = person.address
    street1 = a.line1()
    street2 = a.line2()
    if street2 and unit_in_street1:
        street1, street2 = f"{street1} {street2}", None
    postal = a.zip5 + (a.zip4 or "0000")
    elements = []
    if card_type == "DL":
        elements += [("DCA", vehicle_class), ("DCB", "NONE" if rng.random() < 0.6 else "B"),
                     ("DCD", "NONE")]
    elements += [
        ("DBA", aamva_date(expiry)),
        ("DCS", person.last),
        ("DAC", person.first),
        ("DAD", person.middle or "NONE"),
        ("DBD", aamva_date(issue)),
        ("DBB", aamva_date(person.dob)),
        ("DBC", sex_code(person.sex)),
        ("DAY", person.eye),
        ("DAU", f"{person.height_in:03d} IN"),
        ("DAG", street1),
    ]
    if street2:
        elements.append(("DAH", street2))
    elements += [
        ("DAI", a.city),
        ("DAJ", a.state),
        ("DAK", postal.ljust(11)),
        ("DAQ", document_number),
        ("DCF", discriminator),
        ("DCG", "USA"),
        ("DDE", "N"), ("DDF", "N"), ("DDG", "N"),
        ("DAZ", person.hair),
        ("DCK", inventory),
        ("DDA", "F" if real_id else "N"),
        ("DDB", aamva_date(dt.date(2016 + (version - 8) * 2, 1 + rng.randint(0, 11), 1))),
    ]
    if rng.random() < 0.6:
        elements.insert(elements.index(("DAZ", person.hair)), ("DAW", f"{person.weight_lb:03d}"))
    if person.suffix:
        elements.append(("DCU", person.suffix))
    if donor:
        elements.append(("DDK", "1"))
    if veteran:
        elements.append(("DDL", "1"))
    body = card_type + LF.join(code + value for code, value in elements) + CR
    subfiles = [(card_type, body)]
    if with_jurisdiction_subfile:
        ztype = "Z" + a.state[0]
        zbody = ztype + LF.join([f"{ztype}A{rng.choice(['Y', 'N'])}", f"{ztype}B{rng.randint(0, 99):02d}"]) + CR
        subfiles.append((ztype, zbody))
    header = "@" + LF + RS + CR + COMPLIANCE + iin + f"{version:02d}{jurisdiction_version:02d}{len(subfiles):02d}"
    offset = len(header) + 10 * len(subfiles)
    designators = ""
    for stype, sbody in subfiles:
        designators += f"{stype}{offset:04d}{len(sbody):04d}"
        offset += len(sbody)
    return header + designators + "".join(b for _, b in subfiles)


def parse_payload(payload: str) -> dict:
    """Parses a payload back (used to verify what we encode). Raises ValueError when malformed."""
    if not payload.startswith("@\n\x1e\rANSI "):
        raise ValueError("bad AAMVA header")
    iin, version = payload[9:15], int(payload[15:17])
    count = int(payload[19:21])
    result = {"iin": iin, "version": version, "subfiles": {}}
    for i in range(count):
        d = payload[21 + 10 * i: 31 + 10 * i]
        stype, off, length = d[:2], int(d[2:6]), int(d[6:10])
        sub = payload[off: off + length]
        if not sub.startswith(stype) or not sub.endswith(CR):
            raise ValueError(f"subfile {stype} at {off}+{length} is misplaced")
        elements = {}
        for item in sub[2:-1].split(LF):
            elements[item[:3]] = item[3:]
        result["subfiles"][stype] = elements
    return result
