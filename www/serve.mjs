#!/usr/bin/env node
// Serves the admin panel on 127.0.0.1: www/ at /, the built package at /pkg/, config.json with the page's defaults,
// and, with an upstream, the credential-adding proxy at /api/ (proxy mode: the page holds no credentials).
//
//   MINTED_USERNAME=… MINTED_PASSWORD=… node www/serve.mjs --upstream https://api.example.com [--port 8080]
//   node www/serve.mjs [--port N]            (direct mode: the operator types the API URL and credentials)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createProxy } from './proxy.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.ts': 'text/plain', '.svg': 'image/svg+xml' };
const PROXY_PREFIX = '/api';
const gzipped = new Map(); // file → { etag, body }

/** The client's address as this server sees it (the default card holder IP of a card payment). */
const remoteAddress = (req) => (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');

async function sendFile(req, res, file) {
  const info = await stat(file);
  if (!info.isFile()) throw new Error('not a file');
  const etag = `W/"${info.size}-${Math.trunc(info.mtimeMs)}"`;
  const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag, 'x-content-type-options': 'nosniff', vary: 'Accept-Encoding' };
  if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers).end(); return; }
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    let cached = gzipped.get(file);
    if (cached?.etag !== etag) gzipped.set(file, cached = { etag, body: gzipSync(await readFile(file), { level: 9 }) });
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': cached.body.length }).end(cached.body);
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, { ...headers, 'content-length': body.length }).end(body);
}

/**
 * Starts the server; resolves to { url, close }. `config` is merged into config.json (the page's defaults);
 * `upstream` ({ url, username, password }) turns on proxy mode; `mounts` adds [urlPrefix, directory] pairs (tests);
 * `plain` serves files only, like any static host (no config.json).
 */
export async function startWww({ port = 0, config = null, mounts = [], upstream = null, plain = false } = {}) {
  const roots = [...mounts, ['/pkg/', join(here, '..', 'pkg')], ['/', here]];
  const proxy = upstream ? createProxy({ upstream: upstream.url, username: upstream.username, password: upstream.password }) : null;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = decodeURIComponent(url.pathname);
    if (proxy && path.startsWith(`${PROXY_PREFIX}/`)) {
      await proxy(req, res, url.pathname.slice(PROXY_PREFIX.length) + url.search);
      return;
    }
    if (path === '/config.json' && !plain) {
      const defaults = { ...config, clientIp: remoteAddress(req), ...(proxy ? { proxy: `${PROXY_PREFIX.slice(1)}/` } : {}) };
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(defaults));
      return;
    }
    const [prefix, dir] = roots.find(([p]) => path.startsWith(p));
    const file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(dir + sep) && file !== dir) { res.writeHead(403).end(); return; }
    try {
      await sendFile(req, res, file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => { server.closeAllConnections(); return new Promise((resolve) => server.close(resolve)); },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const upstreamUrl = arg('--upstream');
  const upstream = upstreamUrl ? { url: upstreamUrl, username: process.env.MINTED_USERNAME, password: process.env.MINTED_PASSWORD } : null;
  if (upstream && !(upstream.username && upstream.password)) {
    console.error('--upstream needs MINTED_USERNAME and MINTED_PASSWORD in the environment');
    process.exit(2);
  }
  const config = { ...(arg('--config') ? JSON.parse(arg('--config')) : {}), ...(arg('--language') ? { language: arg('--language') } : {}) };
  const www = await startWww({ port: Number(arg('--port') ?? 0), config, upstream });
  console.log(`admin panel ${www.url}${upstream ? `  (proxy mode: ${upstream.url} as ${upstream.username})` : ''}`);
  const stop = () => www.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
