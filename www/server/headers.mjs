// The security headers of every response of the panel's server, and the Content-Security-Policy they carry. The
// panel runs under it with no violation (tests/js/panel-security-browser.test.mjs listens for every report).
import { createHash } from 'node:crypto';

/**
 * The policy: everything from the panel's own origin only; WebAssembly compiled from the package's `.wasm`;
 * `scriptHashes` for the inline import map of index.html (script-src must name it, or the page's bare
 * `minted-connect` imports fail); `connect` adds the API origins direct mode may call. No one may frame the panel,
 * set a `<base>` or post a form elsewhere.
 */
export function contentSecurityPolicy({ scriptHashes = [], connect = [] } = {}) {
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes.map((hash) => `'${hash}'`)].join(' '),
    ["connect-src 'self'", ...connect].join(' '),
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The CSP source of each inline `<script>` of an HTML page (`sha256-…`), so the page's own inline scripts run. */
export function inlineScriptHashes(html) {
  return [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)]
    .filter(([tag, body]) => body.length > 0 && !/\ssrc=/i.test(tag.slice(0, tag.indexOf('>'))))
    .map(([, body]) => `sha256-${createHash('sha256').update(body).digest('base64')}`);
}

/** The origin of a URL (`https://api.example.com/v1` → `https://api.example.com`), for connect-src. */
export const originOf = (url) => new URL(url).origin;

/** Every response: the policy, no framing, no referrer, no sniffing, no other origin's window or embedding. */
export function securityHeaders({ policy, secure = false }) {
  return {
    'content-security-policy': policy,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}
