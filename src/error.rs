//! Errors: one Rust type, one JS class (`MintedError`, defined in `src/js/errors.js` so `instanceof` works).
//!
//! Every constructor here receives already-redacted text: nothing secret is ever stored in a `MintedError`, so its
//! `Debug`, `Display`, JS properties, `JSON.stringify` and `util.inspect` are all safe to log.

use std::fmt;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::validate::{Language, Severity, ValidationIssue};

/// What went wrong, coarsely. Mirrors `MintedErrorKind` in the TypeScript declarations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The client configuration is unusable (bad `baseUrl`, missing credentials…).
    Config,
    /// The request was refused locally, before any network I/O; see `issues`.
    Validation,
    /// The server refused the credentials.
    Auth,
    /// The server answered with its JSON envelope and `success: false` or an error status.
    Api,
    /// The server answered with an error status and a body that is not the API's envelope (an HTML page, nothing…).
    Http,
    /// No HTTP response: DNS, connection refused, reset, CORS refusal.
    Network,
    /// No response within `timeoutMs`.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// A successful response whose body is not what the API documents.
    Decode,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Config => "config",
            Self::Validation => "validation",
            Self::Auth => "auth",
            Self::Api => "api",
            Self::Http => "http",
            Self::Network => "network",
            Self::Timeout => "timeout",
            Self::Aborted => "aborted",
            Self::Decode => "decode",
        }
    }
}

/// An error code: the API's own (a number in its envelope) or one of the SDK's (a string such as `"invalid_config"`).
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorCode {
    Api(f64),
    Sdk(&'static str),
    Text(String),
}

/// Formats an API code without a fractional part when it has none (`422`, not `422.0`).
pub fn format_code(code: f64) -> String {
    if code.fract() == 0.0 && code.abs() < 1e15 {
        format!("{}", code as i64)
    } else {
        // JSON's number formatting: Rust's float Display would add kilobytes of wasm for a case that never occurs.
        crate::validate::number_text(code)
    }
}

/// The SDK's error. Build it with the constructors below; add context with the `with_*` methods. The fields live in
/// a box (reachable through `Deref`) so `Result<_, MintedError>` stays one pointer wide.
#[derive(Clone, PartialEq)]
pub struct MintedError(Box<ErrorFields>);

/// What a [`MintedError`] carries.
#[derive(Clone, PartialEq)]
pub struct ErrorFields {
    pub kind: ErrorKind,
    pub message: String,
    pub code: Option<ErrorCode>,
    pub status: Option<u16>,
    pub issues: Vec<ValidationIssue>,
    pub request_id: Option<String>,
    /// The response body, redacted and truncated.
    pub body: Option<String>,
    pub operation: Option<&'static str>,
    /// The configuration field at fault, for `config` errors.
    pub field: Option<&'static str>,
    /// HTTP attempts made (retries included); 0 when nothing was sent.
    pub attempts: u32,
    /// The order's `external_id`, for order-placing calls: the key to reconcile with later.
    pub external_id: Option<String>,
}

impl MintedError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self::of(kind, message.into())
    }

    /// `new` for an owned message: one copy of the code for every message type `new` is called with.
    #[inline(never)]
    fn of(kind: ErrorKind, message: String) -> Self {
        Self(Box::new(ErrorFields {
            kind,
            message,
            code: None,
            status: None,
            issues: Vec::new(),
            request_id: None,
            body: None,
            operation: None,
            field: None,
            attempts: 0,
            external_id: None,
        }))
    }

    /// A configuration error naming the field.
    pub fn config(field: &'static str, message: impl Into<String>) -> Self {
        Self::config_of(field, message.into())
    }

    #[inline(never)]
    fn config_of(field: &'static str, message: String) -> Self {
        Self::setting("config", field, message)
    }

    /// A `config` error about a call's own options (`timeoutMs`, `maxRetries`…), naming the option.
    pub fn option(field: &'static str, message: impl Into<String>) -> Self {
        Self::setting("options", field, message.into())
    }

    /// A key of the client's `config` or of a call's `options` the SDK does not know, with the key it may be a
    /// misspelling of.
    pub fn unknown_setting(what: &'static str, key: &str, hint: Option<&str>) -> Self {
        let mut message = format!("invalid {what}: unknown field `{key}`");
        if let Some(hint) = hint {
            message.push_str(" (did you mean ");
            message.push_str(hint);
            message.push_str("?)");
        }
        let mut err = Self::of(ErrorKind::Config, message);
        err.code = Some(ErrorCode::Sdk(if what == "config" { "invalid_config" } else { "invalid_options" }));
        err
    }

    /// A `config` error about one setting of `what` (the client's `config`, or a call's `options`).
    #[inline(never)]
    fn setting(what: &'static str, field: &'static str, message: String) -> Self {
        let mut err = Self::of(ErrorKind::Config, format!("invalid {what}.{field}: {message}"));
        err.field = Some(field);
        err.code = Some(ErrorCode::Sdk(if what == "config" { "invalid_config" } else { "invalid_options" }));
        err
    }

    /// A validation error summarising the error-severity issues (all issues are kept in `issues`), worded in the
    /// language of the issues.
    pub fn validation(issues: Vec<ValidationIssue>, lang: Language) -> Self {
        let errors: Vec<String> = issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .map(|i| if i.path.is_empty() { i.message.clone() } else { format!("{}: {}", i.path, i.message) })
            .collect();
        let prefix = match lang {
            Language::En => "invalid request",
            Language::Tr => "geçersiz istek",
        };
        let mut err = Self::new(ErrorKind::Validation, format!("{prefix}: {}", errors.join("; ")));
        err.code = Some(ErrorCode::Sdk("invalid_request"));
        err.issues = issues;
        err
    }

    pub fn with_code(mut self, code: ErrorCode) -> Self {
        self.code = Some(code);
        self
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    pub fn with_body(mut self, body: Option<String>) -> Self {
        self.body = body;
        self
    }

    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    pub fn with_external_id(mut self, external_id: &str) -> Self {
        self.external_id = Some(external_id.to_owned());
        self
    }

    /// The API's numeric code, when the error carries one.
    pub fn api_code(&self) -> Option<f64> {
        match self.code {
            Some(ErrorCode::Api(n)) => Some(n),
            _ => None,
        }
    }

    /// Names the operation and prefixes the message with it, once.
    pub fn in_operation(mut self, operation: &'static str) -> Self {
        if self.operation.is_none() {
            self.operation = Some(operation);
            self.message = format!("{operation}: {}", self.message);
        }
        self
    }
}

impl std::ops::Deref for MintedError {
    type Target = ErrorFields;
    fn deref(&self) -> &ErrorFields {
        &self.0
    }
}

impl std::ops::DerefMut for MintedError {
    fn deref_mut(&mut self) -> &mut ErrorFields {
        &mut self.0
    }
}

impl fmt::Display for MintedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MintedError[{}]: {}", self.kind.as_str(), self.message)
    }
}

impl fmt::Debug for MintedError {
    // Every field is already redacted; Debug shows them all.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MintedError")
            .field("kind", &self.kind.as_str())
            .field("message", &self.message)
            .field("code", &self.code)
            .field("status", &self.status)
            .field("issues", &self.issues.len())
            .field("request_id", &self.request_id)
            .field("operation", &self.operation)
            .field("attempts", &self.attempts)
            .field("external_id", &self.external_id)
            .finish_non_exhaustive()
    }
}

impl std::error::Error for MintedError {}

#[wasm_bindgen(module = "/src/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = MintedError)]
    type JsMintedError;

    #[wasm_bindgen(constructor, js_class = "MintedError")]
    fn new(message: &str, details: &JsValue) -> JsMintedError;
}

/// Plain data for JS, through JSON (the serialiser is already in the module for request bodies; a second one
/// would cost wasm bytes).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value).ok().and_then(|text| js_sys::JSON::parse(&text).ok()).unwrap_or(JsValue::NULL)
}

/// Validation issues as a JS array (none: a new empty array, without JSON on the way).
pub fn issues(issues: &[ValidationIssue]) -> JsValue {
    if issues.is_empty() {
        return js_sys::Array::new().into();
    }
    to_js(issues)
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
            set(&details, "issues", issues(&err.issues));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Severity;

    fn issue(path: &str, severity: Severity) -> ValidationIssue {
        ValidationIssue { path: path.into(), code: "x".into(), message: format!("{path} is wrong"), severity }
    }

    #[test]
    fn validation_message_lists_only_errors_but_keeps_every_issue() {
        let issues = vec![issue("email", Severity::Error), issue("identity_number", Severity::Warning)];
        let err = MintedError::validation(issues, Language::En);
        assert_eq!(err.kind, ErrorKind::Validation);
        assert_eq!(err.message, "invalid request: email: email is wrong");
        assert_eq!(err.issues.len(), 2);
        let tr = MintedError::validation(vec![issue("email", Severity::Error)], Language::Tr);
        assert_eq!(tr.message, "geçersiz istek: email: email is wrong");
    }

    #[test]
    fn config_errors_name_the_field() {
        let err = MintedError::config("baseUrl", "must be an absolute http(s) URL");
        assert_eq!(err.field, Some("baseUrl"));
        assert_eq!(err.to_string(), "MintedError[config]: invalid config.baseUrl: must be an absolute http(s) URL");
    }

    #[test]
    fn operation_prefix_is_added_once() {
        let err = MintedError::new(ErrorKind::Network, "connection refused").in_operation("getOrder").in_operation("x");
        assert_eq!(err.message, "getOrder: connection refused");
        assert_eq!(err.operation, Some("getOrder"));
    }
}
