//! Conversions at the JS boundary: errors to the `MintedError` class, JS values to JSON, call options.

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::validate::{Issue, Problem, Settings, Severity};

#[wasm_bindgen(module = "/js/minted_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = MintedError)]
    type JsMintedError;

    #[wasm_bindgen(constructor, js_class = "MintedError")]
    fn new(message: &str, details: &JsValue) -> JsMintedError;

    #[wasm_bindgen(catch, js_name = parseData)]
    fn parse_data_js(bytes: &js_sys::Uint8Array) -> Result<JsValue, JsValue>;

    /// `{ [Symbol.asyncIterator]() { return { next, return } } }`
    #[wasm_bindgen(js_name = asyncIterable)]
    pub fn async_iterable(next: &JsValue, stop: &JsValue) -> JsValue;
}

/// Plain data for JS, through JSON (the serialiser is already in the module for request bodies; a second one
/// would cost wasm bytes).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value).ok().and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
}

fn set(target: &js_sys::Object, key: &str, value: JsValue) {
    if !value.is_undefined() {
        let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), &value);
    }
}

impl From<MintedError> for JsValue {
    fn from(err: MintedError) -> JsValue {
        let details = js_sys::Object::new();
        set(&details, "kind", JsValue::from_str(err.kind.as_str()));
        if let Some(status) = err.status {
            set(&details, "status", JsValue::from(status));
        }
        match &err.code {
            Some(ErrorCode::Api(n)) => set(&details, "code", JsValue::from(*n)),
            Some(ErrorCode::Sdk(s)) => set(&details, "code", JsValue::from_str(s)),
            Some(ErrorCode::Text(s)) => set(&details, "code", JsValue::from_str(s)),
            None => {}
        }
        if err.kind == ErrorKind::Validation {
            set(&details, "issues", to_js(&err.issues));
        }
        if let Some(id) = &err.request_id {
            set(&details, "requestId", JsValue::from_str(id));
        }
        if let Some(body) = &err.body {
            set(&details, "body", JsValue::from_str(body));
        }
        if let Some(operation) = err.operation {
            set(&details, "operation", JsValue::from_str(operation));
        }
        if let Some(field) = err.field {
            set(&details, "field", JsValue::from_str(field));
        }
        if err.attempts > 0 {
            set(&details, "attempts", JsValue::from(err.attempts));
        }
        if let Some(external_id) = &err.external_id {
            set(&details, "externalId", JsValue::from_str(external_id));
        }
        JsMintedError::new(&err.message, &details).into()
    }
}

/// The `data` of a response body the core has already checked, built by V8's `JSON.parse` (fast, and every field
/// the server sent is kept).
pub fn parse_data(bytes: &js_sys::Uint8Array) -> Result<JsValue, MintedError> {
    parse_data_js(bytes).map_err(|_| MintedError::new(ErrorKind::Decode, "the response is not JSON"))
}

/// A JS value as JSON, with `JSON.stringify` semantics (`undefined` fields dropped, `Date`s as strings).
/// `undefined`/`null` give `Value::Null`; values JSON cannot express (BigInt, cycles) give an issue.
pub fn to_json(value: &JsValue) -> Result<Value, Issue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .ok_or_else(|| Issue {
            path: String::new(),
            code: Problem::NotJson.code().to_owned(),
            message: Problem::NotJson.message(crate::validate::Language::En),
            severity: Severity::Error,
        })
}

/// Options accepted by every client method.
#[derive(tsify::Tsify)]
pub struct CallOptions {
    /// Aborts the call: it rejects with a `MintedError` of kind `aborted`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<()>,
}

/// Per-call options, checked.
pub struct Options {
    pub signal: Option<web_sys::AbortSignal>,
}

/// The options argument of a method, or `undefined`.
pub fn options_value(options: Option<tsify::Ts<CallOptions>>) -> JsValue {
    options.map_or(JsValue::UNDEFINED, |o| o.js_value())
}

pub fn call_options(value: &JsValue) -> Result<Options, MintedError> {
    let bad = |message: &str| {
        MintedError::new(ErrorKind::Validation, format!("invalid call options: {message}"))
            .with_code(ErrorCode::Sdk("invalid_options"))
    };
    if value.is_undefined() || value.is_null() {
        return Ok(Options { signal: None });
    }
    if !value.is_object() {
        return Err(bad("options must be an object like { signal }"));
    }
    let signal = js_sys::Reflect::get(value, &JsValue::from_str("signal")).unwrap_or(JsValue::UNDEFINED);
    let signal = if signal.is_undefined() || signal.is_null() {
        None
    } else {
        Some(signal.dyn_into::<web_sys::AbortSignal>().map_err(|_| bad("signal must be an AbortSignal"))?)
    };
    Ok(Options { signal })
}

/// A call's body as JSON data; a value JSON cannot express is a validation error.
pub fn body(value: &JsValue, settings: &Settings) -> Result<Value, MintedError> {
    to_json(value).map_err(|issue| MintedError::validation(vec![issue], settings.lang))
}

/// A call's query as JSON data; no query is `{}`.
pub fn query(value: &JsValue, settings: &Settings) -> Result<Value, MintedError> {
    match body(value, settings)? {
        Value::Null => Ok(Value::Object(serde_json::Map::new())),
        query => Ok(query),
    }
}

/// A path parameter: a string, or `None` for `undefined`/`null` (validation reports it as required). Any other
/// type is a validation error naming the parameter, not a glue exception.
pub fn path_value(name: &str, value: &JsValue, settings: &Settings) -> Result<Option<String>, MintedError> {
    match value.as_string() {
        Some(text) => Ok(Some(text)),
        None if value.is_undefined() || value.is_null() => Ok(None),
        None => Err(MintedError::validation(vec![settings.issue(name, Problem::NotString)], settings.lang)),
    }
}
