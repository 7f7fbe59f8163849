"""Pakistan's provinces: population (2023) as parts of Pakistan's, and multidimensional poverty
(2014/15) against Pakistan's rate; Balochistan in the accent colour."""

import altair as alt
from _bars import bar_list

TITLE = ("Balochistan, with 14.89 million of Pakistan’s 241.49 million people in 2023, had the highest "
         "poverty rate of the four provinces in 2014/15: 71.2%")
DESCRIPTION = """
Two groups of bars, Balochistan highlighted. Population at the 2023 census, each province filled
into a track standing for Pakistan's 241.49 million: Punjab 127.69 million, Sindh 55.70, Khyber
Pakhtunkhwa (including the former FATA) 40.86, Balochistan 14.89 and Islamabad Capital Territory
2.36. Share of people multidimensionally poor in 2014/15, with a dashed line at Pakistan's 38.8%:
rural Balochistan 84.6%, former FATA 73.7%, Balochistan 71.2%, Khyber Pakhtunkhwa excluding the
former FATA 49%, Sindh 43%, Gilgit-Baltistan 43%, Punjab 31% and Azad Jammu and Kashmir 25%.
"""
DATASETS = ["pakistan_provinces"]
SHORT = {"khyber_pakhtunkhwa": "Khyber Pakhtunkhwa*", "khyber_pakhtunkhwa_excl_fata": "Khyber Pakhtunkhwa*",
         "islamabad_capital_territory": "Islamabad Capital Territory", "balochistan_rural": "Balochistan, rural areas"}


def chart(data):
    frame = data["pakistan_provinces"].assign(name=lambda f: f["area_id"].map(SHORT).fillna(f["area"]))
    population = frame[frame["measure"] == "population"].sort_values("people_millions", ascending=False)
    poverty = frame[frame["measure"] == "mpi_headcount"].sort_values("percent", ascending=False, kind="stable")
    total = population.loc[population["area_id"] == "pakistan", "people_millions"].item()
    national = poverty.loc[poverty["area_id"] == "pakistan", "percent"].item()
    items = [{"kind": "heading", "text": "Population, 2023 census (millions)"},
             {"kind": "note", "text": f"Each track is Pakistan: {total:.2f} million"}]
    for row in population[population["area_id"] != "pakistan"].itertuples():
        exact = f"{row.people:,.0f} people" if row.people == row.people else f"{row.people_millions:.2f} million (as published)"
        items.append({"kind": "bar", "label": row.name, "end": row.people_millions / total, "whole": 1.0,
                      "value": f"{row.people_millions:.2f}", "value_at": "right",
                      "tone": "focus" if row.is_balochistan else "context",
                      "area": row.area, "figure": exact, "year": "2023 census",
                      "aria": f"{row.area}: {row.people_millions:.2f} million people at the 2023 census"})
    items += [{"kind": "note", "text": "* With the former FATA, merged into it in 2018"},
              {"kind": "heading", "text": "Multidimensional poverty, 2014/15"},
              {"kind": "note", "text": "% of people counted as poor"},
              {"kind": "reference", "group": "poverty", "at": national / 100, "text": f"Pakistan {national:g}%"}]
    for row in poverty[poverty["area_id"] != "pakistan"].itertuples():
        items.append({"kind": "bar", "group": "poverty", "label": row.name, "end": row.percent / 100, "whole": 1.0,
                      "value": f"{row.percent:g}%", "value_at": "right",
                      "tone": "focus" if row.is_balochistan else "context",
                      "area": row.area, "figure": f"{row.percent:g}% multidimensionally poor", "year": "2014/15",
                      "aria": f"{row.area}: {row.percent:g}% of people multidimensionally poor in 2014/15"})
    items.append({"kind": "note", "text": "* Without the former FATA (its own row)"})
    return bar_list(items, [alt.Tooltip("area:N", title="Area"), alt.Tooltip("figure:N", title="Figure"),
                             alt.Tooltip("year:N", title="Year")])
