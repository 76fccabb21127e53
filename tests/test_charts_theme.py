"""``theme.style()``: the same layout as plotly's validated ``template=`` path, without
copying and re-validating the whole template on every figure (~30 ms each)."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from _plotly_utils.basevalidators import BaseTemplateValidator
from plotly.subplots import make_subplots

from jitcore.charts.theme import FONT_SIZE, TITLE_SIZE, style


def _validated(fig: go.Figure, *, title="", x_title="", y_title="", height=480) -> go.Figure:
    """The styling written with plotly's public, validated calls (what style() must equal)."""
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "font": {"size": TITLE_SIZE}},
        font={"size": FONT_SIZE},
        height=height,
        margin={"l": 70, "r": 30, "t": 80 if title else 40, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 15}},
        hovermode="x unified",
    )
    fig.update_xaxes(title_text=x_title, title_font={"size": FONT_SIZE + 1}, showgrid=True)
    fig.update_yaxes(title_text=y_title, title_font={"size": FONT_SIZE + 1}, showgrid=True)
    return fig


def _figures() -> list[go.Figure]:
    two = make_subplots(rows=2, cols=1, shared_xaxes=True)
    two.add_scatter(x=[1, 2], y=[3, 4], row=2, col=1)
    twin = make_subplots(specs=[[{"secondary_y": True}]])
    twin.add_bar(x=[1], y=[2])
    twin.add_scatter(x=[1], y=[3], secondary_y=True)
    own = go.Figure(go.Bar(x=[1], y=[2]))
    own.update_layout(template="plotly_dark", title={"x": 0.3}, legend={"bgcolor": "red"},
                      xaxis={"range": [0, 3], "title": {"standoff": 4}})  # fmt: skip
    return [go.Figure(), go.Figure(go.Scatter(x=[1, 2], y=[3, 4])), two, twin, own,
            make_subplots(rows=1, cols=3)]  # fmt: skip


@pytest.mark.parametrize("labels", [{}, {"title": "Cost", "x_title": "Week", "y_title": "Units",
                                         "height": 600}])  # fmt: skip
def test_style_equals_the_validated_plotly_layout(labels) -> None:
    for fast, slow in zip(_figures(), _figures(), strict=True):
        got = json.dumps(style(fast, **labels).to_plotly_json(), sort_keys=True)
        assert got == json.dumps(_validated(slow, **labels).to_plotly_json(), sort_keys=True)
        assert fast.layout.template.layout.paper_bgcolor == "white"
        with pytest.raises(ValueError):  # the figure still validates later changes
            fast.update_layout(not_a_layout_property=1)


def test_style_does_not_copy_and_validate_the_template(monkeypatch) -> None:
    calls = []
    original = BaseTemplateValidator.validate_coerce

    def counting(self, v, skip_invalid=False):
        calls.append(v)
        return original(self, v, skip_invalid=skip_invalid)

    fig = go.Figure(go.Scatter(x=[1], y=[2]))
    monkeypatch.setattr(BaseTemplateValidator, "validate_coerce", counting)
    style(fig, title="T", x_title="Week", y_title="Units")
    assert calls == []
    assert fig.layout.template.layout.plot_bgcolor == "white"
    assert fig.layout.xaxis.title.text == "Week"
