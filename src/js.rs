//! Everything that crosses the JS boundary: reading the caller's input (config, options, bodies, queries, path
//! values) with one small field reader, and handing errors and data back (the `MintedError` class, `JSON.parse`).

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::routes::Method;
use crate::transport::digest;
use crate::validate::{Issue, Language, Problem, Settings, Severity};

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

/// Reads a method's `{ signal }` options.
pub fn call_options(value: &JsValue) -> Result<Options, MintedError> {
    let bad = |message: &str| {
        MintedError::new(ErrorKind::Validation, format!("invalid call options: {message}"))
            .with_code(ErrorCode::Sdk("invalid_options"))
    };
    let source = match Source::js(value) {
        Source::Js(value) if value.is_undefined() || value.is_null() => return Ok(Options { signal: None }),
        Source::Js(value) if !value.is_object() => return Err(bad("options must be an object like { signal }")),
        source => source,
    };
    Ok(Options { signal: source.signal("signal").map_err(|_| bad("signal must be an AbortSignal"))? })
}

/// What a field holds.
pub enum Raw {
    Missing,
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    Function(js_sys::Function),
    Signal(web_sys::AbortSignal),
    Object(Source),
    /// An array, a BigInt, a symbol: nothing a reader here accepts.
    Other,
}

/// An object to read fields from: the caller's JS object, or JSON (native tests and JSON-only input).
pub enum Source {
    Js(JsValue),
    Json(Value),
}

/// Why a field was refused (the caller adds the field name and the error kind).
pub type Why = &'static str;

impl Source {
    pub fn js(value: &JsValue) -> Self {
        Self::Js(value.clone())
    }

    /// Whether this is an object (not `null`, an array or a plain value).
    pub fn is_object(&self) -> bool {
        match self {
            Self::Js(v) => v.is_object() && !js_sys::Array::is_array(v),
            Self::Json(v) => v.is_object(),
        }
    }

    /// A field's value.
    pub fn get(&self, name: &str) -> Raw {
        match self {
            Self::Js(object) if object.is_object() => {
                classify(js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED))
            }
            Self::Json(Value::Object(map)) => match map.get(name) {
                None => Raw::Missing,
                Some(Value::Null) => Raw::Null,
                Some(Value::Bool(b)) => Raw::Bool(*b),
                Some(Value::Number(n)) => n.as_f64().map_or(Raw::Other, Raw::Number),
                Some(Value::String(s)) => Raw::Text(s.clone()),
                Some(object @ Value::Object(_)) => Raw::Object(Self::Json(object.clone())),
                Some(Value::Array(_)) => Raw::Other,
            },
            _ => Raw::Missing,
        }
    }

    /// The object's own keys that hold something (`undefined` fields are as good as absent, as in JSON).
    pub fn keys(&self) -> Vec<String> {
        match self {
            Self::Js(object) if object.is_object() => js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>())
                .iter()
                .filter_map(|key| key.as_string())
                .filter(|key| !matches!(self.get(key), Raw::Missing))
                .collect(),
            Self::Json(Value::Object(map)) => map.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// A string field; `None` when absent or `null`.
    pub fn text(&self, name: &str) -> Result<Option<String>, Why> {
        match self.get(name) {
            Raw::Missing | Raw::Null => Ok(None),
            Raw::Text(text) => Ok(Some(text)),
            _ => Err("must be a string"),
        }
    }

    /// A boolean field.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, Why> {
        match self.get(name) {
            Raw::Missing | Raw::Null => Ok(None),
            Raw::Bool(b) => Ok(Some(b)),
            _ => Err("must be true or false"),
        }
    }

    /// A number field (any finite or infinite JS number; the caller checks the range).
    pub fn number(&self, name: &str) -> Result<Option<f64>, Why> {
        match self.get(name) {
            Raw::Missing | Raw::Null => Ok(None),
            Raw::Number(n) => Ok(Some(n)),
            _ => Err("must be a number"),
        }
    }

    /// A function field.
    pub fn function(&self, name: &str) -> Result<Option<js_sys::Function>, Why> {
        match self.get(name) {
            Raw::Missing | Raw::Null => Ok(None),
            Raw::Function(f) => Ok(Some(f)),
            _ => Err("must be a function"),
        }
    }

    /// An `AbortSignal` field.
    pub fn signal(&self, name: &str) -> Result<Option<web_sys::AbortSignal>, Why> {
        match self.get(name) {
            Raw::Missing | Raw::Null => Ok(None),
            Raw::Signal(signal) => Ok(Some(signal)),
            _ => Err("must be an AbortSignal"),
        }
    }
}

fn classify(value: JsValue) -> Raw {
    if value.is_undefined() {
        Raw::Missing
    } else if value.is_null() {
        Raw::Null
    } else if let Some(b) = value.as_bool() {
        Raw::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Raw::Number(n)
    } else if let Some(text) = value.as_string() {
        Raw::Text(text)
    } else if value.is_function() {
        Raw::Function(value.unchecked_into())
    } else if value.is_instance_of::<web_sys::AbortSignal>() {
        Raw::Signal(value.unchecked_into())
    } else if value.is_object() && !js_sys::Array::is_array(&value) {
        Raw::Object(Source::Js(value))
    } else {
        Raw::Other
    }
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

/// `"tr"` or `"en"`.
pub fn language(source: &Source, name: &str) -> Result<Option<Language>, Why> {
    match source.text(name) {
        Ok(None) => Ok(None),
        Ok(Some(text)) if text == "tr" => Ok(Some(Language::Tr)),
        Ok(Some(text)) if text == "en" => Ok(Some(Language::En)),
        _ => Err("must be \"tr\" or \"en\""),
    }
}

/// The options of the standalone `validateRequest`: message language and identity-number strictness.
pub fn validate_options(value: &JsValue) -> Result<(Language, bool), MintedError> {
    let bad = |_| {
        MintedError::new(
            ErrorKind::Validation,
            "options must be { language?: 'tr' | 'en', strictIdentityNumbers?: boolean }",
        )
    };
    let source = Source::js(value);
    if !(value.is_undefined() || value.is_null() || source.is_object()) {
        return Err(bad(""));
    }
    let language = language(&source, "language").map_err(bad)?.unwrap_or_default();
    let strict = source.flag("strictIdentityNumbers").map_err(bad)?.unwrap_or(false);
    Ok((language, strict))
}

/// The options of `client.request`, checked.
pub struct RawOptions {
    pub method: Method,
    pub path: String,
    pub api_version: String,
    pub query: Value,
    pub body: Option<String>,
    pub signal: Option<web_sys::AbortSignal>,
}

/// Reads the options of `client.request`.
pub fn raw_options(value: &JsValue) -> Result<RawOptions, MintedError> {
    let bad = |why: &str| {
        MintedError::new(ErrorKind::Validation, format!("invalid request options: {why}"))
            .with_code(ErrorCode::Sdk("invalid_options"))
    };
    let source = Source::js(value);
    if !value.is_object() {
        return Err(bad("pass { method, path, query?, body?, apiVersion?, signal? }"));
    }
    let method = source
        .text("method")
        .ok()
        .flatten()
        .and_then(|m| Method::parse(&m))
        .ok_or_else(|| bad("method must be GET, POST, PUT, PATCH or DELETE"))?;
    let path = source
        .text("path")
        .ok()
        .flatten()
        .filter(|p| p.starts_with('/') && !p.contains(['?', '#', ' ']))
        .ok_or_else(|| bad("path must start with / and contain no spaces, ? or #; put parameters in query"))?;
    let api_version = match source.get("apiVersion") {
        Raw::Missing | Raw::Null => "2".to_owned(),
        Raw::Text(v) if !v.is_empty() => v,
        _ => return Err(bad("apiVersion must be a non-empty string")),
    };
    let field = |name: &str| js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let query = to_json(&field("query")).map_err(|_| bad("query must be plain data"))?;
    if !(query.is_null() || query.is_object()) {
        return Err(bad("query must be an object of strings, numbers or booleans"));
    }
    let body = match field("body") {
        v if v.is_undefined() => None,
        v => Some(to_json(&v).map_err(|_| bad("body must be plain data"))?.to_string()),
    };
    let signal = call_options(value)?.signal;
    Ok(RawOptions { method, path, api_version, query, body, signal })
}

/// Reads the input of `digestAuthorization` and computes the header value.
pub fn digest_authorization(source: &Source) -> Result<String, MintedError> {
    let bad = |field: &str, why: &str| {
        MintedError::new(ErrorKind::Validation, format!("digestAuthorization: {field} {why}"))
            .with_code(ErrorCode::Sdk("invalid_input"))
    };
    let optional = |field: &'static str| source.text(field).map_err(|why| bad(field, why));
    let text = |field: &'static str| optional(field)?.ok_or_else(|| bad(field, "must be a string"));
    let algorithm = match optional("algorithm")? {
        None => digest::Algorithm::Md5,
        Some(token) => digest::Algorithm::parse(&token)
            .ok_or_else(|| bad("algorithm", "must be MD5, MD5-sess, SHA-256 or SHA-256-sess"))?,
    };
    let qop_auth = match optional("qop")?.as_deref() {
        None => false,
        Some("auth") => true,
        Some(_) => return Err(bad("qop", "must be \"auth\" or absent")),
    };
    let nc = source
        .number("nc")
        .ok()
        .flatten()
        .filter(|n| n.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(n))
        .map(|n| n as u32)
        .ok_or_else(|| bad("nc", "must be a whole number from 1 to 4294967295"))?;
    let userhash = source.flag("userhash").map_err(|why| bad("userhash", why))?.unwrap_or(false);
    let (username, password, realm, nonce) = (text("username")?, text("password")?, text("realm")?, text("nonce")?);
    let (uri, method, cnonce, opaque) = (text("uri")?, text("method")?, text("cnonce")?, optional("opaque")?);
    Ok(digest::authorization_header(&digest::AuthInput {
        username: &username,
        password: &password,
        realm: &realm,
        nonce: &nonce,
        uri: &uri,
        method: &method,
        algorithm,
        qop_auth,
        nc,
        cnonce: &cnonce,
        opaque: opaque.as_deref(),
        userhash,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn digest_input_is_checked_field_by_field() {
        let good = json!({"username": "Mufasa", "password": "Circle of Life", "realm": "http-auth@example.org",
            "nonce": "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "uri": "/dir/index.html", "method": "GET",
            "qop": "auth", "nc": 1, "cnonce": "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "algorithm": "SHA-256",
            "opaque": "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"});
        let header = digest_authorization(&Source::Json(good.clone())).unwrap();
        assert!(header.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""));
        let cases = [
            ("nc", json!(0), "nc must be"),
            ("nc", json!(1.5), "nc must be"),
            ("algorithm", json!("SHA-1"), "algorithm must be"),
            ("qop", json!("auth-int"), "qop must be"),
            ("realm", json!(5), "realm must be a string"),
        ];
        for (field, value, fragment) in cases {
            let mut input = good.clone();
            input[field] = value;
            let err = digest_authorization(&Source::Json(input)).unwrap_err();
            assert!(err.message.contains(fragment), "{field}: {}", err.message);
            assert!(!err.message.contains("Circle of Life"));
        }
    }

    #[test]
    fn the_reader_types_fields_and_says_why_not() {
        let source = Source::Json(json!({"s": "x", "b": true, "n": 2.5, "null": null, "o": {"k": 1}, "a": [1]}));
        assert_eq!(source.text("s"), Ok(Some("x".to_owned())));
        assert_eq!(source.text("null"), Ok(None));
        assert_eq!(source.text("missing"), Ok(None));
        assert_eq!(source.text("b"), Err("must be a string"));
        assert_eq!(source.flag("b"), Ok(Some(true)));
        assert_eq!(source.flag("s"), Err("must be true or false"));
        assert_eq!(source.number("n"), Ok(Some(2.5)));
        assert_eq!(source.number("a"), Err("must be a number"));
        assert!(matches!(source.get("o"), Raw::Object(inner) if inner.number("k") == Ok(Some(1.0))));
        assert_eq!(source.function("s").err(), Some("must be a function"));
        assert_eq!(source.keys(), ["s", "b", "n", "null", "o", "a"]);
        assert_eq!(language(&source, "s"), Err("must be \"tr\" or \"en\""));
        assert_eq!(language(&Source::Json(json!({"l": "en"})), "l"), Ok(Some(Language::En)));
    }
}
