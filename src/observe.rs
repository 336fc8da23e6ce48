//! What watches a client's calls, all of it observe-only (what it returns or throws is ignored, so a buggy logger
//! cannot break a payment):
//!
//! - the `onRequest` / `onResponse` hooks, which receive redacted copies of every HTTP exchange;
//! - the watcher: the built-in logger (`logLevel`, `logger`, `MINTED_LOG`) and the `observers` (such as the one
//!   `minted-connect/otel` makes), which hear when each call starts, retries and ends, and, for the debug log, each
//!   exchange. Formatting log lines and fanning events out to observers is JavaScript's (`src/js/observe.js`); this
//!   file builds the events, and none at all when nothing watches.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::redact::{self, REDACTED};

#[wasm_bindgen(module = "/src/js/observe.js")]
extern "C" {
    /// What watches a client's calls (see `src/js/observe.js`).
    pub type Watcher;
    /// One call being watched.
    pub type CallWatch;

    /// The watcher for the log levels `logging` turns on (names of [`LOG_LEVELS`], which are also the logger's
    /// method names), a logger and the observers; `None` when nothing watches.
    #[wasm_bindgen(js_name = watcher)]
    fn watcher_js(logging: js_sys::Array, logger: &JsValue, observers: &JsValue) -> Option<Watcher>;
    /// A call starts: its operation, method, route template and URL.
    #[wasm_bindgen(method)]
    fn start(this: &Watcher, operation: &str, method: &str, route: &str, url: &str) -> CallWatch;
    #[wasm_bindgen(method, getter)]
    fn exchanges(this: &CallWatch) -> bool;
    #[wasm_bindgen(method)]
    fn request(this: &CallWatch, event: &Object);
    #[wasm_bindgen(method)]
    fn response(this: &CallWatch, event: &Object);
    /// Another attempt after `delay_ms`, because the previous one ended with `reason`.
    #[wasm_bindgen(method)]
    fn retry(this: &CallWatch, attempt: u32, delay_ms: f64, reason: &str);
    /// A round of look-ups of the order `external_id` after `delay_ms`, because its placement ended with `reason`.
    #[wasm_bindgen(method)]
    fn lookup(this: &CallWatch, round: u32, delay_ms: f64, external_id: &str, reason: &str);
    /// The call ended after `duration_ms`: what its last response said (see `metadata`), or its error.
    #[wasm_bindgen(method)]
    fn end(this: &CallWatch, metadata: &JsValue, error: &JsValue, duration_ms: f64);

    /// What a call's last response said: `{ requestId, status, attempts, durationMs, reconciled, headers }`.
    pub fn metadata(
        status: u16,
        request_id: Option<String>,
        attempts: u32,
        duration_ms: f64,
        reconciled: bool,
        headers: &JsValue,
    ) -> Object;

    /// `MINTED_LOG`, where the runtime has an environment.
    #[wasm_bindgen(js_name = logLevelFromEnvironment)]
    fn log_level_from_environment_js() -> Option<String>;
    /// The identification header: `{ header, value }`.
    #[wasm_bindgen(js_name = sdkIdentity)]
    fn sdk_identity_js(version: &str, app_name: Option<String>) -> SdkIdentity;
    /// The header that says which SDK sent a request, and its value.
    pub type SdkIdentity;
    #[wasm_bindgen(method, getter)]
    fn header(this: &SdkIdentity) -> String;
    #[wasm_bindgen(method, getter)]
    fn value(this: &SdkIdentity) -> String;
}

/// Declares the log levels once: the list the config checks, and the TypeScript type.
macro_rules! log_levels {
    ($($level:literal),+) => {
        /// The log levels, quietest first; a level logs what it names and everything before it.
        pub const LOG_LEVELS: &[&str] = &[$($level),+];

        #[wasm_bindgen(typescript_custom_section)]
        const LOG_LEVEL_TYPE: &'static str = crate::ts::cat!(
            "\n/** The log levels of the `logLevel` option and `MINTED_LOG`: each logs what it names and everything ",
            "before it. */\nexport type LogLevel = ", crate::ts::union!($($level),+), ";\n"
        );
    };
}

log_levels!("off", "error", "warn", "info", "debug");

/// The configured hooks.
#[derive(Default)]
pub struct Hooks {
    pub on_request: Option<Function>,
    pub on_response: Option<Function>,
}

/// Everything that watches a client's calls.
#[derive(Default)]
pub struct Observers {
    pub hooks: Hooks,
    watcher: Option<Watcher>,
}

impl Observers {
    /// The hooks, and the watcher for a log level (an index of [`LOG_LEVELS`]), a logger and observers.
    pub fn new(hooks: Hooks, level: usize, logger: Option<JsValue>, observers: Option<js_sys::Array>) -> Self {
        if level == 0 && observers.is_none() {
            return Self { hooks, watcher: None };
        }
        let logging: js_sys::Array = LOG_LEVELS.iter().take(level + 1).skip(1).map(|l| JsValue::from_str(l)).collect();
        let (logger, observers) =
            (logger.unwrap_or(JsValue::UNDEFINED), observers.map_or(JsValue::UNDEFINED, JsValue::from));
        Self { hooks, watcher: watcher_js(logging, &logger, &observers) }
    }
}

/// `MINTED_LOG`, where the runtime has an environment (Node, Bun, Deno).
pub fn log_level_from_environment() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        log_level_from_environment_js()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::env::var("MINTED_LOG").ok()
    }
}

/// The header that tells the API which SDK sent a request, and its value (natively, where there is no JS runtime to
/// name: `(native)`).
pub fn sdk_identity(app_name: Option<String>) -> (String, String) {
    #[cfg(target_arch = "wasm32")]
    {
        let identity = sdk_identity_js(env!("CARGO_PKG_VERSION"), app_name);
        (identity.header(), identity.value())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let app = app_name.map(|name| format!(" {name}")).unwrap_or_default();
        ("User-Agent".to_owned(), format!("minted-connect/{} (native){app}", env!("CARGO_PKG_VERSION")))
    }
}

/// The exchange a hook is told about.
pub struct Exchange<'a> {
    pub operation: &'a str,
    pub attempt: u32,
    pub method: &'a str,
    pub url: &'a str,
}

/// A request header as a hook may see it: `Authorization` replaced.
pub fn header_value<'a>(name: &str, value: &'a str) -> &'a str {
    if name.eq_ignore_ascii_case("authorization") {
        REDACTED
    } else {
        value
    }
}

/// Sets `key` on an event (setting a key of a fresh plain object cannot fail).
pub fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn base(exchange: &Exchange<'_>) -> Object {
    let event = Object::new();
    set(&event, "operation", &exchange.operation.into());
    set(&event, "attempt", &JsValue::from(exchange.attempt));
    set(&event, "method", &exchange.method.into());
    set(&event, "url", &exchange.url.into());
    event
}

fn call(hook: &Option<Function>, event: &Object) {
    if let Some(hook) = hook {
        // Observe-only: errors thrown by the hook are deliberately ignored.
        let _ = hook.call1(&JsValue::NULL, event);
    }
}

/// One call being watched; nothing inside when nothing watches the client.
pub struct Watch {
    call: Option<CallWatch>,
    exchanges: bool,
}

impl Watch {
    /// A call nothing watches.
    pub fn none() -> Self {
        Self { call: None, exchanges: false }
    }

    /// Tells the watcher a call starts: its operation, method, route template and URL.
    pub fn start(observers: &Observers, operation: &str, method: &str, route: &str, url: &str) -> Self {
        let Some(watcher) = &observers.watcher else {
            return Self::none();
        };
        let call = watcher.start(operation, method, route, url);
        Self { exchanges: call.exchanges(), call: Some(call) }
    }

    /// Another attempt of a safe call after `delay_ms`, because of `reason`.
    pub fn retry(&self, attempt: u32, delay_ms: f64, reason: &str) {
        if let Some(call) = &self.call {
            call.retry(attempt, delay_ms, reason);
        }
    }

    /// A round of look-ups of an order whose placement had no clear answer (`reason`), after `delay_ms`.
    pub fn lookup(&self, round: u32, delay_ms: f64, external_id: &str, reason: &str) {
        if let Some(call) = &self.call {
            call.lookup(round, delay_ms, external_id, reason);
        }
    }

    /// The call's end after `duration_ms`: its response's metadata, or its error.
    pub fn end(&self, metadata: &JsValue, error: &JsValue, duration_ms: f64) {
        if let Some(call) = &self.call {
            call.end(metadata, error, duration_ms);
        }
    }

    pub fn is_watched(&self) -> bool {
        self.call.is_some()
    }
}

impl Observers {
    /// Whether anything watches the client's calls (a log level on, or observers).
    pub fn watches(&self) -> bool {
        self.watcher.is_some()
    }

    /// Before sending: method, URL, headers (Authorization redacted) and the body (redacted), to the `onRequest` hook
    /// and to a watcher that hears exchanges.
    pub fn request(
        &self,
        watch: &Watch,
        exchange: &Exchange<'_>,
        headers: &[(&str, String)],
        body: Option<&str>,
        secrets: &[&str],
    ) {
        let event = base(exchange);
        let names = Object::new();
        for (name, value) in headers {
            set(&names, name, &header_value(name, value).into());
        }
        set(&event, "headers", &names);
        if let Some(body) = body {
            set(&event, "body", &redact::redact_body(body.as_bytes(), secrets).into());
        }
        call(&self.hooks.on_request, &event);
        if let (Some(watching), true) = (&watch.call, watch.exchanges) {
            watching.request(&event);
        }
    }

    /// After an exchange: the status, request id, time taken and the body (redacted), or the failure's message.
    pub fn response(
        &self,
        watch: &Watch,
        exchange: &Exchange<'_>,
        outcome: Result<(u16, Option<&str>, &[u8]), &str>,
        duration_ms: f64,
        secrets: &[&str],
    ) {
        let event = base(exchange);
        set(&event, "durationMs", &JsValue::from_f64(duration_ms));
        match outcome {
            Ok((status, request_id, body)) => {
                set(&event, "status", &JsValue::from(status));
                if let Some(id) = request_id {
                    set(&event, "requestId", &id.into());
                }
                set(&event, "body", &redact::redact_body(body, secrets).into());
            }
            Err(message) => {
                set(&event, "status", &JsValue::from(0));
                set(&event, "error", &redact::redact_text_plain(message, secrets).into());
            }
        }
        call(&self.hooks.on_response, &event);
        if let (Some(watching), true) = (&watch.call, watch.exchanges) {
            watching.response(&event);
        }
    }

    /// Whether anything hears the requests of this call's exchanges.
    pub fn hear_requests(&self, watch: &Watch) -> bool {
        self.hooks.on_request.is_some() || watch.exchanges
    }

    /// Whether anything hears the responses of this call's exchanges.
    pub fn hear_responses(&self, watch: &Watch) -> bool {
        self.hooks.on_response.is_some() || watch.exchanges
    }
}

#[wasm_bindgen(typescript_custom_section)]
const HOOK_EVENTS: &'static str = r#"
/** What `onRequest` receives: a redacted copy of one HTTP request (each attempt and Digest challenge included). */
export interface RequestEvent {
    /** The operation id of the call (`getCustomer`), or `request` for a raw request. */
    operation: string;
    /** The HTTP attempt of the call, from 1 (retries and Digest challenges count). */
    attempt: number;
    /** The HTTP method. */
    method: string;
    /** The full URL. */
    url: string;
    /** `Authorization` is "[REDACTED]". */
    headers: Record<string, string>;
    /** The JSON body with passwords, CVVs and card tokens removed and card numbers masked. */
    body?: string;
}

/** What `onResponse` receives: a redacted copy of one HTTP response, or `status: 0` and `error` when none came. */
export interface ResponseEvent {
    /** The operation id of the call (`getCustomer`), or `request` for a raw request. */
    operation: string;
    /** The HTTP attempt of the call, from 1 (retries and Digest challenges count). */
    attempt: number;
    /** The HTTP method. */
    method: string;
    /** The full URL. */
    url: string;
    /** The HTTP status, or 0 when no response came. */
    status: number;
    /** The server's `x-request-id`, when it sent one. */
    requestId?: string;
    /** Time from sending to the end of the response (or the failure), in milliseconds. */
    durationMs: number;
    /** The response body with passwords, CVVs and card tokens removed and card numbers masked. */
    body?: string;
    /** Why no response came (a network error, a timeout, an abort). */
    error?: string;
}

/** Where log lines go: any object with console's methods (`console` itself, pino, winston…). */
export interface Logger {
    /** Failed calls. */
    error(line: string): void;
    /** Retries and look-ups of orders whose placement had no clear answer. */
    warn(line: string): void;
    /** One line per call: operation, method, path, status, duration, attempts, request id. */
    info(line: string): void;
    /** One line per HTTP exchange (Digest challenges included) with redacted headers and bodies. */
    debug(line: string): void;
}

/** What an observer hears when a call starts. */
export interface CallStartEvent {
    /** The operation id (`getCustomer`), or `request` for a raw request. */
    operation: string;
    /** The HTTP method. */
    method: string;
    /** The route's path template, e.g. `/partner/customer/{external_customer_id}`. */
    route: string;
    /** The full URL of the first request. */
    url: string;
}

/** Another attempt of a call: a retry of a safe call, or (`lookup`) a round of look-ups of an unclear order. */
export interface CallRetryEvent {
    /** The attempt (or look-up round) about to start, from 2 (from 1 for look-ups). */
    attempt: number;
    /** The wait before it, in milliseconds. */
    delayMs: number;
    /** What the previous attempt ended with: an HTTP status, `network` or `timeout`. */
    reason: string;
    /** A look-up of an order by its `external_id`, after a placement without a clear answer. */
    lookup?: boolean;
    /** The order's `external_id`, for look-ups. */
    externalId?: string;
}

/** What an observer hears when a call ends: what `withResponse` gives, or the error. */
export interface CallEndEvent {
    /** The HTTP status of the last response, when one came. */
    status?: number;
    /** The server's `x-request-id` of the last response. */
    requestId?: string;
    /** HTTP attempts the call took. */
    attempts: number;
    /** Time from the call's start to its end, in milliseconds. */
    durationMs: number;
    /** The order was confirmed by looking it up (exactly-once placement). */
    reconciled?: boolean;
    /** Why the call failed. */
    error?: MintedError;
}

/** What an observer does for one call: hears its retries and its end. */
export interface CallObserver {
    /** Another attempt is about to start. */
    retrying?(event: CallRetryEvent): void;
    /** The call has ended. */
    ended?(event: CallEndEvent): void;
}

/** Watches every call of a client (the `observers` option), e.g. `openTelemetry()` from `minted-connect/otel`. */
export interface MintedObserver {
    /** A call starts; what this returns hears the rest of the call. Called synchronously, in the caller's context. */
    callStarted(event: CallStartEvent): CallObserver | void;
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_is_hidden_from_hooks() {
        assert_eq!(header_value("Authorization", "Digest username=\"u\", response=\"x\""), REDACTED);
        assert_eq!(header_value("authorization", "Basic abc"), REDACTED);
        assert_eq!(header_value("x-client-id", "web"), "web");
    }
}
