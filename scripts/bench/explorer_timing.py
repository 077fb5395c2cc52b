"""Times genkg's HTML explorer in headless Chromium: navigation to `genkg.ready`, and
`genkg.select(id)` until the frame after it is drawn. Prints one JSON object.

usage: explorer_timing.py RUNS PAGE...
"""

import json
import statistics
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--force-device-scale-factor=1",
]

SELECT = """
const [ids, done] = [arguments[0], arguments[arguments.length - 1]];
const out = [];
let k = 0;
function next() {
  if (k === ids.length) { genkg.select(null); done(out); return; }
  const id = ids[k++];
  const t0 = performance.now();
  genkg.select(id);
  const t1 = performance.now();
  // The frame after the selection: requestAnimationFrame runs before it is painted, the
  // timeout after.
  requestAnimationFrame(() => setTimeout(() => { out.push([id, t1 - t0, performance.now() - t0]); next(); }, 0));
}
next();
"""

PICK = """
// The nodes with the largest lineage and the most relations, then every n-th id: 24 in all.
const ids = genkg.nodes();
const size = (id) => { genkg.select(id); const l = genkg.lineage(); return l.ancestors.length + l.descendants.length; };
let best = null, bestSize = -1;
const step = Math.max(1, Math.floor(ids.length / 400));
for (let i = 0; i < ids.length; i += step) { const s = size(ids[i]); if (s > bestSize) { bestSize = s; best = ids[i]; } }
genkg.select(null);
const pick = [best];
const stride = Math.max(1, Math.floor(ids.length / 23));
for (let i = 0; pick.length < 24 && i < ids.length; i += stride) if (!pick.includes(ids[i])) pick.push(ids[i]);
return pick;
"""

PAN = """
// Wheel zooms on the middle of the drawing, as a person would scroll: time to the next frame.
const done = arguments[arguments.length - 1];
const canvas = document.getElementById('canvas');
const r = canvas.getBoundingClientRect();
const out = [];
let k = 0;
function next() {
  if (k === 20) { done(out); return; }
  const dy = (k++ % 10) < 5 ? -60 : 60;
  const t0 = performance.now();
  canvas.dispatchEvent(new WheelEvent('wheel', {deltaY: dy, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true}));
  requestAnimationFrame(() => setTimeout(() => { out.push(performance.now() - t0); next(); }, 0));
}
next();
"""

DRAW = """
// A full redraw of the view, as in a pan or zoom, until the frame after it.
const done = arguments[arguments.length - 1];
const out = [];
function next() {
  if (out.length === 15) { done(out); return; }
  const t0 = performance.now();
  genkg.draw();
  requestAnimationFrame(() => setTimeout(() => { out.push(performance.now() - t0); next(); }, 0));
}
next();
"""


def main():
    runs = int(sys.argv[1])
    report = {}
    with tempfile.TemporaryDirectory(prefix="genkg-bench-chromium-") as profile:
        options = Options()
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument("--user-data-dir=" + profile)
        d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        d.set_window_size(1600, 1000)
        d.set_script_timeout(120)
        try:
            for page in sys.argv[2:]:
                ready, timings = [], []
                for _ in range(runs):
                    d.get("about:blank")
                    d.get("file://" + page)
                    start = time.monotonic()
                    while not d.execute_script("return !!(window.genkg && window.genkg.ready)"):
                        if time.monotonic() - start > 30:
                            raise SystemExit(f"{page}: genkg.ready never became true")
                        time.sleep(0.01)
                    t = d.execute_script("return genkg.timings")
                    ready.append(t["readyAt"])
                    timings.append(t)
                ids = d.execute_script(PICK)
                sync, frame = [], []
                for _ in range(runs):
                    for _id, a, b in d.execute_async_script(SELECT, ids):
                        sync.append(a)
                        frame.append(b)
                pans = d.execute_async_script(PAN)
                draws = d.execute_async_script(DRAW)
                d.execute_script("genkg.select(arguments[0])", ids[0])
                draws_selected = d.execute_async_script(DRAW)
                med = lambda xs: round(statistics.median(xs), 1)
                report[page] = {
                    "nodes": d.execute_script("return genkg.nodes().length"),
                    "ready_ms": med(ready),
                    "ready_runs": [round(x, 1) for x in ready],
                    "parse_ms": med([t["parse"] for t in timings]),
                    "layout_ms": med([t["layout"] for t in timings]),
                    "first_draw_ms": med([t["draw"] for t in timings]),
                    "script_total_ms": med([t["total"] for t in timings]),
                    "select_ms": med(sync),
                    "select_to_frame_ms": med(frame),
                    "select_to_frame_max_ms": round(max(frame), 1),
                    "select_samples": len(frame),
                    "largest_lineage": ids[0],
                    "wheel_frame_ms": med(pans),
                    "redraw_ms": med(draws),
                    "redraw_selected_ms": med(draws_selected),
                }
        finally:
            d.quit()
    json.dump(report, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
