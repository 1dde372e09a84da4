"""The HTML export in real headless Chromium: clicking a highlighted sentence brings its
counterpart into view and marks it current; hostile text runs nothing; the page renders.

The shipped page allows only its own script (by hash). The test copy appends a test script and
adds that script's hash to the policy, so the policy stays strict for everything else.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from corpus.comparison import compare
from corpus.export import render
from corpus.load import load_sources, sample_sources
from tests.corpus.export_fixtures import hostile_articles

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium")) if p and Path(p).exists()), None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

PROBE = """
(function () {
  var out = {};
  function inView(el) {
    var r = el.getBoundingClientRect();
    if (r.width === 0 || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth)
      return false;
    for (var p = el.parentElement; p; p = p.parentElement) {
      var s = getComputedStyle(p);
      if (/(auto|scroll|hidden)/.test(s.overflowX + s.overflowY)) {
        var q = p.getBoundingClientRect();
        if (r.bottom <= q.top || r.top >= q.bottom || r.right <= q.left || r.left >= q.right)
          return false;
      }
    }
    return true;
  }
  try {
    var cols = document.querySelectorAll("article.col");
    var first = cols[0].querySelectorAll(".s[data-links]");
    var pick = null;
    for (var i = first.length - 1; i >= 0 && !pick; i--) {
      if (first[i].getAttribute("data-links").split(" ").length >= 3) pick = first[i];
    }
    out.picked = pick.id;
    out.steps = pick.getAttribute("data-links").split(" ").map(function (id) {
      var t = document.getElementById(id);
      var step = {id: id, before: inView(t), offRight: t.getBoundingClientRect().left > innerWidth};
      pick.click();
      step.after = inView(t);
      step.current = t.classList.contains("current");
      step.currentCount = document.querySelectorAll(".current").length;
      return step;
    });
    var link = document.querySelector("#highlights a[href^='#s-']") ||
      document.querySelector("a.cp");
    var dest = document.getElementById(link.getAttribute("href").slice(1));
    link.click();
    out.linkTarget = dest.id;
    out.linkAfter = inView(dest) && dest.classList.contains("current");
    out.colOverflow = getComputedStyle(cols[0]).overflowY;
    out.pwned = document.title.indexOf("pwned") >= 0 || !!window.pwned;
    out.images = document.images.length;
    out.scripts = document.scripts.length;
  } catch (err) {
    out.error = String(err);
  }
  var pre = document.createElement("pre");
  pre.id = "result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
"""


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--window-size=1400,900",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _page() -> str:
    bait = (
        "\n\n<img src=x onerror=\"document.title='pwned'\"> "
        "<script>window.pwned = 1</script> Nothing ran here.\n"
    )
    hostile = [dataclasses.replace(a, text=a.text + bait) for a in hostile_articles()]
    articles = load_sources(sample_sources(), warn=print) + hostile
    return render(compare(articles), "html")


def test_click_brings_counterpart_into_view(tmp_path: Path) -> None:
    page = _page()
    policy = re.search(r"script-src ('sha256-[^']+')", page)
    assert policy
    probe_page = page.replace(
        f"script-src {policy.group(1)}", f"script-src {policy.group(1)} '{_hash(PROBE)}'", 1
    ).replace("</body>", f"<script>{PROBE}</script>\n</body>", 1)
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "probe.html").write_text(probe_page, encoding="utf-8")

    run = _chromium(
        tmp_path / "profile",
        "--virtual-time-budget=3000",
        "--dump-dom",
        (tmp_path / "probe.html").as_uri(),
    )
    found = re.search(r'<pre id="result">(.*?)</pre>', run.stdout, re.S)
    assert found, run.stderr[-2000:]
    result = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert "error" not in result, result
    steps = result["steps"]
    assert len(steps) >= 3, result
    for step in steps:  # each click brings the next counterpart into view, marked current
        assert step["after"] is True and step["current"] is True, step
        assert step["currentCount"] == 1, step
    assert any(not s["before"] for s in steps), result
    assert any(s["offRight"] for s in steps), result  # a column scrolled in from the right
    assert result["linkAfter"] is True, result
    assert result["colOverflow"] == "auto", result  # the hashed stylesheet applied
    assert result["pwned"] is False and result["images"] == 0, result
    assert result["scripts"] == 2, result  # the page's own and the probe

    shot = tmp_path / "page.png"
    run = _chromium(
        tmp_path / "profile2",
        f"--screenshot={shot}",
        "--virtual-time-budget=1000",
        (tmp_path / "page.html").as_uri(),
    )
    assert shot.exists(), run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1400, 900)
    assert len(data) > 50_000  # a page of coloured text, not a blank image
