// The console's figures, printed, never asserted (this machine is shared and noisy):
//  1. first-load size: the JavaScript and CSS a browser downloads before the sign-in page, gzipped as the edge serves them;
//  2. time to a usable My work with N tickets (500): from navigation to every row drawn, beside the same API calls
//     made raw from Node in the same run;
//  3. the delay from an assignment to its row appearing in an open browser, at R assignments/s (20), beside the
//     delay of a raw SSE client on the same stream.
// Needs the platform running (./tierdesk up). Usage: node e2e/bench.mjs [tickets] [rate] [assignments]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import zlib from 'node:zlib';
import { launch, launcherToken, path, person } from './browser.mjs';

const here = import.meta.dirname;
const base = Number(process.env.TIERDESK_PORT_BASE ?? 8080);
const consoleUrl = `http://127.0.0.1:${base}`;
const [tickets = 500, rate = 20, assignments = 200] = process.argv.slice(2).map(Number);
const run = Date.now().toString(36);
const agentId = `bench-${run}`;
const supervisor = launcherToken('supervisor', 'pavel');
const agent = launcherToken('agent', agentId);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const ms = (x) => `${x.toFixed(0)} ms`;

async function api(method, url, who, body, key) {
  const r = await fetch(`${consoleUrl}${url}`, { method, headers: { Authorization: `Bearer ${who}`, 'Content-Type': 'application/json',
    ...(key ? { 'Idempotency-Key': key } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

function register(i) {
  return api('POST', '/intake/api/v1/tickets', agent, { channel: 'phone', customer: { name: `Bench caller ${i}`, language: 'en' },
    subject: `Bench call ${run}-${i}`, body: 'A call registered by the console benchmark.', urgency: 'medium' }, `bench-${run}-${i}`);
}

console.log(`# agent console benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.version}`);

// 1. First-load size.
const dist = path.join(here, '..', 'target', 'dist');
const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
let raw = 0; let gz = 0;
for (const file of [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])) {
  const bytes = fs.readFileSync(path.join(dist, file));
  raw += bytes.length; gz += zlib.gzipSync(bytes, { level: 9 }).length;
}
console.log(`first load: JavaScript and CSS ${(raw / 1024).toFixed(1)} KiB, gzipped ${(gz / 1024).toFixed(1)} KiB (aim 200 KB)`);

// 2. An agent with N tickets: registered by them, so each is theirs (owner and assignee).
await api('PUT', `/router/api/v1/agents/${agentId}`, supervisor, { name: `Bench ${run}`, email: `${agentId}@tierdesk.local`, tier: 'L1',
  capacity: 1000, supervisor: 'pavel', skills: ['network'], languages: ['en'] });
await api('POST', `/router/api/v1/agents/${agentId}/presence`, supervisor, { presence: 'online' }, `bench-${run}-online`);
let started = Date.now();
for (let i = 0; i < tickets; i += 20) await Promise.all(Array.from({ length: Math.min(20, tickets - i) }, (_, k) => register(i + k)));
console.log(`registered ${tickets} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const list = async (q) => { let cursor = ''; const rows = []; do {
  const p = await api('GET', `/intake/api/v1/tickets?${q}&sort=slaDue&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, agent);
  rows.push(...p.items); cursor = p.nextCursor ?? ''; } while (cursor); return rows; };
// The view and the routing are projections: wait until every ticket is the agent's there too.
for (let i = 0; i < 120; i += 1) {
  if ((await list(`assignee=${agentId}`)).length >= tickets) break;
  await new Promise((r) => setTimeout(r, 1000));
}

async function rawWork() {
  const t0 = performance.now();
  await Promise.all([api('GET', `/router/api/v1/agents/${agentId}`, agent), list(`assignee=${agentId}`), list(`owner=${agentId}`),
    api('GET', '/router/api/v1/agents/load', agent)]);
  await api('GET', '/router/api/v1/queues/L1?limit=50', agent);
  return performance.now() - t0;
}

const browser = await launch();
const context = await person(browser);
await context.addInitScript((t) => sessionStorage.setItem('tierdesk.token', t), agent);
const page = await context.newPage();
const usable = []; const rawTimes = [];
for (let i = 0; i < 6; i += 1) {
  rawTimes.push(await rawWork());
  await page.goto('about:blank');
  const t0 = Date.now();
  await page.goto(`${consoleUrl}/#/work`);
  await page.waitForFunction((n) => document.querySelectorAll('tr[data-ticket]').length >= n, tickets, { timeout: 120_000, polling: 20 });
  usable.push(Date.now() - t0);
}
usable.shift(); rawTimes.shift(); // the first of each warms caches and the JIT
console.log(`My work usable with ${tickets} tickets: median ${ms(pct(usable, 0.5))}, max ${ms(Math.max(...usable))} `
  + `(raw API calls: median ${ms(pct(rawTimes, 0.5))}; ratio ${(pct(usable, 0.5) / pct(rawTimes, 0.5)).toFixed(1)}x)`);

// 3. Assignments arriving live: a supervisor moves tickets of a second agent to this one at R/s, each a
// TicketAssigned for this agent (registering at that rate would measure the platform's intake, not the console).
const other = `bench-${run}-b`;
const otherToken = launcherToken('agent', other);
await api('PUT', `/router/api/v1/agents/${other}`, supervisor, { name: `Bench ${run} B`, email: `${other}@tierdesk.local`, tier: 'L1',
  capacity: 1000, supervisor: 'pavel', skills: ['network'], languages: ['en'] });
await api('POST', `/router/api/v1/agents/${other}/presence`, supervisor, { presence: 'online' }, `bench-${run}-b-online`);
const moving = [];
for (let i = 0; i < assignments; i += 20) {
  moving.push(...await Promise.all(Array.from({ length: Math.min(20, assignments - i) }, (_, k) =>
    api('POST', '/intake/api/v1/tickets', otherToken, { channel: 'phone', customer: { name: `Bench caller B${i + k}`, language: 'en' },
      subject: `Bench call ${run}-B${i + k}`, body: 'Moved to the measured agent.', urgency: 'medium' }, `bench-${run}-b-${i + k}`)
      .then((a) => a.ticketId))));
}
for (let i = 0; i < 120; i += 1) {
  const routed = await Promise.all(moving.slice(-5).map((id) => api('GET', `/router/api/v1/tickets/${id}/routing`, supervisor).catch(() => null)));
  if (routed.every((r) => r?.assignee === other)) break;
  await new Promise((r) => setTimeout(r, 1000));
}
await new Promise((r) => setTimeout(r, 3000));
await page.evaluate(() => {
  window.__seen = {};
  new MutationObserver(() => {
    for (const tr of document.querySelectorAll('tr[data-ticket]')) {
      const id = tr.getAttribute('data-ticket');
      if (!window.__seen[id]) window.__seen[id] = performance.timeOrigin + performance.now();
    }
  }).observe(document.body, { childList: true, subtree: true });
  for (const tr of document.querySelectorAll('tr[data-ticket]')) window.__seen[tr.getAttribute('data-ticket')] = 0;
});
await page.getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
// A raw SSE client on the same stream, for the baseline.
const rawSeen = new Map();
const sse = http.get(`${consoleUrl}/notification/api/v1/streams/agents/${agentId}`, { headers: { Authorization: `Bearer ${agent}`, Accept: 'text/event-stream' } }, (res) => {
  res.setEncoding('utf8');
  res.on('data', (chunk) => { for (const m of chunk.matchAll(/"ticketId":"([0-9a-f-]{36})"/g)) if (!rawSeen.has(m[1])) rawSeen.set(m[1], Date.now()); });
});
await new Promise((r) => setTimeout(r, 1000));
const sent = new Map();
started = Date.now();
const jobs = [];
for (let i = 0; i < assignments; i += 1) {
  const due = started + (i * 1000) / rate;
  await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  const id = moving[i];
  jobs.push(api('POST', `/router/api/v1/tickets/${id}/assignment`, supervisor, { agentId }, `bench-${run}-move-${i}`)
    .then(() => sent.set(id, Date.now())));
}
await Promise.all(jobs);
const deadline = Date.now() + 60_000;
let seen = {};
while (Date.now() < deadline) {
  seen = await page.evaluate(() => window.__seen);
  if ([...sent.keys()].every((id) => seen[id])) break;
  await new Promise((r) => setTimeout(r, 250));
}
sse.destroy();
const delays = [...sent.entries()].filter(([id]) => seen[id]).map(([id, at]) => seen[id] - at);
const rawDelays = [...sent.entries()].filter(([id]) => rawSeen.has(id)).map(([id, at]) => rawSeen.get(id) - at);
console.log(`assignment -> row in the browser at ${rate}/s: ${delays.length}/${sent.size} seen, p50 ${ms(pct(delays, 0.5))}, p99 ${ms(pct(delays, 0.99))} `
  + `(raw SSE client: p50 ${ms(pct(rawDelays, 0.5))}, p99 ${ms(pct(rawDelays, 0.99))}; aim p99 1 s)`);
await browser.close();
// The bench's agents leave: online with room to spare, they would take the platform's next L1 tickets.
for (const id of [agentId, other]) {
  await api('POST', `/router/api/v1/agents/${id}/presence`, supervisor, { presence: 'offline' }, `${id}-offline`);
}
