//! The response envelope `{data, success, code, message}` and the error codes; messages live in `messages.rs`.
//!
//! Handlers fail with a [`Failure`] (status, code, message key); the pipeline renders it in the caller's language,
//! so no handler needs to know the language.

use serde::Serialize;
use serde_json::{json, Value};

use crate::http::{status, Response};
use crate::lang::Lang;
use crate::messages::Msg;
use crate::rules::Rule;

/// Application result codes: 0 on success, one per kind of failure otherwise.
pub mod code {
    pub const PARAMETER: i64 = 1001;
    pub const DUPLICATE: i64 = 1002;
    pub const NOT_JSON: i64 = 1003;
    pub const NOT_FOUND: i64 = 1004;
    pub const METHOD_NOT_ALLOWED: i64 = 1005;
    pub const UNAUTHORIZED: i64 = 1006;
    pub const STALE_NONCE: i64 = 1007;
    /// A served sandbox's refusals (see `listener.rs`).
    pub const FOREIGN_HOST: i64 = 1008;
    pub const FOREIGN_ORIGIN: i64 = 1009;
    pub const PRICE_TOKEN_NOT_FOUND: i64 = 1010;
    pub const PRICE_TOKEN_EXPIRED: i64 = 1011;
    pub const PRICE_TOKEN_USED: i64 = 1012;
    pub const CARD_DECLINED: i64 = 2001;
    pub const INSUFFICIENT_BALANCE: i64 = 2002;
    pub const CARD_INSUFFICIENT_FUNDS: i64 = 2003;
    /// Only ever injected (see `faults/`).
    pub const TOO_MANY_REQUESTS: i64 = 4290;
    pub const INTERNAL: i64 = 5000;
    pub const UNAVAILABLE: i64 = 5030;
}

/// A failed request: HTTP status, application code, message key and, rarely, `data` (e.g. the existing order of a
/// duplicate `external_id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub status: u16,
    pub code: i64,
    pub msg: Msg,
    /// Boxed: errors travel in `Result`s and should stay small.
    pub data: Option<Box<Value>>,
}

impl Failure {
    pub fn new(status: u16, code: i64, msg: Msg) -> Self {
        Self { status, code, msg, data: None }
    }

    /// A 422 with an application code other than the parameter error.
    pub fn unprocessable(code: i64, msg: Msg) -> Self {
        Self::new(status::UNPROCESSABLE_ENTITY, code, msg)
    }

    /// Sends `data` along with the error, so the client can act on it.
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(Box::new(data));
        self
    }

    /// 422 for a bad field.
    pub fn field(field: &'static str, rule: Rule) -> Self {
        Self::new(status::UNPROCESSABLE_ENTITY, code::PARAMETER, Msg::Field(field, rule))
    }

    pub fn not_found(msg: Msg) -> Self {
        Self::new(status::NOT_FOUND, code::NOT_FOUND, msg)
    }

    /// The error envelope in `lang`.
    pub fn render(&self, lang: Lang) -> Response {
        let data = self.data.as_deref().cloned().unwrap_or(Value::Null);
        let body = json!({"data": data, "success": false, "code": self.code, "message": self.msg.text(lang)});
        json_response(self.status, &body)
    }
}

/// What a handler returns: a response, or a failure the pipeline renders.
pub type Reply = Result<Response, Failure>;

/// The success envelope around `data`.
pub fn ok(data: impl Serialize) -> Reply {
    Ok(json_response(status::OK, &json!({"data": data, "success": true, "code": 0, "message": ""})))
}

/// `value` as a JSON body, not enveloped (the `/__sandbox` helpers answer this way).
pub fn plain(value: &Value) -> Reply {
    Ok(json_response(status::OK, value))
}

/// A JSON response.
pub fn json_response(status: u16, value: &Value) -> Response {
    let mut response = Response::new(status, value.to_string());
    response.headers.insert("content-type", "application/json");
    response
}

/// A JSON value for a quantity: an integer when whole, so `0` prints as `0` rather than `0.0`.
pub fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_render_in_the_callers_language() {
        let failure = Failure::not_found(Msg::CustomerNotFound).with_data(json!({"id": 1}));
        let rendered: Value = serde_json::from_slice(&failure.render(Lang::En).body).unwrap();
        assert_eq!(
            rendered,
            json!({"data": {"id": 1}, "success": false, "code": 1004, "message": "Customer not found"})
        );
        let turkish: Value = serde_json::from_slice(&failure.render(Lang::Tr).body).unwrap();
        assert_eq!(turkish["message"], "Müşteri bulunamadı");
    }

    #[test]
    fn whole_numbers_print_without_a_fraction() {
        assert_eq!(number(0.0).to_string(), "0");
        assert_eq!(number(12.5).to_string(), "12.5");
    }
}
