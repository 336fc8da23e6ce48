//! What exactly-once order placement concludes (the rounds themselves are the outer loop in `call.rs`). Calls that
//! place orders (buy, sell, delivery) are never blindly retried. The order's `external_id` is the idempotency key:
//! when an attempt ends without a clear answer (timeout, reset, a 5xx, a success status with an unreadable body),
//! the SDK looks the order up by `external_id`:
//!
//! - found: the order exists, so the call succeeds with it (`reconciled: true`);
//! - proven absent (the API answers 404) and the quote still valid: the same request is sent again, with the same
//!   `external_id`, so the API's own uniqueness check makes a duplicate impossible;
//! - proven absent and the quote known to be expired: the call fails, `code: "order_not_placed"`;
//! - still unknown after `maxRetries` rounds: the call fails with `code: "order_unconfirmed"`, and the error's
//!   `externalId` is the key to reconcile with later.
//!
//! A clear refusal (4xx, `success: false`) on the first attempt is returned as is: it is final, and an
//! "already exists" refusal then means the caller reused an id, not that this call placed the order.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::retry::{self, Policy};

/// How one placement or look-up ended.
pub enum Attempt<T> {
    Done(T),
    /// The API answered and said no.
    Refused(MintedError),
    /// No clear answer: the order may or may not exist.
    Unclear(MintedError),
    /// The caller's signal fired.
    Aborted(MintedError),
}

/// What a call's failure means for its order.
pub fn classify<T>(err: MintedError) -> Attempt<T> {
    match err {
        err if err.kind == ErrorKind::Aborted => Attempt::Aborted(err),
        err if is_unclear(err.kind, err.status) => Attempt::Unclear(err),
        err => Attempt::Refused(err),
    }
}

/// Whether a failure leaves it unknown if the order exists. Pure, so the table of cases can be tested.
pub fn is_unclear(kind: ErrorKind, status: Option<u16>) -> bool {
    match kind {
        ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Decode => true,
        ErrorKind::Api | ErrorKind::Http => status.is_some_and(|s| s >= 500 || s == 408 || s == 429),
        _ => false,
    }
}

/// The wait before round `round` of look-ups: the retry backoff without jitter.
pub fn pause(policy: &Policy, round: u32) -> f64 {
    match retry::decide(policy, round, true, retry::Outcome::Network, None, 0.5) {
        retry::Decision::Retry { delay_ms } => delay_ms,
        retry::Decision::Stop => policy.max_delay_ms,
    }
}

/// The error of an order the API does not have, whose quote has expired.
pub fn not_placed(last: &MintedError) -> MintedError {
    let mut err = MintedError::new(
        last.kind,
        "the order was not placed (the API has no order with this external_id) and its quote has expired: fix a \
         new price and place it again",
    );
    err.code = Some(ErrorCode::Sdk("order_not_placed"));
    err.with_attempts(last.attempts)
}

/// The error of an order that may or may not exist, after `last`.
pub fn unconfirmed(last: MintedError, why: &str) -> MintedError {
    let mut err = MintedError::new(
        last.kind,
        format!("{why}: it may or may not exist; look it up by its external_id ({})", last.message),
    )
    .with_attempts(last.attempts)
    .with_request_id(last.request_id.clone());
    err.status = last.status;
    err.code = Some(ErrorCode::Sdk("order_unconfirmed"));
    err
}

/// An order response assembled from the orders found by look-up, marked `reconciled: true`.
pub fn reconciled(orders: &[JsValue]) -> JsValue {
    let get = |order: &JsValue, key: &str| Reflect::get(order, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let sum = |key: &str| orders.iter().filter_map(|o| get(o, key).as_f64()).sum::<f64>();
    let column = |key: &str| orders.iter().map(|o| get(o, key)).collect::<Array>();
    let out = Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = Reflect::set(&out, &JsValue::from_str(key), value);
    };
    set("order_code", &column("order_code"));
    set("guid", &column("guid"));
    set("price", &JsValue::from_f64(sum("price")));
    set("tax", &JsValue::from_f64(sum("tax")));
    set("total", &JsValue::from_f64(sum("total")));
    if let Some(first) = orders.first() {
        set("order_at", &get(first, "order_at"));
        let payment = get(first, "payment");
        set("payment", &if payment.is_undefined() { JsValue::NULL } else { payment });
    }
    set("orders", &orders.iter().collect::<Array>());
    set("reconciled", &JsValue::TRUE);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_failures_leave_the_order_unknown() {
        use ErrorKind::*;
        let cases = [
            (Network, None, true),
            (Timeout, None, true),
            (Decode, Some(200), true),
            (Http, Some(502), true),
            (Api, Some(500), true),
            (Api, Some(503), true),
            (Api, Some(429), true),
            (Api, Some(422), false),
            (Api, Some(200), false), // success: false is the API's answer
            (Http, Some(404), false),
            (Auth, Some(401), false),
            (Validation, None, false),
            (Aborted, None, false),
        ];
        for (kind, status, expected) in cases {
            assert_eq!(is_unclear(kind, status), expected, "{kind:?} {status:?}");
        }
    }

    #[test]
    fn rounds_pause_as_the_backoff_without_jitter() {
        let policy = Policy { max_retries: 2, base_delay_ms: 100.0, max_delay_ms: 1600.0, max_retry_after_ms: 0.0 };
        assert_eq!([pause(&policy, 1), pause(&policy, 2), pause(&policy, 3)], [75.0, 150.0, 1600.0]);
    }
}
