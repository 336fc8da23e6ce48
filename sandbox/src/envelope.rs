//! The response envelope `{data, success, code, message}` and the error codes; messages live in `messages.rs`.
//!
//! Handlers fail with a [`Failure`] (status, code, message key); the [`localize`] middleware renders it in the
//! caller's language, so no handler needs to know the language.

use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};

pub use crate::messages::{Lang, Msg, Rule};

/// Application result codes: 0 on success, one per kind of failure otherwise.
pub mod code {
    pub const PARAMETER: i64 = 1001;
    pub const DUPLICATE: i64 = 1002;
    pub const NOT_JSON: i64 = 1003;
    pub const NOT_FOUND: i64 = 1004;
    pub const METHOD_NOT_ALLOWED: i64 = 1005;
    pub const UNAUTHORIZED: i64 = 1006;
    pub const STALE_NONCE: i64 = 1007;
    pub const PRICE_TOKEN_NOT_FOUND: i64 = 1010;
    pub const PRICE_TOKEN_EXPIRED: i64 = 1011;
    pub const PRICE_TOKEN_USED: i64 = 1012;
    pub const CARD_DECLINED: i64 = 2001;
    pub const INSUFFICIENT_BALANCE: i64 = 2002;
    pub const CARD_INSUFFICIENT_FUNDS: i64 = 2003;
    /// Only ever injected (see `faults.rs`).
    pub const TOO_MANY_REQUESTS: i64 = 4290;
    pub const INTERNAL: i64 = 5000;
    pub const UNAVAILABLE: i64 = 5030;
}

/// A failed request: HTTP status, application code, message key and, rarely, `data` (e.g. the existing order of a
/// duplicate `external_id`). Rendered by [`localize`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub status: StatusCode,
    pub code: i64,
    pub msg: Msg,
    /// Boxed: errors travel in `Result`s and should stay small.
    pub data: Option<Box<Value>>,
}

impl Failure {
    pub fn new(status: StatusCode, code: i64, msg: Msg) -> Self {
        Self { status, code, msg, data: None }
    }

    /// A 422 with an application code other than the parameter error.
    pub fn unprocessable(code: i64, msg: Msg) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, msg)
    }

    /// Sends `data` along with the error, so the client can act on it.
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(Box::new(data));
        self
    }

    /// 422 for a bad field.
    pub fn field(field: &'static str, rule: Rule) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code::PARAMETER, Msg::Field(field, rule))
    }

    pub fn not_found(msg: Msg) -> Self {
        Self::new(StatusCode::NOT_FOUND, code::NOT_FOUND, msg)
    }

    /// The error envelope in `lang`.
    pub fn render(&self, lang: Lang) -> Response {
        let data = self.data.as_deref().cloned().unwrap_or(Value::Null);
        let body = json!({"data": data, "success": false, "code": self.code, "message": self.msg.text(lang)});
        (self.status, Json(body)).into_response()
    }
}

impl IntoResponse for Failure {
    /// A placeholder carrying the failure; [`localize`] replaces its body.
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// What a handler returns.
pub type Reply = Result<Response, Failure>;

/// The success envelope around `data`.
pub fn ok(data: impl Serialize) -> Reply {
    Ok(Json(json!({"data": data, "success": true, "code": 0, "message": ""})).into_response())
}

/// Renders [`Failure`]s in the request's language, keeping the headers already set (e.g. `WWW-Authenticate`).
pub async fn localize(request: Request, next: Next) -> Response {
    let lang = Lang::from_headers(request.headers());
    render_failure(next.run(request).await, lang)
}

/// `response` with its [`Failure`] (if it carries one) rendered in `lang`, keeping its headers.
pub fn render_failure(mut response: Response, lang: Lang) -> Response {
    let Some(failure) = response.extensions_mut().remove::<Failure>() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    let (_, body) = failure.render(lang).into_parts();
    parts.headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, body)
}

/// A JSON value for a quantity: an integer when whole, so `0` prints as `0` rather than `0.0`.
pub fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}
