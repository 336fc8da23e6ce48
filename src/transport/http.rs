//! The only file that does network I/O: one HTTP exchange through gloo-net (the platform `fetch`), bounded by a
//! timeout and the caller's `AbortSignal`.
//!
//! fetch only ever sees this module's own `AbortController`, aborted with an `Error` reason: a caller aborting with a
//! non-Error reason (`controller.abort("stop")`) would otherwise make fetch reject with a non-Error value.

use crate::envelope::RawResponse;
use crate::error::{ErrorKind, MintedError};
use crate::routes::Method;

/// One exchange to perform.
pub struct HttpRequest<'a> {
    pub method: Method,
    pub url: &'a str,
    pub headers: &'a [(&'static str, String)],
    pub body: Option<&'a str>,
    pub timeout_ms: u32,
    pub signal: Option<&'a web_sys::AbortSignal>,
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
    /// HTTP attempts this response took (set by the transport).
    pub attempts: u32,
}

/// Performs one exchange.
#[cfg(target_arch = "wasm32")]
pub async fn send(request: &HttpRequest<'_>) -> Result<HttpResponse, MintedError> {
    use std::cell::Cell;
    use std::rc::Rc;

    use gloo_net::http::{Method as GlooMethod, RequestBuilder};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;

    use super::clock::Timer;

    #[derive(Clone, Copy, PartialEq)]
    enum Stop {
        None,
        Timeout,
        Caller,
    }

    let network = |message: String| MintedError::new(ErrorKind::Network, message);
    if request.signal.is_some_and(web_sys::AbortSignal::aborted) {
        return Err(MintedError::new(ErrorKind::Aborted, "the call was aborted before it started"));
    }
    let controller = web_sys::AbortController::new()
        .map_err(|_| network("this JavaScript runtime has no AbortController".into()))?;
    let stop = Rc::new(Cell::new(Stop::None));
    let abort = {
        let (controller, stop) = (controller.clone(), stop.clone());
        move |why: Stop, text: &str| {
            if stop.get() == Stop::None {
                stop.set(why);
                controller.abort_with_reason(&js_sys::Error::new(text));
            }
        }
    };
    let _timer = {
        let abort = abort.clone();
        let ms = request.timeout_ms;
        Timer::start(ms, move || abort(Stop::Timeout, "timeout"))
    };
    // Forward the caller's signal to our controller; the listener is removed when this function returns.
    let caller_listener = request.signal.map(|signal| {
        let abort = abort.clone();
        let listener = Closure::<dyn FnMut()>::new(move || abort(Stop::Caller, "aborted"));
        let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        (signal.clone(), listener)
    });
    let _remove_listener = scopeguard(move || {
        if let Some((signal, listener)) = &caller_listener {
            let _ = signal.remove_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        }
    });

    let classify = |stop: Stop, fallback: String| match stop {
        Stop::Timeout => {
            MintedError::new(ErrorKind::Timeout, format!("no response within {} ms (timeoutMs)", request.timeout_ms))
        }
        Stop::Caller => MintedError::new(ErrorKind::Aborted, "the call was aborted by its AbortSignal"),
        Stop::None => network(fallback),
    };

    let method = match request.method {
        Method::Get => GlooMethod::GET,
        Method::Post => GlooMethod::POST,
        Method::Put => GlooMethod::PUT,
        Method::Patch => GlooMethod::PATCH,
        Method::Delete => GlooMethod::DELETE,
    };
    let mut builder = RequestBuilder::new(request.url).method(method).abort_signal(Some(&controller.signal()));
    for (name, value) in request.headers {
        builder = builder.header(name, value);
    }
    let built = match request.body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(|e| network(format!("the request could not be built: {e}")))?;

    let response = built.send().await.map_err(|e| classify(stop.get(), describe_fetch_error(&e.to_string())))?;
    let status = response.status();
    let headers = response.headers();
    let www_authenticate = headers.get("www-authenticate");
    let request_id = headers.get("x-request-id");
    let server_date = headers.get("date");
    let retry_after = headers.get("retry-after");
    let raw: web_sys::Response = response.into();
    let buffer_promise = raw.array_buffer().map_err(|_| network("the response body could not be read".into()))?;
    let buffer = JsFuture::from(buffer_promise)
        .await
        .map_err(|_| classify(stop.get(), "the connection failed while reading the response".into()))?;
    let js_body = js_sys::Uint8Array::new(&buffer);
    let body = js_body.to_vec();
    Ok(HttpResponse {
        raw: RawResponse { status, body, request_id },
        www_authenticate,
        js_body,
        sent_authorization: None,
        server_date,
        retry_after,
        attempts: 1,
    })
}

/// Native builds (tests, the sandbox) have no fetch: the client is meant to run as WebAssembly.
#[cfg(not(target_arch = "wasm32"))]
pub async fn send(_request: &HttpRequest<'_>) -> Result<HttpResponse, MintedError> {
    Err(MintedError::new(ErrorKind::Network, "minted-connect performs HTTP only when compiled to WebAssembly"))
}

/// Makes fetch's terse messages actionable.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn describe_fetch_error(message: &str) -> String {
    let hint = if message.contains("Failed to fetch") || message.contains("fetch failed") {
        " (server unreachable, connection refused or reset, or — in a browser — blocked by CORS)"
    } else {
        ""
    };
    format!("the request failed: {message}{hint}")
}

/// Runs a closure when dropped.
#[cfg(target_arch = "wasm32")]
fn scopeguard(f: impl FnOnce()) -> impl Drop {
    struct Guard<F: FnOnce()>(Option<F>);
    impl<F: FnOnce()> Drop for Guard<F> {
        fn drop(&mut self) {
            if let Some(f) = self.0.take() {
                f();
            }
        }
    }
    Guard(Some(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_failures_get_a_hint() {
        assert!(describe_fetch_error("TypeError: fetch failed").contains("CORS"));
        assert_eq!(describe_fetch_error("boom"), "the request failed: boom");
    }
}
