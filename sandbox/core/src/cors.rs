//! CORS, so the SDK's browser builds (test runner pages, the admin panel) can call the sandbox from another port. A
//! served sandbox only lets pages on loopback names this far (see `listener.rs`).

use crate::http::{status, Response};

pub const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
pub const ALLOW_HEADERS: &str =
    "authorization, content-type, api-version, x-client-id, accept-language, accept, x-minted-sdk";
/// A browser's fetch only shows response headers listed here; the SDK needs the challenge, the request id and (on
/// 429 and 503) `Retry-After`.
pub const EXPOSE_HEADERS: &str = "WWW-Authenticate, x-request-id, Retry-After";
pub const MAX_AGE_SECS: &str = "600";

/// The answer to every `OPTIONS` request (no auth).
pub fn preflight() -> Response {
    let mut response = Response::new(status::NO_CONTENT, Vec::new());
    response.headers.insert("access-control-allow-methods", ALLOW_METHODS);
    response.headers.insert("access-control-allow-headers", ALLOW_HEADERS);
    response.headers.insert("access-control-max-age", MAX_AGE_SECS);
    response
}

/// Marks a response to a request that came with an `Origin`.
pub fn allow(response: &mut Response, origin: &str) {
    response.headers.insert("access-control-allow-origin", origin);
    response.headers.append("vary", "Origin");
    response.headers.insert("access-control-expose-headers", EXPOSE_HEADERS);
}
