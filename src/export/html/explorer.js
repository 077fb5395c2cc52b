// genkg explorer: the page script. Reads the JSON block #genkg-data (written by
// src/export/html.rs), lays the graph out (x by year, a lane per kind, rows ordered to shorten
// edges), draws it on a canvas, and answers search, selection, lineage and filters.
// Every string from the data reaches the page through textContent, never innerHTML.
//
// The API, for embedding and for tests (window.genkg):
//   ready            true once the page is interactive
//   nodes()          every node id the page holds, sorted
//   search(text)     ids matching an id, name or alias (case, spaces, punctuation ignored), best first
//   select(id)       select a node by id, name or alias (null clears); returns the id or null
//   selected()       the selected id, or null
//   lineage()        {ancestors, descendants} of the selected node over the lineage relations
//   visible()        ids drawn now (after filters; in the family tree, its members)
//   visibleEdges()   the edges drawn now, as [from, relation, to]
//   filter(f)        set filters: {kinds: [...], relations: [...], organization: id|null,
//                    from: year|null, to: year|null}; missing keys keep their value; null
//                    clears every filter; returns the filters in force
//   view(mode)       'landscape' or 'tree' (the selected node's family tree); returns the mode
//   locate(id)       {x, y} of a drawn node, in CSS pixels relative to the viewport, or null
//   nodeAt(x, y)     the id of the node drawn at that point of the viewport, or null
//   gliding()        true while nodes glide to a new layout (after a person's click or key)
//   timings          milliseconds spent parsing, indexing, laying out and drawing at load, and
//                    readyAt: from the start of the navigation to ready
(function () {
  'use strict';

  const t0 = performance.now();
  const timings = {};
  const DATA = JSON.parse(document.getElementById('genkg-data').textContent);
  timings.parse = performance.now() - t0;

  // ---------------------------------------------------------------------------------------
  // The graph

  const KINDS = DATA.schema.kinds;
  const RELS = DATA.schema.relations;
  const kindIndex = new Map(KINDS.map((k, i) => [k.name, i]));
  const relIndex = new Map(RELS.map((r, i) => [r.name, i]));
  const SOURCES = new Map(DATA.sources.map((s) => [s.id, s]));

  const nodes = DATA.nodes;
  const N = nodes.length;
  const byId = new Map();
  const kindOf = new Int32Array(N);
  const timeOf = new Float64Array(N); // year + fraction of the year from the date; NaN if undated
  for (let i = 0; i < N; i++) {
    const n = nodes[i];
    byId.set(n.id, i);
    let k = kindIndex.get(n.kind);
    if (k === undefined) {
      // A kind the schema does not declare: drawn plainly.
      k = KINDS.length;
      KINDS.push({ name: n.kind, description: '', shape: 'box', color: '#555555', fill: '#eeeeee' });
      kindIndex.set(n.kind, k);
    }
    kindOf[i] = k;
    timeOf[i] = timeValue(n);
  }

  function timeValue(n) {
    if (typeof n.year !== 'number') return NaN;
    const m = typeof n.date === 'string' ? /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(n.date) : null;
    if (m && +m[1] === n.year) return n.year + ((+m[2] - 1) * 31 + (m[3] ? +m[3] - 1 : 0)) / 400;
    return n.year + 0.5;
  }

  const edges = DATA.edges;
  const E = edges.length;
  const eFrom = new Int32Array(E);
  const eTo = new Int32Array(E);
  const eRel = new Int32Array(E);
  for (let e = 0; e < E; e++) {
    const d = edges[e];
    eFrom[e] = byId.get(d.from);
    eTo[e] = byId.get(d.to);
    let r = relIndex.get(d.relation);
    if (r === undefined) {
      r = RELS.length;
      const words = d.relation.replace(/[_-]/g, ' ');
      RELS.push({ name: d.relation, phrase: words, inverse: 'is the target of ' + words + ' from', lineage: false, style: 'solid', color: '#444444' });
      relIndex.set(d.relation, r);
    }
    eRel[e] = r;
  }
  const isLineage = RELS.map((r) => !!r.lineage);

  // Adjacency in compressed rows: out[i] and in[i] are edge indices, sorted as `genkg show`
  // lists them (relation in schema order, then the other end's id).
  function adjacency(ends, others) {
    const start = new Int32Array(N + 1);
    for (let e = 0; e < E; e++) start[ends[e] + 1]++;
    for (let i = 0; i < N; i++) start[i + 1] += start[i];
    const list = new Int32Array(E);
    const fill = start.slice(0, N);
    for (let e = 0; e < E; e++) list[fill[ends[e]]++] = e;
    for (let i = 0; i < N; i++) {
      const a = start[i], b = start[i + 1];
      if (b - a < 2) continue;
      const part = Array.from(list.subarray(a, b));
      part.sort((x, y) => eRel[x] - eRel[y] || cmp(nodes[others[x]].id, nodes[others[y]].id) || x - y);
      list.set(part, a);
    }
    return { start, list };
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  const OUT = adjacency(eFrom, eTo);
  const IN = adjacency(eTo, eFrom);

  // ---------------------------------------------------------------------------------------
  // Names, as the CLI matches them (src/suggest.rs normalize: letters and digits, lowercased)

  const ALNUM = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]/u;
  const ASCII = /^[\x00-\x7f]*$/;
  function normalize(s) {
    if (ASCII.test(s)) return s.toLowerCase().replace(/[^a-z0-9]/g, '');
    let out = '';
    for (const c of s) if (ALNUM.test(c)) out += c.toLowerCase();
    return out;
  }
  function nameOf(i) { return typeof nodes[i].name === 'string' ? nodes[i].name : nodes[i].id; }
  const normId = new Array(N);
  const normNames = new Array(N); // name and aliases, normalized
  for (let i = 0; i < N; i++) {
    const n = nodes[i];
    normId[i] = normalize(n.id);
    const names = [nameOf(i)].concat(Array.isArray(n.aliases) ? n.aliases : []);
    normNames[i] = names.map(normalize);
  }

  // The node a typed id, name or alias names (src/resolve.rs find): the exact id, then a
  // normalized id, then a normalized name or alias.
  function resolve(text) {
    if (typeof text !== 'string') return -1;
    if (byId.has(text)) return byId.get(text);
    const key = normalize(text);
    if (!key) return -1;
    for (let i = 0; i < N; i++) if (normId[i] === key) return i;
    for (let i = 0; i < N; i++) if (normNames[i].includes(key)) return i;
    return -1;
  }

  // Search: exact id, normalized id, name or alias equal, then prefix, then substring; if
  // nothing contains the text, the close spellings (as the CLI's "did you mean").
  function searchIndices(text) {
    if (typeof text !== 'string') return [];
    const raw = text.trim();
    const key = normalize(raw);
    if (!raw) return [];
    const hits = [];
    for (let i = 0; i < N; i++) {
      let score = 9;
      if (nodes[i].id === raw) score = 0;
      else if (!key) continue;
      else if (normId[i] === key) score = 1;
      else if (normNames[i].includes(key)) score = 2;
      else if (normId[i].startsWith(key) || normNames[i].some((s) => s.startsWith(key))) score = 3;
      else if (normId[i].includes(key) || normNames[i].some((s) => s.includes(key))) score = 4;
      if (score < 9) hits.push([score, i]);
    }
    if (!hits.length && key.length >= 3) {
      for (let i = 0; i < N; i++) {
        let best = similarity(key, normId[i]);
        for (const s of normNames[i]) best = Math.max(best, similarity(key, s));
        if (best >= 0.8) hits.push([5 + (1 - best), i]);
      }
    }
    hits.sort((a, b) => a[0] - b[0] || nameOf(a[1]).length - nameOf(b[1]).length || cmp(nodes[a[1]].id, nodes[b[1]].id));
    return hits.map((h) => h[1]);
  }

  // strsim's jaro_winkler and normalized_damerau_levenshtein (optimal string alignment), on
  // normalized strings, the larger of the two (src/suggest.rs similarity).
  function similarity(a, b) {
    if (!a || !b) return 0;
    return Math.max(jaroWinkler(a, b), 1 - osa(a, b) / Math.max(a.length, b.length));
  }
  function jaroWinkler(a, b) {
    const la = a.length, lb = b.length;
    const win = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
    const ma = new Uint8Array(la), mb = new Uint8Array(lb);
    let m = 0;
    for (let i = 0; i < la; i++) {
      for (let j = Math.max(0, i - win); j < Math.min(lb, i + win + 1); j++) {
        if (!mb[j] && a[i] === b[j]) { ma[i] = mb[j] = 1; m++; break; }
      }
    }
    if (!m) return 0;
    let t = 0, k = 0;
    for (let i = 0; i < la; i++) {
      if (!ma[i]) continue;
      while (!mb[k]) k++;
      if (a[i] !== b[k]) t++;
      k++;
    }
    const jaro = (m / la + m / lb + (m - t / 2) / m) / 3;
    let p = 0;
    while (p < 4 && p < la && p < lb && a[p] === b[p]) p++;
    return jaro + p * 0.1 * (1 - jaro);
  }
  function osa(a, b) {
    const la = a.length, lb = b.length;
    const d = [];
    for (let i = 0; i <= la; i++) { d.push(new Int32Array(lb + 1)); d[i][0] = i; }
    for (let j = 0; j <= lb; j++) d[0][j] = j;
    for (let i = 1; i <= la; i++) {
      for (let j = 1; j <= lb; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
      }
    }
    return d[la][lb];
  }

  // ---------------------------------------------------------------------------------------
  // Lineage (src/query/lineage.rs walk): breadth-first over the lineage relations, forwards
  // for ancestors, backwards for descendants; each node once, so cycles end.

  function walk(root, up) {
    const seen = new Uint8Array(N);
    seen[root] = 1;
    const order = [root];
    const adj = up ? OUT : IN;
    const other = up ? eTo : eFrom;
    for (let h = 0; h < order.length; h++) {
      const n = order[h];
      for (let k = adj.start[n]; k < adj.start[n + 1]; k++) {
        const e = adj.list[k];
        if (!isLineage[eRel[e]]) continue;
        const next = other[e];
        if (!seen[next]) { seen[next] = 1; order.push(next); }
      }
    }
    order.shift();
    return order;
  }

  // ---------------------------------------------------------------------------------------
  // State

  const state = {
    selected: -1,
    ancestors: [],
    descendants: [],
    lit: new Uint8Array(N), // 1 lineage of the selection, 2 a direct neighbour by another relation, 3 the selection
    mode: 'landscape',
    kindOn: KINDS.map(() => true),
    relOn: RELS.map(() => true),
    org: -1,
    from: null,
    to: null,
    visible: new Uint8Array(N),
    edgeVisible: new Uint8Array(E),
    hover: -1,
  };

  // Organizations: the targets of `developed_by`, the relation the CLI's --org follows.
  const DEV = relIndex.has('developed_by') ? relIndex.get('developed_by') : -1;
  const orgCount = new Map();
  if (DEV >= 0) for (let e = 0; e < E; e++) if (eRel[e] === DEV) orgCount.set(eTo[e], (orgCount.get(eTo[e]) || 0) + 1);
  let yearMin = Infinity, yearMax = -Infinity;
  for (let i = 0; i < N; i++) {
    const y = nodes[i].year;
    if (typeof y === 'number') { yearMin = Math.min(yearMin, y); yearMax = Math.max(yearMax, y); }
  }

  // Which nodes and edges pass the filters. Nodes without a year (organizations, modalities,
  // categories) stay while a year or organization filter is on only if a dated node they are
  // linked to is shown.
  function applyFilters() {
    const vis = state.visible, ev = state.edgeVisible;
    const yearOn = state.from !== null || state.to !== null;
    const contextual = yearOn || state.org >= 0;
    let devBy = null;
    if (state.org >= 0) {
      devBy = new Uint8Array(N);
      for (let k = IN.start[state.org]; k < IN.start[state.org + 1]; k++) {
        const e = IN.list[k];
        if (eRel[e] === DEV) devBy[eFrom[e]] = 1;
      }
    }
    for (let i = 0; i < N; i++) {
      let v = state.kindOn[kindOf[i]] ? 1 : 0;
      const dated = typeof nodes[i].year === 'number';
      if (v && devBy && !devBy[i] && i !== state.org) v = dated ? 0 : 2;
      if (v && yearOn) {
        if (dated) {
          const y = nodes[i].year;
          if ((state.from !== null && y < state.from) || (state.to !== null && y > state.to)) v = 0;
        } else if (i !== state.org) v = 2;
      }
      if (v === 1 && contextual && !dated && i !== state.org) v = 2;
      vis[i] = v;
    }
    // Undated nodes (2) are shown when linked to a shown dated node.
    if (contextual) {
      const keep = new Uint8Array(N);
      for (let e = 0; e < E; e++) {
        if (!state.relOn[eRel[e]]) continue;
        const a = eFrom[e], b = eTo[e];
        if (vis[a] === 2 && vis[b] === 1) keep[a] = 1;
        if (vis[b] === 2 && vis[a] === 1) keep[b] = 1;
      }
      for (let i = 0; i < N; i++) if (vis[i] === 2) vis[i] = keep[i];
    }
    for (let e = 0; e < E; e++) ev[e] = state.relOn[eRel[e]] && vis[eFrom[e]] && vis[eTo[e]] ? 1 : 0;
  }

  // ---------------------------------------------------------------------------------------
  // Layout: x by year (a column per year present, split into sub-columns by date when a year
  // holds many nodes), a horizontal lane per kind in schema order (the landscape) or one
  // lane (a family tree); within a column, rows ordered by the mean height of each node's
  // neighbours (barycentre sweeps), which straightens edges. Undated nodes take the earliest
  // year of their dated neighbours; those with none go in a first column.

  const NODE_W = 136, NODE_H = 26, COL_W = 176, ROW_H = 34, YEAR_GAP = 30, LANE_GAP = 46;

  function layout(members, edgeList, lanes, viewW, viewH) {
    const M = members.length;
    const x = new Float64Array(N), y = new Float64Array(N);
    const t = new Float64Array(N).fill(NaN);
    for (const i of members) t[i] = timeOf[i];
    // Neighbours within the set, as compressed rows.
    const deg = new Int32Array(N + 1);
    for (const e of edgeList) { deg[eFrom[e] + 1]++; deg[eTo[e] + 1]++; }
    for (let i = 0; i < N; i++) deg[i + 1] += deg[i];
    const nb = new Int32Array(deg[N]);
    const fill = deg.slice(0, N);
    for (const e of edgeList) { nb[fill[eFrom[e]]++] = eTo[e]; nb[fill[eTo[e]]++] = eFrom[e]; }
    for (const i of members) {
      if (!isNaN(t[i])) continue;
      let best = Infinity;
      for (let k = deg[i]; k < deg[i + 1]; k++) { const v = timeOf[nb[k]]; if (v < best) best = v; }
      if (best < Infinity) t[i] = Math.floor(best) + 0.999; // after the dated nodes of that year
    }
    // Layers (years) and lanes present.
    const yearSet = new Set();
    let undated = false;
    for (const i of members) { if (isNaN(t[i])) undated = true; else yearSet.add(Math.floor(t[i])); }
    const years = Array.from(yearSet).sort((a, b) => a - b);
    const layerKeys = (undated ? [null] : []).concat(years);
    const layerOf = new Map(layerKeys.map((k, j) => [k, j]));
    const laneKinds = lanes ? KINDS.map((_, k) => k).filter((k) => members.some((i) => kindOf[i] === k)) : [-1];
    const laneOf = new Map(laneKinds.map((k, j) => [k, j]));
    const L = laneKinds.length, Y = layerKeys.length;
    const cells = Array.from({ length: L * Y }, () => []);
    const layerIdx = new Int32Array(N), laneIdx = new Int32Array(N);
    for (const i of members) {
      const ly = layerOf.get(isNaN(t[i]) ? null : Math.floor(t[i]));
      const ln = lanes ? laneOf.get(kindOf[i]) : 0;
      layerIdx[i] = ly; laneIdx[i] = ln;
      cells[ln * Y + ly].push(i);
    }
    const byTime = (a, b) => (isNaN(t[a]) ? 0 : t[a]) - (isNaN(t[b]) ? 0 : t[b]) || cmp(nodes[a].id, nodes[b].id);
    for (const c of cells) c.sort(byTime);
    // The most rows a column may hold: the number that makes the drawing's shape closest to
    // the view's, so that it fits at the largest scale.
    const aspect = Math.max(0.3, Math.min(4, (viewW || 1200) / (viewH || 800)));
    let bestK = 8, bestScore = -Infinity;
    for (let K = 3; K <= 80; K++) {
      let cols = 0, rows = 0;
      for (let ly = 0; ly < Y; ly++) {
        let w = 1;
        for (let ln = 0; ln < L; ln++) w = Math.max(w, Math.ceil(cells[ln * Y + ly].length / K));
        cols += w;
      }
      for (let ln = 0; ln < L; ln++) {
        let h = 1;
        for (let ly = 0; ly < Y; ly++) {
          const n = cells[ln * Y + ly].length;
          if (n) h = Math.max(h, Math.ceil(n / Math.ceil(n / K)));
        }
        rows += h;
      }
      const w = cols * COL_W + Y * YEAR_GAP, h = rows * ROW_H + L * LANE_GAP;
      const score = Math.min(aspect / w, 1 / h) * 1e6 - K * 1e-6;
      if (score > bestScore) { bestScore = score; bestK = K; }
      if (Math.ceil(M / K) < 1) break;
    }
    const K = bestK;
    // Columns of each layer, rows of each lane.
    const subcols = new Int32Array(L * Y), rowsIn = new Int32Array(L * Y);
    const layerW = new Int32Array(Y).fill(1), laneH = new Int32Array(L).fill(1);
    for (let ln = 0; ln < L; ln++) for (let ly = 0; ly < Y; ly++) {
      const n = cells[ln * Y + ly].length;
      if (!n) continue;
      const s = Math.ceil(n / K);
      subcols[ln * Y + ly] = s;
      rowsIn[ln * Y + ly] = Math.ceil(n / s);
      layerW[ly] = Math.max(layerW[ly], s);
      laneH[ln] = Math.max(laneH[ln], rowsIn[ln * Y + ly]);
    }
    const layerX = new Float64Array(Y + 1);
    for (let ly = 0; ly < Y; ly++) layerX[ly + 1] = layerX[ly] + layerW[ly] * COL_W + YEAR_GAP;
    const laneY = new Float64Array(L + 1);
    for (let ln = 0; ln < L; ln++) laneY[ln + 1] = laneY[ln] + laneH[ln] * ROW_H + LANE_GAP;
    // Groups: one column of one cell; first by time, then reordered by barycentre.
    const groups = [];
    for (let ly = 0; ly < Y; ly++) for (let ln = 0; ln < L; ln++) {
      const c = cells[ln * Y + ly];
      if (!c.length) continue;
      const s = subcols[ln * Y + ly], r = rowsIn[ln * Y + ly];
      // Spread the cell's columns over the layer's width.
      const span = layerW[ly];
      for (let j = 0; j < s; j++) {
        const g = c.slice(j * r, (j + 1) * r);
        const col = s === 1 ? (span - 1) / 2 : j * (span - 1) / Math.max(1, s - 1);
        const gx = layerX[ly] + col * COL_W + COL_W / 2;
        for (const i of g) x[i] = gx;
        groups.push({ nodes: g, lane: ln, layer: ly });
      }
    }
    function place(g) {
      const top = laneY[g.lane] + (laneH[g.lane] - g.nodes.length) * ROW_H / 2 + ROW_H / 2;
      for (let k = 0; k < g.nodes.length; k++) y[g.nodes[k]] = top + k * ROW_H;
    }
    groups.forEach(place);
    const bary = new Float64Array(N);
    for (let sweep = 0; sweep < 6; sweep++) {
      const order = sweep % 2 ? groups.slice().reverse() : groups;
      for (const g of order) {
        if (g.nodes.length < 2) continue;
        for (const i of g.nodes) {
          let s = 0, n = 0;
          for (let k = deg[i]; k < deg[i + 1]; k++) { s += y[nb[k]]; n++; }
          bary[i] = n ? s / n : y[i];
        }
        g.nodes.sort((a, b) => bary[a] - bary[b] || y[a] - y[b]);
        place(g);
      }
    }
    const axis = layerKeys.map((k, ly) => ({ year: k, x0: layerX[ly], x1: layerX[ly + 1] - YEAR_GAP }));
    const laneBands = laneKinds.map((k, ln) => ({ kind: k, y0: laneY[ln], y1: laneY[ln + 1] - LANE_GAP }));
    const scene = {
      members: Int32Array.from(members), edges: Int32Array.from(edgeList), x, y, axis, lanes: laneBands,
      width: layerX[Y] - YEAR_GAP, height: laneY[L] - LANE_GAP, grid: null,
    };
    scene.grid = buildGrid(scene);
    return scene;
  }

  // A bucket grid of the drawn nodes, for hit tests.
  const CELL = 200;
  function buildGrid(scene) {
    const grid = new Map();
    for (const i of scene.members) {
      const key = Math.floor(scene.x[i] / CELL) * 100003 + Math.floor(scene.y[i] / CELL);
      let b = grid.get(key);
      if (!b) grid.set(key, (b = []));
      b.push(i);
    }
    return grid;
  }
  function hit(scene, wx, wy) {
    const cx = Math.floor(wx / CELL), cy = Math.floor(wy / CELL);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const b = scene.grid.get((cx + dx) * 100003 + cy + dy);
      if (!b) continue;
      for (const i of b) {
        if (Math.abs(wx - scene.x[i]) <= NODE_W / 2 + 2 && Math.abs(wy - scene.y[i]) <= NODE_H / 2 + 2) return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------
  // Drawing

  const canvas = document.getElementById('canvas');
  const ctx = canvas.getContext('2d');
  const stage = document.getElementById('stage');
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Noto Sans CJK SC", sans-serif';
  const view = { s: 1, tx: 0, ty: 0, w: 0, h: 0, dpr: 1 };
  // The canvas's own colors, light or dark as the system prefers (the schema's colors are
  // the same in both; in the dark, edges and lane names are drawn lighter to stay legible).
  const DARK = !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  const THEME = DARK
    ? { bg: '#15171a', band: 'rgba(255, 255, 255, 0.025)', line: '#2d3137', axis: 'rgba(28, 31, 35, 0.95)', axisInk: '#a6adb5',
      label: '#1d2125', halo: 'rgba(21, 23, 26, 0.95)', haloInk: '#e6e8eb', ring: 'rgba(127, 178, 229, 0.35)', off: '#3a3f46',
      frame: 'rgba(127, 178, 229, ' }
    : { bg: '#f6f5f1', band: 'rgba(0, 0, 0, 0.022)', line: '#e3e1da', axis: 'rgba(255, 255, 255, 0.94)', axisInk: '#5f6670',
      label: '#1d2125', halo: 'rgba(246, 245, 241, 0.95)', haloInk: '#1d2125', ring: 'rgba(31, 95, 153, 0.22)', off: '#d5d3cc',
      frame: 'rgba(31, 95, 153, ' };
  function lighter(hex, k) {
    const m = /^#([0-9a-f]{6})$/i.exec(hex);
    if (!m) return hex;
    const n = parseInt(m[1], 16);
    const mix = (c) => Math.round(c + (255 - c) * k);
    return 'rgb(' + mix(n >> 16) + ', ' + mix((n >> 8) & 255) + ', ' + mix(n & 255) + ')';
  }
  const edgeColor = RELS.map((r) => (DARK ? lighter(r.color, 0.35) : r.color));
  let scene = null; // what is drawn: the landscape or a family tree
  let landscape = null;
  const AXIS_H = 26;

  function resize() {
    const r = stage.getBoundingClientRect();
    if (Math.abs(r.width - view.w) < 0.5 && Math.abs(r.height - view.h) < 0.5 && canvas.width) return;
    view.dpr = window.devicePixelRatio || 1;
    view.w = Math.max(1, r.width);
    view.h = Math.max(1, r.height);
    canvas.width = Math.round(view.w * view.dpr);
    canvas.height = Math.round(view.h * view.dpr);
  }

  // Views ({s, tx, ty}) are computed for a scene without touching the current one, so that
  // a change of scene can move towards them.
  function fitView(sc, bounds, maxScale) {
    const pad = 40;
    const b = bounds || { x0: -NODE_W / 2, y0: -NODE_H / 2, x1: sc.width + NODE_W / 2, y1: sc.height + NODE_H / 2 };
    const w = Math.max(1, b.x1 - b.x0), h = Math.max(1, b.y1 - b.y0);
    const s = Math.max(0.01, Math.min((view.w - 2 * pad) / w, (view.h - AXIS_H - 2 * pad) / h, maxScale || 1.6));
    return { s, tx: (view.w - w * s) / 2 - b.x0 * s, ty: AXIS_H + (view.h - AXIS_H - h * s) / 2 - b.y0 * s };
  }

  function centerView(sc, i, s) {
    return { s, tx: view.w / 2 - sc.x[i] * s, ty: AXIS_H + (view.h - AXIS_H) / 2 - sc.y[i] * s };
  }

  // As much of a node's lineage as fits at a readable scale, the node itself always in view:
  // the whole lineage if it fits, else the part nearest the node.
  function frameView(sc, i) {
    const b = boundsOf(sc, [i].concat(state.ancestors, state.descendants).filter((n) => state.visible[n]));
    const fitted = fitView(sc, b, 1.1);
    const s = 0.8;
    if (fitted.s >= s) return fitted;
    const halfW = Math.max(0, (view.w / 2 - NODE_W * s - 40) / s), halfH = Math.max(0, ((view.h - AXIS_H) / 2 - 60) / s);
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const cx = clamp((b.x0 + b.x1) / 2, sc.x[i] - halfW, sc.x[i] + halfW);
    const cy = clamp((b.y0 + b.y1) / 2, sc.y[i] - halfH, sc.y[i] + halfH);
    return { s, tx: view.w / 2 - cx * s, ty: AXIS_H + (view.h - AXIS_H) / 2 - cy * s };
  }

  function boundsOf(sc, list) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const i of list) {
      x0 = Math.min(x0, sc.x[i]); x1 = Math.max(x1, sc.x[i]);
      y0 = Math.min(y0, sc.y[i]); y1 = Math.max(y1, sc.y[i]);
    }
    if (x0 === Infinity) return null;
    return { x0: x0 - NODE_W / 2 - 10, y0: y0 - NODE_H / 2 - 10, x1: x1 + NODE_W / 2 + 10, y1: y1 + NODE_H / 2 + 10 };
  }

  function shapePath(g, shape, cx, cy, w, h) {
    const l = cx - w / 2, r = cx + w / 2, t = cy - h / 2, b = cy + h / 2;
    switch (shape) {
      case 'ellipse': case 'oval': case 'circle':
        g.moveTo(r, cy); g.ellipse(cx, cy, w / 2, h / 2, 0, 0, Math.PI * 2); break;
      case 'house': {
        const roof = h * 0.32;
        g.moveTo(l, b); g.lineTo(l, t + roof); g.lineTo(cx, t - roof * 0.35); g.lineTo(r, t + roof); g.lineTo(r, b); g.closePath(); break;
      }
      case 'invhouse': {
        const roof = h * 0.32;
        g.moveTo(l, t); g.lineTo(l, b - roof); g.lineTo(cx, b + roof * 0.35); g.lineTo(r, b - roof); g.lineTo(r, t); g.closePath(); break;
      }
      case 'parallelogram': {
        const k = h * 0.38;
        g.moveTo(l + k, t); g.lineTo(r + k * 0.2, t); g.lineTo(r - k, b); g.lineTo(l - k * 0.2, b); g.closePath(); break;
      }
      case 'diamond':
        g.moveTo(cx, t - 3); g.lineTo(r, cy); g.lineTo(cx, b + 3); g.lineTo(l, cy); g.closePath(); break;
      case 'hexagon': case 'octagon': {
        const k = h * 0.4;
        g.moveTo(l + k, t); g.lineTo(r - k, t); g.lineTo(r, cy); g.lineTo(r - k, b); g.lineTo(l + k, b); g.lineTo(l, cy); g.closePath(); break;
      }
      case 'tab': case 'folder': {
        const tw = Math.min(34, w * 0.3), th = 4;
        g.moveTo(l, b); g.lineTo(l, t - th); g.lineTo(l + tw, t - th); g.lineTo(l + tw + 3, t); g.lineTo(r, t); g.lineTo(r, b); g.closePath(); break;
      }
      case 'cylinder': {
        const ry = 4;
        g.moveTo(l, t); g.ellipse(cx, t, w / 2, ry, 0, Math.PI, 0, false);
        g.lineTo(r, b); g.ellipse(cx, b, w / 2, ry, 0, 0, Math.PI, false); g.closePath();
        g.moveTo(r, t); g.ellipse(cx, t, w / 2, ry, 0, 0, Math.PI, false); break;
      }
      case 'note': {
        const k = 7;
        g.moveTo(l, t); g.lineTo(r - k, t); g.lineTo(r, t + k); g.lineTo(r, b); g.lineTo(l, b); g.closePath(); break;
      }
      case 'plain': case 'plaintext': case 'none':
        g.rect(l, t, w, h); break;
      default: { // box, rect, and anything unknown: a rounded box
        const k = 5;
        g.moveTo(l + k, t); g.arcTo(r, t, r, b, k); g.arcTo(r, b, l, b, k); g.arcTo(l, b, l, t, k); g.arcTo(l, t, r, t, k); g.closePath();
      }
    }
  }

  // Dash patterns in world units, but never finer than a few screen pixels: sub-pixel dashes
  // look solid and cost the rasterizer dearly (thousands of segments per curve).
  function dash(style, s) {
    const k = s ? Math.max(1, 0.9 / s) : 1;
    if (style === 'dashed') return [6 * k, 4 * k];
    if (style === 'dotted') return [1.2 * k, 3.6 * k];
    return [];
  }
  function lineWidth(style) { return style === 'bold' ? 2.2 : 1.15; }

  // Where an edge leaves and enters: the facing sides of the two boxes.
  function edgeEnds(a, b) {
    const ax = scene.x[a], ay = scene.y[a], bx = scene.x[b], by = scene.y[b];
    const hw = NODE_W / 2;
    if (bx < ax - hw) return [ax - hw, ay, bx + hw, by, -1];
    if (bx > ax + hw) return [ax + hw, ay, bx - hw, by, 1];
    return [ax + hw, ay, bx + hw, by, 0];
  }
  function edgePath(a, b, arrows) {
    const [x1, y1, x2, y2, dir] = edgeEnds(a, b);
    ctx.moveTo(x1, y1);
    if (dir === 0) {
      const bulge = 36 + Math.min(60, Math.abs(y2 - y1) * 0.15);
      ctx.bezierCurveTo(x1 + bulge, y1, x2 + bulge, y2, x2, y2);
      if (arrows) arrows.push(x2, y2, -1, 0);
    } else {
      const dx = Math.max(30, Math.abs(x2 - x1) * 0.5) * dir;
      ctx.bezierCurveTo(x1 + dx, y1, x2 - dx, y2, x2, y2);
      if (arrows) arrows.push(x2, y2, dir, 0);
    }
  }

  const labelCache = new Map();
  function label(i) {
    let s = labelCache.get(i);
    if (s !== undefined) return s;
    s = nameOf(i).replace(/\s+/g, ' ').trim();
    const max = NODE_W - 14;
    if (ctx.measureText(s).width > max) {
      let lo = 0, hi = s.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (ctx.measureText(s.slice(0, mid) + '…').width <= max) lo = mid; else hi = mid - 1;
      }
      s = s.slice(0, lo).trimEnd() + '…';
    }
    labelCache.set(i, s);
    return s;
  }

  let pending = 0;
  function schedule() {
    if (!pending) pending = requestAnimationFrame(() => { pending = 0; draw(); });
  }
  // While the view moves (a drag, the wheel, the arrow keys), frames leave out the edges whose
  // ends are both off screen; the full picture is drawn once the view rests.
  let moving = false, settle = 0;
  function moved() {
    moving = true;
    clearTimeout(settle);
    settle = setTimeout(() => { moving = false; schedule(); }, 160);
    schedule();
  }

  function draw() {
    if (pending) { cancelAnimationFrame(pending); pending = 0; }
    const { s, tx, ty, dpr } = view;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = THEME.bg;
    ctx.fillRect(0, 0, view.w, view.h);
    if (!scene || !scene.members.length) return;
    const wx0 = -tx / s, wx1 = (view.w - tx) / s, wy0 = (-ty) / s, wy1 = (view.h - ty) / s;
    const sel = state.selected, lit = state.lit, anySel = sel >= 0 && scene.kind === 'landscape';
    const hover = state.hover;

    // Year bands and lane bands, behind everything.
    ctx.setTransform(s * dpr, 0, 0, s * dpr, tx * dpr, ty * dpr);
    scene.axis.forEach((a, k) => {
      if (k % 2 === 0 || a.x1 < wx0 || a.x0 > wx1) return;
      ctx.fillStyle = THEME.band;
      ctx.fillRect(a.x0 - 6, wy0, a.x1 - a.x0 + 12, wy1 - wy0);
    });
    if (scene.lanes.length > 1) {
      ctx.strokeStyle = THEME.line;
      ctx.lineWidth = 1 / s;
      ctx.beginPath();
      for (let k = 1; k < scene.lanes.length; k++) {
        const yy = (scene.lanes[k - 1].y1 + scene.lanes[k].y0) / 2;
        ctx.moveTo(wx0, yy); ctx.lineTo(wx1, yy);
      }
      ctx.stroke();
    }

    // Edges, grouped by relation and emphasis so that each group is one path.
    const groups = new Map();
    const ex = scene.x, ey = scene.y;
    for (const e of scene.edges) {
      const a = eFrom[e], b = eTo[e];
      if ((ex[a] < wx0 - NODE_W && ex[b] < wx0 - NODE_W) || (ex[a] > wx1 + NODE_W && ex[b] > wx1 + NODE_W)) continue;
      if ((ey[a] < wy0 - 20 && ey[b] < wy0 - 20) || (ey[a] > wy1 + 20 && ey[b] > wy1 + 20)) continue;
      if (moving && !(ex[a] > wx0 && ex[a] < wx1 && ey[a] > wy0 && ey[a] < wy1) && !(ex[b] > wx0 && ex[b] < wx1 && ey[b] > wy0 && ey[b] < wy1)) continue;
      let level = 1; // 0 dimmed, 1 normal, 2 emphasised
      if (anySel) {
        const onLineage = isLineage[eRel[e]] && lit[a] && lit[b] && lit[a] !== 2 && lit[b] !== 2;
        level = onLineage || ((a === sel || b === sel)) ? 2 : 0;
      } else if (scene.kind !== 'landscape') level = 2;
      if (a === hover || b === hover) level = 2; // the hovered node's own edges stand out
      // A dashed curve costs the rasterizer per dash along all its length, on screen or off:
      // an edge longer than a few screens is drawn solid.
      const long = (Math.abs(ex[a] - ex[b]) + Math.abs(ey[a] - ey[b])) * s > 2 * (view.w + view.h) ? 1 : 0;
      const key = (eRel[e] * 3 + level) * 2 + long;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(e);
    }
    const levelOfKey = (key) => (key >> 1) % 3;
    const keys = Array.from(groups.keys()).sort((p, q) => levelOfKey(p) - levelOfKey(q) || p - q);
    const arrowsOn = s > 0.35;
    for (const key of keys) {
      const rel = RELS[Math.floor((key >> 1) / 3)], level = levelOfKey(key), long = key & 1;
      const arrows = arrowsOn && level > 0 ? [] : null;
      ctx.beginPath();
      for (const e of groups.get(key)) edgePath(eFrom[e], eTo[e], arrows);
      ctx.globalAlpha = level === 0 ? 0.07 : level === 1 ? (rel.lineage ? 0.55 : 0.28) : 0.9;
      ctx.strokeStyle = edgeColor[Math.floor((key >> 1) / 3)];
      ctx.lineWidth = lineWidth(rel.style) * (level === 2 ? 1.25 : 1);
      ctx.setLineDash(level === 0 || long || s < 0.25 ? [] : dash(rel.style, s));
      ctx.lineCap = rel.style === 'dotted' ? 'round' : 'butt';
      ctx.stroke();
      ctx.setLineDash([]);
      if (arrows && arrows.length) {
        ctx.fillStyle = edgeColor[Math.floor((key >> 1) / 3)];
        ctx.beginPath();
        for (let k = 0; k < arrows.length; k += 4) {
          const px = arrows[k], py = arrows[k + 1], d = arrows[k + 2];
          ctx.moveTo(px, py); ctx.lineTo(px - d * 7, py - 3.5); ctx.lineTo(px - d * 7, py + 3.5); ctx.closePath();
        }
        ctx.fill();
      }
    }
    ctx.globalAlpha = 1;

    // Nodes, grouped by kind and emphasis.
    const inView = [];
    for (const i of scene.members) {
      if (ex[i] < wx0 - NODE_W || ex[i] > wx1 + NODE_W || ey[i] < wy0 - NODE_H || ey[i] > wy1 + NODE_H) continue;
      inView.push(i);
    }
    const levelOf = (i) => (!anySel ? 1 : lit[i] === 3 || lit[i] === 1 ? 2 : lit[i] === 2 ? 1 : 0);
    // Far out, a node is a few pixels wide: a plain rectangle in its kind's color says as much
    // as its shape and costs the rasterizer far less.
    const tiny = NODE_W * s < 24;
    // While a scene glides in, the nodes it adds fade in.
    const fresh = scene.from ? (i) => !scene.from[i] : null;
    for (let pass = 0; pass < (fresh ? 6 : 3); pass++) {
      const level = pass % 3, adding = pass >= 3;
      for (let k = 0; k < KINDS.length; k++) {
        const kind = KINDS[k];
        ctx.beginPath();
        let any = false;
        for (const i of inView) {
          if (kindOf[i] !== k || levelOf(i) !== level || (fresh && fresh(i) !== adding)) continue;
          if (tiny) ctx.rect(ex[i] - NODE_W / 2, ey[i] - NODE_H / 2, NODE_W, NODE_H);
          else shapePath(ctx, kind.shape, ex[i], ey[i], NODE_W, NODE_H);
          any = true;
        }
        if (!any) continue;
        ctx.globalAlpha = (level === 0 ? 0.22 : level === 1 && anySel ? 0.6 : 1) * (adding ? scene.appear : 1);
        if (tiny) {
          ctx.fillStyle = level === 2 && anySel ? kind.color : kind.fill;
          ctx.fill();
          if (!(level === 2 && anySel)) { ctx.globalAlpha *= 0.55; ctx.fillStyle = kind.color; ctx.fill(); }
          continue;
        }
        ctx.fillStyle = kind.fill;
        ctx.fill();
        ctx.strokeStyle = kind.color;
        ctx.lineWidth = 1.2;
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    // The selection and the hovered node, outlined.
    for (const [i, width, color] of [[state.hover, 2.2, null], [sel, 3, null]]) {
      if (i < 0 || !scene.members.includes(i)) continue;
      const kind = KINDS[kindOf[i]];
      if (i === sel) {
        ctx.beginPath();
        ctx.strokeStyle = THEME.ring;
        ctx.lineWidth = 9;
        shapePath(ctx, kind.shape, ex[i], ey[i], NODE_W, NODE_H);
        ctx.stroke();
      }
      ctx.beginPath();
      shapePath(ctx, kind.shape, ex[i], ey[i], NODE_W, NODE_H);
      ctx.fillStyle = kind.fill;
      ctx.fill();
      ctx.strokeStyle = color || kind.color;
      ctx.lineWidth = width;
      ctx.stroke();
    }

    // Labels, when large enough to read.
    const fontPx = 11.5;
    if (fontPx * s >= 5) {
      ctx.font = '500 ' + fontPx + 'px ' + FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      for (const i of inView) {
        const lv = levelOf(i);
        ctx.globalAlpha = (lv === 0 ? 0.3 : lv === 1 && anySel ? 0.7 : 1) * (fresh && fresh(i) ? scene.appear : 1);
        ctx.fillStyle = THEME.label;
        ctx.fillText(label(i), ex[i], ey[i] + 0.5);
      }
      ctx.globalAlpha = 1;
    } else if (sel >= 0 && scene.members.includes(sel)) {
      // Zoomed out: the selection's name alone, at a readable size.
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.font = '600 12.5px ' + FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      const px = ex[sel] * s + tx, py = (ey[sel] - NODE_H / 2) * s + ty - 6;
      ctx.lineWidth = 4; ctx.strokeStyle = THEME.halo;
      const name = nameOf(sel).replace(/\s+/g, ' ');
      ctx.strokeText(name, px, py);
      ctx.fillStyle = THEME.haloInk;
      ctx.fillText(name, px, py);
    }

    // The year axis and lane names, fixed to the edges of the view.
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = THEME.axis;
    ctx.fillRect(0, 0, view.w, AXIS_H);
    ctx.fillStyle = THEME.line;
    ctx.fillRect(0, AXIS_H - 1, view.w, 1);
    ctx.font = '600 11.5px ' + FONT;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    let lastRight = -Infinity;
    for (const a of scene.axis) {
      const x0 = a.x0 * s + tx, x1 = a.x1 * s + tx;
      if (x1 < 0 || x0 > view.w) continue;
      const text = a.year === null ? 'no year' : String(a.year);
      const w = ctx.measureText(text).width;
      const cx = Math.min(Math.max((x0 + x1) / 2, Math.max(x0, 0) + w / 2 + 4), Math.min(x1, view.w) - w / 2 - 4);
      if (cx - w / 2 < lastRight + 8) continue;
      ctx.fillStyle = THEME.axisInk;
      ctx.fillText(text, cx, AXIS_H / 2);
      lastRight = cx + w / 2;
    }
    if (scene.lanes.length > 1) {
      ctx.font = '700 10.5px ' + FONT;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      for (const lane of scene.lanes) {
        const y0 = lane.y0 * s + ty - 20 * Math.min(1, s) - 2;
        if (lane.y1 * s + ty < AXIS_H || y0 > view.h) continue;
        const kind = KINDS[lane.kind];
        const text = kind.name.toUpperCase();
        const yy = Math.max(AXIS_H + 6, y0);
        const w = ctx.measureText(text).width;
        ctx.fillStyle = THEME.halo;
        ctx.fillRect(6, yy - 2, w + 12, 16);
        ctx.fillStyle = DARK ? kind.fill : kind.color;
        ctx.fillText(text, 12, yy);
      }
    }
    drawMinimap();
  }

  // The overview in a corner: every node of the scene as a dot (the selection's lineage in
  // color when there is one) and the part in view as a frame. Shown only when the drawing
  // does not fit in the view. The dots are drawn once per scene and selection.
  const mini = document.getElementById('mini');
  const mctx = mini.getContext('2d');
  const MINI_W = 200, MINI_H = 120;
  let miniCache = null;
  function miniMap(sc) {
    const pad = 7, w = sc.width + NODE_W, h = sc.height + NODE_H;
    const k = Math.min((MINI_W - 2 * pad) / w, (MINI_H - 2 * pad) / h);
    return { k, ox: (MINI_W - w * k) / 2 + (NODE_W / 2) * k, oy: (MINI_H - h * k) / 2 + (NODE_H / 2) * k };
  }
  function drawMinimap() {
    const sc = scene;
    const vx0 = -view.tx / view.s, vx1 = (view.w - view.tx) / view.s;
    const vy0 = (AXIS_H - view.ty) / view.s, vy1 = (view.h - view.ty) / view.s;
    const fits = !sc || !sc.members.length || sc.from ||
      (vx0 <= -NODE_W / 2 && vx1 >= sc.width + NODE_W / 2 && vy0 <= -NODE_H / 2 && vy1 >= sc.height + NODE_H / 2);
    if (fits) { mini.hidden = true; return; }
    const dpr = view.dpr;
    if (mini.hidden) mini.hidden = false;
    if (mini.width !== MINI_W * dpr) { mini.width = MINI_W * dpr; mini.height = MINI_H * dpr; }
    const m = miniMap(sc);
    const key = sc.kind === 'landscape' ? state.selected : -2;
    if (!miniCache || miniCache.scene !== sc || miniCache.key !== key) {
      const c = document.createElement('canvas');
      c.width = MINI_W * dpr; c.height = MINI_H * dpr;
      const g = c.getContext('2d');
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      const dot = Math.max(1.2, Math.min(4, NODE_W * m.k)), hgt = Math.max(1, Math.min(3, NODE_H * m.k));
      const lit = key >= 0;
      for (let pass = 0; pass < 2; pass++) {
        for (const i of sc.members) {
          const on = !lit || state.lit[i] === 1 || state.lit[i] === 3;
          if (on !== (pass === 1)) continue;
          g.fillStyle = on ? (DARK ? KINDS[kindOf[i]].fill : KINDS[kindOf[i]].color) : THEME.off;
          g.globalAlpha = on && !lit ? 0.7 : 1;
          g.fillRect(m.ox + sc.x[i] * m.k - dot / 2, m.oy + sc.y[i] * m.k - hgt / 2, dot, hgt);
        }
      }
      miniCache = { scene: sc, key, bitmap: c };
    }
    mctx.setTransform(1, 0, 0, 1, 0, 0);
    mctx.clearRect(0, 0, mini.width, mini.height);
    mctx.drawImage(miniCache.bitmap, 0, 0);
    mctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const x = m.ox + vx0 * m.k, y = m.oy + vy0 * m.k, w = (vx1 - vx0) * m.k, h = (vy1 - vy0) * m.k;
    mctx.fillStyle = THEME.frame + '0.08)';
    mctx.fillRect(x, y, w, h);
    mctx.strokeStyle = THEME.frame + '0.85)';
    mctx.lineWidth = 1.2;
    mctx.strokeRect(x, y, w, h);
  }
  function miniMove(ev) {
    stopGlide();
    const r = mini.getBoundingClientRect();
    const m = miniMap(scene);
    const wx = (ev.clientX - r.left - m.ox) / m.k, wy = (ev.clientY - r.top - m.oy) / m.k;
    view.tx = view.w / 2 - wx * view.s;
    view.ty = AXIS_H + (view.h - AXIS_H) / 2 - wy * view.s;
    moved();
  }
  let miniDrag = -1;
  mini.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0 || !scene) return;
    miniDrag = ev.pointerId;
    try { mini.setPointerCapture(ev.pointerId); } catch (_) { /* the pointer may be gone */ }
    miniMove(ev);
  });
  mini.addEventListener('pointermove', (ev) => { if (ev.pointerId === miniDrag) miniMove(ev); });
  mini.addEventListener('pointerup', () => { miniDrag = -1; });
  mini.addEventListener('pointercancel', () => { miniDrag = -1; });

  // ---------------------------------------------------------------------------------------
  // Scenes

  function rebuildLandscape() {
    const members = [], list = [];
    for (let i = 0; i < N; i++) if (state.visible[i]) members.push(i);
    for (let e = 0; e < E; e++) if (state.edgeVisible[e]) list.push(e);
    landscape = layout(members, list, true, view.w, view.h - AXIS_H);
    landscape.kind = 'landscape';
  }

  function treeScene() {
    const sel = state.selected;
    const members = [sel].concat(state.ancestors, state.descendants);
    const inTree = new Uint8Array(N);
    for (const i of members) inTree[i] = 1;
    const list = [];
    for (let e = 0; e < E; e++) {
      if (isLineage[eRel[e]] && state.relOn[eRel[e]] && inTree[eFrom[e]] && inTree[eTo[e]]) list.push(e);
    }
    const sc = layout(members, list, false, view.w, view.h - AXIS_H);
    sc.kind = 'tree';
    return sc;
  }

  // Shows a scene in a view. Asked by a person (a click, a key, a button), nodes glide from
  // where they were to where they go and the view moves with them; asked through the API,
  // the change is immediate, so that what the API says is already on screen.
  const MOTION = !(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  const GLIDE_MS = 420;
  let glide = 0, glideEnd = null;
  // A person who grabs the view while it glides gets the end of the glide at once.
  function stopGlide() {
    if (!glide) return;
    cancelAnimationFrame(glide);
    glide = 0;
    glideEnd();
  }
  function show(target, targetView, animate) {
    if (glide) { cancelAnimationFrame(glide); glide = 0; }
    const from = scene;
    const v0 = { s: view.s, tx: view.tx, ty: view.ty };
    const v1 = targetView || v0;
    if (!animate || !MOTION || !from || !from.members.length || !target.members.length) {
      scene = target;
      Object.assign(view, v1);
      moving = false;
      draw();
      return;
    }
    const tmp = Object.assign({}, target, { x: new Float64Array(N), y: new Float64Array(N), from: new Uint8Array(N), appear: 0 });
    const x0 = new Float64Array(N), y0 = new Float64Array(N);
    for (const i of from.members) tmp.from[i] = 1;
    for (const i of target.members) {
      x0[i] = tmp.from[i] ? from.x[i] : target.x[i];
      y0[i] = tmp.from[i] ? from.y[i] : target.y[i];
    }
    // The view moves its centre in a straight line and its scale evenly in log space.
    const c0x = (view.w / 2 - v0.tx) / v0.s, c0y = (view.h / 2 - v0.ty) / v0.s;
    const c1x = (view.w / 2 - v1.tx) / v1.s, c1y = (view.h / 2 - v1.ty) / v1.s;
    scene = tmp;
    moving = true;
    glideEnd = () => { scene = target; Object.assign(view, v1); moving = false; draw(); };
    const start = performance.now();
    const step = (now) => {
      const t = Math.min(1, (now - start) / GLIDE_MS);
      const e = t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2;
      for (const i of target.members) {
        tmp.x[i] = x0[i] + (target.x[i] - x0[i]) * e;
        tmp.y[i] = y0[i] + (target.y[i] - y0[i]) * e;
      }
      tmp.appear = e;
      view.s = v0.s * Math.pow(v1.s / v0.s, e);
      view.tx = view.w / 2 - (c0x + (c1x - c0x) * e) * view.s;
      view.ty = view.h / 2 - (c0y + (c1y - c0y) * e) * view.s;
      if (t < 1) {
        draw();
        glide = requestAnimationFrame(step);
      } else {
        glide = 0;
        glideEnd();
      }
    };
    glide = requestAnimationFrame(step);
  }

  function isInView(i) {
    const px = scene.x[i] * view.s + view.tx, py = scene.y[i] * view.s + view.ty;
    return px > 40 && px < view.w - 40 && py > AXIS_H + 20 && py < view.h - 20;
  }

  // ---------------------------------------------------------------------------------------
  // Selection and view mode, and the URL fragment that names them

  // Selects node i (-1: none) in a mode ('landscape' or 'tree'). `how`: 'search' frames the
  // node's lineage; 'click' moves the view only if the node is not in it.
  function apply(i, mode, how, animate) {
    if (i < 0) mode = 'landscape';
    const selChanged = i !== state.selected, modeChanged = mode !== state.mode;
    if (!selChanged && !modeChanged) {
      // Chosen again from the search: bring it back into view.
      if (i >= 0 && how === 'search' && mode === 'landscape' && state.visible[i]) show(landscape, frameView(landscape, i), animate);
      return;
    }
    if (selChanged) {
      state.lit.fill(0);
      state.selected = i;
      state.ancestors = [];
      state.descendants = [];
      if (i >= 0) {
        state.ancestors = walk(i, true);
        state.descendants = walk(i, false);
        for (let k = OUT.start[i]; k < OUT.start[i + 1]; k++) state.lit[eTo[OUT.list[k]]] = 2;
        for (let k = IN.start[i]; k < IN.start[i + 1]; k++) state.lit[eFrom[IN.list[k]]] = 2;
        for (const a of state.ancestors) state.lit[a] = 1;
        for (const d of state.descendants) state.lit[d] = 1;
        state.lit[i] = 3;
      }
    }
    state.mode = mode;
    state.hover = -1;
    document.getElementById('mode-overview').classList.toggle('on', mode === 'landscape');
    document.getElementById('mode-tree').classList.toggle('on', mode === 'tree');
    document.getElementById('mode-tree').disabled = i < 0;
    renderDetails();
    resize(); // the details panel opened or closed: the drawing's width changed
    const visible = i >= 0 && state.visible[i];
    if (mode === 'tree') {
      const tree = treeScene();
      show(tree, fitView(tree, null, 1.4), animate);
    } else if (modeChanged) {
      show(landscape, visible ? frameView(landscape, i) : fitView(landscape), animate);
    } else if (visible && how === 'search') {
      show(landscape, frameView(landscape, i), animate);
    } else if (visible && !isInView(i)) {
      show(landscape, centerView(landscape, i, view.s), animate);
    } else draw();
    updateCounts();
  }

  function select(i, how, animate) {
    apply(i, state.mode, how, animate);
    syncHash();
  }

  function setMode(mode, animate) {
    apply(state.selected, mode, 'search', animate);
    syncHash();
  }

  // `#<id>` selects a node in the landscape, `#<id>&view=tree` shows its family tree. The id is
  // percent-encoded, so a bare `&` can only start the options.
  function wantedHash() {
    if (state.selected < 0) return '';
    return '#' + encodeURIComponent(nodes[state.selected].id) + (state.mode === 'tree' ? '&view=tree' : '');
  }

  function syncHash() {
    const want = wantedHash();
    if (location.hash === want || (!want && location.hash.length <= 1)) return;
    if (want) location.hash = want;
    else history.pushState(null, '', location.pathname + location.search);
  }

  function readHash() {
    const h = location.hash.slice(1);
    if (!h) return null;
    const amp = h.indexOf('&');
    const raw = amp < 0 ? h : h.slice(0, amp);
    const options = amp < 0 ? '' : h.slice(amp + 1);
    let id = raw;
    try { id = decodeURIComponent(raw); } catch (_) { /* not percent-encoded: take it as it is */ }
    return { id, mode: /(^|&)view=tree(&|$)/.test(options) ? 'tree' : 'landscape' };
  }

  function fromHash(animate) {
    const h = readHash();
    if (!h) { apply(-1, 'landscape', 'search', animate); return; }
    const i = byId.has(h.id) ? byId.get(h.id) : resolve(h.id);
    if (i >= 0) apply(i, h.mode, 'search', animate);
  }

  // ---------------------------------------------------------------------------------------
  // The details panel (every string through textContent)

  const details = document.getElementById('details');
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function safeLink(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
  }
  function link(url, text) {
    const href = safeLink(url);
    if (!href) return el('span', null, text || url);
    const a = el('a', null, text || url);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }
  function thousands(v) {
    const neg = v < 0;
    const d = String(Math.abs(v));
    let out = '';
    for (let k = 0; k < d.length; k++) {
      if (k > 0 && (d.length - k) % 3 === 0) out += ',';
      out += d[k];
    }
    return (neg ? '-' : '') + out;
  }
  function attrText(v) {
    if (Array.isArray(v)) return v.map(attrText).join(', ');
    if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e21) return thousands(v);
    return String(v);
  }
  function swatch(kind) {
    const d = el('span', 'dot');
    d.style.background = kind.fill;
    d.style.borderColor = kind.color;
    return d;
  }
  function nodeButton(i) {
    const b = el('button', 'node', nameOf(i));
    b.type = 'button';
    b.title = nodes[i].id;
    b.addEventListener('click', () => select(i, 'search', true));
    return b;
  }
  function sourceCite(id) { return el('span', 'cite', '[' + id + ']'); }

  const REL_PAGE = 60;
  function renderDetails() {
    const i = state.selected;
    details.replaceChildren();
    if (i < 0) { details.hidden = true; return; }
    details.hidden = false;
    const n = nodes[i], kind = KINDS[kindOf[i]];
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.title = 'Close (Esc)';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => select(-1, 'click', true));
    details.append(close);
    const k = el('div', 'kind');
    k.style.color = kind.color;
    k.append(swatch(kind), el('span', null, kind.name));
    details.append(k);
    details.append(el('h2', 'name', nameOf(i)));
    const ident = el('div', 'ident');
    ident.append(el('code', 'id', n.id));
    const when = typeof n.date === 'string' ? n.date : typeof n.year === 'number' ? String(n.year) : null;
    if (when) ident.append(document.createTextNode(' · ' + when));
    details.append(ident);
    if (Array.isArray(n.aliases) && n.aliases.length) details.append(el('p', 'aliases', 'also: ' + n.aliases.join(', ')));
    if (typeof n.summary === 'string') details.append(el('p', 'summary', n.summary));
    if (typeof n.url === 'string') { const u = link(n.url); u.classList.add('url'); details.append(u); }

    // Lineage at a glance.
    const bar = el('div', 'lineage-bar');
    const stat = (count, what) => { const d = el('div', 'stat'); d.append(el('b', null, count), document.createTextNode(what)); return d; };
    bar.append(stat(state.ancestors.length, state.ancestors.length === 1 ? 'ancestor' : 'ancestors'),
      stat(state.descendants.length, state.descendants.length === 1 ? 'descendant' : 'descendants'));
    const tree = el('button', null, state.mode === 'tree' ? 'Back to the landscape' : 'Show the family tree');
    tree.type = 'button';
    tree.addEventListener('click', () => setMode(state.mode === 'tree' ? 'landscape' : 'tree', true));
    bar.append(tree);
    details.append(bar);

    const attrs = n.attributes && typeof n.attributes === 'object' ? Object.keys(n.attributes) : [];
    if (attrs.length) {
      details.append(el('h4', null, 'Attributes'));
      const table = el('table', 'attrs');
      for (const key of attrs) {
        const tr = el('tr');
        tr.append(el('th', null, key), el('td', null, attrText(n.attributes[key])));
        table.append(tr);
      }
      details.append(table);
    }

    const cited = new Set();
    if (typeof n.source === 'string') cited.add(n.source);
    for (const [title, adj, forwards] of [['Relations', OUT, true], ['Referenced by', IN, false]]) {
      const a = adj.start[i], b = adj.start[i + 1];
      if (a === b) continue;
      details.append(el('h4', null, title + ' (' + (b - a) + ')'));
      const ul = el('ul', 'rels');
      const add = (from, to) => {
        for (let k = from; k < to; k++) {
          const e = adj.list[k];
          const rel = RELS[eRel[e]];
          const other = forwards ? eTo[e] : eFrom[e];
          const li = el('li');
          li.style.borderLeftColor = rel.color;
          li.append(el('span', 'phrase', forwards ? rel.phrase : rel.inverse), document.createTextNode(' '), nodeButton(other));
          const src = edges[e].source;
          if (typeof src === 'string') li.append(document.createTextNode(' '), sourceCite(src));
          if (typeof edges[e].note === 'string') li.append(el('span', 'note', edges[e].note));
          ul.append(li);
        }
      };
      add(a, Math.min(b, a + REL_PAGE));
      if (b - a > REL_PAGE) {
        const more = el('button', 'more', 'Show all ' + (b - a));
        more.type = 'button';
        more.addEventListener('click', () => { more.remove(); add(a + REL_PAGE, b); });
        ul.after(more);
        details.append(ul, more);
      } else details.append(ul);
      for (let k = a; k < b; k++) { const src = edges[adj.list[k]].source; if (typeof src === 'string') cited.add(src); }
    }

    const ids = Array.from(cited).sort(cmp);
    if (ids.length) {
      details.append(el('h4', null, 'Sources'));
      const ul = el('ul', 'sources');
      for (const id of ids) {
        const s = SOURCES.get(id);
        const li = el('li');
        li.append(sourceCite(id), document.createTextNode(' '));
        if (!s) { li.append(el('span', 'by', '(not in the bibliography)')); ul.append(li); continue; }
        if (s.link) li.append(link(s.link, s.title)); else li.append(el('span', null, s.title));
        let by = '';
        if (Array.isArray(s.authors) && s.authors.length) by = s.authors.length > 1 ? s.authors[0] + ' et al.' : s.authors[0];
        if (typeof s.year === 'number') by = by ? by + ', ' + s.year : String(s.year);
        if (by) li.append(document.createTextNode(' '), el('span', 'by', '(' + by + ')'));
        ul.append(li);
      }
      details.append(ul);
    }
    details.scrollTop = 0;
  }

  // ---------------------------------------------------------------------------------------
  // Legend and filters (the schema's styles, with counts)

  function kindSwatch(kind) {
    const c = document.createElement('canvas');
    const d = window.devicePixelRatio || 1;
    c.width = 22 * d; c.height = 14 * d;
    c.style.width = '22px'; c.style.height = '14px';
    c.className = 'swatch';
    const g = c.getContext('2d');
    g.setTransform(d, 0, 0, d, 0, 0);
    g.beginPath();
    shapePath(g, kind.shape, 11, 7.5, 18, 9);
    g.fillStyle = kind.fill; g.fill();
    g.strokeStyle = kind.color; g.lineWidth = 1.3; g.stroke();
    return c;
  }
  function relSwatch(rel) {
    const c = document.createElement('canvas');
    const d = window.devicePixelRatio || 1;
    c.width = 26 * d; c.height = 12 * d;
    c.style.width = '26px'; c.style.height = '12px';
    c.className = 'swatch';
    const g = c.getContext('2d');
    g.setTransform(d, 0, 0, d, 0, 0);
    g.strokeStyle = rel.color;
    g.lineWidth = lineWidth(rel.style) * 1.1;
    g.setLineDash(dash(rel.style));
    g.lineCap = rel.style === 'dotted' ? 'round' : 'butt';
    g.beginPath(); g.moveTo(1, 6); g.lineTo(20, 6); g.stroke();
    g.setLineDash([]);
    g.fillStyle = rel.color;
    g.beginPath(); g.moveTo(25, 6); g.lineTo(19, 3); g.lineTo(19, 9); g.closePath(); g.fill();
    return c;
  }
  function toggleList(ul, items, onChange) {
    for (const it of items) {
      const li = el('li');
      const lab = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = true;
      box.value = it.name;
      box.dataset.name = it.name;
      box.addEventListener('change', () => { li.classList.toggle('off', !box.checked); onChange(it.index, box.checked); });
      lab.title = it.title;
      lab.append(box, it.swatch, el('span', 'label', it.label), el('span', 'count', it.count));
      li.append(lab);
      ul.append(li);
    }
  }

  function buildFilters() {
    const kindCount = new Array(KINDS.length).fill(0);
    for (let i = 0; i < N; i++) kindCount[kindOf[i]]++;
    toggleList(document.getElementById('kinds'),
      KINDS.map((k, index) => ({ index, name: k.name, label: k.name, title: k.description || k.name, count: kindCount[index], swatch: kindSwatch(k) }))
        .filter((x) => x.count > 0),
      (index, on) => { state.kindOn[index] = on; filtersChanged(true); });
    const relCount = new Array(RELS.length).fill(0);
    for (let e = 0; e < E; e++) relCount[eRel[e]]++;
    toggleList(document.getElementById('relations'),
      RELS.map((r, index) => ({ index, name: r.name, label: r.phrase, title: r.name + (r.lineage ? ' (lineage)' : ''), count: relCount[index], swatch: relSwatch(r) }))
        .filter((x) => x.count > 0),
      (index, on) => { state.relOn[index] = on; filtersChanged(true); });
    const org = document.getElementById('org');
    const orgs = Array.from(orgCount.keys()).sort((a, b) => orgCount.get(b) - orgCount.get(a) || cmp(nameOf(a), nameOf(b)) || cmp(nodes[a].id, nodes[b].id));
    if (!orgs.length) document.getElementById('org-section').hidden = true;
    for (const o of orgs) {
      const opt = el('option', null, nameOf(o).replace(/\s+/g, ' ') + ' (' + orgCount.get(o) + ')');
      opt.value = nodes[o].id;
      org.append(opt);
    }
    org.addEventListener('change', () => { state.org = org.value ? byId.get(org.value) : -1; filtersChanged(true); });
    const from = document.getElementById('year-from'), to = document.getElementById('year-to');
    if (yearMin <= yearMax) {
      for (const input of [from, to]) { input.min = yearMin; input.max = yearMax; }
      from.placeholder = yearMin; to.placeholder = yearMax;
    }
    const readYear = (input) => (input.value.trim() === '' || isNaN(+input.value) ? null : Math.trunc(+input.value));
    for (const input of [from, to]) {
      input.addEventListener('change', () => { state.from = readYear(from); state.to = readYear(to); filtersChanged(true); });
    }
    document.getElementById('reset').addEventListener('click', () => setFilters(null, true));
  }

  function syncFilterInputs() {
    for (const box of document.querySelectorAll('#kinds input')) {
      box.checked = state.kindOn[kindIndex.get(box.dataset.name)];
      box.closest('li').classList.toggle('off', !box.checked);
    }
    for (const box of document.querySelectorAll('#relations input')) {
      box.checked = state.relOn[relIndex.get(box.dataset.name)];
      box.closest('li').classList.toggle('off', !box.checked);
    }
    document.getElementById('org').value = state.org >= 0 ? nodes[state.org].id : '';
    document.getElementById('year-from').value = state.from === null ? '' : state.from;
    document.getElementById('year-to').value = state.to === null ? '' : state.to;
  }

  function filtersChanged(animate) {
    applyFilters();
    rebuildLandscape();
    state.hover = -1;
    if (state.mode === 'tree') {
      const tree = treeScene();
      show(tree, fitView(tree, null, 1.4), animate);
    } else show(landscape, fitView(landscape), animate);
    updateCounts();
  }

  function setFilters(f, animate) {
    if (f === null) f = { kinds: KINDS.map((k) => k.name), relations: RELS.map((r) => r.name), organization: null, from: null, to: null };
    f = f || {};
    if (Array.isArray(f.kinds)) state.kindOn = KINDS.map((k) => f.kinds.includes(k.name));
    if (Array.isArray(f.relations)) state.relOn = RELS.map((r) => f.relations.includes(r.name));
    if ('organization' in f) state.org = f.organization === null || f.organization === '' ? -1 : resolve(f.organization);
    if ('from' in f) state.from = typeof f.from === 'number' ? f.from : null;
    if ('to' in f) state.to = typeof f.to === 'number' ? f.to : null;
    syncFilterInputs();
    filtersChanged(animate);
    return filterState();
  }
  function filterState() {
    return {
      kinds: KINDS.filter((_, k) => state.kindOn[k]).map((k) => k.name),
      relations: RELS.filter((_, r) => state.relOn[r]).map((r) => r.name),
      organization: state.org >= 0 ? nodes[state.org].id : null,
      from: state.from,
      to: state.to,
    };
  }

  function updateCounts() {
    const shown = scene ? scene.members.length : 0, lines = scene ? scene.edges.length : 0;
    const text = state.mode === 'tree'
      ? 'Family tree: ' + shown + ' nodes, ' + lines + ' edges'
      : shown + ' of ' + N + ' nodes, ' + lines + ' of ' + E + ' edges shown';
    document.getElementById('counts').textContent = text;
    document.getElementById('empty').hidden = shown > 0;
  }

  // ---------------------------------------------------------------------------------------
  // Search box

  const input = document.getElementById('search');
  const results = document.getElementById('results');
  let found = [], active = -1;
  function showResults() {
    found = searchIndices(input.value).slice(0, 40);
    active = found.length ? 0 : -1;
    results.replaceChildren();
    if (!input.value.trim()) { closeResults(); return; }
    if (!found.length) {
      results.append(el('li', 'none', 'No node matches'));
    }
    found.forEach((i, k) => {
      const kind = KINDS[kindOf[i]];
      const li = el('li');
      li.setAttribute('role', 'option');
      li.id = 'result-' + k;
      li.dataset.id = nodes[i].id;
      const meta = kind.name + (typeof nodes[i].year === 'number' ? ' · ' + nodes[i].year : '') + (state.visible[i] ? '' : ' · filtered out');
      const name = el('span', 'name', nameOf(i));
      li.append(swatch(kind), name);
      if (nameOf(i) !== nodes[i].id) li.append(el('span', 'id', nodes[i].id));
      li.append(el('span', 'meta', meta));
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(k); });
      results.append(li);
    });
    results.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    markActive();
  }
  function markActive() {
    Array.from(results.children).forEach((li, k) => li.setAttribute('aria-selected', k === active ? 'true' : 'false'));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', 'result-' + active);
      const li = results.children[active];
      if (li && li.scrollIntoView) li.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }
  function closeResults() {
    results.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }
  function choose(k) {
    const i = found[k];
    if (i === undefined) return;
    closeResults();
    input.blur();
    select(i, 'search', true);
  }
  input.addEventListener('input', showResults);
  input.addEventListener('focus', () => { if (input.value.trim()) showResults(); });
  input.addEventListener('blur', closeResults);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (results.hidden) { showResults(); return; }
      if (!found.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : -1) + found.length) % found.length;
      markActive();
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      if (results.hidden) showResults();
      if (found.length) choose(Math.max(0, active));
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      if (!results.hidden) closeResults();
      else { input.value = ''; input.blur(); }
    }
  });

  // ---------------------------------------------------------------------------------------
  // Pointer, wheel and keys on the drawing

  const tip = document.getElementById('tip');
  let drag = null;
  function worldAt(ev) {
    const r = canvas.getBoundingClientRect();
    const px = ev.clientX - r.left, py = ev.clientY - r.top;
    return [px, py, (px - view.tx) / view.s, (py - view.ty) / view.s];
  }
  canvas.addEventListener('pointerdown', (ev) => {
    if (ev.button !== 0) return;
    stopGlide();
    drag = { x: ev.clientX, y: ev.clientY, tx: view.tx, ty: view.ty, moved: false, id: ev.pointerId };
  });
  window.addEventListener('pointermove', (ev) => {
    if (drag && drag.id === ev.pointerId) {
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) > 4) {
        drag.moved = true;
        canvas.classList.add('grabbing');
        try { canvas.setPointerCapture(ev.pointerId); } catch (_) { /* the pointer may be gone */ }
      }
      if (drag.moved) {
        view.tx = drag.tx + dx; view.ty = drag.ty + dy;
        tip.hidden = true;
        moved();
        return;
      }
    }
    if (ev.target !== canvas || !scene) return;
    const [px, py, wx, wy] = worldAt(ev);
    const i = py > AXIS_H ? hit(scene, wx, wy) : -1;
    if (i !== state.hover) {
      state.hover = i;
      canvas.classList.toggle('pointer', i >= 0);
      schedule();
    }
    if (i >= 0) {
      tip.replaceChildren(el('div', null, nameOf(i)), el('div', 'sub', KINDS[kindOf[i]].name + (typeof nodes[i].year === 'number' ? ' · ' + nodes[i].year : '') + ' · ' + nodes[i].id));
      tip.hidden = false;
      const tx = Math.min(px + 14, view.w - tip.offsetWidth - 8), ty = py + 16 + tip.offsetHeight > view.h ? py - tip.offsetHeight - 10 : py + 16;
      tip.style.left = tx + 'px';
      tip.style.top = ty + 'px';
    } else tip.hidden = true;
  });
  window.addEventListener('pointerup', (ev) => {
    if (!drag || drag.id !== ev.pointerId) return;
    const moved = drag.moved;
    drag = null;
    canvas.classList.remove('grabbing');
    if (moved || ev.target !== canvas || !scene) return;
    const [, py, wx, wy] = worldAt(ev);
    const i = py > AXIS_H ? hit(scene, wx, wy) : -1;
    if (i >= 0) select(i, 'click', true);
    else if (state.mode === 'landscape' && state.selected >= 0) select(-1, 'click', true);
  });
  canvas.addEventListener('pointerleave', () => { tip.hidden = true; if (state.hover >= 0) { state.hover = -1; schedule(); } });
  function zoomAt(px, py, factor) {
    stopGlide();
    const s = Math.min(4, Math.max(0.01, view.s * factor));
    const k = s / view.s;
    view.tx = px - (px - view.tx) * k;
    view.ty = py - (py - view.ty) * k;
    view.s = s;
    moved();
  }
  canvas.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    stopGlide();
    const r = canvas.getBoundingClientRect();
    const unit = ev.deltaMode === 1 ? 32 : ev.deltaMode === 2 ? 400 : 1;
    if (ev.ctrlKey || !ev.shiftKey) zoomAt(ev.clientX - r.left, ev.clientY - r.top, Math.exp(-ev.deltaY * unit * 0.0018));
    else { view.tx -= ev.deltaY * unit; moved(); }
  }, { passive: false });
  document.getElementById('zoom-in').addEventListener('click', () => zoomAt(view.w / 2, view.h / 2, 1.35));
  document.getElementById('zoom-out').addEventListener('click', () => zoomAt(view.w / 2, view.h / 2, 1 / 1.35));
  document.getElementById('zoom-fit').addEventListener('click', () => show(scene, fitView(scene), true));
  document.getElementById('mode-overview').addEventListener('click', () => setMode('landscape', true));
  document.getElementById('mode-tree').addEventListener('click', () => setMode('tree', true));

  document.addEventListener('keydown', (ev) => {
    const typing = ev.target instanceof HTMLInputElement || ev.target instanceof HTMLSelectElement || ev.target instanceof HTMLTextAreaElement;
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const pan = 90;
    if (ev.key.startsWith('Arrow')) stopGlide();
    switch (ev.key) {
      case '/': ev.preventDefault(); input.focus(); input.select(); break;
      case 'Escape':
        if (state.mode === 'tree') setMode('landscape', true);
        else if (state.selected >= 0) select(-1, 'click', true);
        break;
      case 'f': if (state.selected >= 0) setMode(state.mode === 'tree' ? 'landscape' : 'tree', true); break;
      case '0': show(scene, fitView(scene), true); break;
      case '+': case '=': zoomAt(view.w / 2, view.h / 2, 1.35); break;
      case '-': case '_': zoomAt(view.w / 2, view.h / 2, 1 / 1.35); break;
      case 'ArrowLeft': view.tx += pan; moved(); break;
      case 'ArrowRight': view.tx -= pan; moved(); break;
      case 'ArrowUp': view.ty += pan; moved(); break;
      case 'ArrowDown': view.ty -= pan; moved(); break;
      default: return;
    }
    if (ev.key.startsWith('Arrow')) ev.preventDefault();
  });

  window.addEventListener('hashchange', () => fromHash(true));
  if (typeof ResizeObserver === 'function') {
    let first = true;
    new ResizeObserver(() => {
      if (first) { first = false; return; }
      const r = stage.getBoundingClientRect();
      if (Math.abs(r.width - view.w) < 0.5 && Math.abs(r.height - view.h) < 0.5) return;
      const cx = (view.w / 2 - view.tx) / view.s, cy = (view.h / 2 - view.ty) / view.s;
      resize();
      view.tx = view.w / 2 - cx * view.s; view.ty = view.h / 2 - cy * view.s;
      draw();
    }).observe(stage);
  }

  // ---------------------------------------------------------------------------------------
  // Start

  document.getElementById('title').textContent = DATA.title || '';
  document.title = DATA.title ? DATA.title + ' — genkg' : 'genkg explorer';
  timings.index = performance.now() - t0 - timings.parse;
  resize();
  buildFilters();
  applyFilters();
  let t1 = performance.now();
  rebuildLandscape();
  timings.layout = performance.now() - t1;
  scene = landscape;
  Object.assign(view, fitView(scene));
  t1 = performance.now();
  if (readHash() !== null) fromHash(false);
  else if (Array.isArray(DATA.focus) && DATA.focus.length === 1 && byId.has(DATA.focus[0])) apply(byId.get(DATA.focus[0]), 'landscape', 'search', false);
  draw();
  updateCounts();
  timings.draw = performance.now() - t1;
  timings.total = performance.now() - t0;

  const api = {
    ready: false,
    timings,
    nodes: () => nodes.map((n) => n.id).sort(cmp),
    search: (text) => searchIndices(text).map((i) => nodes[i].id),
    select: (id) => {
      if (id === null || id === undefined) { select(-1); return null; }
      const i = resolve(String(id));
      if (i < 0) return null;
      select(i, 'search');
      return nodes[i].id;
    },
    selected: () => (state.selected >= 0 ? nodes[state.selected].id : null),
    lineage: () => ({
      ancestors: state.ancestors.map((i) => nodes[i].id).sort(cmp),
      descendants: state.descendants.map((i) => nodes[i].id).sort(cmp),
    }),
    visible: () => (scene ? Array.from(scene.members, (i) => nodes[i].id).sort(cmp) : []),
    visibleEdges: () => (scene ? Array.from(scene.edges, (e) => [nodes[eFrom[e]].id, RELS[eRel[e]].name, nodes[eTo[e]].id]) : []),
    filter: (f) => (f === undefined ? filterState() : setFilters(f)),
    view: (mode) => { if (mode === 'tree' || mode === 'landscape') setMode(mode, false); return state.mode; },
    locate: (id) => {
      const i = byId.has(id) ? byId.get(id) : -1;
      if (i < 0 || !scene || !scene.members.includes(i)) return null;
      const r = canvas.getBoundingClientRect();
      return { x: r.left + scene.x[i] * view.s + view.tx, y: r.top + scene.y[i] * view.s + view.ty };
    },
    gliding: () => glide !== 0,
    nodeAt: (x, y) => {
      if (!scene) return null;
      const r = canvas.getBoundingClientRect();
      const px = x - r.left, py = y - r.top;
      if (px < 0 || py < AXIS_H || px > r.width || py > r.height) return null;
      const i = hit(scene, (px - view.tx) / view.s, (py - view.ty) / view.s);
      return i >= 0 ? nodes[i].id : null;
    },
    draw,
  };
  window.genkg = api;
  api.ready = true;
  timings.readyAt = performance.now(); // since the navigation started
})();
