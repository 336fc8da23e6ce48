//! CORS, so the SDK's browser builds (test runner pages, the admin panel) can call the sandbox from any origin.

use axum::extract::Request;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ORIGIN, VARY,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
pub const ALLOW_HEADERS: &str = "authorization, content-type, api-version, x-client-id, accept-language, accept";
/// A browser's fetch only shows response headers listed here; the SDK needs the challenge, the request id and (on
/// 429 and 503) `Retry-After`.
pub const EXPOSE_HEADERS: &str = "WWW-Authenticate, x-request-id, Retry-After";
pub const MAX_AGE_SECS: &str = "600";

/// Answers every `OPTIONS` as a preflight (no auth), and marks every response to a request with an `Origin`.
pub async fn cors(request: Request, next: Next) -> Response {
    let origin = request.headers().get(ORIGIN).cloned();
    let mut response = if request.method() == Method::OPTIONS { preflight() } else { next.run(request).await };
    if let Some(origin) = origin {
        let headers = response.headers_mut();
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.append(VARY, HeaderValue::from_static("Origin"));
        headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSE_HEADERS));
    }
    response
}

fn preflight() -> Response {
    (
        StatusCode::NO_CONTENT,
        [
            (ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS),
            (ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS),
            (ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECS),
        ],
    )
        .into_response()
}
