"""The what-if calculator's numbers: the published scenario table is recomputed here, cell by cell,
from the budget figures it rests on, so the table, the chart and the budgets can never disagree."""

from __future__ import annotations

import csv
import importlib.util
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from tests.conftest import REPO

DATA = REPO / "charts" / "data"
# The rule: each donor gives a share of its revenue a year, the sum rising 8% a year (Xinhua, 2010).
RISE = Decimal("1.08")
SHARES = {"0.3", "0.6"}
YEARS = {"1", "5", "10"}


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def budgets() -> dict[str, str]:
    return {row["item_id"]: row["rupees_billion"] for row in rows("provincial_budgets")}


def calculator_module():
    spec = importlib.util.spec_from_file_location("calculator_under_test", REPO / "charts" / "calculator.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_scenario_cell_is_recomputed_from_the_budgets():
    amounts = budgets()
    psdp, outlay = Decimal(amounts["balochistan_psdp"]), Decimal(amounts["balochistan_outlay"])
    table = rows("calculator_scenarios")
    assert table
    for row in table:
        where = f"{row['base_item']} {row['share_percent']}% year {row['year']}"
        assert row["base_rupees_billion"] == amounts[row["base_item"]], where
        yearly = Decimal(amounts[row["base_item"]]) * Decimal(row["share_percent"]) / 100 * RISE ** (int(row["year"]) - 1)
        expected = {
            "yearly_rupees_billion": yearly.quantize(Decimal("0.01"), ROUND_HALF_UP),
            "of_psdp_percent": (yearly / psdp * 100).quantize(Decimal("0.01"), ROUND_HALF_UP),
            "of_budget_percent": (yearly / outlay * 100).quantize(Decimal("0.01"), ROUND_HALF_UP),
        }
        for column, value in expected.items():
            assert Decimal(row[column]) == value, f"{where}: {column} is {row[column]}, the budgets give {value}"
            assert row[column] == str(value), f"{where}: {column} should be written {value} (two decimals)"


def test_the_table_covers_every_donor_base_at_both_ends_of_the_rule():
    module = calculator_module()
    table = rows("calculator_scenarios")
    found = {(row["base_item"], row["share_percent"], row["year"]) for row in table}
    wanted = {(item, share, year) for item in module.BASES.values() for share in SHARES for year in YEARS}
    assert found == wanted
    assert len(table) == len(wanted)  # no scenario twice
    donors = {row["base_item"]: row["donor"] for row in table}
    for (donor, _), item in module.BASES.items():
        assert donors[item] == module.DONORS[donor]


def test_the_chart_computes_with_the_budget_figures_as_the_csv_writes_them():
    """The Vega expressions carry the budget figures literally: each one, exactly as provincial_budgets has it."""
    module = calculator_module()
    amounts = budgets()
    formulas = module.expressions(pd.read_csv(DATA / "provincial_budgets.csv"))
    for item in module.BASES.values():
        assert amounts[item] in formulas["base_value"], item
    assert f"/ {amounts['balochistan_psdp']} * 100" in formulas["psdp_text"]
    assert f"/ {amounts['balochistan_outlay']} * 100" in formulas["budget_text"]
    assert f"pow(1 + {module.RISE} / 100, year_value - 1)" in formulas["yearly"]


def test_the_page_and_the_static_chart_show_the_default_scenario(real_site):
    default = next(row for row in rows("calculator_scenarios")
                   if (row["base_item"], row["share_percent"], row["year"]) == ("punjab_total_income", "0.3", "1"))
    html = (real_site / "pakistan/calculator/index.html").read_text(encoding="utf-8")
    assert f"Rs {default['yearly_rupees_billion']} billion" in html
    assert f"{default['of_psdp_percent']}%" in html and f"{default['of_budget_percent']}%" in html
    svgs = sorted((real_site / "charts").glob("calculator.*.svg"))
    assert len(svgs) == 2
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        assert f"Rs {default['yearly_rupees_billion']} bn" in text, svg.name
        assert f"Rs {budgets()['balochistan_psdp']} bn" in text and f"Rs {budgets()['balochistan_outlay']} bn" in text
