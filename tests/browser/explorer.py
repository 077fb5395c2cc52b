"""Drives genkg's HTML explorer in headless Chromium (Selenium) and prints what it saw as JSON.

usage: explorer.py CONFIG.json

CONFIG names the pages (exported by tests/explorer.rs) and what to try on them:
  {"pages": {"whole": PATH, "adversarial": PATH, "hostile": PATH, "lineage": PATH, "big": PATH,
             "odd": PATH, "empty": PATH},
   "queries": [TEXT, ...], "models": [ID, ...], "click": ID, "back": [ID, ID],
   "adversarial_ids": [ID, ...], "hostile_ids": [ID, ...], "big_ids": [ID, ...],
   "screenshot": PATH, "shot_node": ID, "filters": {NAME: FILTER, ...}}

One browser session does everything (starting Chromium is the slow part). This script only
observes: tests/explorer.rs compares what it saw with the CLI's answers. Every request the
browser made and every console message are reported, for the "offline, no errors" checks.
"""

import json
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--lang=en-US",
]


def browser(profile):
    options = Options()
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--user-data-dir=" + profile)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(1600, 1000)
    # The page's own size, whatever the window's frame takes: 1600 x 1000 CSS pixels.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1600, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
    )
    return driver


class Run:
    def __init__(self, driver):
        self.d = driver
        self.console = []
        self.requests = []

    def collect(self):
        for entry in self.d.get_log("browser"):
            self.console.append({"level": entry.get("level"), "message": entry.get("message")})
        for entry in self.d.get_log("performance"):
            try:
                msg = json.loads(entry["message"])["message"]
            except (KeyError, ValueError):
                continue
            if msg.get("method") == "Network.requestWillBeSent":
                self.requests.append(msg["params"]["request"]["url"])

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def open(self, path, fragment=""):
        # Through a blank page, so that a fragment of the page already open is a fresh load
        # (a shared link), not a jump within the page.
        self.d.get("about:blank")
        self.d.get("file://" + path + fragment)
        return self.wait_ready()

    def wait_ready(self):
        start = time.monotonic()
        while time.monotonic() - start < 15:
            if self.js("return !!(window.genkg && window.genkg.ready)"):
                return True
            time.sleep(0.02)
        return False

    def wait(self, condition, timeout=5):
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            value = self.js("return " + condition)
            if value:
                return value
            time.sleep(0.02)
        return self.js("return " + condition)

    def click_at(self, x, y):
        actions = ActionBuilder(self.d)
        actions.pointer_action.move_to_location(int(round(x)), int(round(y)))
        actions.pointer_action.click()
        actions.perform()

    def details(self):
        return self.js(
            """
            const d = document.getElementById('details');
            if (d.hidden) return null;
            return {
              name: d.querySelector('h2') && d.querySelector('h2').textContent,
              text: d.textContent,
              summary: d.querySelector('.summary') && d.querySelector('.summary').textContent,
              links: Array.from(d.querySelectorAll('a')).map((a) => a.getAttribute('href')),
              sources: Array.from(d.querySelectorAll('.sources li')).map((li) => li.textContent),
              relations: Array.from(d.querySelectorAll('.rels li')).map((li) => li.textContent),
            };
            """
        )


def whole_graph(run, cfg, out):
    page = cfg["pages"]["whole"]
    out["ready"] = run.open(page)
    out["timings"] = run.js("return genkg.timings")
    out["nodes"] = run.js("return genkg.nodes()")
    out["selected_at_start"] = run.js("return genkg.selected()")
    out["search"] = {q: run.js("return genkg.search(arguments[0])", q) for q in cfg["queries"]}

    # Lineage of every survey model, through the API.
    lineages = {}
    for m in cfg["models"]:
        chosen = run.js("return genkg.select(arguments[0])", m)
        lineages[m] = run.js("return Object.assign({selected: genkg.selected(), chosen: arguments[0]}, genkg.lineage())", chosen)
    out["lineages"] = lineages
    # The family tree of one of them holds exactly its lineage.
    run.js("genkg.select(arguments[0])", cfg["click"])
    out["tree"] = {
        "mode": run.js("return genkg.view('tree')"),
        "visible": run.js("return genkg.visible()"),
        "lineage": run.js("return genkg.lineage()"),
    }
    run.js("genkg.view('landscape')")

    # A real click on the drawn node opens its details, with its sources.
    node = cfg["click"]
    run.js("genkg.select(arguments[0]); genkg.select(null)", node)
    out["details_after_clear"] = run.details()
    where = run.js("return genkg.locate(arguments[0])", node)
    out["click_location"] = where
    if where:
        run.click_at(where["x"], where["y"])
        run.wait("genkg.selected() !== null")
    out["click"] = {"selected": run.js("return genkg.selected()"), "hash": run.js("return location.hash"), "details": run.details()}
    # A click on an empty place clears it.
    empty = run.js(
        """
        const r = document.getElementById('canvas').getBoundingClientRect();
        for (let y = r.top + 60; y < r.bottom - 20; y += 23) {
          for (let x = r.left + 20; x < r.right - 60; x += 31) {
            let clear = true;
            for (let dy = -20; dy <= 20 && clear; dy += 10)
              for (let dx = -20; dx <= 20 && clear; dx += 10) if (genkg.nodeAt(x + dx, y + dy) !== null) clear = false;
            if (clear && document.elementFromPoint(x, y) === document.getElementById('canvas')) return {x, y};
          }
        }
        return null;
        """
    )
    out["empty_location"] = empty
    if empty:
        run.click_at(empty["x"], empty["y"])
    out["click_empty"] = {"selected": run.js("return genkg.selected()"), "details": run.details()}

    # Keyboard: / focuses the search, typing lists matches, arrows move, Enter selects, Esc closes.
    body = run.d.find_element(By.TAG_NAME, "body")
    body.send_keys("/")
    keys = {"focused": run.js("return document.activeElement && document.activeElement.id")}
    box = run.d.find_element(By.ID, "search")
    box.send_keys("unclip")
    keys["listed"] = run.js("return Array.from(document.querySelectorAll('#results li')).map((li) => li.dataset.id || null)")
    box.send_keys(Keys.ARROW_DOWN)
    box.send_keys(Keys.ARROW_UP)
    keys["active"] = run.js("const a = document.querySelector('#results li[aria-selected=\"true\"]'); return a && a.dataset.id")
    box.send_keys(Keys.ENTER)
    keys["selected"] = run.wait("genkg.selected()")
    keys["results_hidden"] = run.js("return document.getElementById('results').hidden")
    run.d.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    keys["after_escape"] = run.js("return genkg.selected()")
    out["keys"] = keys

    # The URL's fragment names the selection; the back button walks back through selections.
    first, second = cfg["back"]
    hash_nav = {"opened": run.open(page, "#" + first)}
    hash_nav["selected_from_hash"] = run.js("return genkg.selected()")
    hash_nav["details_name"] = (run.details() or {}).get("name")
    run.js("genkg.select(arguments[0])", second)
    hash_nav["hash_after_select"] = run.js("return location.hash")
    run.d.back()
    hash_nav["after_back"] = run.wait("genkg.selected() === arguments[0] && genkg.selected()".replace("arguments[0]", json.dumps(first)))
    run.d.forward()
    hash_nav["after_forward"] = run.wait("genkg.selected() === %s && genkg.selected()" % json.dumps(second))
    # The family tree is in the fragment too, and back returns to the landscape.
    run.js("genkg.view('tree')")
    hash_nav["hash_in_tree"] = run.js("return location.hash")
    run.d.back()
    hash_nav["after_back_from_tree"] = run.wait("genkg.view() === 'landscape' && [genkg.selected(), genkg.view()]")
    run.open(page, "#" + first + "&view=tree")
    hash_nav["opened_in_tree"] = [run.js("return genkg.selected()"), run.js("return genkg.view()"), run.js("return genkg.visible().length")]
    out["hash"] = hash_nav

    # Filters, through the page's own controls and through the API.
    filters = {}
    run.js("genkg.select(null)")
    box = run.d.find_element(By.CSS_SELECTOR, "#kinds input[data-name='organization']")
    box.click()
    filters["without_organizations"] = run.js("return genkg.visible()")
    box.click()
    filters["all_again"] = run.js("return genkg.visible()")
    for name, spec in cfg["filters"].items():
        run.js("genkg.filter(arguments[0])", spec)
        filters[name] = {"nodes": run.js("return genkg.visible()"), "edges": run.js("return genkg.visibleEdges()")}
        run.js("genkg.filter(null)")
    filters["reset"] = run.js("return genkg.visible()")
    out["filters"] = filters

    out["controls"] = controls(run, page)

    # The screenshot for the README: one node selected, in the landscape.
    run.open(page, "#" + cfg["shot_node"])
    run.wait("genkg.selected()")
    time.sleep(0.2)
    run.d.save_screenshot(cfg["screenshot"])
    out["screenshot"] = cfg["screenshot"]
    run.collect()


def controls(run, page):
    """The page's own controls, used as a person would: the organization list, the year
    boxes, Reset, the view buttons and keys, dragging, the wheel, the zoom buttons, the map."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import Select

    seen = {"ready": run.open(page, "#gpt-3")}
    where = lambda: run.js("return genkg.locate('gpt-3')")
    Select(run.d.find_element(By.ID, "org")).select_by_value("openai")
    seen["org"] = run.js("return genkg.filter().organization")
    year = run.d.find_element(By.ID, "year-from")
    year.send_keys("2020")
    year.send_keys(Keys.TAB)
    seen["from"] = run.js("return genkg.filter().from")
    run.d.find_element(By.ID, "reset").click()
    seen["after_reset"] = run.js("return genkg.filter()")
    run.d.find_element(By.ID, "mode-tree").click()
    seen["tree_button"] = run.wait("genkg.view() === 'tree' && location.hash")
    run.d.find_element(By.TAG_NAME, "body").send_keys("f")
    seen["f_key"] = run.js("return genkg.view()")
    run.wait("!genkg.gliding()")  # the glide back to the landscape
    canvas = run.d.find_element(By.ID, "canvas")
    before = where()
    ActionChains(run.d).move_to_element(canvas).click_and_hold().move_by_offset(-120, 40).release().perform()
    after = where()
    seen["drag"] = [round(after["x"] - before["x"]), round(after["y"] - before["y"])] if before and after else None
    seen["drag_kept_selection"] = run.js("return genkg.selected()")
    before = where()
    ActionChains(run.d).scroll_to_element(canvas).scroll_from_origin(
        __import__("selenium.webdriver.common.actions.wheel_input", fromlist=["ScrollOrigin"]).ScrollOrigin.from_element(canvas), 0, -300
    ).perform()
    after = where()
    seen["wheel_moved"] = bool(before and after and (abs(after["x"] - before["x"]) > 1 or abs(after["y"] - before["y"]) > 1))
    before = where()
    run.d.find_element(By.ID, "zoom-in").click()
    time.sleep(0.05)
    after = where()
    seen["zoom_in_moved"] = bool(before and after and (abs(after["x"] - before["x"]) > 1 or abs(after["y"] - before["y"]) > 1))
    seen["map_shown"] = run.js("return !document.getElementById('mini').hidden")
    if seen["map_shown"]:
        before = where()
        mini = run.d.find_element(By.ID, "mini")
        ActionChains(run.d).move_to_element_with_offset(mini, -80, 0).click().perform()
        after = where()
        seen["map_moved"] = bool(before and after and abs(after["x"] - before["x"]) > 1)
    run.d.find_element(By.ID, "zoom-fit").click()
    run.wait("!genkg.gliding()")
    seen["fit_hides_map"] = run.js("return document.getElementById('mini').hidden")
    # The dark theme, when the system prefers it.
    run.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    seen["dark_ready"] = run.open(page, "#clip")
    seen["dark"] = run.js(
        """
        const c = document.getElementById('canvas');
        // The commonest color of one row of the drawing: its background. (One read: more make
        // Chromium suggest willReadFrequently on the console.)
        const row = c.getContext('2d').getImageData(0, Math.floor(c.height * 0.6), c.width, 1).data;
        const count = new Map();
        let best = null, most = 0;
        for (let k = 0; k < row.length; k += 4) {
          const key = row[k] + ',' + row[k + 1] + ',' + row[k + 2];
          const n = (count.get(key) || 0) + 1;
          count.set(key, n);
          if (n > most) { most = n; best = key; }
        }
        return {body: getComputedStyle(document.body).backgroundColor, canvas: best.split(',').map(Number)};
        """
    )
    run.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    run.collect()
    return seen


def names_page(run, path, ids):
    """Selects each node and reads back what the page shows of it."""
    seen = {"ready": run.open(path), "nodes": run.js("return genkg.nodes()"), "shown": {}}
    for node in ids:
        run.js("genkg.select(arguments[0])", node)
        d = run.details() or {}
        results = run.js(
            """
            const box = document.getElementById('search');
            box.value = arguments[0];
            box.dispatchEvent(new Event('input'));
            const li = Array.from(document.querySelectorAll('#results li')).find((li) => li.dataset.id === arguments[0]);
            const name = li && li.querySelector('.name').textContent;
            box.value = '';
            box.dispatchEvent(new Event('input'));
            return name;
            """,
            node,
        )
        seen["shown"][node] = {
            "selected": run.js("return genkg.selected()"),
            "details_name": d.get("name"),
            "summary": d.get("summary"),
            "links": d.get("links"),
            "relations": d.get("relations"),
            "result_name": results,
        }
    seen["scripts"] = run.js("return document.scripts.length")
    seen["pwned"] = run.js("return window.pwned === undefined ? null : String(window.pwned)")
    seen["title"] = run.js("return document.title")
    run.collect()
    return seen


SELECT_TIMED = """
const [ids, done] = [arguments[0], arguments[arguments.length - 1]];
const out = {};
let k = 0;
function next() {
  if (k === ids.length) { done(out); return; }
  const id = ids[k++];
  const t0 = performance.now();
  genkg.select(id);
  const lineage = genkg.lineage();
  // Until the frame after the selection is drawn.
  requestAnimationFrame(() => setTimeout(() => {
    out[id] = {ms: performance.now() - t0, selected: genkg.selected(), ancestors: lineage.ancestors, descendants: lineage.descendants};
    next();
  }, 0));
}
next();
"""


def odd_ids(run, path):
    """Ids with quotes, backslashes, spaces, `&`, `<>`, a newline and Chinese text, selected
    through the URL fragment as a shared link would."""
    seen = {"ready": run.open(path), "nodes": run.js("return genkg.nodes()"), "by_hash": {}}
    for node in seen["nodes"]:
        run.js("location.hash = '#' + encodeURIComponent(arguments[0])", node)
        seen["by_hash"][node] = run.wait("genkg.selected() === arguments[0] && genkg.selected()".replace("arguments[0]", json.dumps(node)))
    run.js("genkg.view('tree')")
    seen["tree_hash_roundtrip"] = run.js("return [location.hash, genkg.selected(), genkg.view()]")
    run.collect()
    return seen


def big_page(run, path, ids):
    """A graph of the landscape's size: ready time, select time, lineages, a search."""
    seen = {"ready": run.open(path)}
    seen["ready_ms"] = run.js("return genkg.timings.readyAt")
    seen["nodes"] = len(run.js("return genkg.nodes()"))
    seen["select"] = run.d.execute_async_script(SELECT_TIMED, ids)
    seen["search_ms"] = run.js("const t = performance.now(); genkg.search('model 1'); return performance.now() - t")
    run.collect()
    return seen


def main():
    cfg = json.load(open(sys.argv[1], encoding="utf-8"))
    out = {}
    with tempfile.TemporaryDirectory(prefix="genkg-chromium-") as profile:
        driver = browser(profile)
        driver.set_script_timeout(120)
        run = Run(driver)
        try:
            # What the browser did before it opened a page of ours (its new-tab page) is not ours.
            driver.get_log("browser")
            driver.get_log("performance")
            whole_graph(run, cfg, out)
            out["adversarial"] = names_page(run, cfg["pages"]["adversarial"], cfg["adversarial_ids"])
            out["hostile"] = names_page(run, cfg["pages"]["hostile"], cfg["hostile_ids"])
            out["big"] = big_page(run, cfg["pages"]["big"], cfg["big_ids"])
            out["odd"] = odd_ids(run, cfg["pages"]["odd"])
            out["empty"] = {"ready": run.open(cfg["pages"]["empty"]), "nodes": run.js("return genkg.nodes()"),
                            "message": run.js("return !document.getElementById('empty').hidden")}
            run.collect()
            lineage = {"ready": run.open(cfg["pages"]["lineage"])}
            lineage["nodes"] = run.js("return genkg.nodes()")
            lineage["selected"] = run.js("return genkg.selected()")
            lineage["lineage"] = run.js("return genkg.lineage()")
            out["lineage_page"] = lineage
            run.collect()
        finally:
            out["console"] = run.console
            out["requests"] = run.requests
            driver.quit()
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
