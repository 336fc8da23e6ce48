//! Everything that crosses the JS boundary: reading the caller's input (config, options, bodies, queries, path
//! values) with one small field reader, and handing errors and data back (the `MintedError` class, `JSON.parse`).

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::routes::Method;
use crate::transport::digest;
use crate::validate::{Issue, Lang, Language, Problem, Settings};

#[wasm_bindgen(module = "/js/minted_error.js")]
extern "C" {
    #[wasm_bindgen(js_name = MintedError)]
    type JsMintedError;

    #[wasm_bindgen(constructor, js_class = "MintedError")]
    fn new(message: &str, details: &JsValue) -> JsMintedError;

    /// An async iterable (an async generator in JS) over pages that `next_page` resolves to, until it gives `null`.
    #[wasm_bindgen(js_name = asyncIterable)]
    pub fn async_iterable(next_page: &JsValue, stop: &JsValue) -> JsValue;
}

/// Runs `work` as a JS promise; a failure rejects with the [`MintedError`] named after `operation`. Every call goes
/// through this one boxed future type, so the wasm holds one copy of the promise machinery, not one per call kind.
pub fn promise(
    operation: &'static str,
    work: impl std::future::Future<Output = Result<JsValue, MintedError>> + 'static,
) -> js_sys::Promise {
    let work: std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, MintedError>>>> = Box::pin(work);
    wasm_bindgen_futures::future_to_promise(async move {
        work.await.map_err(|err| JsValue::from(err.in_operation(operation)))
    })
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

/// A JS value as JSON, with `JSON.stringify` semantics (`undefined` fields dropped, `Date`s as strings).
/// `undefined`/`null` give `Value::Null`; values JSON cannot express (BigInt, cycles) give `None`.
pub fn to_json(value: &JsValue) -> Option<Value> {
    json_text(value).and_then(|text| serde_json::from_str(&text).ok())
}

/// A JS value as JSON text (`JSON.stringify`); `undefined`/`null` give `null`, values JSON cannot express (BigInt,
/// cycles, functions) give `None`.
pub fn json_text(value: &JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        return Some("null".to_owned());
    }
    js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string())
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

/// The options argument of a method, or `undefined`.
pub fn options_value(options: Option<tsify::Ts<CallOptions>>) -> JsValue {
    options.map_or(JsValue::UNDEFINED, |o| o.js_value())
}

/// Reads a method's `{ signal }` options (the one field is read from the object as it is, no JSON on the way).
/// Problems are validation errors in `lang`, naming the option.
pub fn call_options(value: &JsValue, lang: Lang) -> Result<Options, MintedError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options { signal: None });
    }
    if !value.is_object() {
        return Err(misuse("invalid_options", "options", Problem::NotObject, lang));
    }
    let fields = Fields { json: &Value::Null, js: Some(value) };
    let not_a_signal = |_| misuse("invalid_options", "options.signal", Problem::NotAbortSignal, lang);
    Ok(Options { signal: fields.signal("signal").map_err(not_a_signal)? })
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
    /// Reads a JS value; `None` when JSON cannot express its data (a BigInt, a cycle).
    pub fn js(value: &JsValue) -> Option<Self> {
        Some(Self { json: to_json(value)?, js: Some(value.clone()) })
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

/// A call's body as JSON text; a value JSON cannot express is a validation error.
pub fn body(value: &JsValue, settings: &Settings) -> Result<String, MintedError> {
    json_text(value).ok_or_else(|| MintedError::validation(vec![settings.issue("", Problem::NotJson)], settings.lang))
}

/// A call's query as JSON data; no query is `{}`.
pub fn query(value: &JsValue, settings: &Settings) -> Result<Value, MintedError> {
    let not_json = || MintedError::validation(vec![settings.issue("", Problem::NotJson)], settings.lang);
    match serde_json::from_str(&body(value, settings)?).map_err(|_| not_json())? {
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

/// The options of the standalone `validateRequest`: message language and identity-number strictness. Problems are
/// reported in the default language (the language is what may be wrong).
pub fn validate_options(value: &JsValue) -> Result<(Language, bool), MintedError> {
    let bad = |path: &str, problem: Problem, lang: Language| misuse("invalid_options", path, problem, lang);
    let source = Source::js(value).ok_or_else(|| bad("options", Problem::NotJson, Language::default()))?;
    let fields = source.fields();
    if !(fields.json.is_null() || fields.is_object()) {
        return Err(bad("options", Problem::NotObject, Language::default()));
    }
    let language = language(fields, "language")
        .map_err(|_| bad("options.language", Problem::OneOf(&["tr", "en"]), Language::default()))?
        .unwrap_or_default();
    let strict = fields
        .flag("strictIdentityNumbers")
        .map_err(|_| bad("options.strictIdentityNumbers", Problem::NotBoolean, language))?
        .unwrap_or(false);
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

/// Reads the options of `client.request`. Problems are validation errors in `lang`, naming the option.
pub fn raw_options(options: &JsValue, lang: Lang) -> Result<RawOptions, MintedError> {
    let bad = |path: &str, problem: Problem| misuse("invalid_options", path, problem, lang);
    if !options.is_object() {
        return Err(bad("options", Problem::NotObject));
    }
    // Read field by field, as the caller wrote them: query and body must be JSON, the signal need not be.
    let get = |name: &str| js_sys::Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
    let method = get("method")
        .as_string()
        .and_then(|m| Method::parse(&m))
        .ok_or_else(|| bad("method", Problem::OneOf(METHODS)))?;
    let path = get("path")
        .as_string()
        .filter(|p| p.starts_with('/') && !p.contains(['?', '#', ' ']))
        .ok_or_else(|| bad("path", Problem::RawPath))?;
    if path.split('/').any(crate::routes::is_dot_segment) {
        return Err(bad("path", Problem::DotSegment));
    }
    let api_version = match get("apiVersion") {
        v if v.is_undefined() || v.is_null() => "2".to_owned(),
        v => match v.as_string() {
            Some(version) if !version.is_empty() => version,
            Some(_) => return Err(bad("apiVersion", Problem::Empty)),
            None => return Err(bad("apiVersion", Problem::NotString)),
        },
    };
    let query = to_json(&get("query")).ok_or_else(|| bad("query", Problem::NotJson))?;
    if !(query.is_null() || query.is_object()) {
        return Err(bad("query", Problem::NotObject));
    }
    let body = match get("body") {
        v if v.is_undefined() => None,
        v => Some(to_json(&v).ok_or_else(|| bad("body", Problem::NotJson))?.to_string()),
    };
    let signal = call_options(options, lang)?.signal;
    Ok(RawOptions { method, path, api_version, query, body, signal })
}

/// Reads the input of `digestAuthorization` and computes the header value. Problems are validation errors in
/// `lang`, naming the field.
pub fn digest_authorization(fields: Fields<'_>, lang: Lang) -> Result<String, MintedError> {
    let bad = |field: &str, problem: Problem| misuse("invalid_input", field, problem, lang);
    let optional = |field: &'static str| fields.text(field).map_err(|_| bad(field, Problem::NotString));
    let text = |field: &'static str| optional(field)?.ok_or_else(|| bad(field, Problem::NotString));
    let algorithm = match optional("algorithm")? {
        None => digest::Algorithm::Md5,
        Some(token) => digest::Algorithm::parse(token)
            .ok_or_else(|| bad("algorithm", Problem::OneOf(&["MD5", "MD5-sess", "SHA-256", "SHA-256-sess"])))?,
    };
    let qop_auth = match optional("qop")? {
        None => false,
        Some("auth") => true,
        Some(_) => return Err(bad("qop", Problem::OneOf(&["auth"]))),
    };
    let nc = match fields.value("nc").and_then(Value::as_u64) {
        Some(n) => {
            u32::try_from(n).ok().filter(|n| *n >= 1).ok_or_else(|| bad("nc", Problem::OutOfRange(1, 0xffff_ffff)))?
        }
        None => return Err(bad("nc", Problem::NotInteger)),
    };
    let userhash = fields.flag("userhash").map_err(|_| bad("userhash", Problem::NotBoolean))?.unwrap_or(false);
    Ok(digest::authorization_header(&digest::AuthInput {
        username: text("username")?,
        password: text("password")?,
        realm: text("realm")?,
        nonce: text("nonce")?,
        uri: text("uri")?,
        method: text("method")?,
        algorithm,
        qop_auth,
        nc,
        cnonce: text("cnonce")?,
        opaque: optional("opaque")?,
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
        let header = digest_authorization(Source::json(good.clone()).fields(), Language::En).unwrap();
        assert!(header.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""));
        // (field, value, issue code, English message, Turkish message)
        let cases = [
            ("nc", json!(0), "out_of_range", "nc: must be between 1 and 4294967295", "nc: 1 ile 4294967295 arasında"),
            ("nc", json!(1.5), "type", "nc: must be a whole number", "nc: tam sayı olmalıdır"),
            ("algorithm", json!("SHA-1"), "one_of", "algorithm: must be one of \"MD5\"", "algorithm: şunlardan biri"),
            ("qop", json!("auth-int"), "one_of", "qop: must be one of \"auth\"", "qop: şunlardan biri"),
            ("realm", json!(5), "type", "realm: must be a string", "realm: metin olmalıdır"),
        ];
        for (field, value, code, english, turkish) in cases {
            let mut input = good.clone();
            input[field] = value;
            for (lang, fragment) in [(Language::En, english), (Language::Tr, turkish)] {
                let err = digest_authorization(Source::json(input.clone()).fields(), lang).unwrap_err();
                assert_eq!(err.kind, ErrorKind::Validation);
                assert_eq!(err.code, Some(ErrorCode::Sdk("invalid_input")));
                assert_eq!((err.issues[0].path.as_str(), err.issues[0].code.as_str()), (field, code));
                assert!(err.message.contains(fragment), "{field}: {}", err.message);
                assert!(!err.message.contains("Circle of Life"));
            }
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
        let mut keys = fields.keys().collect::<Vec<_>>();
        keys.sort_unstable(); // map order differs with serde_json's preserve_order (on in workspace builds)
        assert_eq!(keys, ["a", "b", "n", "null", "o", "s"]);
        assert_eq!(language(fields, "s"), Err("must be \"tr\" or \"en\""));
        assert_eq!(language(Source::json(json!({"l": "en"})).fields(), "l"), Ok(Some(Language::En)));
    }
}
