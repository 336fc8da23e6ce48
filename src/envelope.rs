//! The API's response envelope `{data, success, code, message}`: checking a response body against the operation's
//! type and turning everything that is not a success into a typed [`MintedError`].

use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::redact;
use crate::shape::{read_envelope, Code, DataShape};

/// What the transport hands over once an exchange is complete.
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

/// Checks a response: a success status, the envelope, `success` not false, and `data` of the documented shape.
/// Any failure becomes a [`MintedError`] carrying the status, the API's code and message, the request id and the
/// redacted body. `secrets` are cut out of anything kept.
pub fn check(response: &RawResponse, data: &DataShape, secrets: &[&str]) -> Result<(), MintedError> {
    let fail = |kind: ErrorKind, message: String| {
        MintedError::new(kind, message)
            .with_status(response.status)
            .with_request_id(response.request_id.clone())
            .with_body(Some(redact::redact_body(&response.body, secrets)))
    };

    if !response.is_success() {
        return Err(match read_envelope(&response.body, None) {
            Ok(info) if info.message.is_some() || info.code.is_some() => {
                api_error(response.status, info.code, info.message, secrets, &fail)
            }
            _ => fail(
                ErrorKind::Http,
                format!("the server answered HTTP {} {}", response.status, reason(response.status)),
            ),
        });
    }

    let info = match read_envelope(&response.body, Some(data)) {
        Ok(info) => info,
        Err(err) => {
            let message = if response.body.iter().all(u8::is_ascii_whitespace) {
                "the response body is empty".to_owned()
            } else if err.is_syntax() || err.is_eof() {
                "the response is not JSON".to_owned()
            } else {
                format!("the response does not have the documented shape: {err}")
            };
            return Err(fail(ErrorKind::Decode, message));
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
    let mut summary = match &text {
        Some(m) => m.clone(),
        None => "the API reported a failure without a message".to_owned(),
    };
    summary.push_str(&format!(" (HTTP {status}"));
    match &code {
        Some(ErrorCode::Api(n)) => summary.push_str(&format!(", code {}", crate::error::format_code(*n))),
        Some(ErrorCode::Text(s)) => summary.push_str(&format!(", code {s}")),
        _ => {}
    }
    summary.push(')');
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
    use super::*;
    use crate::api::customers::{CustomerWithWallets, RemoveCustomerResponse};
    use crate::api::model::Described;
    use crate::shape::{req, Shape};

    fn response(status: u16, body: &str) -> RawResponse {
        RawResponse { status, body: body.as_bytes().to_vec(), request_id: Some("req-1".into()) }
    }

    const THING: Shape = Shape::Obj(&[req("id", Shape::Num)]);
    const DATA: DataShape = DataShape { shape: &THING, nullable: false };

    #[test]
    fn success_passes() {
        check(&response(200, r#"{"data":{"id":7},"success":true,"code":0,"message":""}"#), &DATA, &[]).unwrap();
    }

    #[test]
    fn failure_table() {
        // (status, body, kind, code, message fragment)
        let cases: &[(u16, &str, ErrorKind, Option<ErrorCode>, &str)] = &[
            (
                200,
                r#"{"data":null,"success":false,"code":1001,"message":"Price token expired"}"#,
                ErrorKind::Api,
                Some(ErrorCode::Api(1001.0)),
                "Price token expired (HTTP 200, code 1001)",
            ),
            (
                422,
                r#"{"data":null,"success":false,"code":422,"message":"external_id taken"}"#,
                ErrorKind::Api,
                Some(ErrorCode::Api(422.0)),
                "external_id taken (HTTP 422, code 422)",
            ),
            (
                404,
                r#"{"success":false,"code":"not_found","message":""}"#,
                ErrorKind::Api,
                Some(ErrorCode::Text("not_found".into())),
                "without a message (HTTP 404, code not_found)",
            ),
            (502, "<html><body>Bad gateway</body></html>", ErrorKind::Http, None, "HTTP 502 Bad Gateway"),
            (500, "", ErrorKind::Http, None, "HTTP 500 Internal Server Error"),
            (200, "<html>maintenance</html>", ErrorKind::Decode, None, "not JSON"),
            (200, "", ErrorKind::Decode, None, "body is empty"),
            (200, r#"{"data":{"id":"seven"},"success":true}"#, ErrorKind::Decode, None, "`data.id` should be a number"),
            (200, r#"{"data":null,"success":true,"code":0,"message":""}"#, ErrorKind::Decode, None, "no `data`"),
            (200, r#"{"success":true"#, ErrorKind::Decode, None, "not JSON"),
            (200, r#"[1,2]"#, ErrorKind::Decode, None, "documented shape"),
        ];
        for (status, body, kind, code, fragment) in cases {
            let err = check(&response(*status, body), &DATA, &[]).unwrap_err();
            assert_eq!(err.kind, *kind, "{body}");
            assert_eq!(err.code, *code, "{body}");
            assert!(err.message.contains(fragment), "{body}: {}", err.message);
            assert_eq!(err.status, Some(*status));
            assert_eq!(err.request_id.as_deref(), Some("req-1"));
            assert!(err.body.is_some());
        }
    }

    #[test]
    fn nullable_data_may_be_missing() {
        check(&response(200, r#"{"success":true,"code":0,"message":""}"#), &RemoveCustomerResponse::DATA, &[]).unwrap();
    }

    #[test]
    fn secrets_never_reach_the_error() {
        let body = r#"{"success":false,"code":1,"message":"card 4111111111111111 refused for pw hunter22","data":{"card_cvv":"123"}}"#;
        let err = check(&response(422, body), &DATA, &["hunter22"]).unwrap_err();
        let everything = format!("{err:?} {} {:?}", err.message, err.body);
        for secret in ["4111111111111111", "hunter22", "\"123\""] {
            assert!(!everything.contains(secret), "{secret} leaked: {everything}");
        }
    }

    #[test]
    fn a_customer_with_nulls_and_unknown_fields_passes() {
        let body = r#"{"data":{"external_id":"test0101010","firstname":"Deneme","wallets":[{"currency_code":"MAU","balance":0.5,"type":"regular","unknown":1}],"identity_number":null},"success":true,"code":0,"message":""}"#;
        check(&response(200, body), &CustomerWithWallets::DATA, &[]).unwrap();
    }
}
