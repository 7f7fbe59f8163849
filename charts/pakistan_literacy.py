"""Literacy by province at the 2023 census, Balochistan highlighted."""

import altair as alt

TITLE = "Balochistan has the lowest literacy rate of the four provinces (2023 census)"
DESCRIPTION = """
Horizontal bars of the literate share of the population at the 2023 census, with Balochistan
highlighted: Punjab 66.3%, Pakistan as a whole 60.7%, Sindh 57.5%, Khyber Pakhtunkhwa 51.1%
and Balochistan 42.0%, the lowest of the four provinces.
"""
DATASETS = ["pakistan_literacy"]


def chart(data):
    frame = data["pakistan_literacy"].assign(
        highlight=lambda f: f["is_balochistan"].map({True: "Balochistan", False: "Elsewhere"}))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("area:N", title=None, sort="-x"),
            x=alt.X("literacy_percent:Q", title="Literate, % of people", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("highlight:N", title=None, sort=["Balochistan", "Elsewhere"]),
            tooltip=[alt.Tooltip("area:N", title="Area"),
                     alt.Tooltip("literacy_percent:Q", title="Literacy rate (%)", format=".1f")],
        )
        .properties(width=220, height=150)
    )
