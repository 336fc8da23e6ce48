//! Client configuration: its options declared once ([`ConfigFields`]: keys, TypeScript, typed reading), defaults, and
//! the checks that turn a bad config into a `config` error naming the field.

use std::fmt;

use tsify::Tsify;

use crate::error::MintedError;
use crate::input::{
    self, declared_options, timeout, unknown_key, whole, Fields, MAX_RETRIES, RETRIES_RANGE, TIMEOUT_RANGE,
};
use crate::observe::{self, Hooks, Observers, LOG_LEVELS};
use crate::registry::{Method, Override, Overrides};
use crate::retry::Policy;
use crate::validate::Language;

/// Default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

declared_options! {
    /// Options for `new MintedClient(config)`.
    pub struct ConfigFields as "ClientConfig" {
        /// Absolute http(s) URL of the API, e.g. `https://api.staging.mintedconnect.com`. A path prefix is kept.
        required base_url: String = "baseUrl" as "string" by Fields::text;
        /// Partner user name for HTTP Digest authentication.
        optional username: String = "username" as "string" by Fields::text;
        /// Partner password for HTTP Digest authentication. Never logged, never put in errors.
        optional password: String = "password" as "string" by Fields::text;
        /// Sent as `x-client-id`. Default `"web"`.
        optional client_id: String = "clientId" as "string" by Fields::text;
        /// Language of validation messages and of the API's own messages (`Accept-Language`). Default `"tr"`.
        optional language: Language = "language" as "Language" by input::language;
        /// Time allowed for one HTTP exchange, in milliseconds. Default 30000.
        optional timeout_ms: f64 = "timeoutMs" as "number" by Fields::number;
        /// Treat failed T.C. identity number / VKN checksums as errors instead of warnings. Default `false`.
        optional strict_identity_numbers: bool = "strictIdentityNumbers" as "boolean" by Fields::flag;
        /// Replace the method, path or `api-version` of operations, by operation id — for inferred paths that turn
        /// out different: `{ getOrders: { path: '/partner/order/list' } }`. Aliases (`buyGold`) follow their
        /// operation.
        optional routes: Fields = "routes" as "Partial<Record<OperationId, RouteOverride>>" by Fields::object;
        /// Retries of safe calls after a network error, a timeout, 408, 429 or 5xx. Default 2; 0 disables.
        optional max_retries: f64 = "maxRetries" as "number" by Fields::number;
        /// First backoff delay in ms (doubling, with jitter, up to 16×). Default 250.
        optional retry_backoff_ms: f64 = "retryBackoffMs" as "number" by Fields::number;
        /// Called before every HTTP exchange with a redacted copy of the request. Observe-only: what it returns or
        /// throws is ignored.
        optional on_request: js_sys::Function = "onRequest" as "(event: RequestEvent) => void" by Fields::function;
        /// Called after every HTTP exchange with a redacted copy of the response (or the failure). Observe-only.
        optional on_response: js_sys::Function = "onResponse" as "(event: ResponseEvent) => void" by Fields::function;
        /// Sends every HTTP exchange of this client (Digest challenges, retries, reconciliation look-ups) instead of
        /// the global `fetch`, with the standard signature. Node behind a proxy:
        /// `(url, init) => undici.fetch(url, { ...init, dispatcher: new undici.ProxyAgent(proxyUrl) })`; Workers:
        /// `(url, init) => env.API.fetch(url, init)`. What it throws maps to kinds: `AbortError` → `aborted`,
        /// `TimeoutError` → `timeout`, anything else → `network`; `timeoutMs` and `signal` hold even if it ignores
        /// `init.signal`.
        optional fetch: js_sys::Function = "fetch" as "(url: string, init: FetchInit) => Promise<FetchResponse>"
            by Fields::function;
        /// What the built-in logger writes: `"off"` (default), `"error"` (failed calls), `"warn"` (and retries and
        /// look-ups), `"info"` (and one line per call) or `"debug"` (and one line per HTTP exchange, with redacted
        /// headers and bodies). In Node, Bun and Deno the environment variable `MINTED_LOG` sets the default.
        optional log_level: String = "logLevel" as "LogLevel" by Fields::text;
        /// Where log lines go: an object with console's methods (`error`, `warn`, `info`, `debug`). Default
        /// `console`.
        optional logger: Fields = "logger" as "Logger" by Fields::object;
        /// What else watches every call: each hears when a call starts, retries and ends, e.g. `openTelemetry()` from
        /// `minted-connect/otel`.
        optional observers: js_sys::Array = "observers" as "MintedObserver[]" by Fields::array;
        /// Your application's name and version (`my-app/1.2`), added to the SDK's identification: the `User-Agent`
        /// header (`minted-connect/0.1.0 (node 20.20.2) my-app/1.2`), or `x-minted-sdk` in browsers.
        optional app_name: String = "appName" as "string" by Fields::text;
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const FETCH_TYPES: &str = r#"
/** The second argument of the `fetch` option: a `RequestInit` any fetch implementation accepts. */
export interface FetchInit {
    /** The HTTP method. */
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /** Every header to send, `Authorization` included once a Digest challenge has been answered. */
    headers: Record<string, string>;
    /** The JSON body, for calls that send one. */
    body?: string;
    /** Aborts the exchange on `timeoutMs` or the call's own `signal`. */
    signal: AbortSignal;
}

/** What the `fetch` option must resolve to: a `Response` (the platform's, undici's, or any object with these). */
export interface FetchResponse {
    /** The HTTP status. */
    readonly status: number;
    /** The response headers (`www-authenticate`, `x-request-id`, `date` and `retry-after` are read). */
    readonly headers: {
        /** A header's value, or `null` when absent. */
        get(name: string): string | null;
    };
    /** The body, read once. */
    arrayBuffer(): Promise<ArrayBuffer>;
}
"#;

/// A replacement for parts of one route.
#[derive(Clone, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RouteOverride {
    /// The HTTP method to use instead.
    #[tsify(optional, type = "\"GET\" | \"POST\" | \"PUT\" | \"PATCH\" | \"DELETE\"")]
    pub method: Option<String>,
    /// Path template; must keep the same `{placeholders}`.
    #[tsify(optional)]
    pub path: Option<String>,
    /// The `api-version` header to send instead.
    #[tsify(optional)]
    pub api_version: Option<String>,
}

/// The configuration after checks and defaults.
#[derive(Clone, PartialEq)]
pub struct Config {
    /// Scheme, authority and path prefix, without a trailing slash.
    pub base_url: String,
    /// The path prefix alone (`""` or `/api`), for Digest's `uri`.
    pub base_path: String,
    pub credentials: Option<(String, String)>,
    pub client_id: String,
    pub language: Language,
    pub timeout_ms: u32,
    pub strict_identity_numbers: bool,
    pub routes: Overrides,
    pub retry: Policy,
    /// The `fetch` option: read from the JS object (JSON cannot carry a function).
    pub fetch: Option<js_sys::Function>,
    /// The header that says which SDK (and application) sends a request, and its value.
    pub identity: (String, String),
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("username", &self.credentials.as_ref().map(|(u, _)| u))
            .field("password", &self.credentials.as_ref().map(|_| crate::redact::REDACTED))
            .field("client_id", &self.client_id)
            .field("language", &self.language)
            .field("timeout_ms", &self.timeout_ms)
            .field("strict_identity_numbers", &self.strict_identity_numbers)
            .field("routes", &self.routes)
            .field("retry", &self.retry)
            .field("fetch", &self.fetch.as_ref().map(|_| "function"))
            .finish()
    }
}

impl Config {
    /// Secrets to cut out of anything the SDK reports.
    pub fn secrets(&self) -> Vec<&str> {
        self.credentials.iter().map(|(_, p)| p.as_str()).collect()
    }
}

/// Reads and checks a client's config (the object given to `new MintedClient`), applying defaults. The one way a
/// config is read: from the JS object in the wasm, from JSON in native tests.
pub fn parse(source: &Fields) -> Result<(Config, Observers), MintedError> {
    if !source.is_object() {
        return Err(MintedError::config("baseUrl", "the config must be an object like { baseUrl: 'https://…' }"));
    }
    if let Some((key, hint)) = unknown_key(source, ConfigFields::KEYS) {
        return Err(MintedError::unknown_setting("config", &key, hint));
    }
    let given = ConfigFields::read(source, |key, why| match key {
        "routes" => MintedError::config(key, ROUTES_SHAPE),
        _ => MintedError::config(key, why),
    })?;
    let base_url = given.base_url.ok_or_else(|| MintedError::config("baseUrl", "is required"))?;
    let (base_url, base_path) = parse_base_url(&base_url).map_err(|why| MintedError::config("baseUrl", why))?;
    let credentials = match (given.username, given.password) {
        (Some(u), Some(p)) if !u.is_empty() => Some((u, p)),
        (Some(_), Some(_)) => return Err(MintedError::config("username", "must not be empty")),
        (None, None) => None,
        (Some(_), None) => return Err(MintedError::config("password", "is required when username is set")),
        (None, Some(_)) => return Err(MintedError::config("username", "is required when password is set")),
    };
    let client_id = given.client_id.unwrap_or_else(|| "web".to_owned());
    if client_id.trim().is_empty() || !client_id.chars().all(|c| c.is_ascii_graphic()) {
        return Err(MintedError::config("clientId", "must be a non-empty header-safe token"));
    }
    let timeout_ms = match given.timeout_ms {
        None => DEFAULT_TIMEOUT_MS,
        Some(ms) => timeout(ms).ok_or_else(|| MintedError::config("timeoutMs", TIMEOUT_RANGE))?,
    };
    let routes = match given.routes {
        None => Overrides::default(),
        Some(routes) => parse_routes(routes)?,
    };
    let mut retry = Policy::default();
    if let Some(n) = given.max_retries {
        retry.max_retries = whole(n, MAX_RETRIES).ok_or_else(|| MintedError::config("maxRetries", RETRIES_RANGE))?;
    }
    if let Some(ms) = given.retry_backoff_ms {
        let ms = whole(ms, MAX_BACKOFF_MS).ok_or_else(|| MintedError::config("retryBackoffMs", BACKOFF_RANGE))?;
        retry.base_delay_ms = f64::from(ms);
        retry.max_delay_ms = f64::from(ms) * 16.0;
    }
    let level = match given.log_level {
        Some(level) => log_level(&level).ok_or_else(|| MintedError::config("logLevel", log_levels_hint()))?,
        None => observe::log_level_from_environment().and_then(|level| log_level(&level)).unwrap_or(0),
    };
    let app_name = given.app_name;
    if app_name.as_ref().is_some_and(|name| name.is_empty() || !name.chars().all(|c| (' '..='~').contains(&c))) {
        return Err(MintedError::config("appName", "must be printable ASCII, like my-app/1.2"));
    }
    let hooks = Hooks { on_request: given.on_request, on_response: given.on_response };
    let logger = given.logger.map(|logger| logger.js_value());
    let observers = Observers::new(hooks, level, logger, given.observers);
    let config = Config {
        base_url,
        base_path,
        credentials,
        client_id,
        language: given.language.unwrap_or_default(),
        timeout_ms,
        strict_identity_numbers: given.strict_identity_numbers.unwrap_or(false),
        routes,
        retry,
        fetch: given.fetch,
        identity: observe::sdk_identity(app_name),
    };
    Ok((config, observers))
}

/// The position of a log level in [`LOG_LEVELS`] (0 is `off`).
fn log_level(name: &str) -> Option<usize> {
    LOG_LEVELS.iter().position(|level| *level == name)
}

fn log_levels_hint() -> String {
    let mut hint = "must be one of".to_owned();
    for level in LOG_LEVELS {
        hint.push(' ');
        hint.push_str(level);
    }
    hint
}

input::limit! {
    /// Longest first backoff delay, in ms.
    MAX_BACKOFF_MS = 60000, BACKOFF_RANGE = "must be a whole number from 0 to "
}

/// [`parse`] for a config given as JSON (native tests).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn from_json(value: &serde_json::Value) -> Result<Config, MintedError> {
    parse(&Fields::Json(value.clone())).map(|(config, _)| config)
}

const ROUTES_SHAPE: &str =
    "must be an object keyed by operation id, e.g. { getOrders: { path: '/partner/order/list' } }";

fn parse_routes(routes: Fields) -> Result<Overrides, MintedError> {
    let bad = |why: String| MintedError::config("routes", why);
    let mut overrides = Overrides::default();
    for operation in routes.keys() {
        let Ok(Some(spec)) = routes.object(&operation) else {
            return Err(bad(format!("`{operation}` must be an object with method, path or apiVersion")));
        };
        let mut value = Override::default();
        for key in spec.keys() {
            let text =
                spec.text(&key).ok().flatten().ok_or_else(|| bad(format!("`{operation}`.{key} must be a string")))?;
            match key.as_str() {
                "method" => {
                    value.method =
                        Some(Method::parse(&text).ok_or_else(|| {
                            bad(format!("`{operation}`.method must be GET, POST, PUT, PATCH or DELETE"))
                        })?)
                }
                "path" => value.path = Some(text),
                "apiVersion" => value.api_version = Some(text),
                other => {
                    return Err(bad(format!("`{operation}` has an unknown key `{other}` (method, path, apiVersion)")))
                }
            }
        }
        overrides.add(&operation, value).map_err(bad)?;
    }
    Ok(overrides)
}

/// Splits an absolute http(s) URL into (base without trailing slash, path prefix). Rejects user info (credentials
/// belong in `username`/`password`, where they are never echoed), queries and fragments.
pub fn parse_base_url(input: &str) -> Result<(String, String), &'static str> {
    const WHY: &str = "must be an absolute http(s) URL such as https://api.staging.mintedconnect.com";
    let trimmed = input.trim();
    let lower = trimmed.to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return Err(WHY);
    };
    let rest = trimmed.get(scheme_len..).ok_or(WHY)?;
    if rest.contains('?') || rest.contains('#') {
        return Err("must not contain a query (?…) or fragment (#…)");
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (rest.get(..i).ok_or(WHY)?, rest.get(i..).ok_or(WHY)?),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err("must not contain credentials; use the username and password options");
    }
    let host_ok = !authority.is_empty()
        && authority.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '_'))
        && !authority.starts_with(':');
    if !host_ok || path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(WHY);
    }
    let path = path.trim_end_matches('/');
    let scheme = lower.get(..scheme_len).ok_or(WHY)?;
    Ok((format!("{scheme}{authority}{path}"), path.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn base_url_table() {
        let cases: &[(&str, Result<(&str, &str), ()>)] = &[
            ("https://api.staging.mintedconnect.com", Ok(("https://api.staging.mintedconnect.com", ""))),
            ("https://api.example.com/", Ok(("https://api.example.com", ""))),
            ("HTTP://127.0.0.1:8080/api/", Ok(("http://127.0.0.1:8080/api", "/api"))),
            ("http://[::1]:9000", Ok(("http://[::1]:9000", ""))),
            ("  https://x.test  ", Ok(("https://x.test", ""))),
            ("api.example.com", Err(())),
            ("ftp://example.com", Err(())),
            ("https://", Err(())),
            ("https://user:pw@example.com", Err(())),
            ("https://example.com/?a=1", Err(())),
            ("https://example.com/#x", Err(())),
            ("https://exa mple.com", Err(())),
            ("https://example.com/a b", Err(())),
            ("", Err(())),
        ];
        for (input, expected) in cases {
            let got = parse_base_url(input);
            match expected {
                Ok((base, path)) => {
                    assert_eq!(got, Ok(((*base).to_owned(), (*path).to_owned())), "{input}")
                }
                Err(()) => assert!(got.is_err(), "{input} should fail"),
            }
        }
    }

    #[test]
    fn defaults_apply() {
        let config = from_json(&json!({"baseUrl": "http://127.0.0.1:1", "username": "u", "password": "p"})).unwrap();
        assert_eq!(config.client_id, "web");
        assert_eq!(config.language, Language::Tr);
        assert_eq!(config.timeout_ms, DEFAULT_TIMEOUT_MS);
        assert!(!config.strict_identity_numbers);
        assert_eq!(config.credentials, Some(("u".into(), "p".into())));
        assert_eq!(config.retry, Policy::default());
        let tuned = from_json(&json!({"baseUrl": "http://x.test", "maxRetries": 0, "retryBackoffMs": 10})).unwrap();
        assert_eq!((tuned.retry.max_retries, tuned.retry.base_delay_ms, tuned.retry.max_delay_ms), (0, 10.0, 160.0));
    }

    #[test]
    fn bad_configs_name_the_field() {
        let cases: &[(serde_json::Value, Option<&str>, &str)] = &[
            (json!(null), Some("baseUrl"), "must be an object"),
            (json!({}), Some("baseUrl"), "is required"),
            (json!({"baseUrl": 5}), Some("baseUrl"), "must be a string"),
            (json!({"baseUrl": "nope"}), Some("baseUrl"), "absolute http(s) URL"),
            (json!({"baseUrl": "http://x.test", "username": "u"}), Some("password"), "required when username"),
            (json!({"baseUrl": "http://x.test", "password": "p"}), Some("username"), "required when password"),
            (json!({"baseUrl": "http://x.test", "language": "de"}), Some("language"), "\"tr\" or \"en\""),
            (json!({"baseUrl": "http://x.test", "timeoutMs": 0}), Some("timeoutMs"), "whole number"),
            (json!({"baseUrl": "http://x.test", "timeoutMs": 1.5}), Some("timeoutMs"), "whole number"),
            (json!({"baseUrl": "http://x.test", "timeoutMs": "10"}), Some("timeoutMs"), "must be a number"),
            (json!({"baseUrl": "http://x.test", "clientId": ""}), Some("clientId"), "non-empty"),
            (
                json!({"baseUrl": "http://x.test", "strictIdentityNumbers": "yes"}),
                Some("strictIdentityNumbers"),
                "true or false",
            ),
            (json!({"baseURL": "http://x.test"}), None, "unknown field `baseURL` (did you mean baseUrl?)"),
            (json!({"baseUrl": "http://x.test", "routes": []}), Some("routes"), "keyed by operation id"),
            (json!({"baseUrl": "http://x.test", "maxRetries": -1}), Some("maxRetries"), "whole number"),
            (json!({"baseUrl": "http://x.test", "maxRetries": 11}), Some("maxRetries"), "whole number"),
            (json!({"baseUrl": "http://x.test", "retryBackoffMs": 1.5}), Some("retryBackoffMs"), "whole number"),
            (json!({"baseUrl": "http://x.test", "onRequest": "log"}), Some("onRequest"), "must be a function"),
            (json!({"baseUrl": "http://x.test", "fetch": "undici"}), Some("fetch"), "must be a function"),
            (
                json!({"baseUrl": "http://x.test", "routes": {"nope": {}}}),
                Some("routes"),
                "unknown operation id `nope`",
            ),
            (
                json!({"baseUrl": "http://x.test", "routes": {"getOrders": {"verb": "GET"}}}),
                Some("routes"),
                "unknown key `verb`",
            ),
            (
                json!({"baseUrl": "http://x.test", "routes": {"getOrders": {"method": "TRACE"}}}),
                Some("routes"),
                "GET, POST",
            ),
            (
                json!({"baseUrl": "http://x.test", "routes": {"getOrder": {"path": "/x/{id}"}}}),
                Some("routes"),
                "placeholders",
            ),
        ];
        for (value, field, fragment) in cases {
            let err = from_json(value).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Config, "{value}");
            assert_eq!(err.field, *field, "{value}");
            assert!(err.message.contains(fragment), "{value}: {}", err.message);
        }
    }

    #[test]
    fn route_overrides_are_parsed() {
        let config = from_json(&json!({"baseUrl": "http://x.test", "routes": {
            "getOrders": {"path": "/partner/order/list", "method": "post"}, "priceFix": {"apiVersion": "4"}}}))
        .unwrap();
        let orders = config.routes.resolve(crate::registry::route("getOrders").unwrap());
        assert_eq!((orders.method, orders.path.as_ref()), (Method::Post, "/partner/order/list"));
        assert_eq!(config.routes.resolve(crate::registry::route("priceFix").unwrap()).api_version, "4");
    }

    #[test]
    fn debug_never_shows_the_password() {
        let config = from_json(&json!({"baseUrl": "http://x.test", "username": "u", "password": "hunter22"})).unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter22"), "{shown}");
        assert!(shown.contains("[REDACTED]"));
    }
}
