//! The client's only contact with the platform: one HTTP exchange through `fetch` (the client's `fetch` option, or
//! the platform's through gloo-net), bounded by a timeout and the caller's `AbortSignal`; and the clock and timers
//! calls wait on (on wasm, `std::time` panics, so the clock is JavaScript's `Date`; natively, the system clock).
//!
//! fetch only ever sees this module's own `AbortController`, aborted with an `Error` reason: a caller aborting with a
//! non-Error reason (`controller.abort("stop")`) would otherwise make fetch reject with a non-Error value. The JS side
//! (`src/js/fetch.js`) calls fetch with the standard `(url, init)` signature and stops waiting as soon as that
//! signal aborts, so a custom fetch that ignores the signal still cannot outlive `timeoutMs`.

use time::{Date, OffsetDateTime};

use crate::envelope::RawResponse;
use crate::error::{ErrorKind, MintedError};
use crate::registry::Method;

/// One exchange to perform.
pub struct HttpRequest<'a> {
    pub method: Method,
    pub url: &'a str,
    pub headers: &'a [(&'a str, String)],
    pub body: Option<&'a str>,
    pub timeout_ms: u32,
    pub signal: Option<&'a web_sys::AbortSignal>,
    /// The client's `fetch` option; `None` uses the global `fetch`.
    pub fetch: Option<&'a js_sys::Function>,
}

/// What came back: the body as bytes (for Rust) and as the JS `Uint8Array` it arrived in (for `JSON.parse`).
pub struct HttpResponse {
    pub raw: RawResponse,
    pub www_authenticate: Option<String>,
    pub js_body: js_sys::Uint8Array,
    /// The `Authorization` value this exchange sent: a secret to cut out of anything reported about it.
    pub sent_authorization: Option<String>,
    /// The server's `Date` header, when readable (CORS hides it unless exposed).
    pub server_date: Option<String>,
    /// The server's `Retry-After` header.
    pub retry_after: Option<String>,
    /// HTTP attempts this response took (set by the retry loop).
    pub attempts: u32,
    /// The response's `Headers` (or what the `fetch` option's Response has), for `withResponse`.
    pub headers: wasm_bindgen::JsValue,
}

/// Performs one exchange. The synchronous steps live in `web`'s non-inlined functions, so the future that awaits
/// them stays small.
#[cfg(target_arch = "wasm32")]
pub async fn fetch(request: &HttpRequest<'_>) -> Result<Box<HttpResponse>, MintedError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let armed = web::arm(request)?;
    let signal = armed.signal();
    let response: web_sys::Response = match request.fetch {
        // The platform's fetch, through gloo-net.
        None => {
            web::build(request, &signal)?.send().await.map_err(|e| armed.fail(request, web::gloo_failure(e)))?.into()
        }
        // The client's `fetch` option: a plain `init` every implementation accepts (undici, service bindings, doubles).
        Some(fetch) => JsFuture::from(web::call(fetch, request, &signal))
            .await
            .map_err(|e| armed.fail(request, rejection(&e, request.headers)))?
            .unchecked_into(),
    };
    let (head, body) = web::head(&response, request.fetch.is_some(), &signal);
    let bytes = JsFuture::from(body).await.map_err(|_| armed.fail(request, web::read_failure()))?;
    Ok(head.finish(&bytes))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::Cell;
    use std::rc::Rc;

    use gloo_net::http::{Request, RequestBuilder};
    use wasm_bindgen::prelude::*;

    use super::{gloo_method, HttpRequest, HttpResponse, Timer};
    use crate::envelope::RawResponse;
    use crate::error::{ErrorKind, MintedError};

    #[wasm_bindgen(module = "/src/js/fetch.js")]
    extern "C" {
        /// Calls the client's `fetch` option with the standard `(url, init)` signature; rejects with the signal's
        /// reason as soon as `signal` aborts, and refuses anything that is not Response-like.
        #[wasm_bindgen(js_name = callFetch)]
        fn call_fetch(
            fetch: &js_sys::Function,
            url: &str,
            method: &str,
            headers: &js_sys::Object,
            body: Option<&str>,
            signal: &web_sys::AbortSignal,
        ) -> js_sys::Promise;
        /// The body of a response the `fetch` option returned, as a `Uint8Array`; rejects as soon as `signal`
        /// aborts (such a response may ignore the signal).
        #[wasm_bindgen(js_name = readBody)]
        fn read_body(response: &web_sys::Response, signal: &web_sys::AbortSignal) -> js_sys::Promise;
    }

    /// Why our controller aborted.
    #[derive(Clone, Copy, PartialEq)]
    enum Stop {
        None,
        Timeout,
        Caller,
    }

    /// The exchange's own `AbortController`, aborted by the timeout or the caller's signal; dropping it stops the timer
    /// and removes the listener from the caller's signal.
    pub struct Armed {
        controller: web_sys::AbortController,
        stop: Rc<Cell<Stop>>,
        _timer: Timer,
        listener: Option<(web_sys::AbortSignal, Closure<dyn FnMut()>)>,
    }

    impl Drop for Armed {
        fn drop(&mut self) {
            if let Some((signal, listener)) = &self.listener {
                let _ = signal.remove_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
            }
        }
    }

    fn network(message: &str) -> MintedError {
        MintedError::new(ErrorKind::Network, message)
    }

    /// Aborts `controller` for `why`, unless it already was.
    fn abort(controller: &web_sys::AbortController, stop: &Cell<Stop>, why: Stop) {
        if stop.get() == Stop::None {
            stop.set(why);
            let text = if why == Stop::Timeout { "timeout" } else { "aborted" };
            controller.abort_with_reason(&js_sys::Error::new(text));
        }
    }

    /// Sets up the controller, the timeout and the forwarding of the caller's signal.
    #[inline(never)]
    pub fn arm(request: &HttpRequest<'_>) -> Result<Armed, MintedError> {
        if request.signal.is_some_and(web_sys::AbortSignal::aborted) {
            return Err(MintedError::new(ErrorKind::Aborted, "the call was aborted before it started"));
        }
        let controller =
            web_sys::AbortController::new().map_err(|_| network("this JavaScript runtime has no AbortController"))?;
        let stop = Rc::new(Cell::new(Stop::None));
        let forward = |why: Stop| {
            let (controller, stop) = (controller.clone(), stop.clone());
            move || abort(&controller, &stop, why)
        };
        let timer = Timer::start(request.timeout_ms, forward(Stop::Timeout));
        let listener = request.signal.map(|signal| {
            let listener = Closure::<dyn FnMut()>::new(forward(Stop::Caller));
            let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
            (signal.clone(), listener)
        });
        Ok(Armed { controller, stop, _timer: timer, listener })
    }

    impl Armed {
        pub fn signal(&self) -> web_sys::AbortSignal {
            self.controller.signal()
        }

        /// What a failure means: a timeout or the caller's abort when our controller fired, `fallback` otherwise.
        #[inline(never)]
        pub fn fail(&self, request: &HttpRequest<'_>, fallback: MintedError) -> MintedError {
            match self.stop.get() {
                Stop::Timeout => MintedError::new(
                    ErrorKind::Timeout,
                    format!("no response within {} ms (timeoutMs)", request.timeout_ms),
                ),
                Stop::Caller => super::aborted(),
                Stop::None => fallback,
            }
        }
    }

    /// The request for the platform's fetch.
    #[inline(never)]
    pub fn build(request: &HttpRequest<'_>, signal: &web_sys::AbortSignal) -> Result<Request, MintedError> {
        let mut builder =
            RequestBuilder::new(request.url).method(gloo_method(request.method)).abort_signal(Some(signal));
        for (name, value) in request.headers {
            builder = builder.header(name, value);
        }
        match request.body {
            Some(body) => builder.body(body),
            None => builder.build(),
        }
        .map_err(|e| network(&format!("the request could not be built: {e}")))
    }

    /// A failure of the platform's fetch as a typed error.
    #[inline(never)]
    pub fn gloo_failure(e: gloo_net::Error) -> MintedError {
        match &e {
            gloo_net::Error::JsError(js) if !js.message.is_empty() => super::fetch_failure(&js.name, &js.message, None),
            _ => network(&e.to_string()),
        }
    }

    /// Calls the client's `fetch` option.
    #[inline(never)]
    pub fn call(fetch: &js_sys::Function, request: &HttpRequest<'_>, signal: &web_sys::AbortSignal) -> js_sys::Promise {
        // A fresh plain object: setting its keys cannot fail.
        let headers = js_sys::Object::new();
        for (name, value) in request.headers {
            let _ = js_sys::Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value));
        }
        call_fetch(fetch, request.url, request.method.as_str(), &headers, request.body, signal)
    }

    /// What the status line and headers said.
    pub struct Head {
        status: u16,
        request_id: Option<String>,
        www_authenticate: Option<String>,
        server_date: Option<String>,
        retry_after: Option<String>,
        headers: web_sys::Headers,
    }

    /// The status and headers of `response`, and the promise of its body: read by the platform (its fetch stops
    /// reading when the signal aborts), or for a response of the `fetch` option (`custom`) by a helper that stops
    /// waiting when the signal aborts.
    #[inline(never)]
    pub fn head(response: &web_sys::Response, custom: bool, signal: &web_sys::AbortSignal) -> (Head, js_sys::Promise) {
        let headers = response.headers();
        let get = |name: &str| headers.get(name).ok().flatten();
        let head = Head {
            status: response.status(),
            request_id: get("x-request-id"),
            www_authenticate: get("www-authenticate"),
            server_date: get("date"),
            retry_after: get("retry-after"),
            headers,
        };
        let body = match custom {
            true => read_body(response, signal),
            false => response.array_buffer().unwrap_or_else(|e| js_sys::Promise::reject(&e)),
        };
        (head, body)
    }

    pub fn read_failure() -> MintedError {
        network("the connection failed while reading the response")
    }

    impl Head {
        /// The response, with its body (an `ArrayBuffer` or a `Uint8Array`) as JS and Rust bytes.
        #[inline(never)]
        pub fn finish(self, bytes: &JsValue) -> Box<HttpResponse> {
            let js_body = js_sys::Uint8Array::new(bytes);
            Box::new(HttpResponse {
                raw: RawResponse { status: self.status, body: js_body.to_vec(), request_id: self.request_id },
                www_authenticate: self.www_authenticate,
                js_body,
                sent_authorization: None,
                server_date: self.server_date,
                retry_after: self.retry_after,
                attempts: 1,
                headers: self.headers.into(),
            })
        }
    }
}

/// The error of a call its `AbortSignal` aborted.
pub fn aborted() -> MintedError {
    MintedError::new(ErrorKind::Aborted, "the call was aborted by its AbortSignal")
}

/// gloo-net's name for a method.
#[cfg(target_arch = "wasm32")]
fn gloo_method(method: Method) -> gloo_net::http::Method {
    use gloo_net::http::Method as M;
    match method {
        Method::Get => M::GET,
        Method::Post => M::POST,
        Method::Put => M::PUT,
        Method::Patch => M::PATCH,
        Method::Delete => M::DELETE,
    }
}

/// Native builds (tests, the sandbox) have no fetch: the client is meant to run as WebAssembly.
#[cfg(not(target_arch = "wasm32"))]
pub async fn fetch(_request: &HttpRequest<'_>) -> Result<Box<HttpResponse>, MintedError> {
    Err(MintedError::new(ErrorKind::Network, "minted-connect performs HTTP only when compiled to WebAssembly"))
}

/// A fetch rejection as a typed error (see `fetch_failure`), with the `Authorization` value sent cut out of anything a
/// custom fetch function put in its message.
#[cfg(target_arch = "wasm32")]
fn rejection(reason: &wasm_bindgen::JsValue, headers: &[(&str, String)]) -> MintedError {
    use wasm_bindgen::JsValue;
    let get = |value: &JsValue, key: &str| {
        js_sys::Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|v| v.as_string())
    };
    let name = get(reason, "name").unwrap_or_default();
    let message = get(reason, "message").or_else(|| reason.as_string()).unwrap_or_default();
    let cause = js_sys::Reflect::get(reason, &JsValue::from_str("cause")).ok().filter(JsValue::is_object);
    let detail = cause.and_then(|cause| get(&cause, "code").or_else(|| get(&cause, "message")));
    let mut err = fetch_failure(&name, &message, detail.as_deref());
    for (_, value) in headers.iter().filter(|(name, _)| name.eq_ignore_ascii_case("authorization")) {
        err.message = crate::redact::replace_all(&err.message, value, crate::redact::REDACTED);
    }
    err
}

/// What a rejected fetch means: `AbortError` → `aborted`, `TimeoutError` → `timeout` (what a custom fetch function
/// throws for its own deadlines), anything else → `network`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
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
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
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

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/js/fetch.js")]
extern "C" {
    /// Resolves after `ms`, or as soon as `signal` aborts.
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_js(ms: f64, signal: Option<web_sys::AbortSignal>) -> js_sys::Promise;
}

/// Waits `ms` (JS timers), cut short by the caller's `AbortSignal`.
pub async fn sleep(ms: f64, signal: Option<&web_sys::AbortSignal>) {
    let _ = wasm_bindgen_futures::JsFuture::from(sleep_js(ms, signal.cloned())).await;
}

#[cfg(target_arch = "wasm32")]
pub use timer::Timer;

#[cfg(target_arch = "wasm32")]
mod timer {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = setTimeout)]
        fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
        #[wasm_bindgen(js_name = clearTimeout)]
        fn clear_timeout(id: &JsValue);
    }

    /// A one-shot JS timer, cancelled when dropped (so it never keeps Node alive or fires late). Hand-rolled on
    /// purpose: smaller than `gloo_timers` with `scopeguard` (docs/measurements.md).
    pub struct Timer {
        id: JsValue,
        _callback: Closure<dyn FnMut()>,
    }

    impl Timer {
        pub fn start(ms: u32, callback: impl FnMut() + 'static) -> Self {
            let callback = Closure::<dyn FnMut()>::new(callback);
            let ms = i32::try_from(ms).unwrap_or(i32::MAX);
            let id = set_timeout(callback.as_ref().unchecked_ref(), ms);
            Self { id, _callback: callback }
        }
    }

    impl Drop for Timer {
        fn drop(&mut self) {
            clear_timeout(&self.id);
        }
    }
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
