"""ICAO Doc 9303 TD3 (passport) machine-readable zone: two lines of 44 characters."""
import datetime as dt
import re

WEIGHTS = (7, 3, 1)


def char_value(c: str) -> int:
    if c.isdigit():
        return int(c)
    if "A" <= c <= "Z":
        return ord(c) - ord("A") + 10
    if c == "<":
        return 0
    raise ValueError(f"character {c!r} is not allowed in an MRZ")


def check_digit(field: str) -> str:
    return str(sum(char_value(c) * WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def mrz_name(text: str) -> str:
    """Transliterates a name component: apostrophes dropped, spaces and hyphens become fillers."""
    text = text.upper().replace("'", "")
    text = re.sub(r"[ \-]+", "<", text)
    return re.sub(r"[^A-Z<]", "", text)


def yymmdd(d: dt.date) -> str:
    return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"


def td3(*, surname: str, given_names: str, number: str, nationality: str, issuing_state: str,
        dob: dt.date, sex: str, expiry: dt.date, personal_number: str = "",
        personal_check_filler: bool = False) -> tuple:
    names = mrz_name(surname) + "<<" + mrz_name(given_names)
    line1 = ("P<" + issuing_state + names)[:44].ljust(44, "<")
    doc = number.ljust(9, "<")[:9]
    personal = re.sub(r"[^A-Z0-9<]", "", personal_number.upper()).ljust(14, "<")[:14]
    if personal.strip("<") == "" and personal_check_filler:
        personal_check = "<"
    else:
        personal_check = check_digit(personal)
    mrz_sex = sex if sex in ("M", "F") else "<"
    part_doc = doc + check_digit(doc)
    part_dob = yymmdd(dob) + check_digit(yymmdd(dob))
    part_exp = yymmdd(expiry) + check_digit(yymmdd(expiry))
    composite = check_digit(part_doc + part_dob + part_exp + personal + personal_check)
    line2 = part_doc + nationality + part_dob + mrz_sex + part_exp + personal + personal_check + composite
    assert len(line1) == 44 and len(line2) == 44, (line1, line2)
    return line1, line2


def verify_td3(line1: str, line2: str) -> bool:
    """Recomputes every check digit of a TD3 MRZ (used as a self-test of what we render)."""
    if len(line1) != 44 or len(line2) != 44:
        return False
    ok = check_digit(line2[0:9]) == line2[9]
    ok &= check_digit(line2[13:19]) == line2[19]
    ok &= check_digit(line2[21:27]) == line2[27]
    pc = line2[42]
    ok &= pc == check_digit(line2[28:42]) or (pc == "<" and line2[28:42] == "<" * 14)
    ok &= check_digit(line2[0:10] + line2[13:20] + line2[21:43]) == line2[43]
    return bool(ok)
