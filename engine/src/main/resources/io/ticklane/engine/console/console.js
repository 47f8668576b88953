// ticklane ops console: polls the read-only JSON API once a second and renders the counters and the per-stage
// latency percentile distributions. No external libraries: the plot is plain SVG.
'use strict';

(function () {
  const REFRESH_MS = 1000;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
  // Counters whose non-zero value deserves attention (see docs/OPERATIONS.md, Counters).
  const ATTENTION = /gaps|duplicates|malformed|full|errors|stalls|clamped|recoveries|rejected/;
  const PLOT = { width: 960, height: 420, left: 70, right: 44, top: 16, bottom: 44 };

  const state = { refreshes: 0, previous: new Map(), previousMs: 0, latency: null };

  function el(id) { return document.getElementById(id); }

  function svg(name, attrs, parent) {
    const node = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) { node.setAttribute(k, v); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function td(row, text, cls) {
    const cell = document.createElement('td');
    cell.textContent = text;
    if (cls) { cell.className = cls; }
    row.appendChild(cell);
    return cell;
  }

  function duration(ms) {
    if (ms < 1000) { return Math.max(0, Math.round(ms)) + ' ms'; }
    const s = Math.floor(ms / 1000);
    const pad = (n) => String(n).padStart(2, '0');
    return pad(Math.floor(s / 3600)) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
  }

  function renderStatus(c) {
    const pill = el('engine-state');
    pill.textContent = c.state;
    pill.className = 'pill ' + c.state;
    el('engine-pid').textContent = c.pid ? 'pid ' + c.pid : (c.problem || '');
    el('engine-uptime').textContent = c.startMs ? 'up ' + duration(c.heartbeatMs - c.startMs) : '';
    el('engine-heartbeat').textContent = c.heartbeatMs ? 'heartbeat ' + duration(c.nowMs - c.heartbeatMs) + ' ago' : '';
    el('counters-path').textContent = c.path;
  }

  function renderCounters(c) {
    renderStatus(c);
    const body = el('counters-body');
    const elapsedSec = state.previousMs ? (c.nowMs - state.previousMs) / 1000 : 0;
    body.textContent = '';
    let group = null;
    // Areas together (type ranges), then allocation order, whatever order the engine allocated them in.
    const area = (counter) => Math.floor(counter.type / 100);
    const sorted = c.counters.slice().sort((a, b) => area(a) - area(b) || a.id - b.id);
    for (const counter of sorted) {
      const row = document.createElement('tr');
      row.dataset.label = counter.label;
      row.dataset.value = String(counter.value);
      const before = state.previous.get(counter.id);
      row.dataset.firstValue = String(before ? before.first : counter.value);
      if (counter.group !== group) { row.classList.add('group-start'); group = counter.group; }
      if (counter.value > 0 && ATTENTION.test(counter.label)) { row.classList.add('attention'); }
      td(row, counter.group);
      td(row, counter.label);
      td(row, counter.value.toLocaleString('en-US'), 'num');
      const rate = before && elapsedSec > 0 ? (counter.value - before.value) / elapsedSec : null;
      td(row, rate === null ? '' : Math.round(rate).toLocaleString('en-US'), 'num');
      body.appendChild(row);
      state.previous.set(counter.id, { value: counter.value, first: before ? before.first : counter.value });
    }
    body.dataset.rows = String(c.counters.length);
    state.previousMs = c.nowMs;
  }

  // x position of a percentile on HdrHistogram's plot axis: log10(1 / (1 - percentile)).
  function decades(percentile) {
    const rest = 1 - percentile / 100;
    return rest <= 0 ? Infinity : Math.log10(1 / rest);
  }

  function percentileLabel(decade) {
    if (decade === 0) { return '0%'; }
    return (100 - 100 / Math.pow(10, decade)).toFixed(Math.max(0, decade - 2)) + '%';
  }

  function renderLatency() {
    const l = state.latency;
    if (!l) { return; }
    const view = document.querySelector('input[name="view"]:checked').value;
    const logY = el('log-y').checked;
    el('window-length').textContent = Math.round(l.windowMs / 1000) + ' s';
    el('hlog-path').textContent = (l.problem ? l.problem + ' - ' : '') + 'histogram log: ' + l.path +
      (l.latestMs ? ', latest interval ends ' + new Date(l.latestMs).toLocaleTimeString() : ', no intervals yet');
    const series = l.stages.map((s, i) => ({ tag: s.tag, color: COLORS[i % COLORS.length], d: s[view] }));
    drawPlot(series.filter((s) => s.d.count > 0), logY);
    drawTable(series);
  }

  function drawPlot(series, logY) {
    const plot = el('latency-plot');
    plot.textContent = '';
    const w = PLOT.width - PLOT.left - PLOT.right;
    const h = PLOT.height - PLOT.top - PLOT.bottom;
    const maxCount = Math.max(1, ...series.map((s) => s.d.count));
    const xMax = Math.min(6, Math.max(2, Math.ceil(Math.log10(maxCount))));
    const maxUs = Math.max(0.001, ...series.map((s) => s.d.max / 1000));
    const minUs = Math.max(0.001, Math.min(...series.map((s) => Math.max(1, s.d.points[0][1]) / 1000), maxUs));
    const yLow = logY ? Math.floor(Math.log10(minUs)) : 0;
    const yHigh = logY ? Math.ceil(Math.log10(maxUs * 1.05)) : niceCeiling(maxUs);
    const xOf = (p) => PLOT.left + w * Math.min(decades(p), xMax) / xMax;
    const yOf = (us) => {
      const v = logY ? Math.log10(Math.max(us, Math.pow(10, yLow))) : us;
      return PLOT.top + h - h * (v - yLow) / (yHigh - yLow || 1);
    };
    for (let d = 0; d <= xMax; d++) {
      const x = PLOT.left + w * d / xMax;
      svg('line', { x1: x, y1: PLOT.top, x2: x, y2: PLOT.top + h, class: 'grid' }, plot);
      svg('text', { x: x, y: PLOT.top + h + 16, 'text-anchor': 'middle' }, plot).textContent = percentileLabel(d);
    }
    const yTicks = logY ? range(yLow, yHigh).map((e) => Math.pow(10, e)) : range(0, 5).map((i) => yHigh * i / 5);
    for (const us of yTicks) {
      const y = yOf(us);
      svg('line', { x1: PLOT.left, y1: y, x2: PLOT.left + w, y2: y, class: 'grid' }, plot);
      svg('text', { x: PLOT.left - 6, y: y + 4, 'text-anchor': 'end' }, plot).textContent = formatUs(us);
    }
    svg('line', { x1: PLOT.left, y1: PLOT.top + h, x2: PLOT.left + w, y2: PLOT.top + h, class: 'axis' }, plot);
    svg('line', { x1: PLOT.left, y1: PLOT.top, x2: PLOT.left, y2: PLOT.top + h, class: 'axis' }, plot);
    svg('text', { x: PLOT.left + w / 2, y: PLOT.height - 6, 'text-anchor': 'middle' }, plot).textContent =
      'percentile (log scale of 1/(1-percentile))';
    svg('text', { x: 14, y: PLOT.top + h / 2, transform: 'rotate(-90 14 ' + (PLOT.top + h / 2) + ')',
      'text-anchor': 'middle' }, plot).textContent = 'latency';
    let points = 0;
    for (const s of series) {
      const path = s.d.points.map((pt, i) =>
        (i ? 'L' : 'M') + xOf(pt[0]).toFixed(1) + ',' + yOf(pt[1] / 1000).toFixed(1));
      svg('path', { d: path.join(' '), class: 'series', stroke: s.color, 'data-tag': s.tag,
        'data-points': s.d.points.length }, plot);
      points += s.d.points.length;
    }
    plot.dataset.series = String(series.length);
    plot.dataset.points = String(points);
    const legend = el('legend');
    legend.textContent = '';
    for (const s of series) {
      const item = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.background = s.color;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.tag));
      legend.appendChild(item);
    }
  }

  function drawTable(series) {
    const body = el('percentiles-body');
    body.textContent = '';
    for (const s of series) {
      const row = document.createElement('tr');
      row.dataset.tag = s.tag;
      row.dataset.count = String(s.d.count);
      td(row, s.tag);
      td(row, s.d.count.toLocaleString('en-US'));
      for (const key of ['mean', 'p50', 'p90', 'p99', 'p999', 'p9999', 'max']) {
        td(row, s.d.count > 0 ? (s.d[key] / 1000).toFixed(2) : '-');
      }
      body.appendChild(row);
    }
  }

  function range(from, to) {
    const out = [];
    for (let i = from; i <= to; i++) { out.push(i); }
    return out;
  }

  function niceCeiling(v) {
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) { if (m * p >= v) { return m * p; } }
    return 10 * p;
  }

  function formatUs(us) {
    if (us >= 1000) { return (us / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' ms'; }
    return us.toLocaleString('en-US', { maximumFractionDigits: 3 }) + ' us';
  }

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) { throw new Error(path + ': HTTP ' + response.status); }
    return response.json();
  }

  async function refresh() {
    try {
      const [counters, latency] = await Promise.all([getJson('api/counters'), getJson('api/latency')]);
      renderCounters(counters);
      state.latency = latency;
      renderLatency();
      el('error').hidden = true;
      state.refreshes++;
      document.body.dataset.refreshes = String(state.refreshes);
      el('refreshed').textContent = 'refreshed ' + new Date().toLocaleTimeString();
    } catch (e) {
      el('error').hidden = false;
      el('error').textContent = 'cannot reach the console server: ' + e.message;
    } finally {
      setTimeout(refresh, REFRESH_MS);
    }
  }

  document.querySelectorAll('input[name="view"], #log-y').forEach((i) => i.addEventListener('change', renderLatency));
  refresh();
}());
