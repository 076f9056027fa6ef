// avnet serve: the page reads /api/state as JSON and builds the DOM with
// text nodes only; no design string is ever parsed as HTML.
'use strict';

const $ = (sel, root) => (root || document).querySelector(sel);
const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) {
    if (k === null || k === undefined) continue;
    e.append(typeof k === 'string' ? document.createTextNode(k) : k);
  }
  return e;
}

function rate(bps) {
  if (!bps) return '—';
  if (bps >= 1e9) return (bps / 1e9).toFixed(2) + ' Gb/s';
  if (bps >= 1e6) return (bps / 1e6).toFixed(1) + ' Mb/s';
  return (bps / 1e3).toFixed(0) + ' kb/s';
}

let state = null;
let shownRendering = -1;
let selectedFlow = null;

async function refresh() {
  const r = await fetch('/api/state', { cache: 'no-store' });
  if (!r.ok) return;
  state = await r.json();
  render();
}

function render() {
  const c = state.counts;
  document.title = `${c.errors}✖ ${c.warnings}⚠ — ${state.design} — avnet`;
  const st = $('#status');
  st.dataset.phase = state.phase;
  st.textContent = {
    loading: 'loading…', invalid: 'the design does not load', errors: 'errors: nothing generated',
    rendering: 'findings current, drawing…', ok: 'up to date',
  }[state.phase] || state.phase;
  st.dataset.seq = String(state.seq);
  const pb = $('#problem');
  pb.hidden = !state.problem;
  pb.textContent = state.problem || '';
  $('#counts').textContent = `(${c.errors} errors, ${c.warnings} warnings, ${c.infos} infos)`;
  renderFindings();
  const rendering = $('#rendering');
  rendering.classList.toggle('stale', !!state.stale && state.phase !== 'rendering');
  const sn = $('#stale-note');
  sn.hidden = !(state.stale && state.phase !== 'rendering');
  sn.textContent = state.rendering
    ? 'The design has changed and does not build; below is the last design that built.'
    : '';
  if (state.rendering && state.rendering.seq !== shownRendering) {
    shownRendering = state.rendering.seq;
    renderRendering(state.rendering);
  }
}

function renderFindings() {
  const box = $('#findings');
  box.replaceChildren();
  const groups = [['error', 'Errors'], ['warning', 'Warnings'], ['info', 'Infos'], ['off', 'Waived']];
  for (const [sev, title] of groups) {
    const fs = state.findings.filter(f => f.severity === sev);
    if (!fs.length) continue;
    const g = el('div', { class: 'group', 'data-severity': sev }, el('h3', { text: `${title} (${fs.length})` }));
    for (const f of fs) g.append(finding(f));
    box.append(g);
  }
  if (!state.findings.length && state.phase !== 'loading') box.append(el('p', { class: 'note', text: 'No findings.' }));
}

function posText(p) {
  if (!p || !p.file) return '';
  return p.line ? `${p.file}:${p.line}:${p.column}` : p.file;
}

// byteIndex converts a byte offset (CUE columns count bytes) to a string index.
function byteIndex(s, bytes) {
  const enc = new TextEncoder();
  let b = 0, i = 0;
  for (const ch of s) {
    if (b >= bytes) return i;
    b += enc.encode(ch).length;
    i += ch.length;
  }
  return s.length;
}

function finding(f) {
  const d = el('div', { class: 'finding ' + f.severity, 'data-rule': f.rule });
  d.append(el('div', {},
    el('span', { class: 'pos', text: posText(f.pos) }), ' ',
    el('span', { class: 'sev', text: f.severity }), ' ',
    el('code', { class: 'rule', text: f.rule }), ': ',
    el('span', { class: 'msg', text: f.message })));
  if (f.excerpt && f.excerpt.length) {
    const lines = [];
    for (const x of f.excerpt) {
      lines.push(String(x.line).padStart(5) + ' | ' + x.text);
      // The caret keeps the line's tabs so it lines up under the column.
      if (x.line === f.pos.line && f.pos.column > 0) lines.push('      | ' + x.text.slice(0, byteIndex(x.text, f.pos.column - 1)).replace(/[^\t]/g, ' ') + '^');
    }
    d.append(el('pre', { class: 'excerpt', text: lines.join('\n') }));
  }
  for (const r of f.related || []) d.append(el('div', { class: 'related' }, el('span', { class: 'pos', text: posText(r.pos) }), ': ' + r.message));
  if (f.waived) d.append(el('div', { class: 'waived', text: 'waived: ' + f.waived }));
  if (f.hint) d.append(el('div', { class: 'hint', text: 'hint: ' + f.hint }));
  if (f.doc) {
    d.append(el('details', {}, el('summary', { text: f.title || f.rule }),
      f.standard ? el('div', { text: f.standard }) : null, el('div', { text: f.doc })));
  }
  return d;
}

function renderRendering(v) {
  // Diagrams
  const tabs = $('#diagram-tabs');
  const box = $('#diagrams');
  const current = ($('button.on', tabs) || {}).dataset?.name || 'physical';
  tabs.replaceChildren();
  box.replaceChildren();
  for (const name of v.diagrams) {
    tabs.append(el('button', { 'data-name': name, class: name === current ? 'on' : '', text: name, onclick: () => showDiagram(name) }));
    const holder = el('div', { class: 'diagram', 'data-name': name });
    holder.hidden = name !== current;
    box.append(holder);
    loadDiagram(holder, name, v.seq);
  }
  // Flow table
  const fb = $('#flows tbody');
  fb.replaceChildren();
  for (const f of v.flows) {
    fb.append(el('tr', { 'data-flow': f.name, onclick: () => selectFlow(f.name) },
      td(f.name), tdDev(f.sender), td(f.essence), td(f.format || ''), td(rate(f.bps), f.bps),
      tdDevs(f.receivers), td(f.protection || '')));
  }
  // Link loads
  const lb = $('#loads tbody');
  lb.replaceChildren();
  for (const l of v.loads) {
    const pct = l.capacity ? (100 * l.bps / l.capacity) : 0;
    const row = el('tr', { 'data-link': l.link },
      td(l.link), td(l.from), td(l.to), td(rate(l.bps), l.bps), td(rate(l.capacity), l.capacity),
      td(pct.toFixed(1), pct), td(l.flows.join(', ')));
    if (pct > 100) row.children[5].classList.add('over');
    lb.append(row);
  }
  $('#dossier').src = '/dossier?seq=' + v.seq;
  if (selectedFlow) highlight(selectedFlow);
}

function td(text, num) {
  const t = el('td', { text });
  if (num !== undefined) t.dataset.v = String(num);
  return t;
}
function devLink(name) {
  return el('a', { class: 'dev', 'data-device': name, text: name, onclick: (e) => { e.stopPropagation(); openDevice(name); } });
}
function tdDev(name) { return el('td', {}, devLink(name)); }
function tdDevs(names) {
  const t = el('td');
  names.forEach((n, i) => { if (i) t.append(', '); t.append(devLink(n)); });
  t.dataset.v = names.join(', ');
  return t;
}

const XLINK = 'http://www.w3.org/1999/xlink';

// sanitize removes from a drawing what could run or reach out: scripts,
// foreign HTML, event handlers and links that leave the page.
function sanitize(root) {
  for (const bad of root.querySelectorAll('script, foreignObject, iframe, object, embed')) bad.remove();
  for (const e of [root, ...root.querySelectorAll('*')]) {
    for (const a of Array.from(e.attributes)) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) e.removeAttribute(a.name);
      else if ((n === 'href' || n === 'xlink:href') && !a.value.startsWith('#')) e.removeAttributeNode(a);
    }
  }
}

async function loadDiagram(holder, name, seq) {
  const r = await fetch(`/diagram/${encodeURIComponent(name)}.svg?seq=${seq}`, { cache: 'no-store' });
  if (!r.ok) return;
  const doc = new DOMParser().parseFromString(await r.text(), 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') return;
  sanitize(svg);
  const node = document.importNode(svg, true);
  holder.replaceChildren(node);
  panZoom(holder, node);
  node.addEventListener('click', (e) => {
    if (holder.dataset.dragged === '1') return;
    const g = e.target.closest('g.node');
    if (!g) return;
    const t = $('title', g);
    const dev = t && t.textContent;
    if (dev && state.rendering && state.rendering.devices.includes(dev)) openDevice(dev);
  });
  if (selectedFlow) highlight(selectedFlow);
}

// panZoom: the wheel zooms around the pointer, a drag pans.
function panZoom(holder, svg) {
  let s = 1, x = 0, y = 0;
  const apply = () => { svg.style.transform = `translate(${x}px, ${y}px) scale(${s})`; };
  // fit shows the whole drawing; a hidden tab has no size yet, so the
  // tab fits its drawing when it is first shown.
  holder.fit = () => {
    svg.style.transform = '';
    const r = svg.getBoundingClientRect();
    if (!r.width || !holder.clientWidth) return false;
    s = Math.min(1, holder.clientWidth / r.width, holder.clientHeight / r.height);
    x = 0; y = 0;
    apply();
    return true;
  };
  holder.fitted = holder.fit();
  holder.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = holder.getBoundingClientRect();
    const px = e.clientX - r.left, py = e.clientY - r.top;
    const k = Math.exp(-e.deltaY * 0.0015);
    const ns = Math.min(8, Math.max(0.1, s * k));
    x = px - (px - x) * ns / s; y = py - (py - y) * ns / s; s = ns;
    apply();
  }, { passive: false });
  let drag = null;
  holder.addEventListener('mousedown', (e) => { drag = { sx: e.clientX, sy: e.clientY, x, y }; holder.dataset.dragged = '0'; });
  window.addEventListener('mousemove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.sx, dy = e.clientY - drag.sy;
    if (Math.abs(dx) + Math.abs(dy) > 4) holder.dataset.dragged = '1';
    x = drag.x + dx; y = drag.y + dy; apply();
  });
  window.addEventListener('mouseup', () => { drag = null; });
}

function showDiagram(name) {
  for (const b of $$('#diagram-tabs button')) b.classList.toggle('on', b.dataset.name === name);
  for (const d of $$('#diagrams .diagram')) {
    d.hidden = d.dataset.name !== name;
    if (!d.hidden && !d.fitted && d.fit) d.fitted = d.fit();
  }
}

function edgeTokens(g) {
  const a = g.querySelector('a');
  const t = (a && (a.getAttributeNS(XLINK, 'title') || a.getAttribute('xlink:title') || a.getAttribute('title'))) || '';
  const title = $('title', g);
  return new Set((t + ' ' + (title ? title.textContent : '')).split(/[\s,:—→]+/).filter(Boolean));
}

function highlight(name) {
  const f = state && state.rendering && state.rendering.flows.find(x => x.name === name);
  for (const e of $$('#diagrams .hl')) e.classList.remove('hl');
  for (const r of $$('#flows tr.sel')) r.classList.remove('sel');
  if (!f) return;
  const links = new Set(f.links), devs = new Set(f.devices.concat(f.receivers));
  for (const g of $$('#diagrams g.edge')) {
    for (const tok of edgeTokens(g)) if (links.has(tok)) { g.classList.add('hl'); break; }
  }
  for (const g of $$('#diagrams g.node')) {
    const t = $('title', g);
    if (t && devs.has(t.textContent)) g.classList.add('hl');
  }
  const row = $(`#flows tr[data-flow="${CSS.escape(name)}"]`);
  if (row) row.classList.add('sel');
  const note = $('#selected-flow');
  note.hidden = false;
  note.replaceChildren('flow ', el('strong', { text: f.name }), ` (${f.essence}, ${rate(f.bps)}) over ${f.links.length} links: ${f.links.join(', ')}`);
}

function selectFlow(name) {
  selectedFlow = name;
  showTab('diagrams');
  showDiagram('physical');
  highlight(name);
}

function showTab(name) {
  for (const b of $$('#tabs button')) b.classList.toggle('on', b.dataset.tab === name);
  for (const t of $$('#rendering .tab')) t.hidden = t.id !== 'tab-' + name;
  for (const d of $$('#diagrams .diagram')) if (!d.hidden && !d.fitted && d.fit) d.fitted = d.fit();
}

async function openDevice(name) {
  const r = await fetch('/api/device?name=' + encodeURIComponent(name), { cache: 'no-store' });
  if (!r.ok) return;
  const d = await r.json();
  for (const g of $$('#diagrams g.node.sel')) g.classList.remove('sel');
  for (const g of $$('#diagrams g.node')) { const t = $('title', g); if (t && t.textContent === name) g.classList.add('sel'); }
  $('#panel').hidden = false;
  $('#panel-name').textContent = d.name;
  const b = $('#panel-body');
  b.replaceChildren();
  b.append(el('p', { text: [d.role, d.model, d.room].filter(Boolean).join(' · ') }));
  if (d.description) b.append(el('p', { text: d.description }));
  b.append(el('h3', { text: 'Interfaces' }));
  const t = el('table', { id: 'panel-interfaces' }, el('thead', {}, el('tr', {}, ...['port', 'VLANs', 'IP', 'link', 'peer', 'speed'].map(h => el('th', { text: h })))));
  const tb = el('tbody');
  for (const i of d.interfaces) tb.append(el('tr', {}, td(i.name), td(i.vlans.join(', ')), td(i.ip || ''), td(i.link || ''), td(i.peer || ''), td(i.speed || '')));
  t.append(tb);
  b.append(t);
  b.append(el('h3', { text: 'VLANs' }), el('p', { id: 'panel-vlans', text: d.vlans.join(', ') || '—' }));
  const flowList = (id, names) => {
    const p = el('p', { id });
    if (!names.length) p.textContent = '—';
    names.forEach((n, i) => { if (i) p.append(', '); p.append(el('a', { class: 'dev', text: n, onclick: () => selectFlow(n) })); });
    return p;
  };
  b.append(el('h3', { text: 'Flows sent' }), flowList('panel-sends', d.sends));
  b.append(el('h3', { text: 'Flows received' }), flowList('panel-receives', d.receives));
  b.append(el('h3', { text: 'PTP' }), el('p', { id: 'panel-ptp', text: d.ptp.join('; ') || '—' }));
  for (const f of d.files) {
    b.append(el('details', {}, el('summary', { text: f.path }), el('pre', { text: f.text })));
  }
}

function sortable(table) {
  for (const th of $$('th', table)) {
    th.addEventListener('click', () => {
      const i = Array.from(th.parentNode.children).indexOf(th);
      const asc = !th.classList.contains('asc');
      for (const h of $$('th', table)) h.classList.remove('asc', 'desc');
      th.classList.add(asc ? 'asc' : 'desc');
      const num = th.dataset.num === '1';
      const rows = $$('tbody tr', table);
      const key = (r) => { const c = r.children[i]; const v = c.dataset.v !== undefined ? c.dataset.v : c.textContent; return num ? parseFloat(v) || 0 : v; };
      rows.sort((a, b) => { const x = key(a), y = key(b); const o = num ? x - y : String(x).localeCompare(String(y)); return asc ? o : -o; });
      $('tbody', table).append(...rows);
    });
  }
}

document.addEventListener('DOMContentLoaded', () => {
  for (const b of $$('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
  $('#panel-close').addEventListener('click', () => { $('#panel').hidden = true; });
  for (const t of $$('table.sortable')) sortable(t);
  const es = new EventSource('/events');
  es.addEventListener('state', () => refresh());
  refresh();
});
