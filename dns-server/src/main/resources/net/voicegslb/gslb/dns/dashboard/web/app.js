// The NOC dashboard. Everything comes from /api/v1 with the session cookie; actions send the
// session's CSRF token. The page is rebuilt from each pushed snapshot (no growing state), so it
// can stay open on a wall screen for days.
'use strict';

const state = { csrf: null, role: 'viewer', serverNow: Date.now(), sites: [], previewed: null };

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
      el('th', {}, 'Reason'), el('th', {}, 'Telemetry'), el('th', {}, 'Calls'), el('th', {}, 'SIP checks'))));
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
      el('td', {}, calls),
      el('td', {}, nodesTable(s))));
  }
  body.replaceChildren(...rows);
  fillSelect(document.getElementById('action-site'), state.sites.map(s => s.site));
  fillSelect(document.getElementById('explain-name'), status.names || []);
}

function fillSelect(select, values) {
  const now = Array.from(select.options).map(o => o.value);
  if (now.length === values.length && now.every((v, i) => v === values[i])) return;
  const keep = select.value;
  select.replaceChildren(...values.map(v => el('option', { value: v }, v)));
  if (values.includes(keep)) select.value = keep;
}

function renderEvents(events) {
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
    return el('tr', { class: 'event e-' + e.type, 'data-site': e.site || null },
      el('td', {}, when(at)), el('td', {}, what), el('td', {}, where), el('td', {}, change), el('td', {}, detail));
  }));
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

function connect() {
  const live = document.getElementById('live');
  const source = new EventSource('/api/v1/stream');
  source.addEventListener('open', () => { live.textContent = 'live'; live.className = 'live on'; });
  source.addEventListener('error', () => { live.textContent = 'reconnecting…'; live.className = 'live off'; });
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
  connect();
}

document.addEventListener('DOMContentLoaded', start);
