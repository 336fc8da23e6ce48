//! The response envelope `{data, success, code, message}`, error codes, and every message in Turkish and English.
//!
//! Handlers fail with a [`Failure`] (status, code, message key); the [`localize`] middleware renders it in the
//! caller's language, so no handler needs to know the language.

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};

/// Application result codes: 0 on success, one per kind of failure otherwise.
pub mod code {
    pub const PARAMETER: i64 = 1001;
    pub const DUPLICATE: i64 = 1002;
    pub const NOT_JSON: i64 = 1003;
    pub const NOT_FOUND: i64 = 1004;
    pub const METHOD_NOT_ALLOWED: i64 = 1005;
    pub const UNAUTHORIZED: i64 = 1006;
    pub const STALE_NONCE: i64 = 1007;
}

/// The response language: English when `Accept-Language` starts with `en`, Turkish (the API's default) otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Tr,
    En,
}

impl Lang {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let value = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if value.trim_start().get(..2).is_some_and(|prefix| prefix.eq_ignore_ascii_case("en")) {
            Self::En
        } else {
            Self::Tr
        }
    }

    /// Picks the text for this language.
    pub fn pick(self, tr: impl Into<String>, en: impl Into<String>) -> String {
        match self {
            Self::Tr => tr.into(),
            Self::En => en.into(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::from_headers(&parts.headers))
    }
}

/// What went wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    Required,
    Type(&'static str),
    ExternalId,
    Length(usize, usize),
    MinLength(usize),
    Email,
    Gender,
    Date,
    TenDigits,
    OneOf(&'static [&'static str]),
    Range(i64, i64),
    Items(usize, usize),
}

/// Every message the sandbox can send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    Unauthorized,
    StaleNonce,
    ClientIdRequired,
    ApiVersion,
    RouteNotFound,
    MethodNotAllowed,
    CustomerNotFound,
    OrderNotFound,
    NotJson,
    NotObject,
    ExternalIdExists,
    OrderIdentifierRequired,
    Field(&'static str, Rule),
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        let (tr, en): (String, String) = match self {
            Self::Unauthorized => (
                "Kimlik doğrulama gerekli: geçerli bir Digest Authorization başlığı gönderin".into(),
                "Authentication required: send a valid Digest Authorization header".into(),
            ),
            Self::StaleNonce => (
                "Nonce süresi doldu; yeni nonce ile tekrar deneyin".into(),
                "The nonce has expired; retry with the new nonce".into(),
            ),
            Self::ClientIdRequired => {
                ("x-client-id başlığı zorunludur".into(), "x-client-id header is required".into())
            }
            Self::ApiVersion => ("api-version değeri 2 olmalıdır".into(), "api-version must be 2".into()),
            Self::RouteNotFound => ("İstenen adres bulunamadı".into(), "Route not found".into()),
            Self::MethodNotAllowed => {
                ("Bu adres için HTTP yöntemine izin verilmiyor".into(), "HTTP method not allowed for this route".into())
            }
            Self::CustomerNotFound => ("Müşteri bulunamadı".into(), "Customer not found".into()),
            Self::OrderNotFound => ("Sipariş bulunamadı".into(), "Order not found".into()),
            Self::NotJson => {
                ("İstek gövdesi geçerli bir JSON olmalıdır".into(), "Request body must be valid JSON".into())
            }
            Self::NotObject => {
                ("İstek gövdesi bir JSON nesnesi olmalıdır".into(), "Request body must be a JSON object".into())
            }
            Self::ExternalIdExists => ("external_id zaten kayıtlı".into(), "external_id already exists".into()),
            Self::OrderIdentifierRequired => (
                "guid, order_code veya external_id alanlarından en az biri zorunludur".into(),
                "one of guid, order_code or external_id is required".into(),
            ),
            Self::Field(field, rule) => return rule_text(field, rule, lang),
        };
        lang.pick(tr, en)
    }
}

fn rule_text(f: &str, rule: &Rule, lang: Lang) -> String {
    match rule {
        Rule::Required => lang.pick(format!("{f} alanı zorunludur"), format!("{f} is required")),
        Rule::Type(kind) => {
            let tr_kind = match *kind {
                "string" => "metin",
                "boolean" => "true/false",
                "integer" => "tam sayı",
                "array" => "dizi",
                "object" => "nesne",
                other => other,
            };
            lang.pick(format!("{f} bir {tr_kind} olmalıdır"), format!("{f} must be a {kind}"))
        }
        Rule::ExternalId => lang.pick(
            format!("{f} 3-40 karakter olmalı ve yalnızca A-Z a-z 0-9 - _ içermelidir"),
            format!("{f} must be 3-40 characters of A-Z a-z 0-9 - _"),
        ),
        Rule::Length(min, max) => {
            lang.pick(format!("{f} {min}-{max} karakter olmalıdır"), format!("{f} must be {min}-{max} characters"))
        }
        Rule::MinLength(min) => {
            lang.pick(format!("{f} en az {min} karakter olmalıdır"), format!("{f} must be at least {min} characters"))
        }
        Rule::Email => {
            lang.pick(format!("{f} geçerli bir e-posta adresi olmalıdır"), format!("{f} must be a valid email address"))
        }
        Rule::Gender => lang.pick(format!("{f} M veya F olmalıdır"), format!("{f} must be M or F")),
        Rule::Date => lang.pick(
            format!("{f} YYYY-AA-GG biçiminde geçerli bir tarih olmalıdır"),
            format!("{f} must be a valid date in YYYY-MM-DD format"),
        ),
        Rule::TenDigits => {
            lang.pick(format!("{f} tam olarak 10 rakamdan oluşmalıdır"), format!("{f} must be exactly 10 digits"))
        }
        Rule::OneOf(values) => {
            let list = values.join(", ");
            lang.pick(format!("{f} şunlardan biri olmalıdır: {list}"), format!("{f} must be one of: {list}"))
        }
        Rule::Range(min, max) => lang.pick(
            format!("{f} {min} ile {max} arasında bir tam sayı olmalıdır"),
            format!("{f} must be an integer from {min} to {max}"),
        ),
        Rule::Items(min, max) => {
            lang.pick(format!("{f} {min}-{max} öğe içermelidir"), format!("{f} must contain {min}-{max} items"))
        }
    }
}

/// A failed request: HTTP status, application code and message key. Rendered by [`localize`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub status: StatusCode,
    pub code: i64,
    pub msg: Msg,
}

impl Failure {
    pub fn new(status: StatusCode, code: i64, msg: Msg) -> Self {
        Self { status, code, msg }
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
        let body = json!({"data": null, "success": false, "code": self.code, "message": self.msg.text(lang)});
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
    let mut response = next.run(request).await;
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
