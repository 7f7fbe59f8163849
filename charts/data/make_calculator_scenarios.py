"""Writes calculator_scenarios.csv, the calculator's main scenarios, from provincial_budgets.csv.

This site's calculation (see calculator_scenarios.yaml): for each donor base, share and year,
base × share ÷ 100 × 1.08^(year − 1), and that sum as a share of Balochistan's 2023–24
development programme and budget. Exact decimal arithmetic, rounded half up only at the end (the
sum to 0.01 billion rupees, the shares to 0.01 percentage points). Run it again after provincial_budgets.csv changes:

    .venv/bin/python charts/data/make_calculator_scenarios.py

tests/test_calculator.py recomputes every cell on its own and fails if the file is out of date.
"""

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (donor, base as the table names it, the provincial_budgets row holding the figure)
BASES = [("Punjab", "total income", "punjab_total_income"),
         ("Punjab", "own revenue", "punjab_own_revenue"),
         ("Khyber Pakhtunkhwa", "total receipts", "kp_total_receipts"),
         ("Khyber Pakhtunkhwa", "own revenue (expected)", "kp_own_revenue_expected")]
SHARES = ["0.3", "0.6"]  # % of the base a year: the two ends of China's 2010 rule
YEARS = [1, 5, 10]  # year of the scheme; the sum rises 8% a year after the first
RISE = Decimal("1.08")
COLUMNS = ["donor", "base", "base_item", "base_rupees_billion", "share_percent", "year",
           "yearly_rupees_billion", "of_psdp_percent", "of_budget_percent"]


def rounded(value: Decimal, places: str) -> str:
    return str(value.quantize(Decimal(places), rounding=ROUND_HALF_UP))


def scenarios(budgets: dict[str, str]) -> list[dict[str, str]]:
    psdp, budget = Decimal(budgets["balochistan_psdp"]), Decimal(budgets["balochistan_outlay"])
    rows = []
    for donor, base, item in BASES:
        for share in SHARES:
            for year in YEARS:
                yearly = Decimal(budgets[item]) * Decimal(share) / 100 * RISE ** (year - 1)
                rows.append({"donor": donor, "base": base, "base_item": item, "base_rupees_billion": budgets[item],
                             "share_percent": share, "year": str(year),
                             "yearly_rupees_billion": rounded(yearly, "0.01"),
                             "of_psdp_percent": rounded(yearly / psdp * 100, "0.01"),
                             "of_budget_percent": rounded(yearly / budget * 100, "0.01")})
    return rows


def main() -> None:
    with open(HERE / "provincial_budgets.csv", encoding="utf-8", newline="") as handle:
        budgets = {row["item_id"]: row["rupees_billion"] for row in csv.DictReader(handle)}
    with open(HERE / "calculator_scenarios.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(scenarios(budgets))


if __name__ == "__main__":
    main()
