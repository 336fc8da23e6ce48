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

/// Reads a method's `{ signal }` options (the one field is read from the object as it is, no JSON on the way).
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
    let fields = Fields { json: &Value::Null, js: Some(value) };
    Ok(Options { signal: fields.signal("signal").map_err(|_| bad("signal must be an AbortSignal"))? })
}

/// An object read from JS: its data as JSON (what `JSON.stringify` keeps), and the JS object itself for the fields
/// JSON cannot carry (functions, `AbortSignal`s). Native tests read JSON alone. Read it with [`Source::fields`].
pub struct Source {
    json: Value,
    js: Option<JsValue>,
}

/// Why a field was refused (the caller adds the field name and the error kind).
pub type Why = &'static str;

impl Source {
    /// Reads a JS value; `Err` when JSON cannot express its data (a BigInt, a cycle).
    pub fn js(value: &JsValue) -> Result<Self, Issue> {
        Ok(Self { json: to_json(value)?, js: Some(value.clone()) })
    }

    /// JSON data alone.
    pub fn json(json: Value) -> Self {
        Self { json, js: None }
    }

    /// The reader.
    pub fn fields(&self) -> Fields<'_> {
        Fields { json: &self.json, js: self.js.as_ref() }
    }
}

/// The one field reader: typed getters that say why a field is wrong. `null` counts as absent.
#[derive(Clone, Copy)]
pub struct Fields<'a> {
    json: &'a Value,
    js: Option<&'a JsValue>,
}

impl<'a> Fields<'a> {
    /// Whether this is an object (not `null`, an array or a plain value).
    pub fn is_object(self) -> bool {
        self.json.is_object()
    }

    /// The keys that hold data (functions and `undefined` are left out, as in JSON).
    pub fn keys(self) -> impl Iterator<Item = &'a str> {
        self.json.as_object().into_iter().flat_map(|map| map.keys().map(String::as_str))
    }

    /// A field's JSON value; `None` when absent or `null`.
    pub fn value(self, name: &str) -> Option<&'a Value> {
        self.json.get(name).filter(|v| !v.is_null())
    }

    /// A string field.
    pub fn text(self, name: &str) -> Result<Option<&'a str>, Why> {
        self.value(name).map(|v| v.as_str().ok_or("must be a string")).transpose()
    }

    /// A boolean field.
    pub fn flag(self, name: &str) -> Result<Option<bool>, Why> {
        self.value(name).map(|v| v.as_bool().ok_or("must be true or false")).transpose()
    }

    /// A number field (the caller checks the range).
    pub fn number(self, name: &str) -> Result<Option<f64>, Why> {
        self.value(name).map(|v| v.as_f64().ok_or("must be a number")).transpose()
    }

    /// An object field, to read in turn (its functions are out of reach: nothing nested needs one).
    pub fn object(self, name: &str) -> Result<Option<Fields<'a>>, Why> {
        match self.value(name) {
            None => Ok(None),
            Some(json @ Value::Object(_)) => Ok(Some(Fields { json, js: None })),
            Some(_) => Err("must be an object"),
        }
    }

    /// A field JSON cannot carry, read from the JS object: `None` when absent or `null`.
    fn js_field(self, name: &str) -> Option<JsValue> {
        let value = js_sys::Reflect::get(self.js?, &JsValue::from_str(name)).ok()?;
        (!value.is_undefined() && !value.is_null()).then_some(value)
    }

    /// A function field. In JSON alone any value there is a mistake: JSON cannot carry functions.
    pub fn function(self, name: &str) -> Result<Option<js_sys::Function>, Why> {
        match (self.js_field(name), self.value(name)) {
            (Some(value), _) => value.dyn_into().map(Some).map_err(|_| "must be a function"),
            (None, None) => Ok(None),
            (None, Some(_)) => Err("must be a function"),
        }
    }

    /// An `AbortSignal` field.
    pub fn signal(self, name: &str) -> Result<Option<web_sys::AbortSignal>, Why> {
        match self.js_field(name) {
            Some(value) => value.dyn_into().map(Some).map_err(|_| "must be an AbortSignal"),
            None => Ok(None),
        }
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
pub fn language(fields: Fields<'_>, name: &str) -> Result<Option<Language>, Why> {
    match fields.text(name) {
        Ok(None) => Ok(None),
        Ok(Some("tr")) => Ok(Some(Language::Tr)),
        Ok(Some("en")) => Ok(Some(Language::En)),
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
    let source = Source::js(value).map_err(|_| bad(""))?;
    let fields = source.fields();
    if !(value.is_undefined() || value.is_null() || fields.is_object()) {
        return Err(bad(""));
    }
    let language = language(fields, "language").map_err(bad)?.unwrap_or_default();
    let strict = fields.flag("strictIdentityNumbers").map_err(bad)?.unwrap_or(false);
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
    if !value.is_object() {
        return Err(bad("pass { method, path, query?, body?, apiVersion?, signal? }"));
    }
    let source = Source::js(value).map_err(|_| bad("the options must be plain data and an AbortSignal"))?;
    let fields = source.fields();
    let method = fields
        .text("method")
        .ok()
        .flatten()
        .and_then(Method::parse)
        .ok_or_else(|| bad("method must be GET, POST, PUT, PATCH or DELETE"))?;
    let path = fields
        .text("path")
        .ok()
        .flatten()
        .filter(|p| p.starts_with('/') && !p.contains(['?', '#', ' ']))
        .map(str::to_owned)
        .ok_or_else(|| bad("path must start with / and contain no spaces, ? or #; put parameters in query"))?;
    let api_version = match fields.text("apiVersion") {
        Ok(None) => "2".to_owned(),
        Ok(Some(v)) if !v.is_empty() => v.to_owned(),
        _ => return Err(bad("apiVersion must be a non-empty string")),
    };
    let query = fields.value("query").cloned().unwrap_or(Value::Null);
    if !(query.is_null() || query.is_object()) {
        return Err(bad("query must be an object of strings, numbers or booleans"));
    }
    let body = source.json.get("body").map(Value::to_string);
    let signal = call_options(value)?.signal;
    Ok(RawOptions { method, path, api_version, query, body, signal })
}

/// Reads the input of `digestAuthorization` and computes the header value.
pub fn digest_authorization(fields: Fields<'_>) -> Result<String, MintedError> {
    let bad = |field: &str, why: &str| {
        MintedError::new(ErrorKind::Validation, format!("digestAuthorization: {field} {why}"))
            .with_code(ErrorCode::Sdk("invalid_input"))
    };
    let optional = |field: &'static str| fields.text(field).map_err(|why| bad(field, why));
    let text = |field: &'static str| optional(field)?.ok_or_else(|| bad(field, "must be a string"));
    let algorithm = match optional("algorithm")? {
        None => digest::Algorithm::Md5,
        Some(token) => digest::Algorithm::parse(token)
            .ok_or_else(|| bad("algorithm", "must be MD5, MD5-sess, SHA-256 or SHA-256-sess"))?,
    };
    let qop_auth = match optional("qop")? {
        None => false,
        Some("auth") => true,
        Some(_) => return Err(bad("qop", "must be \"auth\" or absent")),
    };
    let nc = fields
        .number("nc")
        .ok()
        .flatten()
        .filter(|n| n.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(n))
        .map(|n| n as u32)
        .ok_or_else(|| bad("nc", "must be a whole number from 1 to 4294967295"))?;
    let userhash = fields.flag("userhash").map_err(|why| bad("userhash", why))?.unwrap_or(false);
    let (username, password, realm, nonce) = (text("username")?, text("password")?, text("realm")?, text("nonce")?);
    let (uri, method, cnonce, opaque) = (text("uri")?, text("method")?, text("cnonce")?, optional("opaque")?);
    Ok(digest::authorization_header(&digest::AuthInput {
        username,
        password,
        realm,
        nonce,
        uri,
        method,
        algorithm,
        qop_auth,
        nc,
        cnonce,
        opaque,
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
        let header = digest_authorization(Source::json(good.clone()).fields()).unwrap();
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
            let err = digest_authorization(Source::json(input).fields()).unwrap_err();
            assert!(err.message.contains(fragment), "{field}: {}", err.message);
            assert!(!err.message.contains("Circle of Life"));
        }
    }

    #[test]
    fn the_reader_types_fields_and_says_why_not() {
        let source = Source::json(json!({"s": "x", "b": true, "n": 2.5, "null": null, "o": {"k": 1}, "a": [1]}));
        let fields = source.fields();
        assert_eq!(fields.text("s"), Ok(Some("x")));
        assert_eq!(fields.text("null"), Ok(None));
        assert_eq!(fields.text("missing"), Ok(None));
        assert_eq!(fields.text("b"), Err("must be a string"));
        assert_eq!(fields.flag("b"), Ok(Some(true)));
        assert_eq!(fields.flag("s"), Err("must be true or false"));
        assert_eq!(fields.number("n"), Ok(Some(2.5)));
        assert_eq!(fields.number("a"), Err("must be a number"));
        assert_eq!(fields.object("o").unwrap().unwrap().number("k"), Ok(Some(1.0)));
        assert_eq!(fields.object("s").err(), Some("must be an object"));
        assert_eq!(fields.function("s").err(), Some("must be a function"));
        assert_eq!(fields.function("missing").ok(), Some(None));
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["s", "b", "n", "null", "o", "a"]);
        assert_eq!(language(fields, "s"), Err("must be \"tr\" or \"en\""));
        assert_eq!(language(Source::json(json!({"l": "en"})).fields(), "l"), Ok(Some(Language::En)));
    }
}
