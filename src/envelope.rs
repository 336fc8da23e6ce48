//! Reading a response: the body against the API's envelope `{data, success, code, message}` and the operation's
//! documented shape, turning everything that is not a success into a typed [`MintedError`].
//!
//! The body is read in JS (`src/js/http.js`): V8's `JSON.parse` builds the object from the bytes, and one walk checks
//! `data` against the shape of the operation's response model. The object handed back is exactly what the server
//! sent, every unknown field kept, and no response type costs code in the wasm. The shapes are not written in
//! JavaScript: each response model declared in `api/` (`models!`) writes one line of a text table, which reaches JS
//! once, on the first read (its grammar is described beside the declarations that write it, in `api/model.rs`).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;

pub use crate::api::model::{DataShape, ANY};
use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::redact;

#[wasm_bindgen(module = "/src/js/http.js")]
extern "C" {
    /// Hands the response models' shape table to the reader (once).
    #[wasm_bindgen(js_name = installShapes)]
    fn install_shapes(models: &str);

    /// The `data` of a body read as a response whose `data` is of `kind` (see the module docs); throws what is wrong
    /// (see [`reading`]).
    #[wasm_bindgen(catch, js_name = readResponse)]
    fn read_response(body: &JsValue, kind: &str, nullable: bool, ok: bool) -> Result<JsValue, JsValue>;
}

/// Why a body was not a plain good answer, as `src/js/http.js` found it.
#[derive(Debug, PartialEq)]
pub enum Reading {
    /// Not JSON, or not UTF-8.
    NotJson,
    /// JSON, but not the API's envelope, or `data` not of the documented shape: why.
    Shape(String),
    /// The envelope, which says the call failed, or has no `data` where some is needed.
    Envelope(EnvelopeInfo),
}

/// What the envelope around `data` said.
#[derive(Debug, Default, PartialEq)]
pub struct EnvelopeInfo {
    pub has_data: bool,
    pub success: Option<bool>,
    pub code: Option<Code>,
    pub message: Option<String>,
}

/// The API's `code`.
#[derive(Clone, Debug, PartialEq)]
pub enum Code {
    Number(f64),
    Text(String),
}

/// What `readResponse` threw, as the core reads it: `{ reason, why, hasData, success, code, message }`.
fn reading(thrown: &JsValue) -> Reading {
    let get = |key: &str| js_sys::Reflect::get(thrown, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    match get("reason").as_string().as_deref() {
        Some("shape") => Reading::Shape(get("why").as_string().unwrap_or_default()),
        Some("envelope") => {
            let code = get("code");
            Reading::Envelope(EnvelopeInfo {
                has_data: get("hasData").as_bool().unwrap_or(false),
                success: get("success").as_bool(),
                code: match code.as_f64() {
                    Some(n) => Some(Code::Number(n)),
                    None => code.as_string().map(Code::Text),
                },
                message: get("message").as_string(),
            })
        }
        _ => Reading::NotJson,
    }
}

/// What an exchange brought back, as the core keeps it.
#[derive(Clone, Debug, Default)]
pub struct RawResponse {
    pub status: u16,
    pub body: Vec<u8>,
    pub request_id: Option<String>,
}

impl RawResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl From<Code> for ErrorCode {
    fn from(code: Code) -> Self {
        match code {
            Code::Number(n) => ErrorCode::Api(n),
            Code::Text(s) => ErrorCode::Text(s),
        }
    }
}

/// Reads a body (a `Uint8Array` or a string) as the response of an operation returning `data`, with a success status
/// (`ok`) or not: `data` when all is well, otherwise what the reader found.
pub fn read_data(body: &JsValue, data: &DataShape, ok: bool) -> Result<JsValue, Reading> {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if !INSTALLED.swap(true, Ordering::Relaxed) {
        install_shapes(crate::api::SHAPES);
    }
    read_response(body, data.kind, data.nullable, ok).map_err(|thrown| reading(&thrown))
}

/// Judges a response the reader did not pass as a plain good answer: a success status, the envelope, `success` not
/// false, and `data` of the documented shape. Any failure becomes a [`MintedError`] carrying the status, the API's
/// code and message, the request id and the redacted body. `secrets` are cut out of anything kept.
pub fn check(response: &RawResponse, reading: Reading, data: &DataShape, secrets: &[&str]) -> Result<(), MintedError> {
    let fail = |kind: ErrorKind, message: String| {
        MintedError::new(kind, message)
            .with_status(response.status)
            .with_request_id(response.request_id.clone())
            .with_body(Some(redact::redact_body(&response.body, secrets)))
    };

    if !response.is_success() {
        return Err(match reading {
            Reading::Envelope(info) if info.message.is_some() || info.code.is_some() => {
                api_error(response.status, info.code, info.message, secrets, &fail)
            }
            _ => fail(
                ErrorKind::Http,
                format!("the server answered HTTP {} {}", response.status, reason(response.status)),
            ),
        });
    }

    let info = match reading {
        Reading::Envelope(info) => info,
        Reading::NotJson if response.body.iter().all(u8::is_ascii_whitespace) => {
            return Err(fail(ErrorKind::Decode, "the response body is empty".to_owned()));
        }
        Reading::NotJson => return Err(fail(ErrorKind::Decode, "the response is not JSON".to_owned())),
        Reading::Shape(why) => {
            return Err(fail(ErrorKind::Decode, format!("the response does not have the documented shape: {why}")));
        }
    };
    if info.success == Some(false) {
        return Err(api_error(response.status, info.code, info.message, secrets, &fail));
    }
    if !info.has_data && !data.nullable {
        return Err(fail(ErrorKind::Decode, "the response has no `data`".to_owned()));
    }
    Ok(())
}

fn api_error(
    status: u16,
    code: Option<Code>,
    message: Option<String>,
    secrets: &[&str],
    fail: &dyn Fn(ErrorKind, String) -> MintedError,
) -> MintedError {
    let text = message.map(|m| redact::redact_text_plain(&m, secrets)).filter(|m| !m.trim().is_empty());
    let code: Option<ErrorCode> = code.map(Into::into);
    let mut summary = text.unwrap_or_else(|| "the API reported a failure without a message".to_owned());
    let _ = match &code {
        Some(ErrorCode::Api(n)) => write!(summary, " (HTTP {status}, code {})", crate::error::format_code(*n)),
        Some(ErrorCode::Text(s)) => write!(summary, " (HTTP {status}, code {s})"),
        _ => write!(summary, " (HTTP {status})"),
    };
    let mut err = fail(ErrorKind::Api, summary);
    err.code = code;
    err
}

/// A short reason phrase for the statuses the API uses.
pub fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    //! The judgement, from what the reader found (the reader itself, `src/js/http.js`, is tested through
    //! `decodeResponse` in `tests/js/decode.test.mjs`).
    use super::*;
    use crate::api::customers::RemoveCustomerResponse;
    use crate::api::model::Described;

    fn response(status: u16, body: &str) -> RawResponse {
        RawResponse { status, body: body.as_bytes().to_vec(), request_id: Some("req-1".into()) }
    }

    const DATA: DataShape = DataShape { kind: "Thing", nullable: false };

    fn envelope(has_data: bool, success: Option<bool>, code: Option<Code>, message: Option<&str>) -> Reading {
        Reading::Envelope(EnvelopeInfo { has_data, success, code, message: message.map(str::to_owned) })
    }

    #[test]
    fn failure_table() {
        let api = |code: f64, message: &str| envelope(false, Some(false), Some(Code::Number(code)), Some(message));
        // (status, body, what the reader found, kind, code, message fragment)
        let cases: Vec<(u16, &str, Reading, ErrorKind, Option<ErrorCode>, &str)> = vec![
            (
                200,
                r#"{"data":null,"success":false,"code":1001,"message":"Price token expired"}"#,
                api(1001.0, "Price token expired"),
                ErrorKind::Api,
                Some(ErrorCode::Api(1001.0)),
                "Price token expired (HTTP 200, code 1001)",
            ),
            (
                422,
                r#"{"data":null,"success":false,"code":422,"message":"external_id taken"}"#,
                api(422.0, "external_id taken"),
                ErrorKind::Api,
                Some(ErrorCode::Api(422.0)),
                "external_id taken (HTTP 422, code 422)",
            ),
            (
                404,
                r#"{"success":false,"code":"not_found","message":""}"#,
                envelope(false, Some(false), Some(Code::Text("not_found".into())), Some("")),
                ErrorKind::Api,
                Some(ErrorCode::Text("not_found".into())),
                "without a message (HTTP 404, code not_found)",
            ),
            (404, "{}", envelope(false, None, None, None), ErrorKind::Http, None, "HTTP 404 Not Found"),
            (
                502,
                "<html><body>Bad gateway</body></html>",
                Reading::NotJson,
                ErrorKind::Http,
                None,
                "HTTP 502 Bad Gateway",
            ),
            (500, "", Reading::NotJson, ErrorKind::Http, None, "HTTP 500 Internal Server Error"),
            (200, "<html>maintenance</html>", Reading::NotJson, ErrorKind::Decode, None, "not JSON"),
            (200, " \n", Reading::NotJson, ErrorKind::Decode, None, "body is empty"),
            (
                200,
                r#"{"data":{"id":"seven"},"success":true}"#,
                Reading::Shape("`data.id` should be a number, found a string".into()),
                ErrorKind::Decode,
                None,
                "documented shape: `data.id` should be a number",
            ),
            (
                200,
                r#"{"data":null,"success":true,"code":0,"message":""}"#,
                envelope(false, Some(true), Some(Code::Number(0.0)), Some("")),
                ErrorKind::Decode,
                None,
                "no `data`",
            ),
        ];
        for (status, body, reading, kind, code, fragment) in cases {
            let err = check(&response(status, body), reading, &DATA, &[]).unwrap_err();
            assert_eq!(err.kind, kind, "{body}");
            assert_eq!(err.code, code, "{body}");
            assert!(err.message.contains(fragment), "{body}: {}", err.message);
            assert_eq!(err.status, Some(status));
            assert_eq!(err.request_id.as_deref(), Some("req-1"));
            assert!(err.body.is_some());
        }
    }

    #[test]
    fn nullable_data_may_be_missing() {
        let reading = envelope(false, Some(true), Some(Code::Number(0.0)), Some(""));
        check(&response(200, r#"{"success":true,"code":0,"message":""}"#), reading, &RemoveCustomerResponse::DATA, &[])
            .unwrap();
    }

    #[test]
    fn secrets_never_reach_the_error() {
        let body = r#"{"success":false,"code":1,"message":"card 4111111111111111 refused for pw hunter22","data":{"card_cvv":"123"}}"#;
        let reading =
            envelope(true, Some(false), Some(Code::Number(1.0)), Some("card 4111111111111111 refused for pw hunter22"));
        let err = check(&response(422, body), reading, &DATA, &["hunter22"]).unwrap_err();
        let everything = format!("{err:?} {} {:?}", err.message, err.body);
        for secret in ["4111111111111111", "hunter22", "\"123\""] {
            assert!(!everything.contains(secret), "{secret} leaked: {everything}");
        }
    }
}
