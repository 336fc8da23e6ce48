//! Request ids and the `/partner` guard (Digest authentication, injected faults, then the required headers).

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{self, RequestTarget, Verdict};
use crate::envelope::{code, Failure, Msg};
use crate::faults::{self, Kind};
use crate::AppState;

/// Marks a response whose `Content-Type` must be kept (an injected HTML page) rather than set to JSON.
#[derive(Clone, Copy, Debug)]
pub struct KeepContentType;

/// A fresh id in UUID v4 layout, so logs on both sides can be matched.
pub fn new_request_id() -> String {
    let hex = auth::random_hex(16);
    format!("{}-{}-4{}-a{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

/// Gives every response an `x-request-id` and, when it has a body, `Content-Type: application/json` (unless marked
/// [`KeepContentType`]).
pub async fn request_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&new_request_id()) {
        headers.insert("x-request-id", value);
    }
    if response.status() != StatusCode::NO_CONTENT && response.extensions().get::<KeepContentType>().is_none() {
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    response
}

/// Whether a path belongs to the emulated API (and so needs auth and the API headers).
pub fn is_partner_path(path: &str) -> bool {
    path == "/partner" || path.starts_with("/partner/")
}

/// On `/partner` routes: Digest authentication first, then the fault plan (see [`faults`]) for the requests that
/// passed it, then [`process`].
pub async fn partner_guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !is_partner_path(request.uri().path()) {
        return next.run(request).await;
    }
    let authorization = request.headers().get(AUTHORIZATION).and_then(|value| value.to_str().ok());
    if authorization.is_some_and(|authorization| state.faults().is_resend(authorization)) {
        state.count_request(false);
        return faults::resend(request);
    }
    if let Some(challenge) = authenticate(&state, &request) {
        state.count_request(true);
        drain(request).await;
        return challenge;
    }
    let fault = state.faults().pick(request.method().as_str(), request.uri().path());
    state.count_request(fault.as_ref().is_some_and(|fault| fault.kind == Kind::StaleNonce));
    match fault {
        Some(fault) => faults::inject(&state, fault, request, next).await,
        None => process(request, next).await,
    }
}

/// An authenticated `/partner` request's normal handling: `x-client-id` and `api-version`, then the route.
pub async fn process(request: Request, next: Next) -> Response {
    if let Err(failure) = check_headers(&request) {
        drain(request).await;
        return failure.into_response();
    }
    next.run(request).await
}

/// Bodies up to this size are read before an early refusal.
const DRAIN_LIMIT: usize = 1 << 20;

/// Reads a refused request's body, so the connection stays usable: a client retrying on it (as after every 401
/// challenge) would otherwise race the server closing it.
pub async fn drain(request: Request) {
    let _ = axum::body::to_bytes(request.into_body(), DRAIN_LIMIT).await;
}

/// Digest verification: `None` when accepted, else the 401 to send, with a fresh nonce in its challenges.
fn authenticate(state: &AppState, request: &Request) -> Option<Response> {
    let uri = request.uri().path_and_query().map_or_else(|| request.uri().path(), |pq| pq.as_str());
    let header = request.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    let target = RequestTarget { method: request.method().as_str(), uri };
    let now = Instant::now();
    let mut nonces = state.nonces();
    match auth::verify(state.settings(), state.opaque(), &mut nonces, target, header, now) {
        Verdict::Accepted => None,
        Verdict::Rejected { stale, .. } => Some(unauthorized(state, &nonces.issue(now), stale)),
    }
}

/// The 401 an expired nonce gets: fresh challenges with `stale=true`.
pub fn stale_challenge(state: &AppState) -> Response {
    let nonce = state.nonces().issue(Instant::now());
    unauthorized(state, &nonce, true)
}

fn unauthorized(state: &AppState, nonce: &str, stale: bool) -> Response {
    let (code, msg) =
        if stale { (code::STALE_NONCE, Msg::StaleNonce) } else { (code::UNAUTHORIZED, Msg::Unauthorized) };
    let mut response = Failure::new(StatusCode::UNAUTHORIZED, code, msg).into_response();
    for challenge in auth::challenges(state.settings(), nonce, state.opaque(), stale) {
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response.headers_mut().append(WWW_AUTHENTICATE, value);
        }
    }
    response
}

/// The `api-version` a route accepts, and whether it must be sent: 3 and required on the price fix (as documented),
/// 2 and optional everywhere else.
fn expected_api_version(path: &str) -> (&'static str, bool) {
    if path == "/partner/pricefix" {
        ("3", true)
    } else {
        ("2", false)
    }
}

fn check_headers(request: &Request) -> Result<(), Failure> {
    let headers = request.headers();
    let client_id = headers.get("x-client-id").and_then(|v| v.to_str().ok()).unwrap_or("");
    if client_id.trim().is_empty() {
        return Err(Failure::new(StatusCode::UNPROCESSABLE_ENTITY, code::PARAMETER, Msg::ClientIdRequired));
    }
    let (expected, required) = expected_api_version(request.uri().path());
    // Blank counts as absent: the docs' curl samples send an empty `api-version;` header.
    let version = headers.get("api-version").map(|v| v.to_str().map_or("?", str::trim)).filter(|v| !v.is_empty());
    let accepted = match version {
        Some(version) => version == expected,
        None => !required,
    };
    if accepted {
        Ok(())
    } else {
        Err(Failure::new(StatusCode::UNPROCESSABLE_ENTITY, code::PARAMETER, Msg::ApiVersion(expected)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_paths_are_recognised() {
        for (path, expected) in
            [("/partner", true), ("/partner/customer", true), ("/partners", false), ("/__sandbox/health", false)]
        {
            assert_eq!(is_partner_path(path), expected, "{path}");
        }
    }

    #[test]
    fn request_ids_are_unique_uuid_shaped() {
        let a = new_request_id();
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
        assert_ne!(a, new_request_id());
    }
}
