//! The client's only contact with the platform: one HTTP exchange through `fetch` (the client's `fetch` option, or
//! the platform's), bounded by a timeout and the caller's `AbortSignal`; and the clock and timers calls wait on (on
//! wasm, `std::time` panics, so the clock is JavaScript's `Date`; natively, the system clock).
//!
//! An exchange is one call into `src/js/http.js` (`exchange`): it calls `fetch(url, init)` with a plain `init`,
//! arms the timeout, forwards the caller's signal and reads the body, all on the JavaScript side, and hands back the
//! status, the request id, the headers and the body bytes. fetch only ever sees the exchange's own `AbortController`,
//! aborted with an `Error` reason: a caller aborting with a non-Error reason (`controller.abort("stop")`) would
//! otherwise make fetch reject with a non-Error value. A custom fetch that ignores the signal still cannot outlive
//! `timeoutMs`: the exchange stops waiting for it.

use time::{Date, OffsetDateTime};
use wasm_bindgen::prelude::*;

use crate::envelope::RawResponse;
use crate::error::{ErrorKind, MintedError};
use crate::registry::Method;

/// One exchange to perform.
pub struct HttpRequest<'a> {
    pub method: Method,
    pub url: &'a str,
    /// The request's headers but `Authorization`, as the JS object fetch gets (the connection builds it once).
    pub headers: &'a js_sys::Object,
    /// The `Authorization` value, for a signed request.
    pub authorization: Option<&'a str>,
    pub body: Option<&'a str>,
    pub timeout_ms: u32,
    pub signal: Option<&'a web_sys::AbortSignal>,
    /// The client's `fetch` option; `None` uses the global `fetch`.
    pub fetch: Option<&'a js_sys::Function>,
}

#[wasm_bindgen(module = "/src/js/http.js")]
extern "C" {
    /// Performs one exchange; resolves to an [`Exchanged`], rejects with a [`Failed`].
    #[wasm_bindgen(js_name = exchange)]
    fn exchange_js(
        fetch: Option<&js_sys::Function>,
        url: &str,
        method: &str,
        headers: &js_sys::Object,
        authorization: Option<&str>,
        body: Option<&str>,
        timeout_ms: u32,
        signal: Option<&web_sys::AbortSignal>,
    ) -> js_sys::Promise;

    /// What an exchange brought back: `{ status, requestId, headers, body }`.
    pub type Exchanged;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Exchanged) -> u16;
    #[wasm_bindgen(method, getter, js_name = requestId)]
    fn request_id(this: &Exchanged) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn headers(this: &Exchanged) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn body(this: &Exchanged) -> js_sys::Uint8Array;
    /// A response header by name.
    #[wasm_bindgen(js_name = headerOf)]
    fn header_of(exchanged: &Exchanged, name: &str) -> Option<String>;

    /// Why an exchange failed: `{ stage, error }`, `stage` one of `timeout`, `aborted`, `fetch`, `read`.
    type Failed;
    #[wasm_bindgen(method, getter)]
    fn stage(this: &Failed) -> String;
    #[wasm_bindgen(method, getter)]
    fn error(this: &Failed) -> JsValue;
}

/// What came back: the status and request id, and the response's headers and body as JavaScript holds them.
pub struct HttpResponse {
    pub status: u16,
    /// The server's `x-request-id`.
    pub request_id: Option<String>,
    exchanged: Exchanged,
    /// The `Authorization` value this exchange sent: a secret to cut out of anything reported about it.
    pub sent_authorization: Option<String>,
    /// HTTP attempts this response took (set by the retry loop).
    pub attempts: u32,
}

impl HttpResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A response header by name (CORS hides some in browsers unless the server exposes them).
    pub fn header(&self, name: &str) -> Option<String> {
        header_of(&self.exchanged, name)
    }

    /// The body as the `Uint8Array` it arrived in (for `JSON.parse`).
    pub fn body(&self) -> JsValue {
        self.exchanged.body().into()
    }

    /// The response's `Headers` (or what the `fetch` option's Response has), for `withResponse`.
    pub fn headers(&self) -> JsValue {
        self.exchanged.headers()
    }

    /// The response with its body copied into Rust: only what is reported about it (errors, hooks) needs the bytes.
    pub fn raw(&self) -> RawResponse {
        RawResponse { status: self.status, body: self.exchanged.body().to_vec(), request_id: self.request_id.clone() }
    }
}

/// Performs one exchange.
pub async fn fetch(request: &HttpRequest<'_>) -> Result<Box<HttpResponse>, MintedError> {
    if request.signal.is_some_and(web_sys::AbortSignal::aborted) {
        return Err(MintedError::new(ErrorKind::Aborted, "the call was aborted before it started"));
    }
    if cfg!(not(target_arch = "wasm32")) {
        // Native builds (tests, the sandbox) have no fetch: the client is meant to run as WebAssembly.
        return Err(MintedError::new(
            ErrorKind::Network,
            "minted-connect performs HTTP only when compiled to WebAssembly",
        ));
    }
    let promise = exchange_js(
        request.fetch,
        request.url,
        request.method.as_str(),
        request.headers,
        request.authorization,
        request.body,
        request.timeout_ms,
        request.signal,
    );
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(value) => Ok(received(value.unchecked_into())),
        Err(value) => Err(failure(request, &value.unchecked_into())),
    }
}

/// The response of an exchange.
#[inline(never)]
fn received(exchanged: Exchanged) -> Box<HttpResponse> {
    Box::new(HttpResponse {
        status: exchanged.status(),
        request_id: exchanged.request_id(),
        exchanged,
        sent_authorization: None,
        attempts: 1,
    })
}

/// A failed exchange as a typed error.
#[inline(never)]
fn failure(request: &HttpRequest<'_>, failed: &Failed) -> MintedError {
    match failed.stage().as_str() {
        "timeout" => {
            MintedError::new(ErrorKind::Timeout, format!("no response within {} ms (timeoutMs)", request.timeout_ms))
        }
        "aborted" => aborted(),
        "read" => MintedError::new(ErrorKind::Network, "the connection failed while reading the response"),
        _ => rejection(&failed.error(), request.authorization),
    }
}

/// The error of a call its `AbortSignal` aborted.
pub fn aborted() -> MintedError {
    MintedError::new(ErrorKind::Aborted, "the call was aborted by its AbortSignal")
}

/// A fetch rejection as a typed error (see `fetch_failure`), with the `Authorization` value sent cut out of anything a
/// custom fetch function put in its message.
fn rejection(reason: &JsValue, authorization: Option<&str>) -> MintedError {
    let get = |value: &JsValue, key: &str| {
        js_sys::Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|v| v.as_string())
    };
    let name = get(reason, "name").unwrap_or_default();
    let message = get(reason, "message").or_else(|| reason.as_string()).unwrap_or_default();
    let cause = js_sys::Reflect::get(reason, &JsValue::from_str("cause")).ok().filter(JsValue::is_object);
    let detail = cause.and_then(|cause| get(&cause, "code").or_else(|| get(&cause, "message")));
    let mut err = fetch_failure(&name, &message, detail.as_deref());
    if let Some(value) = authorization {
        err.message = crate::redact::replace_all(&err.message, value, crate::redact::REDACTED);
    }
    err
}

/// What a rejected fetch means: `AbortError` → `aborted`, `TimeoutError` → `timeout` (what a custom fetch function
/// throws for its own deadlines), anything else → `network`.
fn fetch_failure(name: &str, message: &str, cause: Option<&str>) -> MintedError {
    let (kind, lead) = match name {
        "AbortError" => (ErrorKind::Aborted, "the fetch function aborted the request: "),
        "TimeoutError" => (ErrorKind::Timeout, "the fetch function timed out: "),
        _ => (ErrorKind::Network, "the request failed: "),
    };
    let mut text = lead.to_owned();
    if !name.is_empty() {
        text.push_str(name);
        text.push_str(": ");
    }
    text.push_str(message);
    if let Some(cause) = cause {
        text.push_str(" (");
        text.push_str(cause);
        text.push(')');
    }
    if kind == ErrorKind::Network && is_unreachable(message) {
        text.push_str(" (server unreachable, connection refused or reset, or — in a browser — blocked by CORS)");
    }
    MintedError::new(kind, text)
}

/// Whether fetch's message is its terse one for a server that could not be reached (browsers: `Failed to fetch`;
/// Node: `fetch failed`, the reason in its cause): the error then gets a hint.
fn is_unreachable(text: &str) -> bool {
    crate::redact::contains(text, "Failed to fetch") || crate::redact::contains(text, "fetch failed")
}

// The clock and timers.

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

/// Parses a date the way JavaScript's `Date.parse` does (RFC 1123 HTTP dates, ISO 8601); NaN when it cannot.
pub fn parse_date_ms(text: &str) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::parse(text)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        f64::NAN
    }
}

/// Today's date in UTC.
pub fn today_utc() -> Date {
    let seconds = (now_ms() / 1000.0).floor() as i64;
    OffsetDateTime::from_unix_timestamp(seconds).map(OffsetDateTime::date).unwrap_or(Date::MIN)
}

#[wasm_bindgen(module = "/src/js/http.js")]
extern "C" {
    /// Resolves after `ms`, or as soon as `signal` aborts.
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_js(ms: f64, signal: Option<web_sys::AbortSignal>) -> js_sys::Promise;
}

/// Waits `ms` (JS timers), cut short by the caller's `AbortSignal`.
pub async fn sleep(ms: f64, signal: Option<&web_sys::AbortSignal>) {
    let _ = wasm_bindgen_futures::JsFuture::from(sleep_js(ms, signal.cloned())).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_rejections_map_to_kinds() {
        let cases: &[(&str, &str, Option<&str>, ErrorKind, &str)] = &[
            (
                "TypeError",
                "fetch failed",
                Some("ECONNREFUSED"),
                ErrorKind::Network,
                "TypeError: fetch failed (ECONNREFUSED)",
            ),
            (
                "AbortError",
                "This operation was aborted",
                None,
                ErrorKind::Aborted,
                "AbortError: This operation was aborted",
            ),
            ("TimeoutError", "signal timed out", None, ErrorKind::Timeout, "TimeoutError: signal timed out"),
            ("", "proxy unreachable", None, ErrorKind::Network, "the request failed: proxy unreachable"),
            ("Error", "boom", None, ErrorKind::Network, "the request failed: Error: boom"),
        ];
        for (name, message, cause, kind, fragment) in cases {
            let err = fetch_failure(name, message, *cause);
            assert_eq!(err.kind, *kind, "{name}");
            assert!(err.message.contains(fragment), "{name}: {}", err.message);
        }
    }

    #[test]
    fn fetch_failures_get_a_hint() {
        let failed = fetch_failure("TypeError", "fetch failed", Some("ECONNREFUSED"));
        assert!(
            failed.message.ends_with(
                "(ECONNREFUSED) (server unreachable, connection refused or reset, or — in a browser — blocked by CORS)"
            ),
            "{}",
            failed.message
        );
        assert!(fetch_failure("", "Failed to fetch", None).message.contains("CORS"));
        assert_eq!(fetch_failure("", "boom", None).message, "the request failed: boom");
        assert!(!fetch_failure("AbortError", "fetch failed", None).message.contains("CORS"));
    }

    #[test]
    fn today_is_after_the_project_started() {
        assert!(today_utc() > time::macros::date!(2026 - 01 - 01));
        assert!(now_ms() > 1.7e12);
    }
}
