// The rtpmesh admin console: nodes, a chart, the call list and call details, live over the
// event-bus bridge. Reads need nothing; actions carry the admin token (kept for this tab only).
'use strict';
const CMD = 'rtpmesh.admin.cmd';
const EVENTS = 'rtpmesh.admin.events';
const $ = (id) => document.getElementById(id);
const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
const bus = new EventBus(scheme + '//' + location.host + '/admin/eventbus/websocket');
let token = sessionStorage.getItem('rtpmesh-token') || '';
let canAct = false;
let history = [];
let shownCall = null;

function esc(s) {
  return String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}
function num(n, digits) { return n == null ? 'n/a' : Number(n).toLocaleString('en', {maximumFractionDigits: digits || 0}); }
function ago(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 60 ? s + ' s' : s < 3600 ? Math.floor(s / 60) + ' min' : Math.floor(s / 3600) + ' h';
}
function say(text, error) { $('message').textContent = text; $('message').className = error ? 'error' : ''; }
function ask(op, body) {
  return bus.request(CMD, Object.assign({op}, body || {}), token ? {token} : {});
}
function act(op, body, done) {
  ask(op, body).then((r) => { say(done(r)); refreshCalls(); })
    .catch((e) => say(op + ' refused: ' + e.message + ' (' + e.failureCode + ')', true));
}

bus.onopen = () => {
  $('link').textContent = 'live';
  $('link').className = 'badge on';
  ask('overview').then((o) => { history = o.history || []; nodes(o); drawChart(); });
  checkAccess();
  refreshCalls();
};
bus.onclose = () => { $('link').textContent = 'disconnected'; $('link').className = 'badge off'; };
bus.register(EVENTS, (o) => {
  history.push(o.total);
  if (history.length > 600) history.shift();
  nodes(o);
  drawChart();
});

function checkAccess() {
  ask('whoami').then((w) => {
    canAct = w.rw;
    $('access').textContent = w.rw ? 'admin' : w.tokenSet ? 'read-only (give the token)' : 'read-only (no --admin-token)';
    $('access').className = 'badge' + (w.rw ? ' rw' : '');
    document.querySelectorAll('button.action').forEach((b) => { b.disabled = !canAct; });
  });
}
$('tokenForm').addEventListener('submit', (e) => {
  e.preventDefault();
  token = $('token').value;
  sessionStorage.setItem('rtpmesh-token', token);
  checkAccess();
});

function nodes(o) {
  $('where').textContent = o.nodes.length + (o.nodes.length === 1 ? ' node' : ' nodes');
  $('nodes').tBodies[0].innerHTML = o.nodes.map((n) => {
    const load = n.maxSessions > 0 ? Math.round(100 * n.calls / n.maxSessions) + ' %' : 'no limit';
    return `<tr data-node="${esc(n.nodeId)}"><td>${esc(n.nodeId)}</td><td class="num">${num(n.calls)}</td>
      <td>${load}</td><td class="num">${n.cpu >= 0 ? num(100 * n.cpu, 1) + ' %' : 'n/a'}</td>
      <td class="num">${num(n.pps)}</td><td class="num">${num(n.eps)}</td><td class="num">${num(n.errors)}</td>
      <td class="num">${num(n.drops)}</td><td class="num">${num(n.portsUsed)}</td><td class="num">${num(n.lagMs, 1)} ms</td>
      <td>${n.standby ? 'standby' : 'active'}</td>
      <td><button class="action standby" ${canAct ? '' : 'disabled'} data-on="${!n.standby}">${n.standby ? 'Resume' : 'Drain'}</button></td></tr>`;
  }).join('');
}
$('nodes').addEventListener('click', (e) => {
  const b = e.target.closest('button.standby');
  if (!b) return;
  const node = b.closest('tr').dataset.node;
  act('standby', {nodeId: node, on: b.dataset.on === 'true'}, (r) => 'node ' + r['node-id'] + ' standby ' + r.standby);
});

let searchTimer;
$('search').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(refreshCalls, 250); });
function refreshCalls() {
  ask('calls', {q: $('search').value, limit: 200}).then(calls).catch((e) => say('call list: ' + e.message, true));
}
setInterval(() => { if (bus.open) refreshCalls(); }, 2000);

function calls(r) {
  $('callCount').textContent = r.matched + ' shown' + (r.unreachable && r.unreachable.length ? ', nodes not answering: ' + r.unreachable.join(' ') : '');
  $('calls').tBodies[0].innerHTML = r.calls.map((c) => `<tr data-call-id="${esc(c.callId)}">
      <td><a href="#" class="show">${esc(c.callId)}</a></td><td>${esc(c.node)}</td><td>${ago(c.created)}</td>
      <td>${c.tags.map(esc).join(', ')}</td><td class="num">${c.streams}</td><td class="num">${num(c.packets)}</td>
      <td class="num">${num(c.errors)}</td>
      <td><button class="action terminate danger" ${canAct ? '' : 'disabled'}>Terminate</button>
        <button class="action reanchor" ${canAct ? '' : 'disabled'}>Re-anchor</button>
        <button class="record" disabled title="recording is not supported yet">Record</button></td></tr>`).join('');
  if (shownCall) showCall(shownCall, true);
}
$('calls').addEventListener('click', (e) => {
  const row = e.target.closest('tr[data-call-id]');
  if (!row) return;
  const callId = row.dataset.callId;
  if (e.target.classList.contains('show')) { e.preventDefault(); showCall(callId); }
  if (e.target.classList.contains('terminate')) act('terminate', {callId}, () => 'call ' + callId + ' terminated');
  if (e.target.classList.contains('reanchor')) {
    act('reanchor', {callId}, (r) => 'call ' + callId + ' moved to new ports; re-INVITE ' + Object.keys(r.sdp || {}).join(' and ') + ' with the new SDP');
  }
});

function showCall(callId, quiet) {
  ask('call', {callId}).then((r) => {
    shownCall = callId;
    $('detailBox').hidden = false;
    $('detailId').textContent = callId;
    $('detail').innerHTML = r.call.parties.map((p) => `<div class="party"><h3>party ${esc(p.tag)}</h3>
      <table><thead><tr><th>media</th><th>local</th><th>SDP remote</th><th>learned</th><th>codecs</th><th>crypto</th>
        <th>ICE</th><th class="num">packets</th><th class="num">bytes</th><th class="num">RTCP</th><th class="num">errors</th>
        <th>loss</th><th>jitter</th></tr></thead><tbody>
      ${p.medias.map((m) => `<tr><td>#${m.index} ${esc(m.type)} ${esc(m.protocol)}</td><td>${esc(m.local)}</td>
        <td>${esc(m.sdpRemote)}</td><td>${esc(m.learned || '-')}</td><td>${m.codecs.map(esc).join(', ')}</td>
        <td>${esc(m.crypto || 'none')}</td><td>${esc(m.ice || '-')}</td><td class="num">${num(m.packets)}</td>
        <td class="num">${num(m.bytes)}</td><td class="num">${num(m.rtcpPackets)}</td><td class="num">${num(m.errors)}</td>
        <td>${m.loss == null ? 'n/a' : num(m.loss)}</td><td>${m.jitter == null ? 'n/a' : num(m.jitter)}</td></tr>`).join('')}
      </tbody></table></div>`).join('') + '<p><small>Loss and jitter are not measured yet; no MOS.</small></p>';
  }).catch((e) => {
    if (e.failureCode === 404) { shownCall = null; $('detailBox').hidden = true; if (!quiet) say('call ' + callId + ' is gone', true); }
  });
}
$('closeDetail').addEventListener('click', () => { shownCall = null; $('detailBox').hidden = true; });

function drawChart() {
  const c = $('chart');
  const g = c.getContext('2d');
  const w = c.width;
  const h = c.height;
  g.clearRect(0, 0, w, h);
  g.font = '11px sans-serif';
  if (history.length < 2) { g.fillStyle = '#888'; g.fillText('collecting...', 10, 20); return; }
  const t0 = history[0].t;
  const span = Math.max(60000, history[history.length - 1].t - t0);
  const line = (key, color, right) => {
    const max = Math.max(1, ...history.map((p) => p[key]));
    g.strokeStyle = color;
    g.lineWidth = 2;
    g.beginPath();
    history.forEach((p, i) => {
      const x = 40 + (w - 90) * (p.t - t0) / span;
      const y = h - 20 - (h - 35) * p[key] / max;
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();
    g.fillStyle = color;
    g.fillText(num(max), right ? w - 45 : 2, 12);
  };
  g.strokeStyle = '#ddd';
  g.beginPath(); g.moveTo(40, h - 20); g.lineTo(w - 50, h - 20); g.stroke();
  g.fillStyle = '#666';
  g.fillText('-' + Math.round(span / 60000) + ' min', 40, h - 5);
  g.fillText('now', w - 75, h - 5);
  line('calls', '#1565c0', false);
  line('pps', '#ef6c00', true);
}
