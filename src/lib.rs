//! minted-connect: a typed, validated client for the Minted Connect Partner API, compiled to WebAssembly for Node and
//! browsers. This file is the façade: the exported functions and the table of client methods. The work happens in
//! the modules (see docs/architecture.md).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::string_slice)
)]
// Test tables are tuples of expectations; naming each tuple type would not make them clearer.
#![cfg_attr(test, allow(clippy::type_complexity))]

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod api;
mod call;
mod client;
pub mod config;
pub mod digest;
pub mod envelope;
pub mod error;
mod exactly_once;
pub mod http;
mod input;
mod observe;
mod operations;
mod pages;
mod prepare;
mod quote;
mod random;
pub mod redact;
pub mod registry;
mod retry;
mod ts;
pub mod validate;

use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use client::MintedClient;
use envelope::DataShape;
use error::MintedError;
pub use quote::Quote;
use validate::{Language, Problem, Settings};

/// The documented shape of an operation's `data` (what the client checks responses against).
pub fn response_shape(operation_id: &str) -> Option<&'static DataShape> {
    registry::find(operation_id).map(|op| op.output)
}

/// Options of the standalone `validateRequest`.
#[derive(Default, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ValidateOptions {
    /// Message language; default `"tr"`.
    #[tsify(optional)]
    pub language: Option<Language>,
    /// Identity-number checksums as errors; default `false`.
    #[tsify(optional)]
    pub strict_identity_numbers: Option<bool>,
}

/// Validates a request body for an operation, exactly as the client does before sending, and returns every issue
/// (`{ path, code, message, severity }`). Throws a `MintedError` of kind `validation` for an unknown operation id.
///
/// ```js
/// validateRequest('createCustomer', { external_id: 'a' }, { language: 'en' })
/// // → [{ path: 'external_id', code: 'too_short', message: 'must be at least 3 characters long', severity: 'error' }]
/// ```
#[wasm_bindgen(js_name = validateRequest, unchecked_return_type = "ValidationIssue[]")]
#[allow(non_snake_case)]
pub fn validate_request(
    operationId: &str,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    options: Option<tsify::Ts<ValidateOptions>>,
) -> Result<JsValue, JsValue> {
    let (language, strict_identity_numbers) =
        input::validate_options(&options.map_or(JsValue::UNDEFINED, |o| o.js_value()))?;
    let settings = Settings { language, strict_identity_numbers, today: http::today_utc() };
    Ok(error::issues(&client::validate_js(operationId, &body, &settings)?))
}

/// Input of `digestAuthorization`.
#[derive(Tsify)]
#[allow(dead_code)]
pub struct DigestAuthorizationInput {
    /// The user name.
    pub username: String,
    /// The password; it appears only hashed in the result.
    pub password: String,
    /// The `realm` of the server's challenge.
    pub realm: String,
    /// The `nonce` of the server's challenge.
    pub nonce: String,
    /// The request target, e.g. `/partner/customer/MTD0018232`.
    pub uri: String,
    /// `GET`, `POST`…
    pub method: String,
    /// `"auth"`, or absent for the RFC 2069 form.
    #[tsify(optional, type = "\"auth\"")]
    pub qop: Option<String>,
    /// Request counter for this nonce, from 1.
    pub nc: u32,
    /// The client's nonce: a random string chosen per request.
    pub cnonce: String,
    /// `"MD5"` (default), `"MD5-sess"`, `"SHA-256"` or `"SHA-256-sess"`.
    #[tsify(optional, type = "\"MD5\" | \"MD5-sess\" | \"SHA-256\" | \"SHA-256-sess\"")]
    pub algorithm: Option<String>,
    /// The `opaque` of the server's challenge, echoed back.
    #[tsify(optional)]
    pub opaque: Option<String>,
    /// Hash the user name (RFC 7616 `userhash=true`).
    #[tsify(optional)]
    pub userhash: Option<bool>,
}

/// Computes an RFC 7616 `Authorization: Digest …` header value. The client does this itself; the function is
/// exported so integrations and tests can check it.
///
/// ```js
/// // the realm, nonce and algorithm of the server's challenge; a fresh cnonce and the next count for each request
/// const authorization = digestAuthorization({ username, password, realm, nonce, uri: '/partner/balance',
///   method: 'GET', qop: 'auth', nc: 1, cnonce, algorithm: 'SHA-256' });
/// ```
#[wasm_bindgen(js_name = digestAuthorization)]
pub fn digest_authorization(
    #[wasm_bindgen(unchecked_param_type = "DigestAuthorizationInput")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(input::digest_authorization(&input::Fields::Js(input), Language::default())?)
}

/// Checks a raw API response body the way the client does and returns its `data` — for webhook payloads, recorded
/// responses and benchmarks. Throws the same `MintedError`s a call would. Every client method that calls the API is an
/// operation id; `status` defaults to 200.
///
/// ```js
/// const order = decodeResponse('getOrder', await response.text(), response.status);
/// ```
#[wasm_bindgen(js_name = decodeResponse, unchecked_return_type = "unknown")]
#[allow(non_snake_case)]
pub fn decode_response(
    operationId: &str,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] body: JsValue,
    status: Option<u16>,
) -> Result<JsValue, JsValue> {
    let lang = Language::default();
    let unknown = || input::misuse("unknown_operation", "operationId", Problem::UnknownOperation, lang);
    let op = registry::find(operationId).ok_or_else(unknown)?;
    if !(body.is_string() || body.is_instance_of::<js_sys::Uint8Array>()) {
        return Err(input::misuse("invalid_input", "body", Problem::NotBytesOrString, lang).into());
    }
    let status = status.unwrap_or(200);
    let ok = (200..300).contains(&status);
    match envelope::read_data(&body, op.output, ok) {
        Ok(data) => Ok(data),
        Err(reading) => {
            // The bytes cross into the core only to report the failure (the redacted body is part of it).
            let bytes = match body.as_string() {
                Some(text) => text.into_bytes(),
                None => js_sys::Uint8Array::from(body).to_vec(),
            };
            let raw = envelope::RawResponse { status, body: bytes, request_id: None };
            envelope::check(&raw, reading, op.output, &[]).map_err(|e| e.in_operation(op.id))?;
            Ok(JsValue::NULL)
        }
    }
}

/// One row of the route table, as `operations()` returns it.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // the TypeScript of what `operations()` builds
pub struct OperationInfo {
    /// The operation id (the client's method name, and the key of a `routes` override).
    pub operation_id: &'static str,
    /// The HTTP method.
    #[tsify(type = "\"GET\" | \"POST\" | \"PATCH\" | \"DELETE\"")]
    pub method: &'static str,
    /// The path template below the base URL, with `{placeholders}`.
    pub path: &'static str,
    /// The `api-version` header sent.
    pub api_version: &'static str,
    /// Safe to repeat: retried after a network error, a timeout, 408, 429 or 5xx.
    pub idempotent: bool,
    /// `documented` when Minted's docs print the path; `inferred` when it is this SDK's best guess.
    #[tsify(type = "\"documented\" | \"inferred\"")]
    pub path_source: &'static str,
}

/// The operations this client can call, with method, path, `api-version`, and whether the path is documented.
///
/// ```js
/// for (const op of operations()) console.log(op.operationId, op.method, op.path, op.pathSource);
/// ```
#[wasm_bindgen(unchecked_return_type = "OperationInfo[]")]
pub fn operations() -> JsValue {
    let row = |op: &registry::Operation| {
        let route = op.route;
        let source = match route.source {
            registry::PathSource::Documented => "documented",
            registry::PathSource::Inferred => "inferred",
        };
        let out = js_sys::Object::new();
        for (key, value) in [
            ("operationId", JsValue::from_str(op.id)),
            ("method", JsValue::from_str(route.method.as_str())),
            ("path", JsValue::from_str(route.path)),
            ("apiVersion", JsValue::from_str(route.api_version)),
            ("idempotent", JsValue::from_bool(route.idempotent)),
            ("pathSource", JsValue::from_str(source)),
        ] {
            let _ = js_sys::Reflect::set(&out, &JsValue::from_str(key), &value);
        }
        JsValue::from(out)
    };
    let rows = js_sys::Array::new();
    for op in registry::http_operations() {
        rows.push(&row(op));
    }
    rows.into()
}

/// Normalises a phone number to E.164 the way the client does (`0532 280 80 35` → `+905322808035`). Throws a
/// `MintedError` of kind `validation` when it is not a phone number.
///
/// ```js
/// normalizePhone('0532 280 80 35'); // '+905322808035'
/// ```
#[wasm_bindgen(js_name = normalizePhone)]
pub fn normalize_phone(phone: &str) -> Result<String, JsValue> {
    validate::rules::normalize_phone(phone).map_err(|problem| {
        let lang = Language::default();
        MintedError::validation(vec![validate::ValidationIssue::new("phone", &problem, lang)], lang).into()
    })
}
