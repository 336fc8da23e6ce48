//! What the caller hands in from JavaScript, read and checked: the config and options through one small field
//! reader ([`Fields`]), request bodies and queries as JSON text, path values, the options of `request()` and of
//! `digestAuthorization`. A mistake is a `MintedError` naming the field.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::digest;
use crate::error::{ErrorCode, MintedError};
use crate::registry::{Method, Query};
use crate::validate::{Language, Problem, Settings, ValidationIssue};

#[wasm_bindgen(module = "/src/js/http.js")]
extern "C" {
    #[wasm_bindgen(js_name = jsonText)]
    fn json_text_js(value: &JsValue) -> Option<String>;
}

/// A JS value as JSON text (`JSON.stringify`); `undefined`/`null` give `null`, values JSON cannot express (BigInt,
/// cycles, functions) give `None`. One call into JS, which hands the text straight to the wasm.
pub fn json_text(value: &JsValue) -> Option<String> {
    json_text_js(value)
}

/// A validation error about how the SDK was called (options, ids, argument types) rather than a request field: one
/// issue at `path`, in `lang`, with the SDK's error `code`.
pub fn misuse(code: &'static str, path: &str, problem: Problem, lang: Language) -> MintedError {
    MintedError::validation(vec![ValidationIssue::new(path, &problem, lang)], lang).with_code(ErrorCode::Sdk(code))
}

/// Declares a limit once, as a number and in the message that names it.
macro_rules! limit {
    ($(#[doc = $doc:literal])+ $name:ident = $value:literal, $range:ident = $($text:literal),+) => {
        $(#[doc = $doc])+
        pub const $name: u32 = $value;
        /// What a value outside the limit is told.
        pub const $range: &str = concat!($($text,)+ $value);
    };
}

pub(crate) use limit;

limit! {
    /// Longest timeout accepted (10 minutes): anything longer is almost certainly a unit mistake.
    MAX_TIMEOUT_MS = 600000, TIMEOUT_RANGE = "must be a whole number of milliseconds from 1 to "
}
limit! {
    /// Most retries a client or a call may be given.
    MAX_RETRIES = 10, RETRIES_RANGE = "must be a whole number from 0 to "
}

/// A timeout in milliseconds, when it is a whole number from 1 to [`MAX_TIMEOUT_MS`].
pub fn timeout(ms: f64) -> Option<u32> {
    (ms >= 1.0 && ms <= f64::from(MAX_TIMEOUT_MS) && ms.fract() == 0.0).then_some(ms as u32)
}

/// `n` when it is a whole number from 0 to `max`.
pub fn whole(n: f64, max: u32) -> Option<u32> {
    (n.fract() == 0.0 && (0.0..=f64::from(max)).contains(&n)).then_some(n as u32)
}

/// The first key of `fields` that is not among `keys`, and the key it may be meant as: the same but for case
/// (`baseURL`), or one it begins (`timeout` for `timeoutMs`).
pub fn unknown_key(fields: &Fields, keys: &[&'static str]) -> Option<(String, Option<&'static str>)> {
    let key = fields.keys().into_iter().find(|key| !keys.contains(&key.as_str()))?;
    let lower = key.to_ascii_lowercase();
    let hint =
        keys.iter().copied().find(|k| k.eq_ignore_ascii_case(&key) || k.to_ascii_lowercase().starts_with(&lower));
    Some((key, hint))
}

declared_options! {
    /// Options every client method takes as its last argument; they apply to this call only.
    pub struct CallFields as "CallOptions" {
        /// Aborts the call: it rejects with a `MintedError` of kind `aborted`.
        optional signal: web_sys::AbortSignal = "signal" as "AbortSignal" by Fields::signal;
        /// Time allowed for one HTTP attempt of this call, in milliseconds (1 to 600000), instead of the client's
        /// `timeoutMs`.
        optional timeout_ms: f64 = "timeoutMs" as "number" by Fields::number;
        /// Retries of this call (0 to 10) instead of the client's `maxRetries`: for a call that places an order, the
        /// rounds of look-ups that settle an unclear answer.
        optional max_retries: f64 = "maxRetries" as "number" by Fields::number;
        /// Resolve to `{ data, requestId, status, attempts, durationMs, reconciled, headers }` instead of the data
        /// alone (see `WithResponse`).
        optional with_response: bool = "withResponse" as "boolean" by Fields::flag;
    }
}

/// A call's own options, checked: what they set overrides the client's configuration for this call.
#[derive(Clone, Default)]
pub struct CallOptions {
    pub signal: Option<web_sys::AbortSignal>,
    pub timeout_ms: Option<u32>,
    pub max_retries: Option<u32>,
    pub with_response: bool,
}

/// Reads a method's options (its last argument): `undefined`, `null` or an object of [`CallFields`]. Anything else,
/// an unknown key or a bad value is a `config` error naming the option.
pub fn call_options(value: &JsValue) -> Result<CallOptions, MintedError> {
    let fields = Fields::Js(value.clone());
    if fields.is_null() {
        return Ok(CallOptions::default());
    }
    if !fields.is_object() {
        return Err(MintedError::option("options", "must be an object like { signal, timeoutMs, maxRetries }"));
    }
    if let Some((key, hint)) = unknown_key(&fields, CallFields::KEYS) {
        return Err(MintedError::unknown_setting("options", &key, hint));
    }
    options_of(&fields)
}

/// Reads the call options among other fields (the options of `request()`), without refusing other keys.
pub fn options_of(fields: &Fields) -> Result<CallOptions, MintedError> {
    let given = CallFields::read(fields, MintedError::option)?;
    let timeout_ms = match given.timeout_ms {
        Some(ms) => Some(timeout(ms).ok_or_else(|| MintedError::option("timeoutMs", TIMEOUT_RANGE))?),
        None => None,
    };
    let max_retries = match given.max_retries {
        Some(n) => Some(whole(n, MAX_RETRIES).ok_or_else(|| MintedError::option("maxRetries", RETRIES_RANGE))?),
        None => None,
    };
    Ok(CallOptions {
        signal: given.signal,
        timeout_ms,
        max_retries,
        with_response: given.with_response.unwrap_or(false),
    })
}

/// Why a field was refused (the caller adds the field name and the error kind).
pub type Why = &'static str;

/// The one field reader over an object the caller gave (config, options, inputs): typed getters that say why a
/// field is wrong; `undefined` and `null` count as absent. The wasm reads the JS object itself; native tests read
/// JSON (which the shipped wasm does not carry).
#[derive(Clone)]
pub enum Fields {
    Js(JsValue),
    #[cfg(any(test, not(target_arch = "wasm32")))]
    Json(serde_json::Value),
}

/// One field's value, as far as the reader tells types apart.
enum Got {
    Absent,
    Text(String),
    Flag(bool),
    Number(f64),
    Object(Fields),
    Other,
}

/// Whether a JS value is an object with fields (not an array or a function).
fn is_record(value: &JsValue) -> bool {
    value.is_object() && !js_sys::Array::is_array(value) && !value.is_function()
}

impl Fields {
    /// Whether this is an object (not `null`, an array or a plain value).
    pub fn is_object(&self) -> bool {
        match self {
            Fields::Js(value) => is_record(value),
            #[cfg(any(test, not(target_arch = "wasm32")))]
            Fields::Json(json) => json.is_object(),
        }
    }

    /// Whether this is `undefined` or `null`.
    pub fn is_null(&self) -> bool {
        match self {
            Fields::Js(value) => value.is_undefined() || value.is_null(),
            #[cfg(any(test, not(target_arch = "wasm32")))]
            Fields::Json(json) => json.is_null(),
        }
    }

    /// The keys that hold a value (`undefined` ones are left out, as in JSON).
    pub fn keys(&self) -> Vec<String> {
        match self {
            Fields::Js(value) if is_record(value) => js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>())
                .iter()
                .filter_map(|key| key.as_string())
                .filter(|key| !self.js_field(key).is_undefined())
                .collect(),
            Fields::Js(_) => Vec::new(),
            #[cfg(any(test, not(target_arch = "wasm32")))]
            Fields::Json(json) => json.as_object().map(|map| map.keys().cloned().collect()).unwrap_or_default(),
        }
    }

    /// A field of the JS object as it is (`undefined` when there is none).
    fn js_field(&self, name: &str) -> JsValue {
        match self {
            Fields::Js(value) if is_record(value) => {
                js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
            }
            _ => JsValue::UNDEFINED,
        }
    }

    #[inline(never)]
    fn get(&self, name: &str) -> Got {
        match self {
            Fields::Js(_) => {
                let value = self.js_field(name);
                if value.is_undefined() || value.is_null() {
                    Got::Absent
                } else if let Some(text) = value.as_string() {
                    Got::Text(text)
                } else if let Some(flag) = value.as_bool() {
                    Got::Flag(flag)
                } else if let Some(number) = value.as_f64().filter(|n| n.is_finite()) {
                    Got::Number(number)
                } else if is_record(&value) {
                    Got::Object(Fields::Js(value))
                } else {
                    Got::Other
                }
            }
            #[cfg(any(test, not(target_arch = "wasm32")))]
            Fields::Json(json) => match json.get(name) {
                None | Some(serde_json::Value::Null) => Got::Absent,
                Some(serde_json::Value::String(text)) => Got::Text(text.clone()),
                Some(serde_json::Value::Bool(flag)) => Got::Flag(*flag),
                Some(serde_json::Value::Number(n)) => n.as_f64().map_or(Got::Other, Got::Number),
                Some(object @ serde_json::Value::Object(_)) => Got::Object(Fields::Json(object.clone())),
                Some(_) => Got::Other,
            },
        }
    }

    /// A field of the type `pick` takes: `None` when absent, `why` when another type.
    fn typed<T>(&self, name: &str, pick: fn(Got) -> Option<T>, why: Why) -> Result<Option<T>, Why> {
        match self.get(name) {
            Got::Absent => Ok(None),
            got => pick(got).map(Some).ok_or(why),
        }
    }

    /// A string field.
    pub fn text(&self, name: &str) -> Result<Option<String>, Why> {
        self.typed(name, |got| if let Got::Text(text) = got { Some(text) } else { None }, "must be a string")
    }

    /// A boolean field.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, Why> {
        self.typed(name, |got| if let Got::Flag(flag) = got { Some(flag) } else { None }, "must be true or false")
    }

    /// A number field, finite (the caller checks the range).
    pub fn number(&self, name: &str) -> Result<Option<f64>, Why> {
        self.typed(name, |got| if let Got::Number(number) = got { Some(number) } else { None }, "must be a number")
    }

    /// An object field, to read in turn.
    pub fn object(&self, name: &str) -> Result<Option<Fields>, Why> {
        self.typed(name, |got| if let Got::Object(fields) = got { Some(fields) } else { None }, "must be an object")
    }

    /// A field JSON cannot carry (a function, an `AbortSignal`), read from the JS object; in JSON any value there is
    /// a mistake.
    fn js_typed<T: JsCast>(&self, name: &str, why: Why) -> Result<Option<T>, Why> {
        match self {
            Fields::Js(_) => match self.js_field(name) {
                value if value.is_undefined() || value.is_null() => Ok(None),
                value => value.dyn_into().map(Some).map_err(|_| why),
            },
            #[cfg(any(test, not(target_arch = "wasm32")))]
            Fields::Json(_) => self.typed(name, |_| None, why),
        }
    }

    /// A function field.
    pub fn function(&self, name: &str) -> Result<Option<js_sys::Function>, Why> {
        self.js_typed(name, "must be a function")
    }

    /// An `AbortSignal` field.
    pub fn signal(&self, name: &str) -> Result<Option<web_sys::AbortSignal>, Why> {
        self.js_typed(name, "must be an AbortSignal")
    }

    /// The object this reader reads, as JS holds it (`undefined` for JSON).
    pub fn js_value(&self) -> JsValue {
        match self {
            Fields::Js(value) => value.clone(),
            #[cfg(any(test, not(target_arch = "wasm32")))]
            Fields::Json(_) => JsValue::UNDEFINED,
        }
    }

    /// An array field.
    pub fn array(&self, name: &str) -> Result<Option<js_sys::Array>, Why> {
        self.js_typed(name, "must be an array")
    }
}

/// Declares an options object once: each option's key, TypeScript type, docs and typed reader. From the one
/// declaration come the TypeScript interface (shipped in the `.d.ts`), the list of accepted keys, and a struct of the
/// values as read, each with the [`Fields`] getter named by `by` (a wrong type is refused naming the option).
///
/// ```ignore
/// declared_options! {
///     /// Options for `new MintedClient(config)`.
///     pub struct ConfigFields as "ClientConfig" {
///         /// Absolute http(s) URL of the API.
///         required base_url: String = "baseUrl" as "string" by Fields::text;
///     }
/// }
/// ```
macro_rules! declared_options {
    (
        $(#[doc = $idoc:literal])+
        $vis:vis struct $name:ident as $ts_name:literal {
            $(
                $(#[doc = $doc:literal])+
                $presence:ident $field:ident: $ty:ty = $key:literal as $ts:literal by $read:path;
            )*
        }
    ) => {
        $(#[doc = $idoc])+
        #[derive(Default)]
        $vis struct $name {
            $(
                $(#[doc = $doc])+
                pub $field: Option<$ty>,
            )*
        }

        impl $name {
            /// The keys of the object, as the caller writes them.
            pub const KEYS: &'static [&'static str] = &[$($key),*];

            /// Reads every declared option of `source`; `refuse(key, why)` makes the error for a wrong type.
            #[inline(never)]
            pub fn read(
                source: &$crate::input::Fields,
                refuse: impl Fn(&'static str, $crate::input::Why) -> $crate::error::MintedError,
            ) -> Result<Self, $crate::error::MintedError> {
                Ok(Self { $($field: $read(source, $key).map_err(|why| refuse($key, why))?,)* })
            }
        }

        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TYPESCRIPT: &'static str = $crate::ts::cat!(
                "\n", $crate::ts::doc_block!(""; $($idoc),+), "export interface ", $ts_name, " {\n",
                $(
                    $crate::ts::doc_block!("    "; $($doc),+),
                    "    ", $key, $crate::input::declared_options!(@mark $presence), ": ", $ts, ";\n",
                )*
                "}\n"
            );
        };
    };
    (@mark required) => { "" };
    (@mark optional) => { "?" };
}
pub(crate) use declared_options;

/// A call's body as JSON text; a value JSON cannot express is a validation error.
pub fn body(value: &JsValue, settings: &Settings) -> Result<String, MintedError> {
    json_text(value)
        .ok_or_else(|| MintedError::validation(vec![settings.issue("", Problem::NotJson)], settings.language))
}

/// A call's query: its JSON text (`{}` for none) and the pairs to send.
pub fn query(value: &JsValue, settings: &Settings) -> Result<Query, MintedError> {
    let text = body(value, settings)?;
    Ok(parse_query(if text == "null" { "{}".to_owned() } else { text }))
}

/// The query of `text` (JSON) with `page` set: the next page of a listing.
pub fn query_page(text: &str, page: u64) -> Query {
    let object = js_sys::JSON::parse(text).unwrap_or(JsValue::NULL);
    if is_record(&object) {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str("page"), &JsValue::from_f64(page as f64));
    }
    let text = json_text(&object).unwrap_or_default();
    Query { pairs: query_pairs(&Fields::Js(object)), text }
}

/// A query from its JSON text.
fn parse_query(text: String) -> Query {
    let object = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    Query { pairs: query_pairs(&Fields::Js(object)), text }
}

/// The pairs a query sends: the top-level strings, numbers and booleans of its JSON data, in the object's key
/// order; anything else is left out (validation reports it).
fn query_pairs(fields: &Fields) -> Vec<(String, String)> {
    fields
        .keys()
        .into_iter()
        .filter_map(|key| {
            let value = fields.js_field(&key);
            let text = match (value.as_string(), value.as_bool()) {
                (Some(text), _) => text,
                (None, Some(flag)) => (if flag { "true" } else { "false" }).to_owned(),
                // A number's JSON text is its JS string form.
                _ if value.as_f64().is_some() => json_text(&value)?,
                _ => return None,
            };
            Some((key, text))
        })
        .collect()
}

/// A path parameter: a string, or `None` for `undefined`/`null` (validation reports it as required). Any other
/// type is a validation error naming the parameter, not a glue exception.
pub fn path_value(name: &str, value: &JsValue, settings: &Settings) -> Result<Option<String>, MintedError> {
    match value.as_string() {
        Some(text) => Ok(Some(text)),
        None if value.is_undefined() || value.is_null() => Ok(None),
        None => Err(MintedError::validation(vec![settings.issue(name, Problem::NotString)], settings.language)),
    }
}

/// `"tr"` or `"en"`.
pub fn language(fields: &Fields, name: &str) -> Result<Option<Language>, Why> {
    match fields.text(name).as_ref().map(|text| text.as_deref()) {
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
    let fields = Fields::Js(value.clone());
    if fields.is_null() {
        return Ok((Language::default(), false));
    }
    if !fields.is_object() {
        return Err(bad("options", Problem::NotObject, Language::default()));
    }
    let language = language(&fields, "language")
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
    pub query: Query,
    pub body: Option<String>,
    /// What every call takes: `signal`, `timeoutMs`, `maxRetries`, `withResponse`.
    pub options: CallOptions,
}

/// Reads the options of `client.request`. Problems are validation errors in `lang`, naming the option.
pub fn raw_options(options: &JsValue, lang: Language) -> Result<RawOptions, MintedError> {
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
    if path.split('/').any(crate::registry::is_dot_segment) {
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
    let query = match get("query") {
        v if v.is_undefined() || v.is_null() => Query::default(),
        v if is_record(&v) => parse_query(json_text(&v).ok_or_else(|| bad("query", Problem::NotJson))?),
        _ => return Err(bad("query", Problem::NotObject)),
    };
    let body = match get("body") {
        v if v.is_undefined() => None,
        v => Some(json_text(&v).ok_or_else(|| bad("body", Problem::NotJson))?),
    };
    let options = options_of(&Fields::Js(options.clone()))?;
    Ok(RawOptions { method, path, api_version, query, body, options })
}

/// Reads the input of `digestAuthorization` and computes the header value. Problems are validation errors in
/// `lang`, naming the field.
pub fn digest_authorization(fields: &Fields, lang: Language) -> Result<String, MintedError> {
    let bad = |field: &str, problem: Problem| misuse("invalid_input", field, problem, lang);
    let optional = |field: &'static str| fields.text(field).map_err(|_| bad(field, Problem::NotString));
    let text = |field: &'static str| optional(field)?.ok_or_else(|| bad(field, Problem::NotString));
    let algorithm = match optional("algorithm")? {
        None => digest::Algorithm::Md5,
        Some(token) => digest::Algorithm::parse(&token)
            .ok_or_else(|| bad("algorithm", Problem::OneOf(&["MD5", "MD5-sess", "SHA-256", "SHA-256-sess"])))?,
    };
    let qop_auth = match optional("qop")?.as_deref() {
        None => false,
        Some("auth") => true,
        Some(_) => return Err(bad("qop", Problem::OneOf(&["auth"]))),
    };
    let nc = match fields.number("nc") {
        Ok(Some(n)) if n.fract() == 0.0 && n >= 0.0 => (1.0..=f64::from(u32::MAX))
            .contains(&n)
            .then_some(n as u32)
            .ok_or_else(|| bad("nc", Problem::OutOfRange(1, 0xffff_ffff)))?,
        _ => return Err(bad("nc", Problem::NotInteger)),
    };
    let userhash = fields.flag("userhash").map_err(|_| bad("userhash", Problem::NotBoolean))?.unwrap_or(false);
    Ok(digest::authorization_header(&digest::AuthInput {
        username: &text("username")?,
        password: &text("password")?,
        realm: &text("realm")?,
        nonce: &text("nonce")?,
        uri: &text("uri")?,
        method: &text("method")?,
        algorithm,
        qop_auth,
        nc,
        cnonce: &text("cnonce")?,
        opaque: optional("opaque")?.as_deref(),
        userhash,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    #[test]
    fn digest_input_is_checked_field_by_field() {
        let mut good = crate::digest::vectors::rfc7616_json().clone();
        good["algorithm"] = json!("SHA-256");
        let password = good["password"].as_str().unwrap().to_owned();
        let header = digest_authorization(&Fields::Json(good.clone()), Language::En).unwrap();
        let response = crate::digest::vectors::rfc7616_response(crate::digest::Algorithm::Sha256);
        assert!(header.contains(&format!("response=\"{response}\"")), "{header}");
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
                let err = digest_authorization(&Fields::Json(input.clone()), lang).unwrap_err();
                assert_eq!(err.kind, ErrorKind::Validation);
                assert_eq!(err.code, Some(ErrorCode::Sdk("invalid_input")));
                assert_eq!((err.issues[0].path.as_str(), err.issues[0].code.as_str()), (field, code));
                assert!(err.message.contains(fragment), "{field}: {}", err.message);
                assert!(!err.message.contains(&password));
            }
        }
    }

    #[test]
    fn the_reader_types_fields_and_says_why_not() {
        let source = json!({"s": "x", "b": true, "n": 2.5, "null": null, "o": {"k": 1}, "a": [1]});
        let fields = Fields::Json(source);
        assert_eq!(fields.text("s"), Ok(Some("x".to_owned())));
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
        let mut keys = fields.keys();
        keys.sort_unstable(); // map order differs with serde_json's preserve_order (on in workspace builds)
        assert_eq!(keys, ["a", "b", "n", "null", "o", "s"]);
        assert_eq!(language(&fields, "s"), Err("must be \"tr\" or \"en\""));
        assert_eq!(language(&Fields::Json(json!({"l": "en"})), "l"), Ok(Some(Language::En)));
    }
}
