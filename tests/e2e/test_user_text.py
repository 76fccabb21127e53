"""User text stays text in a real browser: SKU names, a file name and a column header made of
Markdown, LaTeX, directives and images render as typed, and the browser asks nothing of any
server but the app's."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import open_page, upload_file, wait_for_app

pytestmark = pytest.mark.e2e

MAIN = '[data-testid="stMain"]'
FOREIGN = "198.51.100.7"  # TEST-NET-2: never a real host
SKUS = [
    f"![x](http://{FOREIGN}/x.png)",  # sorts first: the selected SKU
    "$x^2$",
    "**bold**",
    ":red[red]",
    "{{7*7}}",
]
HEADER = f"![h](http://{FOREIGN}/h.png)"


def _file(tmp_path):
    lines = [f'date,sku,units,"{HEADER}"']
    for week in range(30):
        day = f"2024-{1 + week // 4:02d}-{1 + 7 * (week % 4):02d}"
        lines += [f'{day},"{sku}",{10 + (week * (i + 3)) % 7},note' for i, sku in
                  enumerate(SKUS)]  # fmt: skip
    path = tmp_path / "**stock** $list$.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _assert_as_text(page) -> None:
    assert page.locator(f'img[src*="{FOREIGN}"]').count() == 0
    # formulas the app writes itself (the Plan's) are LaTeX; none made of user text
    found = page.locator("annotation").filter(has_text=re.compile(r"x\^2|list"))
    where = "e => e.closest('[data-testid=stElementContainer]')?.innerText"
    assert found.count() == 0, [found.nth(i).evaluate(where) for i in range(found.count())]
    for tag in ("strong", "b", "em"):  # user markup would leave its words alone in the tag
        assert page.locator(tag).filter(has_text=re.compile(r"^(bold|stock)$")).count() == 0
    assert page.locator("span[style*='color']").filter(has_text=re.compile(r"^red$")).count() == 0


def test_user_text_renders_as_typed_and_fetches_nothing(page, app_url: str, tmp_path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    path = _file(tmp_path)
    page.goto(app_url)
    page.get_by_text("Working on").first.wait_for(timeout=60_000)
    wait_for_app(page)
    upload_file(page, path)
    _assert_as_text(page)
    use = page.get_by_role("button", name="Use this data")
    use.wait_for(timeout=90_000)
    use.click()
    page.get_by_text("Now using").wait_for(timeout=60_000)
    wait_for_app(page)
    text = page.inner_text(MAIN)
    assert "**stock** $list$.csv" in text  # the file name, as typed
    _assert_as_text(page)
    sidebar = page.inner_text('[data-testid="stSidebar"]')
    assert "**stock** $list$.csv" in sidebar and "5 SKUs" in sidebar

    open_page(page, "Demand profile")
    page.get_by_text("Selected SKU:").wait_for(timeout=60_000)
    wait_for_app(page)
    text = page.inner_text(MAIN)
    assert f"Selected SKU: {SKUS[0]}" in text
    _assert_as_text(page)

    open_page(page, "Plan")
    page.get_by_text("Order quantity for").wait_for(timeout=90_000)
    wait_for_app(page)
    assert f"Order quantity for {SKUS[0]}" in page.inner_text(MAIN)
    _assert_as_text(page)

    foreign = [url for url in requests if not url.startswith((app_url, "data:", "blob:"))]
    assert foreign == []
