//! Conversions at the JS boundary: errors to the `MintedError` class, JS values to JSON, call options.

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::validate::{Issue, Lang, Problem};

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

    /// Resolves after `ms`, or as soon as `signal` aborts.
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_js(ms: f64, signal: Option<web_sys::AbortSignal>) -> js_sys::Promise;
}

/// Waits `ms` (JS timers), cut short by the caller's `AbortSignal`.
pub async fn sleep(ms: f64, signal: Option<&web_sys::AbortSignal>) {
    let _ = wasm_bindgen_futures::JsFuture::from(sleep_js(ms, signal.cloned())).await;
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
/// `undefined`/`null` give `Value::Null`; values JSON cannot express (BigInt, cycles) give `None`.
pub fn to_json(value: &JsValue) -> Option<Value> {
    if value.is_undefined() || value.is_null() {
        return Some(Value::Null);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
}

/// A validation error about how the SDK was called (options, ids, argument types) rather than a request field: one
/// issue at `path`, in `lang`, with the SDK's error `code`.
pub fn misuse(code: &'static str, path: &str, problem: Problem, lang: Lang) -> MintedError {
    MintedError::validation(vec![Issue::new(path, &problem, lang)], lang).with_code(ErrorCode::Sdk(code))
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

pub fn call_options(value: Option<JsValue>, lang: Lang) -> Result<Options, MintedError> {
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(Options { signal: None });
    };
    if !value.is_object() {
        return Err(misuse("invalid_options", "options", Problem::NotObject, lang));
    }
    let signal = js_sys::Reflect::get(&value, &JsValue::from_str("signal")).unwrap_or(JsValue::UNDEFINED);
    let signal = if signal.is_undefined() || signal.is_null() {
        None
    } else {
        let not_a_signal = |_| misuse("invalid_options", "options.signal", Problem::NotAbortSignal, lang);
        Some(signal.dyn_into::<web_sys::AbortSignal>().map_err(not_a_signal)?)
    };
    Ok(Options { signal })
}
