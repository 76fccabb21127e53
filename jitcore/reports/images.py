"""Chart images: plotly figures drawn to PNG by kaleido in a headless Chromium (the system's, so
nothing is downloaded), every figure of a report in one browser session. Each image carries its
own title with the SKU and the scenario, so a picture pasted into slides still says what it is.

The browser is the first of ``$JITWHATIF_BROWSER``, ``$BROWSER_PATH``, ``/usr/bin/chromium``
and a ``chromium`` / ``chromium-browser`` / ``google-chrome`` on the ``PATH``. The page kaleido
draws in loads plotly.js from the installed plotly package and no MathJax: nothing is fetched
from the network.
"""

from __future__ import annotations

import asyncio
import html
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import plotly.graph_objects as go

from jitcore.errors import JitError

#: Where a Chromium is looked for when no environment variable names one.
BROWSER_CANDIDATES: tuple[str, ...] = ("/usr/bin/chromium", "chromium", "chromium-browser",
                                       "google-chrome")  # fmt: skip
#: Default image size in pixels (wide enough for a report page, sharp at 2× scale).
WIDTH, HEIGHT, SCALE = 1200, 700, 2
#: Seconds kaleido may take per figure before the export fails.
TIMEOUT_S = 90
#: The page kaleido draws in: plotly.js from the installed package (its default) and no
#: MathJax (kaleido would load it from a CDN), so drawing fetches nothing from the network.
PAGE: dict[str, object] = {"mathjax": False}


def browser_path() -> str:
    """The Chromium to draw with (see the module docs); a clear error when there is none."""
    for variable in ("JITWHATIF_BROWSER", "BROWSER_PATH"):
        value = os.environ.get(variable)
        if value:
            if Path(value).is_file():
                return value
            raise JitError(
                f"{variable} points to {value[:200]}, which is not a file.",
                "Point it to a Chromium or Chrome executable, or unset it.",
            )
    for candidate in BROWSER_CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    raise JitError(
        "No Chromium was found to draw the charts.",
        "Install it (on Debian: apt-get install chromium) or set BROWSER_PATH to a Chrome.",
    )


def plotly_text(text: str) -> str:
    """User text for a plotly title: ``<`` ``>`` ``&`` escaped, since plotly reads tags such
    as ``<a href>`` in text."""
    return html.escape(text, quote=False)


def titled(figure: go.Figure, what: str, *, sku: str, scenario: str) -> go.Figure:
    """A copy of ``figure`` whose title reads ``what · SKU sku · scenario``; the subtitle kept."""
    fig = go.Figure(figure)
    fig.update_layout(
        title_text=f"{plotly_text(what)} · SKU {plotly_text(sku)} · {plotly_text(scenario)}"
    )
    return fig


def figure_images(
    figures: Sequence[go.Figure],
    *,
    width: int = WIDTH,
    height: int | None = None,
    scale: float = SCALE,
) -> list[bytes]:
    """One PNG per figure (``height`` None: each figure's own height, else :data:`HEIGHT`),
    all drawn in one headless Chromium session."""
    if not figures:
        return []
    path = browser_path()
    options = [
        {
            "format": "png",
            "width": width,
            "height": height or fig.layout.height or HEIGHT,
            "scale": scale,
        }
        for fig in figures
    ]

    async def draw() -> list[bytes]:
        import kaleido  # lazy: only exports need it

        async with kaleido.Kaleido(n=1, timeout=TIMEOUT_S, path=path, **PAGE) as k:
            return [await k.calc_fig(fig, opts=o) for fig, o in zip(figures, options, strict=True)]

    try:
        # a fresh event loop in its own thread: the caller may already run one (Streamlit)
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, draw()).result()
    except JitError:
        raise
    except Exception as exc:  # noqa: BLE001 - a browser failure is a message, not a traceback
        raise JitError(
            f"The charts could not be drawn ({type(exc).__name__}: {str(exc)[:200]}).",
            "Check that Chromium starts (chromium --headless --version), or choose Excel.",
        ) from None
