#!/usr/bin/env python3
"""The holiday presets as an independent implementation gives them: the `holidays` package.

Used only as a test oracle by `crates/recourse-base/tests/holiday_presets.rs`, which compares
each preset of the calendars, year by year, with what this prints: one JSON object
{preset: {year: [[date, name], ...]}}. Usage: holiday_oracle.py FIRST_YEAR LAST_YEAR.
"""

import json
import sys

try:
    import holidays
except ImportError:
    sys.exit(
        "the Python package `holidays` is missing: `python3 -m pip install --user holidays` "
        "(scripts/rust.sh installs it)"
    )


def dates(calendar):
    return sorted([str(day), name] for day, name in calendar.items())


def only(calendar, names):
    return {day: name for day, name in calendar.items() if name in names}


def presets(years):
    br = holidays.country_holidays("BR", years=years)
    br_optional = holidays.country_holidays("BR", years=years, categories=("optional",))
    # The bank preset: the national holidays, Carnival and Corpus Christi (of the optional days).
    br_bank = dict(br)
    br_bank.update(only(br_optional, {"Carnival", "Corpus Christi"}))
    # The city preset: what the capital adds to the national holidays.
    sp_city = holidays.country_holidays("BR", subdiv="São Paulo Capital", years=years)
    sp_city = {day: name for day, name in sp_city.items() if day not in br}
    return {
        "br_national": dates(br),
        "br_bank": dates(br_bank),
        "br_sao_paulo_city": dates(sp_city),
        "pt_national": dates(holidays.country_holidays("PT", years=years)),
        "es_national": dates(holidays.country_holidays("ES", years=years)),
        "gr_national": dates(holidays.country_holidays("GR", years=years)),
        "us_federal": dates(holidays.country_holidays("US", years=years)),
        "us_federal_reserve": dates(holidays.financial_holidays("XFED", years=years)),
    }


def main():
    first, last = int(sys.argv[1]), int(sys.argv[2])
    out = {}
    for year in range(first, last + 1):
        for preset, days in presets(year).items():
            out.setdefault(preset, {})[str(year)] = days
    json.dump({"holidays_version": holidays.__version__, "presets": out}, sys.stdout)


if __name__ == "__main__":
    main()
