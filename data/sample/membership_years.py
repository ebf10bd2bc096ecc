# Writes the years of membership into the groups column of actors.csv
# (data.Membership: "GROUP:FROM-" or "GROUP:FROM-TO"). Public facts, from
# the groups' own member lists:
#   EU (EEC from 1958), NATO (1949), OECD (1961), ASEAN (1967): accession
#   years; G7 (1975, Canada 1976); G20 (1999, finance ministers; leaders
#   from 2008); BRICS (BRIC 2009, South Africa 2010, Egypt, Ethiopia, Iran
#   and the UAE 2024, Indonesia 2025); SCO (2001; India and Pakistan 2017,
#   Iran 2023, Belarus 2024); AU (2002, replacing the OAU; South Sudan
#   2011, Morocco 2017). The United Kingdom was in the EU 1973-2020.
# Run from the repository root: python3 data/sample/membership_years.py
import csv, io

since = {
    "EU": {1958: "BEL DEU FRA ITA LUX NLD", 1973: "DNK IRL GBR", 1981: "GRC", 1986: "ESP PRT",
           1995: "AUT FIN SWE", 2004: "CYP CZE EST HUN LTU LVA MLT POL SVK SVN", 2007: "BGR ROU", 2013: "HRV"},
    "NATO": {1949: "BEL CAN DNK FRA GBR ISL ITA LUX NLD NOR PRT USA", 1952: "GRC TUR", 1955: "DEU", 1982: "ESP",
             1999: "CZE HUN POL", 2004: "BGR EST LTU LVA ROU SVK SVN", 2009: "ALB HRV", 2017: "MNE",
             2020: "MKD", 2023: "FIN", 2024: "SWE"},
    "OECD": {1961: "AUT BEL CAN CHE DEU DNK ESP FRA GBR GRC IRL ISL LUX NLD NOR PRT SWE TUR USA", 1962: "ITA",
             1964: "JPN", 1969: "FIN", 1971: "AUS", 1973: "NZL", 1994: "MEX", 1995: "CZE", 1996: "HUN KOR POL",
             2000: "SVK", 2010: "CHL EST ISR SVN", 2016: "LVA", 2018: "LTU", 2020: "COL", 2021: "CRI"},
    "ASEAN": {1967: "IDN MYS PHL SGP THA", 1984: "BRN", 1995: "VNM", 1997: "LAO MMR", 1999: "KHM"},
    "G7": {1975: "DEU FRA GBR ITA JPN USA", 1976: "CAN"},
    "G20": {1999: "ARG AUS BRA CAN CHN DEU FRA GBR IDN IND ITA JPN KOR MEX RUS SAU TUR USA ZAF"},
    "BRICS": {2009: "BRA CHN IND RUS", 2010: "ZAF", 2024: "ARE EGY ETH IRN", 2025: "IDN"},
    "SCO": {2001: "CHN KAZ KGZ RUS TJK UZB", 2017: "IND PAK", 2023: "IRN", 2024: "BLR"},
}
until = {("EU", "GBR"): 2020}
AU_FROM, AU_LATE = 2002, {"SSD": 2011, "MAR": 2017}

year = {}
for g, byYear in since.items():
    for y, ids in byYear.items():
        for i in ids.split():
            year[(g, i)] = y

path = "data/sample/actors.csv"
rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
head, body = rows[0], rows[1:]
gi = head.index("groups")
for r in body:
    ids = r[0]
    groups = [g.split(":")[0] for g in r[gi].split("|") if g]
    if ids == "GBR" and "EU" not in groups:
        groups.insert(groups.index("OECD") if "OECD" in groups else len(groups), "EU")
    out = []
    for g in groups:
        if g == "AU":
            y = AU_LATE.get(ids, AU_FROM)
        else:
            y = year.get((g, ids))
            if y is None:
                raise SystemExit(f"{ids}: no year for {g}")
        end = until.get((g, ids))
        out.append(f"{g}:{y}-{end or ''}")
    r[gi] = "|".join(out)
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerows([head] + body)
open(path, "w", encoding="utf-8", newline="").write(buf.getvalue())
