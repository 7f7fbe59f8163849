"""Pakistan's provinces: population and multidimensional poverty, Balochistan highlighted."""

import altair as alt

TITLE = "Pakistan's provinces: population (2023) and multidimensional poverty (2014/15)"
DESCRIPTION = """
Two panels of horizontal bars with Balochistan highlighted. Population in millions from the 2023
census: Punjab 127.69, Sindh 55.70, Khyber Pakhtunkhwa 40.86, Balochistan 14.89, Islamabad
Capital Territory 2.36. Share of people multidimensionally poor in 2014/15: rural Balochistan
84.6%, former FATA 73.7%, Balochistan 71.2%, Khyber Pakhtunkhwa excluding FATA 49%. Sindh and
Gilgit-Baltistan 43%, Punjab 31%, Azad Jammu and Kashmir 25%; Pakistan as a whole 38.8%.
"""
DATASETS = ["pakistan_provinces"]
SHORT = {"khyber_pakhtunkhwa": "KP (incl. former FATA)", "khyber_pakhtunkhwa_excl_fata": "KP (excl. former FATA)",
         "islamabad_capital_territory": "Islamabad (capital)", "balochistan_rural": "Balochistan, rural",
         "ajk": "Azad Jammu and Kashmir", "former_fata": "Former FATA"}
GROUPS = ["Balochistan", "Elsewhere", "Pakistan as a whole"]


def chart(data):
    frame = data["pakistan_provinces"].assign(
        # Population is in 'people_millions' (as the source states it), poverty headcounts in 'percent'.
        value=lambda f: f["people_millions"].fillna(f["percent"]),
        short=lambda f: f["area_id"].map(SHORT).fillna(f["area"]),
        highlight=lambda f: f["is_balochistan"].map({True: "Balochistan", False: "Elsewhere"}).where(
            f["area_id"] != "pakistan", "Pakistan as a whole"))
    population = frame[(frame["measure"] == "population") & (frame["area_id"] != "pakistan")]
    poverty = frame[frame["measure"] == "mpi_headcount"]
    color = alt.Color("highlight:N", title=None, sort=GROUPS, scale=alt.Scale(domain=GROUPS))
    left = (
        alt.Chart(population, title="Population, millions (2023 census)")
        .mark_bar()
        .encode(y=alt.Y("short:N", title=None, sort="-x", axis=alt.Axis(labelLimit=160)),
                x=alt.X("value:Q", title=None), color=color,
                tooltip=[alt.Tooltip("area:N", title="Area"),
                         alt.Tooltip("value:Q", title="Population, millions", format=",.2f"),
                         alt.Tooltip("precision:N", title="Precision")])
        .properties(width=170)
    )
    right = (
        alt.Chart(poverty, title="Multidimensionally poor, % of people (2014/15)")
        .mark_bar()
        .encode(y=alt.Y("short:N", title=None, sort="-x", axis=alt.Axis(labelLimit=160)),
                x=alt.X("value:Q", title=None, scale=alt.Scale(domain=[0, 100])), color=color,
                tooltip=[alt.Tooltip("area:N", title="Area"), alt.Tooltip("value:Q", title="Percent"),
                         alt.Tooltip("precision:N", title="Precision")])
        .properties(width=170)
    )
    return alt.vconcat(left, right).resolve_scale(color="shared")
