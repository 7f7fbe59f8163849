"""The what-if calculator: China's 2010 donor rule applied to a Pakistani province, beside Balochistan's budget.

The reader's choices are Vega-Lite parameters bound to the HTML form on content/pakistan/calculator.md
(``alt.BindDirect``: Vega listens to the page's own <select> and <input> elements, so their labels,
keyboard use and screen readers work as for any form). Every number comes from the provincial_budgets
dataset; the arithmetic is written once here, as Vega expressions, and shown to the reader beside the
result. The static SVG (and a page without JavaScript) shows the default scenario. The published table
of scenarios, charts/data/calculator_scenarios.csv, is recomputed from provincial_budgets by
tests/test_calculator.py, so the two cannot disagree.
"""

import altair as alt
import pandas as pd

TITLE = "One year of China's donor rule beside Balochistan's 2023–24 development programme and budget (this site's calculation)"
DESCRIPTION = """
This site's calculation, not a source's: a horizontal bar chart in billions of rupees comparing
what a Pakistani donor province would give in one year under China's 2010 rule with Balochistan's
2023–24 development programme (229.301 billion rupees) and its whole budget (750 billion rupees).
The form above the chart chooses the donor, the share of its revenue (0.3% to 0.6%), the base
(all its income, or only the revenue it raises itself) and the year of the scheme, with the sum
rising 8% a year. As first shown: Punjab giving 0.3% of its 2023–24 total income of 3,331.7
billion rupees, 3,331.7 × 0.3 ÷ 100 = 10.00 billion rupees in the first year, 4.36% of Balochistan's
development programme and 1.33% of its budget.
"""
DATASETS = ["provincial_budgets", "calculator_scenarios"]

# The form's choices (the <select> and <input> ids on the calculator page) and their first values.
DONORS = {"punjab": "Punjab", "kp": "Khyber Pakhtunkhwa"}
BASES = {  # (donor, base) -> the provincial_budgets row that holds it
    ("punjab", "total"): "punjab_total_income",
    ("punjab", "own"): "punjab_own_revenue",
    ("kp", "total"): "kp_total_receipts",
    ("kp", "own"): "kp_own_revenue_expected",
}
BASE_WORDS = {"punjab_total_income": "total income", "punjab_own_revenue": "own revenue",
              "kp_total_receipts": "total receipts", "kp_own_revenue_expected": "own revenue (expected)"}
PSDP, BUDGET = "balochistan_psdp", "balochistan_outlay"
SHARE_RANGE, YEAR_RANGE = (0.3, 0.6), (1, 10)  # % of the base a year (Xinhua, 2010); a ten-year round, 2011–2020
RISE = 8  # % a year (Xinhua, 2010)
DEFAULT = {"donor": "punjab", "base": "total", "share": 0.3, "year": 1}


def _number(value: float) -> str:
    """A budget figure as a literal in a Vega expression, exactly as the CSV holds it."""
    return repr(float(value)).removesuffix(".0")


def expressions(frame: pd.DataFrame) -> dict[str, str]:
    """The calculation, as Vega expressions over the form's signals: the one place for the arithmetic.
    The ``*_text`` signals are what the page shows in words (static/js/charts.js writes them into the
    elements whose ``data-signal`` names them)."""
    amount = frame.set_index("item_id")["rupees_billion"]

    def by_choice(values: dict[tuple[str, str], str]) -> str:
        def one(donor: str) -> str:
            return f"(basis === 'own' ? {values[(donor, 'own')]} : {values[(donor, 'total')]})"
        return f"(donor === 'kp' ? {one('kp')} : {one('punjab')})"

    low, high = SHARE_RANGE
    first, last = YEAR_RANGE
    psdp, budget = _number(amount[PSDP]), _number(amount[BUDGET])
    return {
        "base_value": by_choice({key: _number(amount[item]) for key, item in BASES.items()}),
        "share_value": f"clamp(toNumber(share), {low}, {high})",
        "year_value": f"clamp(round(toNumber(year)), {first}, {last})",
        "yearly": f"base_value * share_value / 100 * pow(1 + {RISE} / 100, year_value - 1)",
        "scenario_text": (f"(donor === 'kp' ? '{DONORS['kp']}' : '{DONORS['punjab']}') + ', '"
                          " + format(share_value, '.2f') + '% of its '"
                          f" + {by_choice({key: repr(BASE_WORDS[item]) for key, item in BASES.items()})}"
                          " + ', in year ' + year_value"),
        "yearly_text": "'Rs ' + format(yearly, ',.2f') + ' billion'",
        "psdp_text": f"format(yearly / {psdp} * 100, '.2f') + '%'",
        "budget_text": f"format(yearly / {budget} * 100, '.2f') + '%'",
        "working_text": (
            "'Rs ' + format(base_value, ',') + ' billion × ' + format(share_value, '.2f') + ' ÷ 100'"
            " + (year_value > 1 ? ' × 1.08' + substring('⁰¹²³⁴⁵⁶⁷⁸⁹', year_value - 1, year_value)"
            f" + ' (' + (year_value - 1) + (year_value === 2 ? ' yearly rise' : ' yearly rises') + ' of {RISE}%)' : '')"
            " + ' = ' + yearly_text"
            f" + '; that ÷ {psdp} × 100 = ' + psdp_text + ', and ÷ {budget} × 100 = ' + budget_text + '.'"
        ),
    }


def chart(data):
    budgets = data["provincial_budgets"]
    amount = budgets.set_index("item_id")["rupees_billion"]
    bars = pd.DataFrame([
        {"bar": "rule", "group": "China’s rule", "label": "China’s rule: one year’s sum (your choice)", "amount": 0.0},
        {"bar": "psdp", "group": "Balochistan", "label": "Balochistan’s development programme, 2023–24",
         "amount": float(amount[PSDP])},
        {"bar": "budget", "group": "Balochistan", "label": "Balochistan’s whole budget, 2023–24",
         "amount": float(amount[BUDGET])},
    ])
    formulas = expressions(budgets)
    inputs = [alt.param(name=name, value=DEFAULT[key], bind=alt.BindDirect(element=f"#calc-{key}"))
              for name, key in (("donor", "donor"), ("basis", "base"), ("share", "share"), ("year", "year"))]
    derived = [alt.param(name=name, expr=expr) for name, expr in formulas.items()]
    order = ["rule", "psdp", "budget"]
    top = float(amount[BUDGET]) * 4 / 3  # room after the longest bar for its value
    base = alt.Chart(bars).transform_calculate(
        value="datum.bar === 'rule' ? yearly : datum.amount",
        shown="'Rs ' + (datum.bar === 'rule' ? format(yearly, ',.2f') : format(datum.amount, ',')) + ' bn'",
        of_psdp=f"format((datum.bar === 'rule' ? yearly : datum.amount) / {_number(amount[PSDP])} * 100, '.2f') + '%'",
    ).encode(
        y=alt.Y("bar:N", sort=order, axis=None, scale=alt.Scale(paddingInner=0.55, paddingOuter=0.3)),
        tooltip=[alt.Tooltip("label:N", title="Bar"), alt.Tooltip("value:Q", title="Billion rupees", format=",.2f"),
                 alt.Tooltip("of_psdp:N", title="Share of the development programme")],
    )
    x = alt.X("value:Q", title="Billion rupees", scale=alt.Scale(domain=[0, top], nice=False),
              axis=alt.Axis(format=",.0f", tickCount=4, grid=True))
    # The donor's sum is what the chart is about; Balochistan's two figures are the context it is read against.
    rule = base.transform_filter("datum.bar === 'rule'").mark_bar(height=18, style="focus").encode(x=x)
    context = base.transform_filter("datum.bar !== 'rule'").mark_bar(height=18, style="context").encode(x=x)
    label = base.mark_text(align="left", baseline="bottom", dy=-12, style="label").encode(
        x=alt.datum(0), text="label:N")
    value = base.mark_text(align="left", baseline="middle", dx=5, style="value", fontWeight="bold").encode(
        x="value:Q", text="shown:N")
    return (
        alt.layer(rule, context, label, value)
        .add_params(*inputs, *derived)
        .properties(height=alt.Step(58))
    )
