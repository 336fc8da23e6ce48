//! `onRequest` / `onResponse`: observe-only callbacks that receive redacted copies of every HTTP exchange. What a
//! hook returns or throws is ignored, so a buggy logger cannot break a payment.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::redact::{self, REDACTED};

/// The configured hooks.
#[derive(Default)]
pub struct Hooks {
    pub on_request: Option<Function>,
    pub on_response: Option<Function>,
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

fn set(target: &Object, key: &str, value: &JsValue) {
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

impl Hooks {
    /// Before sending: method, URL, headers (Authorization redacted) and the body (redacted).
    pub fn request(&self, exchange: &Exchange<'_>, headers: &[(&str, String)], body: Option<&str>, secrets: &[&str]) {
        if self.on_request.is_none() {
            return;
        }
        let event = base(exchange);
        let names = Object::new();
        for (name, value) in headers {
            set(&names, name, &header_value(name, value).into());
        }
        set(&event, "headers", &names);
        if let Some(body) = body {
            set(&event, "body", &redact::redact_body(body.as_bytes(), secrets).into());
        }
        call(&self.on_request, &event);
    }

    /// After an exchange: the status, request id, time taken and the body (redacted), or the failure's message.
    pub fn response(
        &self,
        exchange: &Exchange<'_>,
        outcome: Result<(u16, Option<&str>, &[u8]), &str>,
        duration_ms: f64,
        secrets: &[&str],
    ) {
        if self.on_response.is_none() {
            return;
        }
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
        call(&self.on_response, &event);
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
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
