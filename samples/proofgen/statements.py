"""Bank statements, utility bills and payroll statements on letter-size pages.

Each kind has three layouts. They differ in where the recipient's name and address sit (the #10 window
envelope position, the right-hand side, a "Prepared for" panel, a remittance stub or a check voucher), how
the statement date is labelled ("Statement Date", "Closing Date", "Statement Period ... to ...", "Bill
Date", "Date Issued", "Pay Date", "Check Date"...), the date format, the fonts and the issuer's mark.
Distractor dates (due dates, period starts) and distractor names (the issuer, a payroll processor) are there
on purpose. Every layout draws on the abstract canvas of draw.py, so it becomes a PDF with a text layer or
a raster page."""
import datetime as dt
import random
import string

from . import data
from .draw import FAMILIES, fit_size, text_width
from .people import Address, Person, format_date, random_address, title_case

PAGE_W, PAGE_H = 612.0, 792.0
LAYOUTS = {
    "bank_statement": ["bank-window-classic", "bank-banner-right", "bank-prepared-for"],
    "utility_bill": ["utility-remittance-stub", "utility-summary-band", "utility-boxed-account"],
    "payroll_statement": ["payroll-earnings-voucher", "payroll-grid", "payroll-simple-window"],
}
MERCHANTS = ["GROCERY OUTLET #1142", "CITY PARKING METER", "ONLINE TRANSFER TO SAVINGS", "PAYROLL DEPOSIT",
             "ATM WITHDRAWAL", "COFFEE CORNER", "PHARMACY #0381", "FUEL STOP 22", "HARDWARE DEPOT",
             "CHECK #1043", "MOBILE DEPOSIT", "STREAMING SVC", "RESTAURANT 118", "BOOKSHOP ON MAIN",
             "INSURANCE PREMIUM", "UTILITY AUTOPAY", "INTEREST PAYMENT", "TRANSIT FARE CARD",
             "ZELLE-STYLE TRANSFER", "VETERINARY CLINIC", "DEBIT CARD PURCHASE"]


UTILITY_NOTES = [  # (services the notice fits, or None for any; text)
    (None, "Rates for residential service change on the first of next month, as approved by the state commission."),
    (None, "Budget billing spreads your yearly cost into equal monthly payments. Ask us to enroll at any time."),
    (None, "Paperless billing saves paper and postage: sign up online and we will e-mail you when your bill is ready."),
    (("gas", "water", "sewer", "electric"), "Before you dig, call 811 so that buried lines can be marked. The service is free of charge."),
    (("gas",), "If you smell gas, leave at once and call us from outside. Do not switch lights on or off."),
    (None, "Help a neighbour in need: round up your payment and the difference goes to our assistance fund."),
    (("gas", "water", "sewer", "electric"), "Meters are read about every 30 days. An estimated reading is marked with an E in the table above."),
    (None, "Payments made after the due date may be charged a late fee as set out in our terms of service."),
    (None, "Medical certificate holders may be protected from disconnection. Call customer service for a form."),
    (None, "Your usage this period is compared with the same period last year in the chart on this page."),
    (("electric",), "Tree trimming near power lines is done by our crews only. Please do not prune near the lines yourself."),
    (None, "Service charges cover metering, billing and the upkeep of the system that serves your home."),
    (None, "To report an outage or an emergency, call the number on the back of this bill, day or night."),
    (None, "Returned payments are charged a fee of $25.00 and may require future payments in certified funds."),
    (("water", "sewer"), "Check for leaks: a dripping faucet can waste more than 3,000 gallons a year."),
    (("internet", "phone"), "Equipment you rent from us must be returned within 30 days of closing your account."),
]
PAYROLL_NOTES = [
    "Your paid time off balance is shown as of the end of this pay period.",
    "Open enrollment for benefits runs through the end of next month. Review your choices on the portal.",
    "Keep this statement for your records. Questions about your pay go to your payroll representative.",
    "Changes to your tax withholding take effect on the first pay date after they are received.",
    "Direct deposit funds are available on the pay date. Split deposits are listed by account.",
    "Year to date amounts include all pay dates in the current calendar year.",
    "Contributions to the retirement plan are taken before federal income tax is calculated.",
    "Report any error on this statement within 30 days so that it can be corrected on the next check.",
    "Your W-2 will be available electronically by the end of January. Make sure your address is current.",
    "Employee assistance program services are free and confidential for you and your household.",
]
METER_COLUMNS = [("Meter", 70, "left"), ("Read from", 62, "left"), ("Read to", 62, "left"),
                 ("Previous", 60, "right"), ("Current", 60, "right"), ("Usage", 54, "right")]


def money(v: float) -> str:
    s = f"{abs(v):,.2f}"
    return f"-${s}" if v < 0 else f"${s}"


class Statement:
    """One statement of a kind; `draw(canvas)` renders all its pages."""

    def __init__(self, rng, person: Person, kind: str, as_of: dt.date, *, allow_po_box: bool = True,
                 layout: str = None, issuer_index: int = None):
        self.rng, self.p, self.kind = rng, person, kind
        self.layout = layout or rng.choice(LAYOUTS[kind])
        self.family = rng.choice(list(k for k in FAMILIES if "mono" not in k))
        self.date_fmt = rng.choice(["mdy_slash", "mdy_slash", "month_d_y", "mon_d_y", "d_mon_y", "mdy_dash",
                                    "iso", "mon_upper"] + (["mdy_short"] if rng.random() < 0.3 else []))
        if rng.random() < 0.06:                          # stale statements exist: recency checks need them
            self.date = as_of - dt.timedelta(days=rng.randint(120, 420))
        else:
            self.date = as_of - dt.timedelta(days=rng.randint(2, 55))
        table = {"bank_statement": data.BANKS, "utility_bill": data.UTILITIES,
                 "payroll_statement": data.EMPLOYERS}[kind]
        entry = table[issuer_index % len(table)] if issuer_index is not None else rng.choice(table)
        self.issuer = entry[0]
        self.color = entry[-1]
        self.tagline = entry[1] if kind == "bank_statement" else \
            (rng.choice(["Serving our community since 1938", "Reliable service, every day", "",
                         "A customer-owned utility", ""]) if kind == "utility_bill" else "")
        self.service = entry[1] if kind == "utility_bill" else None
        self.issuer_address = random_address(rng, allow_po_box=True)
        if self.issuer_address.unit_designator not in (None, "STE", "FL"):
            self.issuer_address.unit_designator = self.issuer_address.unit = None
        # the mailing address: the person's, or now and then a PO box in the same town
        a = person.address
        if allow_po_box and rng.random() < 0.07:
            self.address = Address("", None, "", None, None, city=a.city, state=a.state, zip5=a.zip5,
                                   zip4=a.zip4, po_box=str(rng.randint(10, 99999)))
        else:
            self.address = a
        self.name_style = rng.choice(["upper-initial", "upper-full", "title-initial", "title-full", "upper-none",
                                      "upper-initial"])
        if not person.middle:
            self.name_style = self.name_style.split("-")[0] + "-none"
        self.addr_style = rng.choice(["usps", "usps", "usps", "mixed", "long"])
        if self.name_style.startswith("upper") and self.addr_style != "usps" and rng.random() < 0.7:
            self.addr_style = "usps"
        self.unit_first = rng.random() < 0.5
        self.account = "".join(rng.choice(string.digits) for _ in range(rng.randint(8, 12)))
        # The small print (notices, meter and time-off tables, extra deductions) draws from a generator of its
        # own, seeded by what was drawn already: adding it left every other draw, and so the degradations of
        # the committed samples, as they were.
        self.print_rng = random.Random(f"{self.account}/{self.issuer}/{self.date.isoformat()}/small print")
        self.pages = 1

    # --- ground truth ---------------------------------------------------------------------------------
    def truth(self) -> dict:
        middle = self.name_style.split("-")[1]
        t = self.p.name_truth(middle_as_initial=(middle == "initial"), with_middle=(middle != "none"))
        t.update(self.address.truth())
        t["statement_date"] = self.date.isoformat()
        t["issuer_name"] = self.issuer
        return t

    # --- printed pieces -------------------------------------------------------------------------------
    def _name(self, order="first") -> str:
        case, middle = self.name_style.split("-")
        return self.p.full_name(middle_style=middle, order=order, case="upper" if case == "upper" else "title",
                                suffix=self.rng.random() < 0.7, dotted=self.rng.random() < 0.6)

    def _d(self, d: dt.date) -> str:
        return format_date(d, self.date_fmt)

    def _fonts(self):
        return FAMILIES[self.family]

    def recipient_block(self, c, x, y, size=10.5, imb=None, endorsement=None, name_order="first", lead=None):
        """Name and address lines; returns the y after the block."""
        reg, bold = self._fonts()
        rng = self.rng
        if imb if imb is not None else rng.random() < 0.45:
            self._imb(c, x, y - size * 1.9)
        if endorsement if endorsement is not None else rng.random() < 0.35:
            c.text(x, y - size * 0.2 - 2, rng.choice(["*****AUTO**5-DIGIT " + self.address.zip5,
                                                      "#BWNKDJM" + "".join(rng.choice(string.digits) for _ in range(4)) + "#",
                                                      f"00{rng.randint(1000, 9999)} 1 AB 0.{rng.randint(400, 999)} **AUTO T2 0 {rng.randint(1000, 9999)}"]),
                   reg, size * 0.65, (60, 60, 60))
            y += size * 0.8
        if lead:
            c.text(x, y, lead, reg, size * 0.8, (80, 80, 80))
            y += size * 1.3
        lines = [self._name(name_order)] + self.address.printed_lines(rng, self.addr_style, self.unit_first)
        for line in lines:
            c.text(x, y, line, reg, fit_size(line, reg, size, 250))
            y += size * 1.25
        return y

    def _imb(self, c, x, y):
        """An Intelligent-Mail-like bar pattern (65 bars), only a visual distractor."""
        for i in range(65):
            kind = self.rng.randint(0, 3)
            top = y + (0 if kind in (0, 1) else 2.2)
            bottom = y + (8.6 if kind in (0, 2) else 6.4)
            c.rect(x + i * 2.4, top, 1.1, bottom - top, fill=(0, 0, 0))

    def logo(self, c, x, y, size=16, style=None, color=None, name=None, max_width=280):
        """The issuer's mark and name. style: mark-left | plain | caps-serif | band."""
        reg, bold = self._fonts()
        style = style or self.rng.choice(["mark-left", "plain", "caps-serif", "mark-left"])
        color = color or self.color
        name = name or self.issuer
        shown = name if self.rng.random() < 0.6 else title_case(name).replace(" Of ", " of ").replace(" And ", " and ")
        if style == "mark-left":
            shape = self.rng.randint(0, 2)
            if shape == 0:
                c.ellipse(x, y - size * 1.4, size * 1.8, size * 1.8, fill=color)
            elif shape == 1:
                c.rect(x, y - size * 1.4, size * 1.8, size * 1.8, fill=color)
            else:
                c.polygon([(x, y + size * 0.4), (x + size * 0.9, y - size * 1.4), (x + size * 1.8, y + size * 0.4)], color)
            c.text(x + size * 2.3, y - size * 0.2, shown, bold, fit_size(shown, bold, size, max_width - size * 2.3), color)
            if self.tagline:
                c.text(x + size * 2.3, y + size * 0.75, self.tagline, reg, size * 0.5, (90, 90, 90))
        elif style == "caps-serif":
            f = "LiberationSerif-Bold" if self.rng.random() < 0.5 else "DejaVuSerif-Bold"
            fs = fit_size(name.upper(), f, size, max_width)
            c.text(x, y, name.upper(), f, fs, color)
            c.line(x, y + 5, x + text_width(name.upper(), f, fs), y + 5, color, 1.2)
        else:
            c.text(x, y, shown, bold, fit_size(shown, bold, size * 1.1, max_width), color)
            if self.tagline:
                c.text(x, y + size * 0.8, self.tagline, reg, size * 0.5, (90, 90, 90))

    def issuer_address_lines(self):
        a = self.issuer_address
        return [a.printed_street(self.rng, "mixed")] + ([a.printed_unit(self.rng, "mixed")] if a.line2() else []) + \
            [f"{title_case(a.city)}, {a.state} {a.zip5}"]

    def table(self, c, x, y, cols, rows, size=8.5, header_fill=None, zebra=False):
        """cols: [(title, width, align)]. Returns the y after the table."""
        reg, bold = self._fonts()
        fill = header_fill or tuple(min(255, v + 150) for v in self.color)
        total = sum(w for _, w, _ in cols)
        c.rect(x, y, total, size * 1.8, fill=fill)
        cx = x
        for title, w, align in cols:
            tx = cx + 3 if align == "left" else cx + w - 3
            c.text(tx, y + size * 1.25, title, bold, size, (20, 20, 20), align=align)
            cx += w
        y += size * 1.8
        for i, row in enumerate(rows):
            if zebra and i % 2 == 1:
                c.rect(x, y, total, size * 1.6, fill=(244, 244, 244))
            cx = x
            for (title, w, align), value in zip(cols, row):
                tx = cx + 3 if align == "left" else cx + w - 3
                c.text(tx, y + size * 1.15, value, reg, fit_size(value, reg, size, w - 6), align=align)
                cx += w
            y += size * 1.6
        c.line(x, y, x + total, y, (120, 120, 120), 0.5)
        return y + 4

    def footer(self, c, page, pages, text=""):
        reg, _ = self._fonts()
        c.line(54, PAGE_H - 44, PAGE_W - 54, PAGE_H - 44, (150, 150, 150), 0.5)
        c.text(54, PAGE_H - 32, text or self.issuer, reg, 7, (90, 90, 90))
        c.text(PAGE_W - 54, PAGE_H - 32, f"Page {page} of {pages}", reg, 7, (90, 90, 90), align="right")

    def fine_print(self, c, x, y, width, notes, count, size=7.5, title=None, bottom=PAGE_H - 56):
        """A few sentences of notices, wrapped to `width`, none below `bottom`; returns the y after them."""
        reg, bold = self._fonts()
        if y + size * 4 > bottom:
            return y
        if title:
            c.text(x, y, title, bold, size + 1.5)
            y += size * 1.9
        for note in self.print_rng.sample(notes, min(count, len(notes))):
            line = ""
            for word in note.split():
                trial = (line + " " + word).strip()
                if line and text_width(trial, reg, size) > width:
                    if y > bottom:
                        return y
                    c.text(x, y, line, reg, size, (60, 60, 60))
                    y += size * 1.35
                    line = word
                else:
                    line = trial
            if line and y <= bottom:
                c.text(x, y, line, reg, size, (60, 60, 60))
                y += size * 1.35
            y += size * 0.5
        return y

    def utility_notes(self):
        return [text for services, text in UTILITY_NOTES if services is None or self.service in services]

    def meter_table(self, c, x, y, unit, use, width=None):
        """The meter reading detail of a utility bill (read dates are distractors); returns the y after it."""
        if self.service in ("internet", "phone"):
            return y
        start = self.date - dt.timedelta(days=self.print_rng.randint(30, 36))
        end = self.date - dt.timedelta(days=self.print_rng.randint(2, 6))
        previous = self.print_rng.randint(10000, 90000)
        rows = [[f"{self.print_rng.randint(1000000, 9999999)}", f"{start.month:02d}/{start.day:02d}",
                 f"{end.month:02d}/{end.day:02d}", f"{previous:,}", f"{previous + use:,}", f"{use:,} {unit}"]]
        return self.table(c, x, y, METER_COLUMNS, rows, size=7.5)

    def time_off(self, c, x, y):
        """Paid time off balances of a pay statement; returns the y after the table."""
        rows = []
        for kind in ["Vacation", "Sick", "Personal"][:self.print_rng.randint(2, 3)]:
            accrued = self.print_rng.randint(8, 120) + self.print_rng.choice([0, 0.5])
            used = min(accrued, self.print_rng.randint(0, 60))
            rows.append([kind, f"{accrued:.2f}", f"{used:.2f}", f"{accrued - used:.2f}"])
        return self.table(c, x, y, [("Time off (hours)", 120, "left"), ("Accrued", 60, "right"),
                                    ("Used", 60, "right"), ("Available", 70, "right")], rows, size=7.5)

    def withholding(self, c, x, y):
        """Tax filing status and allowances, a pay statement's small print; returns the y after it."""
        reg, bold = self._fonts()
        status = self.print_rng.choice(["Single", "Married", "Married filing jointly", "Head of household"])
        c.text(x, y, "Taxable filing status", bold, 7.5)
        rows = [f"Federal: {status}", f"Allowances/extra: {self.print_rng.randint(0, 4)} / $0.00",
                f"State: {self.print_rng.choice(['Single', 'Married'])}  Exemptions {self.print_rng.randint(0, 3)}"]
        for i, row in enumerate(rows):
            c.text(x, y + 11 + i * 10, row, reg, 7.5, (60, 60, 60))
        return y + 11 + len(rows) * 10

    # --- dispatch -------------------------------------------------------------------------------------
    def draw(self, c) -> int:
        getattr(self, "_" + self.layout.replace("-", "_"))(c)
        return self.pages

    # === bank statements ==============================================================================
    def _transactions(self, n, start_balance):
        rows, bal = [], start_balance
        start = self.date - dt.timedelta(days=30)
        days = sorted(self.rng.randint(1, 30) for _ in range(n))
        for d in days:
            if self.rng.random() < 0.25:
                amt = round(self.rng.uniform(50, 2500), 2)
            else:
                amt = -round(min(bal * 0.3, self.rng.uniform(3, 400)), 2)
            bal += amt
            day = start + dt.timedelta(days=d)
            rows.append([f"{day.month:02d}/{day.day:02d}", self.rng.choice(MERCHANTS),
                         money(amt) if amt < 0 else "", money(amt) if amt > 0 else "", money(bal)])
        return rows, bal

    def _bank_common_summary(self, c, x, y, start_bal, end_bal, rows):
        dep = sum(float(r[3].replace("$", "").replace(",", "")) for r in rows if r[3])
        wd = sum(float(r[2].replace("-$", "").replace(",", "")) for r in rows if r[2])
        summary = [["Beginning balance", money(start_bal)], ["Deposits and other credits", money(dep)],
                   ["Withdrawals and other debits", money(-wd)], ["Ending balance", money(end_bal)]]
        return self.table(c, x, y, [("Account summary", 300, "left"), ("", 120, "right")], summary, size=9)

    def _bank_pages(self, c, y, rows, cols, per_page=22):
        first = rows[:per_page]
        rest = rows[per_page:]
        y = self.table(c, 54, y, cols, first, size=8, zebra=True)
        self.pages = 2 if rest else 1
        self.footer(c, 1, self.pages)
        if rest:
            c.new_page()
            reg, bold = self._fonts()
            c.text(54, 60, self.issuer, bold, 11, self.color)
            c.text(54, 76, f"{self._name()}  -  Account ending {self.account[-4:]}", reg, 8.5)
            self.table(c, 54, 96, cols, rest, size=8, zebra=True)
            c.text(54, 640, "Questions about your account? Call the number on page 1, or write to us at the", reg, 8)
            c.text(54, 652, "address shown. Report errors within 60 days of the statement date.", reg, 8)
            self.footer(c, 2, 2)

    def _bank_window_classic(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        self.logo(c, 54, 70)
        for i, line in enumerate(self.issuer_address_lines()):
            c.text(54, 96 + i * 10, line, reg, 8, (70, 70, 70))
        label = rng.choice(["Statement Date", "Statement Closing Date", "Closing Date", "Statement date:"])
        box = [(label, self._d(self.date)), ("Account Number", rng.choice(["XXXXXX", "******", "..."]) + self.account[-4:]),
               ("Customer Service", f"1-800-555-01{rng.randint(10, 99)}")]
        bx = 360
        c.rect(bx, 50, 200, 64, stroke=self.color, width=0.8)
        for i, (k, v) in enumerate(box):
            c.text(bx + 8, 66 + i * 17, k, reg, 8)
            c.text(bx + 192, 66 + i * 17, v, bold, 8.5, align="right")
        self.recipient_block(c, 72, 160)
        start_bal = round(rng.uniform(200, 12000), 2)
        rows, end_bal = self._transactions(rng.randint(8, 40), start_bal)
        y = self._bank_common_summary(c, 54, 262, start_bal, end_bal, rows)
        period_start = self.date - dt.timedelta(days=30)
        c.text(54, y + 18, f"Activity from {self._d(period_start)} through {self._d(self.date)}", bold, 9)
        cols = [("Date", 50, "left"), ("Description", 230, "left"), ("Withdrawals", 80, "right"),
                ("Deposits", 70, "right"), ("Balance", 74, "right")]
        self._bank_pages(c, y + 26, rows, cols, per_page=20)

    def _bank_banner_right(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        c.rect(0, 0, PAGE_W, 70, fill=self.color)
        c.text(40, 44, self.issuer, bold, fit_size(self.issuer, bold, 20, 530), (255, 255, 255))
        if self.tagline:
            c.text(40, 60, self.tagline, reg, 9, (235, 235, 235))
        period_start = self.date - dt.timedelta(days=rng.randint(28, 31))
        info = [("Account", self.account[:2] + "-" + self.account[2:]),
                ("Statement period", f"{self._d(period_start)} - {self._d(self.date)}")]
        if rng.random() < 0.5:
            info.append((rng.choice(["Statement date", "Statement Date"]), self._d(self.date)))
        y = 100
        for k, v in info:
            c.text(40, y, k, reg, 8.5, (90, 90, 90))
            c.text(40, y + 11, v, bold, 9.5)
            y += 28
        self.recipient_block(c, 340, 120, size=10, imb=False)
        c.text(40, 214, "Need help? Visit a branch or call 1-888-555-0142, 24 hours a day.", reg, 8, (90, 90, 90))
        start_bal = round(rng.uniform(200, 12000), 2)
        rows, end_bal = self._transactions(rng.randint(8, 36), start_bal)
        y = self._bank_common_summary(c, 40, 240, start_bal, end_bal, rows)
        cols = [("Posted", 52, "left"), ("Transaction", 250, "left"), ("Debits", 76, "right"),
                ("Credits", 76, "right"), ("Balance", 78, "right")]
        self._bank_pages(c, y + 14, rows, cols, per_page=22)

    def _bank_prepared_for(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        self.logo(c, 54, 64, style=rng.choice(["caps-serif", "plain"]))
        c.text(PAGE_W - 54, 64, rng.choice(["ACCOUNT STATEMENT", "Monthly Statement", "Checking Statement"]), bold,
               12, (60, 60, 60), align="right")
        c.rect(54, 96, 250, 96, fill=(246, 246, 246))
        self.recipient_block(c, 64, 126, size=9.5, imb=False, endorsement=False, lead="Prepared for")
        period_start = self.date - dt.timedelta(days=rng.randint(28, 31))
        c.text(330, 112, "Statement period", reg, 8.5, (90, 90, 90))
        joiner = rng.choice([" to ", " through ", " - "])
        c.text(330, 126, f"{self._d(period_start)}{joiner}{self._d(self.date)}", bold, fit_size("x" * 34, bold, 9.5, 230))
        c.text(330, 146, "Account number", reg, 8.5, (90, 90, 90))
        c.text(330, 160, "ending in " + self.account[-4:], bold, 9.5)
        for i, line in enumerate(self.issuer_address_lines()):
            c.text(330, 180 + i * 10, line, reg, 7.5, (90, 90, 90))
        start_bal = round(rng.uniform(200, 12000), 2)
        rows, end_bal = self._transactions(rng.randint(8, 40), start_bal)
        y = self._bank_common_summary(c, 54, 222, start_bal, end_bal, rows)
        cols = [("Date", 50, "left"), ("Description", 244, "left"), ("Amount out", 80, "right"),
                ("Amount in", 70, "right"), ("Balance", 60, "right")]
        self._bank_pages(c, y + 14, rows, cols, per_page=22)

    # === utility bills ================================================================================
    def _usage(self):
        unit = {"electric": "kWh", "gas": "therms", "water": "gallons", "sewer": "gallons", "internet": "GB",
                "phone": "minutes"}[self.service]
        base = {"kWh": 700, "therms": 60, "gallons": 4500, "GB": 300, "minutes": 600}[unit]
        months = [max(1, int(base * self.rng.uniform(0.5, 1.5))) for _ in range(12)]
        return unit, months

    def _charges(self):
        unit, months = self._usage()
        use = months[-1]
        rate = {"kWh": 0.14, "therms": 1.2, "gallons": 0.006, "GB": 0.0, "minutes": 0.0}[unit]
        lines = [("Basic service charge", round(self.rng.uniform(8, 40), 2)),
                 (f"Usage {use:,} {unit}", round(use * rate, 2) if rate else round(self.rng.uniform(40, 90), 2)),
                 ("Taxes and fees", round(self.rng.uniform(2, 18), 2))]
        total = round(sum(v for _, v in lines), 2)
        return unit, months, lines, total

    def _chart(self, c, x, y, w, h, months, unit):
        reg, _ = self._fonts()
        top = max(months)
        bw = w / len(months)
        c.line(x, y + h, x + w, y + h, (100, 100, 100), 0.5)
        for i, v in enumerate(months):
            bh = h * v / top
            c.rect(x + i * bw + 2, y + h - bh, bw - 4, bh, fill=self.color if i == len(months) - 1 else (190, 190, 190))
        c.text(x, y - 4, f"Your usage ({unit}), last 12 months", reg, 7.5, (80, 80, 80))

    def _due(self):
        return self.date + dt.timedelta(days=self.rng.choice([14, 20, 21, 25, 28]))

    def _utility_remittance_stub(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        self.logo(c, 54, 66)
        unit, months, lines, total = self._charges()
        due = self._due()
        label = rng.choice(["Bill Date", "Statement Date", "Billing Date", "Date Issued"])
        info = [("Account Number", self.account), (label, self._d(self.date)), ("Due Date", self._d(due)),
                ("Amount Due", money(total))]
        bx = 350
        c.round_rect(bx, 46, 210, 84, 6, stroke=self.color, width=1)
        for i, (k, v) in enumerate(info):
            c.text(bx + 10, 64 + i * 18, k, reg, 8.5)
            c.text(bx + 200, 64 + i * 18, v, bold, 9, align="right")
        self.recipient_block(c, 72, 160)
        c.text(350, 160, "Service address", reg, 8, (90, 90, 90))
        sa = self.p.address.printed_lines(rng, "usps", True)
        for i, line in enumerate(sa[:1]):
            c.text(350, 172, line, reg, 8.5)
        c.text(350, 184, f"Service period {self._d(self.date - dt.timedelta(days=31))} - {self._d(self.date - dt.timedelta(days=1))}", reg, 7.5)
        self._chart(c, 350, 220, 200, 80, months, unit)
        y = self.table(c, 54, 230, [("Current charges", 200, "left"), ("Amount", 80, "right")],
                       [[k, money(v)] for k, v in lines] + [["Total amount due", money(total)]], size=8.5)
        c.text(54, y + 30, f"Please pay by {self._d(due)} to avoid a late fee of {money(round(total * 0.05, 2))}.", reg, 8.5)
        c.text(54, y + 44, "Thank you for being our customer. Report outages 24/7 at 1-866-555-0177.", reg, 8.5)
        y = self.meter_table(c, 54, y + 62, unit, months[-1])
        self.fine_print(c, 54, y + 18, 500, self.utility_notes(), self.print_rng.randint(2, 4), title="Important information",
                        bottom=540)
        # remittance stub
        cut = 560
        for i in range(0, int(PAGE_W) - 40, 10):
            c.line(20 + i, cut, 25 + i, cut, (120, 120, 120), 0.5)
        c.text(PAGE_W / 2, cut + 14, "Please detach and return this portion with your payment", reg, 7.5, (90, 90, 90), align="center")
        c.text(54, cut + 40, self.issuer, bold, 9)
        c.text(54, cut + 56, f"Account {self.account}", reg, 8.5)
        c.text(54, cut + 70, f"Amount due {money(total)}    Due {self._d(due)}", reg, 8.5)
        c.text(370, cut + 40, "Amount enclosed  $__________", reg, 8.5)
        self.recipient_block(c, 72, cut + 110, size=9.5, imb=False, endorsement=False)
        remit = random_address(rng, allow_po_box=True)
        c.text(370, cut + 110, self.issuer, reg, 8.5)
        c.text(370, cut + 122, remit.line1(), reg, 8.5)
        c.text(370, cut + 134, f"{remit.city} {remit.state} {remit.zip5}", reg, 8.5)
        c.text(54, PAGE_H - 30, " ".join("".join(rng.choice(string.digits) for _ in range(6)) for _ in range(5)),
               "DejaVuSansMono", 9)

    def _utility_summary_band(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        self.logo(c, 54, 60, style="plain")
        unit, months, lines, total = self._charges()
        due = self._due()
        label = rng.choice(["Statement Date", "Bill Date", "Date of Bill"])
        c.text(PAGE_W - 54, 52, f"{label}: {self._d(self.date)}", bold, 9.5, align="right")
        c.text(PAGE_W - 54, 66, f"Account: {self.account[:4]} {self.account[4:]}", reg, 9, align="right")
        c.rect(0, 96, PAGE_W, 56, fill=tuple(min(255, v + 170) for v in self.color))
        c.text(54, 122, "Amount due", reg, 10)
        c.text(54, 142, money(total), bold, 18, self.color)
        c.text(250, 122, "Payment due by", reg, 10)
        c.text(250, 142, self._d(due), bold, 14)
        self.recipient_block(c, 360, 200, size=10, imb=False)
        c.text(54, 190, "Your " + {"electric": "electric", "gas": "natural gas", "water": "water", "sewer": "sewer",
                                   "internet": "internet", "phone": "wireless"}[self.service] + " bill", bold, 12)
        y = self.table(c, 54, 210, [("Summary", 180, "left"), ("", 80, "right")],
                       [["Previous balance", money(total * 0.9)], ["Payment received - thank you", money(-total * 0.9)],
                        ["Current charges", money(total)]], size=8.5)
        y = self.table(c, 54, y + 20, [("Charge detail", 360, "left"), ("Amount", 100, "right")],
                       [[k, money(v)] for k, v in lines], size=8.5, zebra=True)
        self._chart(c, 54, y + 40, 300, 100, months, unit)
        c.text(54, y + 180, "Ways to pay: online, by phone, by mail, or in person at an authorized location.", reg, 8.5)
        y = self.meter_table(c, 54, y + 196, unit, months[-1])
        self.fine_print(c, 54, y + 18, 500, self.utility_notes(), self.print_rng.randint(3, 6), title="Messages for you")
        self.footer(c, 1, 1)

    def _utility_boxed_account(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        self.logo(c, PAGE_W / 2 - 150, 62, style="caps-serif", max_width=300)
        for i, line in enumerate(self.issuer_address_lines()):
            c.text(PAGE_W / 2, 84 + i * 10, line, reg, 7.5, (90, 90, 90), align="center")
        unit, months, lines, total = self._charges()
        due = self._due()
        c.rect(54, 130, PAGE_W - 108, 110, stroke=(80, 80, 80), width=0.6)
        c.line(306, 130, 306, 240, (80, 80, 80), 0.6)
        c.text(64, 146, "CUSTOMER", bold, 8, (80, 80, 80))
        self.recipient_block(c, 64, 168, size=9.5, imb=False, endorsement=False)
        c.text(316, 146, "ACCOUNT INFORMATION", bold, 8, (80, 80, 80))
        rows = [("Account no.", self.account), (rng.choice(["Date Issued", "Issue Date", "Bill Date"]), self._d(self.date)),
                ("Total due", money(total)), ("Due", self._d(due))]
        for i, (k, v) in enumerate(rows):
            c.text(316, 166 + i * 16, k, reg, 9)
            c.text(PAGE_W - 64, 166 + i * 16, v, bold, 9, align="right")
        y = self.table(c, 54, 262, [("Description", 300, "left"), ("Usage", 80, "right"), ("Charge", 124, "right")],
                       [[k, str(months[-1]) if "Usage" in k else "", money(v)] for k, v in lines], size=8.5)
        self._chart(c, 54, y + 40, 250, 90, months, unit)
        y = self.meter_table(c, 54, y + 150, unit, months[-1])
        self.fine_print(c, 54, y + 18, 500, self.utility_notes(), self.print_rng.randint(3, 6), title="News and notices")
        self.pages = 2 if rng.random() < 0.5 else 1
        self.footer(c, 1, self.pages)
        if self.pages == 2:
            c.new_page()
            c.text(54, 72, "Understanding your bill", bold, 13, self.color)
            text = ["Basic service charge covers metering, billing and the upkeep of the lines that serve you.",
                    "Usage charges depend on how much you used in the service period shown on page 1.",
                    "Taxes and fees are set by state and local governments and are passed through at cost.",
                    "Late payments may be subject to a fee. Ask us about budget billing and payment plans."]
            for i, t in enumerate(text):
                c.text(54, 100 + i * 16, t, reg, 9.5)
            self.footer(c, 2, 2)

    # === payroll statements ===========================================================================
    def _pay(self, extra=0):
        rate = round(self.rng.uniform(15, 75), 2)
        hours = self.rng.choice([40, 80, 80, 86.5, 72])
        reg_pay = round(rate * hours, 2)
        ot_h = self.rng.choice([0, 0, 4, 6.5])
        ot = round(rate * 1.5 * ot_h, 2)
        gross = reg_pay + ot
        ded = [("Federal Income Tax", round(gross * 0.11, 2)), ("Social Security", round(gross * 0.062, 2)),
               ("Medicare", round(gross * 0.0145, 2)), ("State Income Tax", round(gross * 0.04, 2)),
               ("Health Insurance", round(self.rng.uniform(20, 150), 2))]
        optional = [("401(k) Contribution", round(gross * self.print_rng.choice([0.03, 0.05, 0.06]), 2)),
                    ("Dental", round(self.print_rng.uniform(4, 30), 2)), ("Vision", round(self.print_rng.uniform(2, 12), 2)),
                    ("Life Insurance", round(self.print_rng.uniform(3, 25), 2))]
        ded += self.print_rng.sample(optional, self.print_rng.randint(0, extra))
        net = round(gross - sum(v for _, v in ded), 2)
        ytd_factor = self.rng.randint(3, 24)
        return rate, hours, reg_pay, ot_h, ot, gross, ded, net, ytd_factor

    def _period(self):
        end = self.date - dt.timedelta(days=self.rng.choice([3, 5, 6, 7]))
        start = end - dt.timedelta(days=self.rng.choice([6, 13, 14, 15]))
        return start, end

    def _employer_header(self, c, x, y, size=13):
        reg, bold = self._fonts()
        c.text(x, y, self.issuer, bold, fit_size(self.issuer, bold, size, 300), self.color)
        for i, line in enumerate(self.issuer_address_lines()):
            c.text(x, y + 13 + i * 10, line, reg, 8, (70, 70, 70))

    def _payroll_earnings_voucher(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        self._employer_header(c, 54, 60)
        c.text(PAGE_W - 54, 60, rng.choice(["Earnings Statement", "EARNINGS STATEMENT", "Statement of Earnings"]),
               bold, 14, align="right")
        start, end = self._period()
        label = rng.choice(["Pay Date", "Check Date", "Pay date:", "Advice Date"])
        info = [("Period Beginning", self._d(start)), ("Period Ending", self._d(end)), (label, self._d(self.date))]
        for i, (k, v) in enumerate(info):
            c.text(380, 84 + i * 13, k, reg, 8.5)
            c.text(PAGE_W - 54, 84 + i * 13, v, bold, 8.5, align="right")
        c.text(54, 128, f"Employee ID {rng.randint(10000, 999999)}     SSN XXX-XX-{rng.randint(0, 9999):04d}", reg, 8.5)
        self.recipient_block(c, 330, 160, size=10, imb=False, endorsement=False)
        rate, hours, reg_pay, ot_h, ot, gross, ded, net, ytd = self._pay(extra=1)
        y = self.table(c, 54, 230, [("Earnings", 120, "left"), ("Rate", 60, "right"), ("Hours", 60, "right"),
                                    ("This period", 80, "right"), ("Year to date", 90, "right")],
                       [["Regular", f"{rate:.2f}", f"{hours}", money(reg_pay), money(reg_pay * ytd)],
                        ["Overtime", f"{rate * 1.5:.2f}", f"{ot_h}", money(ot), money(ot * ytd)],
                        ["Gross Pay", "", "", money(gross), money(gross * ytd)]], size=8.5)
        y = self.table(c, 54, y + 14, [("Deductions", 200, "left"), ("This period", 100, "right"), ("Year to date", 110, "right")],
                       [[k, money(-v), money(-v * ytd)] for k, v in ded], size=8.5, zebra=True)
        c.text(54, y + 20, "Net Pay", bold, 11)
        c.text(464, y + 20, money(net), bold, 11, align="right")
        proc = rng.choice(data.PAYROLL_PROCESSORS)
        if proc:
            c.text(54, y + 40, f"Payroll processed by {proc} on behalf of your employer", reg, 7.5, (110, 110, 110))
        if y + 110 < 552:
            self.time_off(c, 54, y + 56)
            self.withholding(c, 390, y + 64)
        # voucher
        top = 560
        c.rect(40, top, PAGE_W - 80, 180, stroke=(120, 120, 120), width=0.6)
        c.text(54, top + 20, self.issuer, bold, 9)
        c.text(PAGE_W - 54, top + 20, f"{label}: {self._d(self.date)}", reg, 9, align="right")
        c.text(54, top + 44, "Deposited to the account of", reg, 8, (90, 90, 90))
        c.text(54, top + 58, self._name(), bold, 10)
        c.text(350, top + 58, f"Checking XXXX{rng.randint(0, 9999):04d}   {money(net)}", reg, 9)
        c.text(PAGE_W / 2, top + 100, "NON-NEGOTIABLE  -  THIS IS NOT A CHECK", bold, 12, (170, 170, 170), align="center")

    def _payroll_grid(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        self._employer_header(c, 54, 58)
        c.text(PAGE_W - 54, 58, "PAY STATEMENT", bold, 13, self.color, align="right")
        start, end = self._period()
        label = rng.choice(["Pay Date", "Check Date"])
        cols = [("Employee", 190, "left"), ("Emp #", 60, "left"), (label, 90, "left"), ("Pay period", 164, "left")]
        self.table(c, 54, 112, cols, [[self._name("last"), str(rng.randint(1000, 99999)), self._d(self.date),
                                       f"{self._d(start)} - {self._d(end)}"]], size=8.5)
        rate, hours, reg_pay, ot_h, ot, gross, ded, net, ytd = self._pay(extra=2)
        y = self.table(c, 54, 160, [("Earnings", 130, "left"), ("Hours", 60, "right"), ("Current", 80, "right"),
                                    ("YTD", 80, "right")],
                       [["Regular pay", f"{hours}", money(reg_pay), money(reg_pay * ytd)],
                        ["Overtime", f"{ot_h}", money(ot), money(ot * ytd)]], size=8.5)
        y = self.table(c, 54, y + 10, [("Taxes and deductions", 190, "left"), ("Current", 80, "right"), ("YTD", 80, "right")],
                       [[k, money(v), money(v * ytd)] for k, v in ded], size=8.5)
        c.text(54, y + 18, f"Gross {money(gross)}    Deductions {money(sum(v for _, v in ded))}    Net pay {money(net)}", bold, 9.5)
        below = self.time_off(c, 54, y + 36)
        self.withholding(c, 390, y + 44)
        self.fine_print(c, 54, below + 16, 500, PAYROLL_NOTES, self.print_rng.randint(2, 4), bottom=505)
        # check at the bottom, addressed for a window envelope
        top = 520
        c.line(40, top, PAGE_W - 40, top, (120, 120, 120), 0.5)
        c.text(54, top + 24, self.issuer, bold, 10)
        c.text(PAGE_W - 54, top + 24, f"No. {rng.randint(100000, 999999)}", reg, 9, align="right")
        c.text(PAGE_W - 54, top + 40, f"Date {self._d(self.date)}", reg, 9, align="right")
        c.text(54, top + 70, "PAY", reg, 8)
        c.text(80, top + 70, f"******{money(net)}", bold, 10)
        c.text(54, top + 96, "TO THE ORDER OF", reg, 7)
        self.recipient_block(c, 72, top + 112, size=10, imb=False, endorsement=False)
        c.text(PAGE_W - 54, top + 200, "VOID AFTER 90 DAYS", reg, 7, (120, 120, 120), align="right")

    def _payroll_simple_window(self, c):
        reg, bold = self._fonts()
        rng = self.rng
        self.logo(c, 54, 66, style=rng.choice(["plain", "mark-left"]))
        self.recipient_block(c, 72, 160, imb=rng.random() < 0.3)
        start, end = self._period()
        label = rng.choice(["Pay Date", "Payment Date", "Check Date"])
        c.text(360, 150, rng.choice(["Payroll Advice", "Pay Stub", "Direct Deposit Advice"]), bold, 12)
        for i, (k, v) in enumerate([(label, self._d(self.date)), ("Pay Period Start", self._d(start)),
                                    ("Pay Period End", self._d(end)), ("Employee No.", str(rng.randint(100, 99999)))]):
            c.text(360, 170 + i * 14, k, reg, 9)
            c.text(PAGE_W - 54, 170 + i * 14, v, bold, 9, align="right")
        rate, hours, reg_pay, ot_h, ot, gross, ded, net, ytd = self._pay(extra=3)
        y = self.table(c, 54, 260, [("Item", 250, "left"), ("Current", 120, "right"), ("Year to date", 134, "right")],
                       [["Gross earnings", money(gross), money(gross * ytd)]] +
                       [[k, money(-v), money(-v * ytd)] for k, v in ded] +
                       [["Net pay", money(net), money(net * ytd)]], size=9, zebra=True)
        c.text(54, y + 24, "Your net pay was deposited to your account on the pay date shown above.", reg, 9)
        below = self.time_off(c, 54, y + 44)
        self.withholding(c, 390, y + 52)
        self.fine_print(c, 54, below + 18, 500, PAYROLL_NOTES, self.print_rng.randint(3, 5), title="Messages")
        self.footer(c, 1, 1, text=f"{self.issuer} - confidential")
