//! axum ↔ core: reads a request whole, hands it to the core, and carries out the [`Outcome`] on the connection —
//! a response, a connection closed without one, or a wait on sandbox time.
//!
//! A closed connection is a response whose body fails at its first read. hyper has then only buffered the status
//! line and headers, not sent them, and on a body error it aborts the connection: the client gets the connection
//! closed without a single byte of response, which every HTTP client (Node's and browsers' fetch included) reports
//! as a network error. Chromium resends a request on its own when a reused connection dies that way; the core
//! recognises that copy and closes it too.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{request::Parts, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use minted_sandbox_core::{self as core, Outcome};

use crate::app_state::AppState;

/// Request bodies up to this size are read; a larger one is refused with 413.
const BODY_LIMIT: usize = 2 << 20;

/// The one handler: every request of every path and method.
pub async fn serve_request(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    };
    // Anything but GET, HEAD and OPTIONS may change data: the state file is saved before the answer leaves, so a
    // client that saw a success can rely on a restart keeping it.
    let may_change = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let outcome = state.handle(core_request(&parts, body));
    let outcome = match outcome {
        Outcome::Wait { until_ms, deferred } => {
            // In its own task, so the request is processed (and committed) even when the client gives up and closes
            // the connection during the wait, as on a slow real server.
            let waiting = state.clone();
            let work = tokio::spawn(async move {
                waiting.wait_until(until_ms).await;
                let outcome = waiting.resume(deferred);
                save(&waiting, may_change);
                outcome
            });
            match work.await {
                Ok(outcome) => outcome,
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
        outcome => {
            save(&state, may_change);
            outcome
        }
    };
    match outcome {
        Outcome::Respond(response) => axum_response(response),
        Outcome::Close => closed(),
        // The core never asks to wait twice.
        Outcome::Wait { .. } => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn save(state: &AppState, may_change: bool) {
    if may_change {
        if let Err(error) = state.save() {
            eprintln!("minted-sandbox: could not save the state file: {error}");
        }
    }
}

/// The core's view of a request: method, target (path and query as received), headers, body.
fn core_request(parts: &Parts, body: Bytes) -> core::Request {
    let target = parts.uri.path_and_query().map_or_else(|| parts.uri.path(), |pq| pq.as_str());
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
        .collect();
    core::Request { method: parts.method.as_str().to_owned(), target: target.to_owned(), headers, body: body.into() }
}

fn axum_response(response: core::Response) -> Response {
    let status = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut out = Response::new(Body::from(response.body));
    *out.status_mut() = status;
    for (name, value) in response.headers.iter() {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(value)) {
            out.headers_mut().append(name, value);
        }
    }
    out
}

/// A response whose body fails at once, so hyper drops the connection before sending anything.
fn closed() -> Response {
    Response::new(Body::new(FailingBody))
}

struct FailingBody;

impl http_body::Body for FailingBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "injected fault"))))
    }
}
