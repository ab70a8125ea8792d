"""Data tables for the synthetic documents.

Every person, address and number produced from these tables is generated. City names, state codes and
AAMVA issuer identification numbers are public reference data, not personal data. Issuer (bank, utility,
employer) names are invented.
"""

# --- people -------------------------------------------------------------------------------------------

# (first name, sex) — a broad mix so that readers see many spellings.
FIRST_NAMES = [
    ("JAMES", "M"), ("MARIA", "F"), ("DEANDRE", "M"), ("XIAOMING", "M"), ("PRIYA", "F"), ("JOSE", "M"),
    ("AALIYAH", "F"), ("MOHAMMED", "M"), ("SIOBHAN", "F"), ("NGUYEN", "M"), ("KATHERINE", "F"),
    ("OLUWASEUN", "M"), ("GUADALUPE", "F"), ("HIROSHI", "M"), ("MARY-KATE", "F"), ("JEAN-LUC", "M"),
    ("ZOE", "F"), ("LIAM", "M"), ("FATIMA", "F"), ("DMITRI", "M"), ("ESPERANZA", "F"), ("TYRONE", "M"),
    ("MEI", "F"), ("KWAME", "M"), ("ISABELLA", "F"), ("ROBERT", "M"), ("SHANICE", "F"), ("ALEJANDRO", "M"),
    ("HANNAH", "F"), ("RAJESH", "M"), ("BRIDGET", "F"), ("WILLIAM", "M"), ("JIN-WOO", "M"), ("ANA", "F"),
    ("ELIJAH", "M"), ("CHIAMAKA", "F"), ("MICHAEL", "M"), ("LAKEISHA", "F"), ("SANTIAGO", "M"),
    ("ELEANOR", "F"), ("AHMED", "M"), ("YUKI", "F"), ("CHRISTOPHER", "M"), ("TERESA", "F"), ("DARNELL", "M"),
    ("SOFIA", "F"), ("THOMAS", "M"), ("NAOMI", "F"), ("VIKRAM", "M"), ("GRACE", "F"), ("FRANCISCO", "M"),
    ("D'ANDRA", "F"), ("PATRICK", "M"), ("LEILANI", "F"), ("BENJAMIN", "M"), ("AMARA", "F"), ("TREVOR", "M"),
    ("ROSALIND", "F"), ("MATEO", "M"), ("JOANNA", "F"), ("SAMUEL", "M"), ("KIMBERLY", "F"), ("ANDRE", "M"),
    ("VALENTINA", "F"), ("ERIC", "M"), ("OLIVIA", "F"), ("CURTIS", "M"), ("MARGARET", "F"), ("EMEKA", "M"),
    ("LUCIA", "F"), ("DANIEL", "M"), ("HELEN", "F"), ("ABDUL", "M"), ("CAMILLE", "F"), ("KEVIN", "M"),
    ("ALEXIS", "X"), ("JORDAN", "X"), ("RIVER", "X"), ("TAYLOR", "X"),
]

# middle names by the sex they are usually given to; "X" people draw from all of them
MIDDLE_NAMES = {
    "F": ["ANN", "MARIE", "LYNN", "ELIZABETH", "ROSE", "GRACE", "JEAN", "MAE", "KAY", "NICOLE", "DEL CARMEN",
          "BETH", "IRENE", "JO", "MARIA JOSE", "LEE"],
    "M": ["JAMES", "RAY", "ALAN", "MICHAEL", "EDWARD", "LOUIS", "DAVID", "JOSEPH", "ANTHONY", "WEI", "KUMAR",
          "OLUWADAMILOLA", "FRANCIS", "PAUL", "ALEXANDER", "THEODORE", "LEE"],
}

LAST_NAMES = [
    "SMITH", "GARCIA", "NGUYEN", "JOHNSON", "O'BRIEN", "WASHINGTON", "PATEL", "KOWALSKI", "OKAFOR",
    "HERNANDEZ", "MCALLISTER", "D'ANGELO", "YAMAMOTO", "CHEN", "RODRIGUEZ", "FITZGERALD", "ABERNATHY",
    "DE LA CRUZ", "VAN DER BERG", "O'NEAL", "MACDONALD", "BLACKWOOD", "SCHWARZENBACH", "LI", "KIM",
    "ADEYEMI", "THOMPSON", "MARTINEZ", "WOJCIECHOWSKI", "ST JOHN", "DUBOIS", "LEBLANC", "AL-SAYED",
    "GONZALEZ", "NAKAMURA", "BROWN", "OYELARAN", "RAMIREZ", "JACKSON", "HOLLOWAY", "PETROV", "SANTOS",
    "VILLANUEVA", "CARTWRIGHT", "BEAUREGARD", "TRAN", "OKONKWO", "LINDQVIST", "RAMANATHAN", "QUINTERO",
    "DEL RIO", "HAWTHORNE", "MBEKI", "SULLIVAN", "FERREIRA", "ZIMMERMAN", "CASTILLO", "WHITEFEATHER",
    "KAPOOR", "LOPEZ", "ESPOSITO", "N'DIAYE", "HALVORSEN", "BANERJEE", "FONTAINE", "OSEI", "PRZYBYLSKI",
]

SUFFIXES = ["JR", "SR", "II", "III", "IV"]

# --- addresses ----------------------------------------------------------------------------------------

STREET_NAMES = [
    "MAPLE", "OAK", "CEDAR", "PINE", "ELM", "WASHINGTON", "LINCOLN", "JEFFERSON", "MAGNOLIA", "WILLOW",
    "SUNSET", "LAKEVIEW", "HIGHLAND", "MEADOWBROOK", "RIVERSIDE", "CHESTNUT", "SYCAMORE", "HICKORY",
    "DOGWOOD", "PEACHTREE", "CYPRESS", "BIRCH", "JUNIPER", "ASPEN", "HAWTHORN", "CLEARWATER", "STONEBRIDGE",
    "FOXGLOVE", "BLUEBONNET", "CANYON CREEK", "MILL POND", "OLD COUNTY", "BRIARWOOD", "FAIRVIEW",
    "KINGSLEY", "HARBOR", "PRAIRIE WIND", "QUAIL RUN", "ORCHARD", "TIMBERLINE", "COTTONWOOD", "SILVER LAKE",
    "ROSEWOOD", "CHERRY HILL", "BAYSHORE", "MISSION", "SANTA ROSA", "EL CAMINO", "VISTA DEL MAR",
    "MARTIN LUTHER KING JR", "COLLEGE", "UNIVERSITY", "CHURCH", "SCHOOL", "MARKET", "BROAD", "UNION",
    "PARK", "SPRING", "WALNUT", "FRANKLIN", "ADAMS", "MADISON", "MONROE", "JACKSON", "RIDGE", "SUMMIT",
]
ORDINAL_STREETS = ["1ST", "2ND", "3RD", "4TH", "5TH", "7TH", "9TH", "11TH", "12TH", "21ST", "33RD", "42ND",
                   "58TH", "101ST", "116TH"]

# USPS Publication 28 suffix abbreviation -> printed long forms.
STREET_SUFFIXES = {
    "ST": ["Street", "St", "St."], "AVE": ["Avenue", "Ave", "Ave."], "BLVD": ["Boulevard", "Blvd", "Blvd."],
    "DR": ["Drive", "Dr", "Dr."], "LN": ["Lane", "Ln"], "RD": ["Road", "Rd", "Rd."], "CT": ["Court", "Ct"],
    "PL": ["Place", "Pl"], "WAY": ["Way"], "TER": ["Terrace", "Ter"], "CIR": ["Circle", "Cir"],
    "PKWY": ["Parkway", "Pkwy"], "HWY": ["Highway", "Hwy"], "TRL": ["Trail", "Trl"], "LOOP": ["Loop"],
    "SQ": ["Square", "Sq"], "XING": ["Crossing", "Xing"],
}
DIRECTIONALS = {"N": "North", "S": "South", "E": "East", "W": "West", "NE": "Northeast", "NW": "Northwest",
                "SE": "Southeast", "SW": "Southwest"}

# USPS Publication 28 unit designator -> printed forms.
UNIT_DESIGNATORS = {
    "APT": ["Apt", "Apt.", "Apartment", "APT"], "STE": ["Suite", "Ste", "Ste.", "STE"],
    "UNIT": ["Unit", "UNIT"], "#": ["#"], "BLDG": ["Bldg", "Building"], "FL": ["Fl", "Floor"],
    "RM": ["Rm", "Room"], "LOT": ["Lot"], "TRLR": ["Trlr", "Trailer"],
}

# state code -> (name, AAMVA IIN, DL number pattern as printed).
# Pattern letters: L = letter, D = digit, A = letter or digit, lower case = that letter literally; other
# characters (space, hyphen) are printed separators
# (the ground truth drops spaces and hyphens). Patterns resemble each state's style; numbers are random.
STATES = {
    "AL": ("Alabama", "636033", "DDDDDDD"),
    "AZ": ("Arizona", "636026", "LDDDDDDDD"),
    "CA": ("California", "636014", "LDDDDDDD"),
    "CO": ("Colorado", "636020", "DD-DDD-DDDD"),
    "CT": ("Connecticut", "636006", "DDDDDDDDD"),
    "DC": ("District of Columbia", "636043", "DDDDDDD"),
    "FL": ("Florida", "636010", "LDDD-DDD-DD-DDD-D"),
    "GA": ("Georgia", "636055", "DDDDDDDDD"),
    "HI": ("Hawaii", "636047", "hDDDDDDDD"),
    "IL": ("Illinois", "636035", "LDDD-DDDD-DDDD"),
    "IN": ("Indiana", "636037", "DDDD-DD-DDDD"),
    "KY": ("Kentucky", "636046", "LDD-DDD-DDD"),
    "LA": ("Louisiana", "636007", "DDDDDDDDD"),
    "MA": ("Massachusetts", "636002", "sDDDDDDDD"),
    "MD": ("Maryland", "636003", "L-DDD-DDD-DDD-DDD"),
    "MI": ("Michigan", "636032", "L DDD DDD DDD DDD"),
    "MN": ("Minnesota", "636038", "LDDDDDDDDDDDD"),
    "MO": ("Missouri", "636030", "LDDDDDDDDD"),
    "NC": ("North Carolina", "636004", "DDDDDDDDDDDD"),
    "NJ": ("New Jersey", "636036", "LDDDD DDDDD DDDDD"),
    "NM": ("New Mexico", "636009", "DDDDDDDDD"),
    "NV": ("Nevada", "636049", "DDDDDDDDDD"),
    "NY": ("New York", "636001", "DDD DDD DDD"),
    "OH": ("Ohio", "636023", "LLDDDDDD"),
    "OR": ("Oregon", "636029", "DDDDDDD"),
    "PA": ("Pennsylvania", "636025", "DD DDD DDD"),
    "TN": ("Tennessee", "636053", "DDDDDDDDD"),
    "TX": ("Texas", "636015", "DDDDDDDD"),
    "UT": ("Utah", "636040", "DDDDDDDDD"),
    "VA": ("Virginia", "636000", "LDD-DD-DDDD"),
    "WA": ("Washington", "636045", "wdlAAAAAAAAA"),
    "WI": ("Wisconsin", "636031", "LDDD-DDDD-DDDD-DD"),
}

# (city, state, three-digit ZIP prefixes used there)
CITIES = [
    ("BIRMINGHAM", "AL", ["352"]), ("HUNTSVILLE", "AL", ["358"]),
    ("PHOENIX", "AZ", ["850"]), ("TUCSON", "AZ", ["857"]), ("FLAGSTAFF", "AZ", ["860"]),
    ("LOS ANGELES", "CA", ["900"]), ("SACRAMENTO", "CA", ["958"]), ("SAN DIEGO", "CA", ["921"]),
    ("FRESNO", "CA", ["937"]), ("SOUTH LAKE TAHOE", "CA", ["961"]),
    ("DENVER", "CO", ["802"]), ("COLORADO SPRINGS", "CO", ["809"]),
    ("HARTFORD", "CT", ["061"]), ("NEW HAVEN", "CT", ["065"]),
    ("WASHINGTON", "DC", ["200"]),
    ("MIAMI", "FL", ["331"]), ("TALLAHASSEE", "FL", ["323"]), ("SAINT PETERSBURG", "FL", ["337"]),
    ("ATLANTA", "GA", ["303"]), ("SAVANNAH", "GA", ["314"]),
    ("HONOLULU", "HI", ["968"]), ("HILO", "HI", ["967"]),
    ("CHICAGO", "IL", ["606"]), ("SPRINGFIELD", "IL", ["627"]), ("PEORIA", "IL", ["616"]),
    ("INDIANAPOLIS", "IN", ["462"]), ("FORT WAYNE", "IN", ["468"]),
    ("LOUISVILLE", "KY", ["402"]), ("LEXINGTON", "KY", ["405"]),
    ("NEW ORLEANS", "LA", ["701"]), ("BATON ROUGE", "LA", ["708"]),
    ("BOSTON", "MA", ["021"]), ("WORCESTER", "MA", ["016"]),
    ("BALTIMORE", "MD", ["212"]), ("SILVER SPRING", "MD", ["209"]),
    ("DETROIT", "MI", ["482"]), ("GRAND RAPIDS", "MI", ["495"]), ("ANN ARBOR", "MI", ["481"]),
    ("MINNEAPOLIS", "MN", ["554"]), ("SAINT PAUL", "MN", ["551"]), ("DULUTH", "MN", ["558"]),
    ("KANSAS CITY", "MO", ["641"]), ("SAINT LOUIS", "MO", ["631"]),
    ("CHARLOTTE", "NC", ["282"]), ("RALEIGH", "NC", ["276"]), ("WINSTON-SALEM", "NC", ["271"]),
    ("NEWARK", "NJ", ["071"]), ("TRENTON", "NJ", ["086"]),
    ("ALBUQUERQUE", "NM", ["871"]), ("SANTA FE", "NM", ["875"]),
    ("LAS VEGAS", "NV", ["891"]), ("RENO", "NV", ["895"]),
    ("NEW YORK", "NY", ["100", "101"]), ("BROOKLYN", "NY", ["112"]), ("BUFFALO", "NY", ["142"]),
    ("ALBANY", "NY", ["122"]),
    ("COLUMBUS", "OH", ["432"]), ("CLEVELAND", "OH", ["441"]), ("CINCINNATI", "OH", ["452"]),
    ("PORTLAND", "OR", ["972"]), ("EUGENE", "OR", ["974"]),
    ("PHILADELPHIA", "PA", ["191"]), ("PITTSBURGH", "PA", ["152"]), ("WILKES-BARRE", "PA", ["187"]),
    ("NASHVILLE", "TN", ["372"]), ("MEMPHIS", "TN", ["381"]),
    ("HOUSTON", "TX", ["770"]), ("SAN ANTONIO", "TX", ["782"]), ("EL PASO", "TX", ["799"]),
    ("DALLAS", "TX", ["752"]), ("CORPUS CHRISTI", "TX", ["784"]),
    ("SALT LAKE CITY", "UT", ["841"]), ("PROVO", "UT", ["846"]),
    ("RICHMOND", "VA", ["232"]), ("VIRGINIA BEACH", "VA", ["234"]), ("ARLINGTON", "VA", ["222"]),
    ("SEATTLE", "WA", ["981"]), ("SPOKANE", "WA", ["992"]), ("COEUR D'ALENE VIEW", "WA", ["990"]),
    ("MILWAUKEE", "WI", ["532"]), ("MADISON", "WI", ["537"]), ("EAU CLAIRE", "WI", ["547"]),
]

# --- issuers of statements (all invented) --------------------------------------------------------------
# name, short tag line, colour (RGB), mailing address lines, customer service phone

BANKS = [
    ("GRANITE RIDGE FEDERAL CREDIT UNION", "Member owned since 1954", (22, 72, 122)),
    ("BLUE HERON SAVINGS BANK", "Banking with a steady hand", (0, 110, 140)),
    ("PRAIRIE LANTERN BANK", "Your neighborhood bank", (150, 90, 10)),
    ("HARBORLINE TRUST COMPANY", "Private and personal banking", (20, 40, 80)),
    ("COPPER KETTLE COMMUNITY BANK", "Local decisions, local people", (170, 70, 40)),
    ("NORTHSTAR MERIDIAN BANK", "Member FDIC", (40, 40, 120)),
    ("SILVERBIRCH CREDIT UNION", "People helping people", (60, 120, 60)),
    ("TALLGRASS NATIONAL BANK", "Member FDIC", (110, 30, 30)),
    ("BRIGHTWATER FINANCIAL", "Online banking made simple", (0, 130, 100)),
    ("OLD MILL VALLEY BANK", "Est. 1921", (90, 60, 30)),
    ("KEYSTONE ARBOR CREDIT UNION", "Federally insured by NCUA", (30, 90, 150)),
    ("FIRST LODESTAR BANK", "Member FDIC  Equal Housing Lender", (120, 20, 90)),
]

UTILITIES = [
    ("CASCADE VALLEY ELECTRIC COOPERATIVE", "electric", (200, 120, 0)),
    ("TRI-COUNTY WATER AUTHORITY", "water", (0, 100, 180)),
    ("SUMMIT PEAK NATURAL GAS", "gas", (190, 60, 20)),
    ("RIVERBEND POWER & LIGHT", "electric", (230, 160, 20)),
    ("NORTHWIND FIBER COMMUNICATIONS", "internet", (70, 50, 150)),
    ("CLEARSPRING MUNICIPAL UTILITIES", "water", (20, 140, 170)),
    ("SUNRIDGE ENERGY SERVICES", "electric", (220, 90, 30)),
    ("BLUE MESA GAS COMPANY", "gas", (40, 80, 160)),
    ("PINECREST SANITATION DISTRICT", "sewer", (60, 110, 50)),
    ("HORIZON WIRELESS", "phone", (180, 20, 60)),
    ("LAKESHORE ELECTRIC & GAS", "electric", (0, 90, 90)),
    ("MESQUITE CITY UTILITIES", "water", (130, 80, 40)),
]

EMPLOYERS = [
    ("BLUESTEM LOGISTICS INC", (30, 90, 60)),
    ("HALCYON MEDICAL GROUP LLC", (20, 100, 160)),
    ("IRONWOOD MANUFACTURING CO", (80, 80, 80)),
    ("MARIGOLD HOSPITALITY PARTNERS", (200, 120, 20)),
    ("QUARRY HILL SCHOOL DISTRICT", (120, 30, 30)),
    ("TANGENT SOFTWARE SYSTEMS INC", (40, 40, 140)),
    ("REDFERN RETAIL GROUP", (170, 40, 60)),
    ("SEVEN OAKS CONSTRUCTION LLC", (120, 90, 40)),
    ("COUNTY OF WESTBROOK", (30, 60, 110)),
    ("LUMEN HOME HEALTH SERVICES", (0, 120, 120)),
    ("PARAGON AEROSPACE COMPONENTS", (50, 50, 90)),
    ("SAFFRON BAKERY COOPERATIVE", (180, 100, 30)),
]
PAYROLL_PROCESSORS = ["PAYWELL SERVICES", "LEDGERLINE PAYROLL", "CLEARPAY HR SOLUTIONS", None, None, None]

EYE_COLORS = ["BRO", "BLU", "GRN", "HAZ", "GRY", "BLK"]
HAIR_COLORS = ["BRO", "BLK", "BLN", "RED", "GRY", "WHI", "BAL"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
