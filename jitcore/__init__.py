"""jitcore: the pure library behind jit-whatif.

Data flows one way through its modules: intake -> profile -> forecast -> buffers -> policies ->
engine -> costs -> scenario -> pipeline -> tradeoffs -> charts. No module imports streamlit.
"""

from jitcore.demand import DemandData, IntakeReport
from jitcore.errors import IntakeError, JitError, ScenarioError

__all__ = ["DemandData", "IntakeError", "IntakeReport", "JitError", "ScenarioError"]
__version__ = "0.1.0"
