// The NOC dashboard. Everything comes from /api/v1 with the session cookie; actions send the
// session's CSRF token. The page is rebuilt from each pushed snapshot (no growing state), so it
// can stay open on a wall screen for days.
'use strict';

const state = { csrf: null, role: 'viewer', serverNow: Date.now(), sites: [], previewed: null, events: [],
  charts: {}, prefix: null };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

// "2026-12-03T20:14:42Z, 26 s ago": ISO-8601 UTC with an age, measured on the server's clock.
function iso(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function age(ms) {
  let s = Math.round((state.serverNow - ms) / 1000);
  const future = s < 0;
  s = Math.abs(s);
  let t;
  if (s < 120) t = s + ' s';
  else if (s < 7200) t = Math.round(s / 60) + ' min';
  else if (s < 172800) t = Math.round(s / 3600) + ' h';
  else t = Math.round(s / 86400) + ' d';
  return future ? 'in ' + t : t + ' ago';
}
function when(ms) {
  return ms === null || ms === undefined ? '–' : iso(ms) + ', ' + age(ms);
}

// Colour is never the only carrier: each state has a word and a symbol.
const SYMBOL = { UP: '▲', DOWN: '▼', DEGRADED: '◆', DRAINING: '◇', UNKNOWN: '?', ACTIVE: '●', DRAIN: '◐', DISABLED: '○' };
function badge(word, kind) {
  return el('span', { class: 'badge ' + kind + ' s-' + String(word).toLowerCase() }, (SYMBOL[word] || '•') + ' ' + word);
}

function pct(x) {
  return x === null || x === undefined || Number.isNaN(x) ? '–' : Math.round(x * 100) + ' %';
}

function utilizationText(u) {
  if (!u) return '–';
  if (typeof u === 'number') return pct(u);
  const parts = [];
  for (const [k, v] of Object.entries(u)) {
    if (typeof v === 'number') parts.push(k + ' ' + (k.toLowerCase().includes('util') || v <= 1 ? pct(v) : v));
  }
  return parts.length ? parts.join(', ') : JSON.stringify(u);
}

function capacityText(s, calls) {
  const cap = s.healthyCapacityCalls;
  if (typeof cap !== 'number' || cap <= 0) return s.state === 'DOWN' ? 'none healthy' : utilizationText(s.utilization);
  return pct(typeof s.utilization === 'number' ? s.utilization : calls / cap) + ' (' + calls + ' of ' + Math.round(cap) + ' calls)';
}

function adminCell(site) {
  const cell = el('td', { class: 'admin', 'data-admin': site.adminState }, badge(site.adminState, 'admin'));
  const o = site.adminOverride;
  if (o) {
    const lines = [];
    if (o.untilMillis) lines.push('until ' + when(o.untilMillis));
    lines.push('by ' + o.by + (o.reason ? ': ' + o.reason : ''));
    lines.push('since ' + when(o.sinceMillis));
    cell.append(el('div', { class: 'detail' }, lines.join('; ')));
  }
  return cell;
}

function nodesTable(site) {
  const t = el('table', { class: 'nodes' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Node'), el('th', {}, 'State'), el('th', {}, 'Since'),
      el('th', {}, 'Reason'), el('th', {}, 'Telemetry'), el('th', {}, 'Calls'), el('th', {}, 'Registered'),
      el('th', {}, 'SIP checks'))));
  const body = el('tbody');
  for (const n of site.nodes || []) {
    const sip = el('ul', { class: 'sip' });
    for (const [transport, c] of Object.entries(n.sip || {})) {
      sip.append(el('li', { 'data-transport': transport }, transport + ' ', badge(c.state, 'health'),
        ' ' + (c.lastCheckMillis ? 'checked ' + age(c.lastCheckMillis) : 'not checked yet') +
        (c.detail ? ': ' + c.detail : '')));
    }
    body.append(el('tr', { 'data-node': n.node },
      el('td', {}, n.node),
      el('td', { class: 'health', 'data-health': n.state }, badge(n.state, 'health')),
      el('td', {}, when(n.sinceMillis)),
      el('td', {}, n.reason || ''),
      el('td', {}, n.lastHeartbeatMillis ? 'last heartbeat ' + age(n.lastHeartbeatMillis) : 'never heard from'),
      el('td', {}, n.activeCalls === null || n.activeCalls === undefined ? '–' : n.activeCalls),
      el('td', {}, n.registrations === null || n.registrations === undefined ? '–' : n.registrations),
      el('td', {}, sip)));
  }
  t.append(body);
  return t;
}

function renderStatus(status) {
  state.serverNow = status.atMillis;
  state.sites = status.sites || [];
  document.getElementById('clock').textContent = 'server time ' + iso(status.atMillis);
  const body = document.querySelector('#sites tbody');
  const rows = [];
  for (const s of state.sites) {
    const calls = s.activeCalls !== null && s.activeCalls !== undefined ? s.activeCalls
      : (s.nodes || []).reduce((a, n) => a + (n.activeCalls || 0), 0);
    rows.push(el('tr', { 'data-site': s.site, class: 'site' },
      el('th', { scope: 'row' }, s.site),
      el('td', {}, s.region || ''),
      el('td', { class: 'health', 'data-health': s.state }, badge(s.state, 'health')),
      adminCell(s),
      el('td', {}, capacityText(s, calls)),
      el('td', {}, calls + ' calls, ' + (s.nodes || []).reduce((a, n) => a + (n.registrations || 0), 0) + ' registered'),
      el('td', {}, nodesTable(s))));
  }
  body.replaceChildren(...rows);
  fillSelect(document.getElementById('action-site'), state.sites.map(s => s.site));
  const names = document.getElementById('explain-name');
  const before = names.options.length;
  fillSelect(names, status.names || []);
  if (before === 0 && names.value.startsWith('_')) {
    // an address name first: the A type is what the form starts with
    const plain = (status.names || []).find(n => !n.startsWith('_'));
    if (plain) names.value = plain;
  }
}

function fillSelect(select, values) {
  const now = Array.from(select.options).map(o => o.value);
  if (now.length === values.length && now.every((v, i) => v === values[i])) return;
  const keep = select.value;
  select.replaceChildren(...values.map(v => el('option', { value: v }, v)));
  if (values.includes(keep)) select.value = keep;
}

function renderEvents(events) {
  state.events = events;
  const body = document.querySelector('#events tbody');
  body.replaceChildren(...events.map(e => {
    const at = Date.parse(e.at);
    let what = e.type, where = '', change = '', detail = '';
    if (e.type === 'health') {
      where = e.node ? e.site + ' / ' + e.node : e.site;
      change = e.from + ' → ' + e.to;
      detail = e.reason || '';
    } else if (e.type === 'admin') {
      where = e.site;
      change = e.from + ' → ' + e.to + (e.until ? ' until ' + e.until : '');
      detail = 'by ' + e.by + (e.reason ? ': ' + e.reason : '') + (e.forced ? ' (forced)' : '');
    } else if (e.type === 'config') {
      what = 'config ' + e.kind;
      detail = e.detail || '';
    }
    const whereCell = el('td', {});
    if (e.site) {
      const link = el('a', { href: '#sites-section', class: 'to-site' }, where);
      link.addEventListener('click', ev => { ev.preventDefault(); ev.stopPropagation(); showSite(e.site); });
      whereCell.append(link);
    }
    const tr = el('tr', { class: 'event e-' + e.type + (state.selectedAt === at ? ' selected' : ''),
      'data-site': e.site || null, 'data-at': String(at), title: 'show this moment in the charts' },
      el('td', {}, when(at)), el('td', {}, what), whereCell, el('td', {}, change), el('td', {}, detail));
    tr.addEventListener('click', () => showMoment(at));
    return tr;
  }));
}

// An event's site: its row in the sites table, scrolled to and outlined for a moment.
function showSite(site) {
  const row = document.querySelector('#sites tr[data-site="' + CSS.escape(site) + '"]');
  if (!row) return;
  row.scrollIntoView({ block: 'center' });
  row.classList.add('flash');
  setTimeout(() => row.classList.remove('flash'), 2000);
}

// An event's moment: a bold marker in every chart.
function showMoment(at) {
  state.selectedAt = at;
  for (const c of Object.values(state.charts)) c.redraw(false, false);
  document.getElementById('charts-section').scrollIntoView({ block: 'start' });
  renderEvents(state.events);
}

async function api(method, path) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
  const r = await fetch(path, { method, headers, credentials: 'same-origin' });
  if (r.status === 401) {
    location.assign('/ui/login?m=ended');
    throw new Error('session ended');
  }
  let body = null;
  try { body = await r.json(); } catch (e) { body = { error: 'HTTP ' + r.status }; }
  return { status: r.status, body };
}

function actionPath(preview) {
  const site = document.getElementById('action-site').value;
  const kind = document.getElementById('action-kind').value;
  const q = new URLSearchParams();
  if (kind === 'drain') q.set('for', document.getElementById('action-for').value.trim());
  const reason = document.getElementById('action-reason').value.trim();
  if (reason) q.set('reason', reason);
  if (document.getElementById('action-force').checked) q.set('force', 'true');
  return '/api/v1/sites/' + encodeURIComponent(site) + '/' + kind + (preview ? '/preview' : '') + '?' + q;
}

function previewText(p) {
  const lines = [p.summary || (p.action + ' ' + p.site + ': ' + p.from + ' → ' + p.to)];
  for (const s of p.services || []) {
    for (const m of s.moves || []) {
      lines.push(s.service + ': ' + m.clients + ' client network(s) go from ' + m.from + ' to ' + m.to +
        (m.afterHold ? ' (after the hold time)' : ''));
    }
    for (const l of s.load || []) {
      if (l.utilizationAfter !== null && l.utilizationAfter !== undefined) {
        lines.push(s.service + ': ' + l.site + ' at ' + pct(l.utilizationNow) + ' of capacity now, ' +
          pct(l.utilizationAfter) + ' after');
      }
    }
  }
  if (p.refusal) lines.push('Refused: ' + p.refusal);
  return lines.join('\n');
}

function setupActions() {
  const out = document.getElementById('action-result');
  const apply = document.getElementById('action-apply');
  const kind = document.getElementById('action-kind');
  const forLabel = document.getElementById('action-for-label');
  const invalidate = () => { state.previewed = null; apply.disabled = true; };
  kind.addEventListener('change', () => { forLabel.hidden = kind.value !== 'drain'; invalidate(); });
  for (const id of ['action-site', 'action-for', 'action-reason', 'action-force']) {
    document.getElementById(id).addEventListener('input', invalidate);
    document.getElementById(id).addEventListener('change', invalidate);
  }
  document.getElementById('action-preview').addEventListener('click', async () => {
    const path = actionPath(true);
    const r = await api('POST', path);
    if (r.status === 200) {
      const p = r.body.preview;
      out.replaceChildren(el('pre', { id: 'preview-text' }, 'Preview, nothing changed yet:\n' + previewText(p)));
      document.getElementById('action-force-label').hidden = !p.refusal;
      if (!p.refusal || document.getElementById('action-force').checked) {
        state.previewed = path;
        apply.disabled = false;
      }
    } else {
      out.replaceChildren(el('p', { class: 'error' }, 'Preview refused (' + r.status + '): ' + r.body.error));
      if (r.status === 409) document.getElementById('action-force-label').hidden = false;
    }
  });
  apply.addEventListener('click', async () => {
    if (!state.previewed) return;
    const path = state.previewed.replace('/preview?', '?');
    invalidate();
    const r = await api('POST', path);
    if (r.status === 200) {
      const c = r.body.change;
      out.replaceChildren(el('p', { class: 'done', id: 'action-done' }, 'Done: ' + c.site + ' ' + c.from + ' → ' + c.to +
        (c.until ? ' until ' + c.until : '') + ', by ' + c.by + (c.forced ? ' (forced)' : '')));
    } else {
      out.replaceChildren(el('p', { class: 'error' }, 'Refused (' + r.status + '): ' + r.body.error));
    }
  });
}

function setupExplain() {
  document.getElementById('explain-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const q = new URLSearchParams({
      client: document.getElementById('explain-client').value.trim(),
      name: document.getElementById('explain-name').value,
      type: document.getElementById('explain-type').value,
      format: 'text',
    });
    const r = await fetch('/api/v1/explain?' + q, { headers: { Accept: 'text/plain' }, credentials: 'same-origin' });
    document.getElementById('explain-result').textContent = await r.text();
  });
}

// ---- heat map: client networks by site

function mosClass(m) {
  if (m === null || m === undefined) return 'none';
  return m >= 4.0 ? 'good' : m >= 3.6 ? 'fair' : 'poor';
}

function fixed(x, digits) {
  return x === null || x === undefined ? '–' : Number(x).toFixed(digits);
}

function cellTitle(site, c) {
  const parts = [site + ': MOS ' + fixed(c.mos, 2) + ' (' + c.eligibility.toLowerCase().replace('_', ' ') + ', '
    + c.evidence.toLowerCase().replace('_', ' ') + ')'];
  if (c.rttMs !== undefined) {
    parts.push('RTT ' + fixed(c.rttMs, 1) + ' ms, jitter ' + fixed(c.jitterMs, 1) + ' ms, loss ' +
      fixed(c.loss * 100, 2) + ' %');
    parts.push(fixed(c.samples, 0) + ' samples, measured ' + age(state.serverNow - c.ageMillis) +
      (c.measuredPrefix ? ' for ' + c.measuredPrefix : ''));
  }
  return parts.join('\n');
}

const EXCLUDED = { EXCLUDED_DOWN: 'down', EXCLUDED_FULL: 'full', EXCLUDED_DISABLED: 'disabled', DRAINING: 'drain' };

function renderHeatMap(h) {
  fillSelect(document.getElementById('heatmap-service'), h.services || []);
  const sites = h.sites || [];
  const head = document.querySelector('#heatmap thead');
  head.replaceChildren(el('tr', {}, el('th', {}, 'Client network'), el('th', {}, 'Queries/min'),
    el('th', {}, 'Answered'), ...sites.map(s => el('th', {}, s))));
  const body = document.querySelector('#heatmap tbody');
  const rows = (h.rows || []).map(r => {
    const cells = sites.map(site => {
      const c = r.cells[site];
      if (!c) return el('td', { class: 'mos none' }, '–');
      const mark = r.answered === site ? '★ ' : '';
      const note = EXCLUDED[c.eligibility] ? ' ' + EXCLUDED[c.eligibility] : '';
      return el('td', { class: 'mos ' + mosClass(c.mos) + (r.answered === site ? ' answered' : ''),
        title: cellTitle(site, c), 'data-site': site }, mark + fixed(c.mos, 2) + note);
    });
    const label = r.unmeasured ? 'unmeasured clients (' + r.prefix + ')' : r.prefix;
    const tr = el('tr', { class: 'heat', 'data-prefix': r.prefix, tabindex: '0',
      title: r.rankedFor ? 'answered as ' + r.rankedFor + ' is ranked: the first client of this network asked for' : null },
      el('th', { scope: 'row' }, label), el('td', {}, fixed(r.queriesPerMinute, 0)),
      el('td', { class: 'answered-site' }, r.answered || '–'), ...cells);
    tr.addEventListener('click', () => selectPrefix(r.prefix));
    tr.addEventListener('keydown', ev => { if (ev.key === 'Enter') selectPrefix(r.prefix); });
    return tr;
  });
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { colspan: String(3 + sites.length) },
      'No client network measured or asked yet.')));
  }
  body.replaceChildren(...rows);
}

async function loadHeatMap() {
  const q = new URLSearchParams({ limit: document.getElementById('heatmap-limit').value });
  const service = document.getElementById('heatmap-service').value;
  if (service) q.set('service', service);
  const search = document.getElementById('heatmap-search').value.trim();
  if (search) q.set('search', search);
  const r = await api('GET', '/api/v1/heatmap?' + q);
  if (r.status === 200) renderHeatMap(r.body);
}

function selectPrefix(prefix) {
  state.prefix = prefix;
  document.getElementById('explain-client').value = prefix;
  document.getElementById('explain-form').requestSubmit();
  document.getElementById('explain-section').scrollIntoView({ block: 'start' });
  loadPrefixHistory();
}

// ---- charts of the last hour (uPlot)

const COLOURS = ['#58a6ff', '#3fb950', '#d29922', '#f778ba', '#a371f7', '#ff7b72', '#79c0ff', '#56d364'];

function chart(id, title, seriesNames, data, scale) {
  const target = document.getElementById(id);
  const width = Math.max(300, target.clientWidth || 600);
  const opts = {
    width, height: 200,
    // UTC on the axis and in the legend, like every other time on the page
    tzDate: ts => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    // always the last hour up to the newest point, however few points there are yet
    scales: { x: { time: true, range: (u, min, max) => {
      const end = max === null || max === undefined ? state.serverNow / 1000 : max;
      return [end - 3600, end];
    } }, y: scale || {} },
    axes: [{ stroke: '#9aa7b4', grid: { stroke: '#2d3743' },
             values: (u, splits) => splits.map(v => iso(v * 1000).slice(11, 16)) },
           { stroke: '#9aa7b4', grid: { stroke: '#2d3743' } }],
    series: [{ value: (u, v) => v === null || v === undefined ? '–' : iso(v * 1000) }].concat(seriesNames.map((n, i) => ({ label: n, stroke: COLOURS[i % COLOURS.length], width: 2,
      dash: i % 2 ? [6, 3] : undefined, spanGaps: false,
      // a line needs two points: while there are few, each is drawn as a dot
      points: { show: u => u.data[0].length < 20, size: 7, fill: COLOURS[i % COLOURS.length] } }))),
    hooks: { draw: [u => drawEventMarkers(u)] },
  };
  const old = state.charts[id];
  if (old && old.series.length === seriesNames.length + 1 && old.width === width) {
    old.setData(data);
    return;
  }
  if (old) old.destroy();
  target.replaceChildren();
  state.charts[id] = new uPlot(opts, data, target);
  state.charts[id].width = width;
}

// Health and admin events as vertical markers, so a chart's step can be read against what happened.
function drawEventMarkers(u) {
  const ctx = u.ctx;
  const [min, max] = [u.scales.x.min, u.scales.x.max];
  ctx.save();
  for (const e of state.events) {
    if (e.type !== 'health' && e.type !== 'admin') continue;
    const t = Date.parse(e.at) / 1000;
    if (t < min || t > max) continue;
    const x = Math.round(u.valToPos(t, 'x', true));
    ctx.lineWidth = Date.parse(e.at) === state.selectedAt ? 3 : 1;
    ctx.strokeStyle = e.type === 'admin' ? '#a371f7' : (e.to === 'DOWN' ? '#f85149' : '#3fb950');
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
  }
  ctx.restore();
}

function columns(h, names, suffix, factor) {
  return names.map(n => (h[n + suffix] || []).map(v => v === null ? null : v * (factor || 1)));
}

async function loadHistory() {
  const r = await api('GET', '/api/v1/history');
  if (r.status !== 200) return;
  const h = r.body;
  const t = (h.t || []).map(ms => ms / 1000);
  const sites = state.sites.map(s => s.site);
  chart('chart-share', 'share', sites, [t, ...columns(h, sites, '.share', 100)], { range: [0, 100] });
  chart('chart-mos', 'mos', sites, [t, ...columns(h, sites, '.mos')], { range: [1, 4.5] });
  chart('chart-rtt', 'rtt', sites, [t, ...columns(h, sites, '.rtt_ms')]);
  chart('chart-jitter', 'jitter', sites, [t, ...columns(h, sites, '.jitter_ms')]);
  chart('chart-loss', 'loss', sites, [t, ...columns(h, sites, '.loss', 100)]);
}

async function loadPrefixHistory() {
  if (!state.prefix) return;
  const figs = [document.getElementById('prefix-figure'), document.getElementById('prefix-figure-path')];
  const r = await api('GET', '/api/v1/history?' + new URLSearchParams({ prefix: state.prefix }));
  figs.forEach(f => { f.hidden = false; });
  if (r.status !== 200) {
    document.getElementById('prefix-caption').textContent = state.prefix + ': ' + r.body.error;
    figs[1].hidden = true;
    for (const id of ['chart-prefix', 'chart-prefix-rtt']) {
      if (state.charts[id]) { state.charts[id].destroy(); delete state.charts[id]; }
      document.getElementById(id).replaceChildren();
    }
    return;
  }
  const h = r.body;
  const t = (h.t || []).map(ms => ms / 1000);
  if (t.length === 0) {
    document.getElementById('prefix-caption').textContent = state.prefix + ': no point yet (one a minute)';
    figs[1].hidden = true;
    return;
  }
  const sites = state.sites.map(s => s.site);
  document.getElementById('prefix-caption').textContent = 'Predicted MOS per site for ' + state.prefix + ' (every minute)';
  document.getElementById('prefix-caption-path').textContent = 'RTT (ms) per site for ' + state.prefix +
    ' (hover for the time; jitter and loss in /api/v1/history?prefix=)';
  chart('chart-prefix', 'prefix', sites, [t, ...columns(h, sites, '.mos')], { range: [1, 4.5] });
  chart('chart-prefix-rtt', 'prefix-rtt', sites, [t, ...columns(h, sites, '.rtt_ms')]);
}

// Charts follow the window (a laptop, a NOC wall): resized in place, not rebuilt.
function setupResize() {
  let timer = null;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const [id, c] of Object.entries(state.charts)) {
        const w = Math.max(300, document.getElementById(id).clientWidth || 600);
        c.setSize({ width: w, height: 200 });
        c.width = w;
      }
    }, 200);
  });
}

function setupHeatMap() {
  const reload = () => loadHeatMap();
  document.getElementById('heatmap-form').addEventListener('submit', ev => { ev.preventDefault(); reload(); });
  for (const id of ['heatmap-service', 'heatmap-limit']) {
    document.getElementById(id).addEventListener('change', reload);
  }
  let timer = null;
  document.getElementById('heatmap-search').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(reload, 300);
  });
  // Polled, not pushed: a bounded request every 10 s per open page, the pace the history is sampled at.
  const tick = () => { loadHeatMap(); loadHistory(); loadPrefixHistory(); };
  setInterval(tick, 10_000);
  setTimeout(tick, 500);
}

// The live stream. EventSource retries by itself after a dropped connection; when the server
// refuses the stream (it restarted and the session is gone, or too many streams), it gives up, so
// the page asks who it is: logged out goes to the login page, anything else retries in a while.
function connect() {
  const live = document.getElementById('live');
  const source = new EventSource('/api/v1/stream');
  source.addEventListener('open', () => { live.textContent = 'live'; live.className = 'live on'; });
  source.addEventListener('error', () => {
    live.textContent = 'reconnecting…';
    live.className = 'live off';
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(async () => {
        try {
          await api('GET', '/api/v1/session'); // a 401 goes to the login page
        } catch (e) { /* the server is away: try the stream again */ }
        connect();
      }, 5000);
    }
  });
  source.addEventListener('status', m => renderStatus(JSON.parse(m.data)));
  source.addEventListener('events', m => renderEvents(JSON.parse(m.data)));
  source.addEventListener('logout', () => { source.close(); location.assign('/ui/login?m=ended'); });
}

async function start() {
  const r = await api('GET', '/api/v1/session');
  state.csrf = r.body.csrf;
  state.role = r.body.role;
  document.getElementById('who').textContent = r.body.user + ' (' + r.body.role + ')';
  document.getElementById('logout-csrf').value = state.csrf;
  document.getElementById('actions-section').hidden = !(state.role === 'operator' || state.role === 'admin');
  setupActions();
  setupExplain();
  setupHeatMap();
  setupResize();
  connect();
}

document.addEventListener('DOMContentLoaded', start);
