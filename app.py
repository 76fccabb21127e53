"""jit-whatif: the app frame. Page config, navigation over every page, the shared sidebar."""

import streamlit as st

from ui import cache, presentation, room, workspace
from ui.messages import guarded
from ui.sidebar import sidebar

st.set_page_config(page_title="jit-whatif", page_icon="📦", layout="wide")

# Pages by what the user is doing; each group ends with a marker line so pages added to
# different groups never touch the same lines.
PAGES = {
    "Plan": [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/data.py", title="Data", icon=":material/upload_file:"),
        st.Page("pages/profile.py", title="Demand profile", icon=":material/bar_chart:"),
        st.Page("pages/forecast.py", title="Forecast", icon=":material/trending_up:"),
        st.Page("pages/plan.py", title="Plan", icon=":material/calculate:"),
        st.Page("pages/supply_demand.py", title="Supply & demand", icon=":material/sync_alt:"),
        st.Page("pages/tradeoffs.py", title="Trade-offs", icon=":material/balance:"),
        # end of Plan
    ],
    "Portfolio": [
        st.Page("pages/portfolio.py", title="Portfolio", icon=":material/inventory_2:"),
        # end of Portfolio
    ],
    "Share": [
        st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
        st.Page("pages/report.py", title="Report", icon=":material/description:"),
        # end of Share
    ],
    "Teach": [
        st.Page("pages/learn.py", title="Learn JIT", icon=":material/school:"),
        st.Page("pages/bullwhip_game.py", title="Bullwhip game", icon=":material/waves:"),
        st.Page("pages/trainer.py", title="Trainer", icon=":material/sports_score:"),
        # end of Teach
    ],
}

room.gate()  # the workshop room's passcode, when one is set: nothing else is drawn before it
# Less blank space above the page title, so charts start above the fold on a 1280x720 projector.
st.html("<style>[data-testid='stMainBlockContainer']{padding-top:2.5rem}</style>")
# every page listed (not "View 3 more"): a trainer's pages must be one click away
page = st.navigation({group: pages for group, pages in PAGES.items() if pages}, expanded=True)
# error boundaries: a failure in the sidebar leaves the page working, and the other way round
with guarded("The sidebar", st.sidebar):
    workspace.begin()
    sidebar()
with guarded("The presentation mode"):
    presentation.switch()
    presentation.apply()
with guarded("This page"):
    page.run()
# after the first page is drawn: compiling the kernel in the background would slow it down
cache.engine_warm_up()
