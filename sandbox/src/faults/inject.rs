//! Turning a picked [`Fault`] into what the client sees. Called by `partner_guard` for authenticated requests;
//! "processing" is [`middleware::process`], the rest of the `/partner` pipeline (header checks, route, state save).
//!
//! `reset` and `drop-after-commit` answer with a body whose first read fails. hyper has then only buffered the
//! status line and headers, not sent them, and on a body error it aborts the connection: the client gets the
//! connection closed (or reset, when its request was not read) without a single byte of response, which every
//! HTTP client (Node's and browsers' fetch included) reports as a network error. Chromium resends a request on its
//! own when a reused connection dies that way; [`resend`] swallows that copy too, so its fetch rejects as well.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::Frame;

use super::{Fault, Kind};
use crate::envelope::{code, render_failure, Failure, Lang, Msg};
use crate::middleware::{self, process, KeepContentType};
use crate::AppState;

pub const BAD_GATEWAY_PAGE: &str = "<html><body><h1>502 Bad Gateway</h1></body></html>";
pub const MAINTENANCE_PAGE: &str = "<html>maintenance</html>";

/// Request and response bodies up to this size are buffered where a fault needs them whole.
const BODY_LIMIT: usize = 16 << 20;

/// The response to an authenticated `/partner` request that gets `fault`.
pub async fn inject(state: &AppState, fault: Fault, request: Request, next: Next) -> Response {
    let lang = Lang::from_headers(request.headers());
    match fault.kind {
        Kind::Status500 => {
            let failure = Failure::new(StatusCode::INTERNAL_SERVER_ERROR, code::INTERNAL, Msg::InternalError);
            refuse(request, failure.into_response()).await
        }
        Kind::Status502 => refuse(request, html(StatusCode::BAD_GATEWAY, BAD_GATEWAY_PAGE)).await,
        Kind::Status503 => {
            let failure = Failure::new(StatusCode::SERVICE_UNAVAILABLE, code::UNAVAILABLE, Msg::ServiceUnavailable);
            refuse(request, retry_after(failure, &fault.retry_after)).await
        }
        Kind::RateLimit => {
            let failure = Failure::new(StatusCode::TOO_MANY_REQUESTS, code::TOO_MANY_REQUESTS, Msg::TooManyRequests);
            refuse(request, retry_after(failure, &fault.retry_after)).await
        }
        Kind::Html => refuse(request, html(StatusCode::OK, MAINTENANCE_PAGE)).await,
        Kind::StaleNonce => refuse(request, middleware::stale_challenge(state)).await,
        Kind::Reset => {
            swallow(state, &request);
            drop(request);
            broken()
        }
        Kind::Delay => delayed(request, next, fault.delay).await,
        Kind::DropAfterCommit => {
            swallow(state, &request);
            drop(process(request, next).await);
            broken()
        }
        Kind::MalformedJson => {
            let response = render_failure(process(request, next).await, lang);
            let body = axum::body::to_bytes(response.into_body(), BODY_LIMIT).await.unwrap_or_default();
            json_ok(body.slice(..body.len() / 2))
        }
        Kind::Empty => {
            drop(process(request, next).await);
            json_ok(Bytes::new())
        }
    }
}

/// Remembers the request, so an identical resend is swallowed too (see [`resend`]).
fn swallow(state: &AppState, request: &Request) {
    if let Some(authorization) = request.headers().get(AUTHORIZATION).and_then(|value| value.to_str().ok()) {
        state.faults().swallow(authorization);
    }
}

/// The answer to a byte-identical resend of a swallowed request: none either.
pub fn resend(request: Request) -> Response {
    drop(request);
    broken()
}

/// Answers without processing, after reading the request body so the connection stays usable for a retry.
async fn refuse(request: Request, response: Response) -> Response {
    middleware::drain(request).await;
    response
}

fn html(status: StatusCode, page: &'static str) -> Response {
    let mut response = (status, [(CONTENT_TYPE, "text/html")], page).into_response();
    response.extensions_mut().insert(KeepContentType);
    response
}

fn retry_after(failure: Failure, seconds: &str) -> Response {
    let mut response = failure.into_response();
    if let Ok(value) = HeaderValue::from_str(seconds) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

/// 200 with `body` as JSON, whatever the real status was.
fn json_ok(body: Bytes) -> Response {
    (StatusCode::OK, [(CONTENT_TYPE, "application/json")], body).into_response()
}

/// Sleeps, then processes. The body is read first and the work runs in its own task, so it completes (and commits)
/// even when the client gives up and closes the connection during the delay, as on a slow real server.
async fn delayed(request: Request, next: Next, delay: Duration) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return broken();
    };
    let request = Request::from_parts(parts, Body::from(body));
    let work = tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        process(request, next).await
    });
    work.await.unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// A response whose body fails at once, so hyper drops the connection before sending anything.
fn broken() -> Response {
    Response::new(Body::new(FailingBody))
}

struct FailingBody;

impl http_body::Body for FailingBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "injected fault: reset"))))
    }
}
