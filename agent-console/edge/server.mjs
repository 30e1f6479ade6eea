// The console's edge: one origin for the browser. It serves the built console and forwards each service's API
// under a prefix of its own (/intake/api/... -> ticket-intake's /api/...), so the browser never talks across
// origins and no service needs CORS. Only /api/ paths are forwarded: health, metrics and OpenAPI stay internal.
// In the launcher's local mode it also lists the demo users and signs their tokens with the launcher's key.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const config = {
  host: env.TIERDESK_EDGE_HOST ?? '127.0.0.1',
  port: Number(env.TIERDESK_EDGE_PORT ?? 8080),
  root: path.resolve(env.TIERDESK_EDGE_ROOT ?? path.join(here, '..', 'target', 'dist')),
  upstreams: {
    intake: env.TIERDESK_EDGE_INTAKE ?? 'http://127.0.0.1:8081',
    router: env.TIERDESK_EDGE_ROUTER ?? 'http://127.0.0.1:8082',
    sla: env.TIERDESK_EDGE_SLA ?? 'http://127.0.0.1:8083',
    knowledge: env.TIERDESK_EDGE_KNOWLEDGE ?? 'http://127.0.0.1:8084',
    notification: env.TIERDESK_EDGE_NOTIFICATION ?? 'http://127.0.0.1:8085',
  },
  demoKey: env.TIERDESK_EDGE_DEMO_KEY ?? '',
  demoUsers: env.TIERDESK_EDGE_DEMO_USERS ?? '',
  issuer: env.TIERDESK_EDGE_JWT_ISSUER ?? 'https://tierdesk.local',
  audience: env.TIERDESK_EDGE_JWT_AUDIENCE ?? 'tierdesk',
  tokenTtl: Number(env.TIERDESK_EDGE_TOKEN_TTL ?? 28800),
};
const SERVICE_NAMES = {
  intake: 'ticket-intake', router: 'escalation-router', sla: 'sla-monitor',
  knowledge: 'knowledge-service', notification: 'notification-service',
};
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te',
  'trailer', 'transfer-encoding', 'upgrade', 'host']);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};
// Chart.js and Lit set inline styles; nothing else inline is allowed, and every connection stays on this origin.
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function problem(res, status, title, detail, extra = {}) {
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, ...extra });
  res.writeHead(status, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(body);
}

function forward(req, res, service, rest) {
  const target = new URL(rest, config.upstreams[service]);
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  }
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  headers['x-forwarded-host'] = req.headers.host ?? '';
  headers['x-forwarded-proto'] = 'http';
  const upstream = http.request(target, { method: req.method, headers, agent }, (answer) => {
    const out = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!HOP_BY_HOP.has(name) && !name.startsWith('access-control-')) out[name] = value;
    }
    if ((answer.headers['content-type'] ?? '').startsWith('text/event-stream')) {
      out['cache-control'] = 'no-cache';
      out['x-accel-buffering'] = 'no';
    }
    res.writeHead(answer.statusCode ?? 502, out);
    // Node holds the head back until the first body byte; a stream that is quiet must still be "open" at once.
    res.flushHeaders();
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) {
      problem(res, 503, 'Service unavailable', `${SERVICE_NAMES[service]} is not answering; try again shortly.`,
        { service: SERVICE_NAMES[service] });
    } else {
      res.destroy();
    }
  });
  // A closed browser tab ends the upstream request too (a live stream must not linger).
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

const compressed = new Map();

function serveStatic(req, res, pathname) {
  let file = path.normalize(path.join(config.root, decodeURIComponent(pathname)));
  if (!file.startsWith(config.root)) return problem(res, 404, 'Not found', 'No such file.');
  let stat = fs.statSync(file, { throwIfNoEntry: false });
  // The console routes in the page: any other path is the app itself.
  if (!stat || stat.isDirectory()) {
    if (path.extname(pathname)) return problem(res, 404, 'Not found', 'No such file.');
    file = path.join(config.root, 'index.html');
    stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return problem(res, 503, 'Console not built', 'Build the console: ./tierdesk build');
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const hashed = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2|svg|png)$/.test(file) && file.includes(`${path.sep}assets${path.sep}`);
  const headers = { 'Content-Type': type, 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS };
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && /text|javascript|json|svg/.test(type);
  if (gzip) {
    const key = `${file}:${stat.mtimeMs}`;
    if (!compressed.has(key)) compressed.set(key, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    const body = compressed.get(key);
    res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
    return res.end(req.method === 'HEAD' ? undefined : body);
  }
  res.writeHead(200, { ...headers, 'Content-Length': stat.size });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file).pipe(res);
}

function demoUsers() {
  if (!config.demoKey || !config.demoUsers) return null;
  return JSON.parse(fs.readFileSync(config.demoUsers, 'utf8'));
}

function b64url(data) {
  return Buffer.from(data).toString('base64url');
}

function signToken(user) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ iss: config.issuer, aud: config.audience, sub: user.id, upn: user.id,
    name: user.name, groups: user.roles, iat: now, exp: now + config.tokenTtl, jti: crypto.randomBytes(8).toString('hex') }));
  const signature = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), fs.readFileSync(config.demoKey));
  return `${header}.${payload}.${b64url(signature)}`;
}

function readJson(req, limit = 4096) {
  return new Promise((resolve, reject) => {
    let size = 0; const chunks = [];
    req.on('data', (c) => { size += c.length; if (size > limit) { reject(new Error('too large')); req.destroy(); } else chunks.push(c); });
    req.on('end', () => { try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')); } catch (e) { reject(e); } });
    req.on('error', reject);
  });
}

async function demo(req, res, pathname) {
  const users = demoUsers();
  if (!users) return problem(res, 404, 'Not found', 'Demo sign-in exists only on a local platform.');
  const json = (status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
    res.end(JSON.stringify(body));
  };
  if (pathname === '/edge/demo-users' && req.method === 'GET') {
    return json(200, { users: users.map(({ id, name, roles, tier }) => ({ id, name, roles, tier })) });
  }
  if (pathname === '/edge/demo-token' && req.method === 'POST') {
    let body;
    try { body = await readJson(req); } catch { return problem(res, 400, 'Bad request', 'The body must be JSON.', { errors: [{ field: 'user' }] }); }
    const user = users.find((u) => u.id === body.user);
    if (!user) return problem(res, 400, 'Bad request', 'No demo user has that id.', { errors: [{ field: 'user', message: 'unknown demo user' }] });
    return json(200, { token: signToken(user) });
  }
  return problem(res, 405, 'Method not allowed', `${req.method} is not allowed here.`);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://edge');
  const match = /^\/(intake|router|sla|knowledge|notification)(\/api\/.*)$/.exec(url.pathname);
  if (match) return forward(req, res, match[1], match[2] + url.search);
  if (url.pathname === '/edge/health') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end('{"status":"UP"}');
  }
  if (url.pathname.startsWith('/edge/')) {
    return demo(req, res, url.pathname).catch(() => problem(res, 500, 'Edge error', 'The demo sign-in failed.'));
  }
  if (/^\/(intake|router|sla|knowledge|notification)(\/|$)/.test(url.pathname)) {
    return problem(res, 404, 'Not found', 'Only the services\u2019 /api/ paths are reachable through the console.');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'Method not allowed', `${req.method} is not allowed here.`);
  return serveStatic(req, res, url.pathname);
});
server.keepAliveTimeout = 65_000;
server.listen(config.port, config.host, () => {
  console.log(`agent console on http://${config.host}:${config.port} (files ${config.root})`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => { server.close(); server.closeAllConnections(); process.exit(0); });
}
