//! Exactly-once order placement (buy, sell, delivery). These calls are never blindly retried. The order's
//! `external_id` is the idempotency key: when an attempt ends without a clear answer (timeout, reset, a 5xx, a
//! success status with an unreadable body), the SDK looks the order up by `external_id`:
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

use crate::call::{self, Payload, Prepared};
use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::registry;
use crate::session::Session;
use crate::shape::DataShape;
use crate::transport::{clock, retry, Call};

/// What identifies an order being placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderKey {
    pub external_id: String,
    /// Order lines; the API creates one order per line (`<external_id>`, `<external_id>-2`, …).
    pub lines: usize,
    pub price_token: Option<String>,
}

impl OrderKey {
    /// The key of an order call as prepared: the body's `external_id` as sent (the caller's, or the one claimed for
    /// it), its order lines and its quote.
    pub fn of(prepared: &Prepared) -> Self {
        Self {
            external_id: prepared.external_id.clone().unwrap_or_default(),
            lines: prepared.lines,
            price_token: prepared.price_token.clone(),
        }
    }
}

/// The `external_id` an order call writes into its body when the caller gives none (see [`OrderKey::of`]).
pub fn claim_external_id() -> Result<String, MintedError> {
    new_external_id().ok_or_else(|| MintedError::new(ErrorKind::Config, "no randomness source for an external_id"))
}

/// A fresh order id when the caller gives none: `mc-` and 24 random hex digits.
pub fn new_external_id() -> Option<String> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).ok()?;
    Some(format!("mc-{}", hex::encode(bytes)))
}

/// How one attempt ended.
enum Attempt {
    Done(JsValue),
    /// The API answered and said no.
    Refused(MintedError),
    /// No clear answer: the order may or may not exist.
    Unclear(MintedError),
    /// The caller's signal fired.
    Aborted(MintedError),
}

/// How the outcome of an attempt is read. Pure, so the table of cases can be tested.
pub fn is_unclear(kind: ErrorKind, status: Option<u16>) -> bool {
    match kind {
        ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Decode => true,
        ErrorKind::Api | ErrorKind::Http => status.is_some_and(|s| s >= 500 || s == 408 || s == 429),
        _ => false,
    }
}

async fn attempt(session: &Session, call: &Call, data: &DataShape) -> Attempt {
    match call::fetch(&session.transport, call, data).await {
        Ok(value) => Attempt::Done(value),
        Err(err) if err.kind == ErrorKind::Aborted => Attempt::Aborted(err),
        Err(err) if is_unclear(err.kind, err.status) => Attempt::Unclear(err),
        Err(err) => Attempt::Refused(err),
    }
}

/// What a look-up by `external_id` found.
enum Lookup {
    Found(Vec<JsValue>),
    Absent,
    Unknown(MintedError),
}

async fn lookup(session: &Session, call: &Call, key: &OrderKey) -> Lookup {
    let get_order = &registry::op::getOrder;
    let mut orders = Vec::new();
    for line in 1..=key.lines.max(1) {
        let id = if line == 1 { key.external_id.clone() } else { format!("{}-{line}", key.external_id) };
        let get = match session.prepare(get_order, Some(&id), Payload::None, call.signal.clone()) {
            Ok(prepared) => prepared.call,
            Err(err) => return Lookup::Unknown(err),
        };
        match attempt(session, &get, get_order.output).await {
            Attempt::Done(order) => orders.push(order),
            Attempt::Refused(err) if err.status == Some(404) => {
                if line == 1 {
                    return Lookup::Absent;
                }
                break; // fewer orders than lines: report what exists
            }
            Attempt::Refused(err) | Attempt::Unclear(err) | Attempt::Aborted(err) => return Lookup::Unknown(err),
        }
    }
    Lookup::Found(orders)
}

/// Places an order exactly once (see the module docs). Every error carries the `external_id`.
pub async fn place(session: &Session, call: &Call, key: &OrderKey, data: &DataShape) -> Result<JsValue, MintedError> {
    let tag = |err: MintedError| err.with_external_id(&key.external_id);
    let mut last = match attempt(session, call, data).await {
        Attempt::Done(value) => return Ok(value),
        Attempt::Refused(err) | Attempt::Aborted(err) => return Err(tag(err)),
        Attempt::Unclear(err) => err,
    };
    let policy = &session.transport.config.retry;
    for round in 1..=policy.max_retries.saturating_add(1) {
        let pause = match retry::decide(policy, round, true, retry::Outcome::Network, None, 0.5) {
            retry::Decision::Retry { delay_ms } => delay_ms,
            retry::Decision::Stop => policy.max_delay_ms,
        };
        clock::sleep(pause, call.signal.as_ref()).await;
        if call.signal.as_ref().is_some_and(web_sys::AbortSignal::aborted) {
            return Err(tag(unconfirmed(last, "the call was aborted while confirming the order")));
        }
        match lookup(session, call, key).await {
            Lookup::Found(orders) => return Ok(reconciled(&orders)),
            Lookup::Unknown(err) => last = err,
            Lookup::Absent => {
                let expired = key.price_token.as_deref().and_then(|t| session.quotes.is_expired_at(t, clock::now_ms()));
                if expired == Some(true) {
                    let mut err = MintedError::new(
                        last.kind,
                        "the order was not placed (the API has no order with this external_id) and its quote has \
                         expired: fix a new price and place it again",
                    );
                    err.code = Some(ErrorCode::Sdk("order_not_placed"));
                    return Err(tag(err.with_attempts(last.attempts)));
                }
                match attempt(session, call, data).await {
                    Attempt::Done(value) => return Ok(value),
                    Attempt::Aborted(err) => return Err(tag(unconfirmed(err, "the call was aborted"))),
                    // A refusal of the re-sent request may be the API seeing the first one ("already exists",
                    // "token used"): the next round's look-up tells.
                    Attempt::Refused(err) | Attempt::Unclear(err) => last = err,
                }
            }
        }
    }
    Err(tag(unconfirmed(last, "the order could not be confirmed")))
}

fn unconfirmed(last: MintedError, why: &str) -> MintedError {
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
fn reconciled(orders: &[JsValue]) -> JsValue {
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
    fn the_key_is_the_callers_external_id_or_the_claimed_one() {
        let settings = crate::validate::Settings {
            lang: crate::validate::Language::En,
            strict_identity_numbers: false,
            today: time::macros::date!(2026 - 11 - 23),
        };
        let prepare = |op: &str, body: serde_json::Value, claimed: &str| {
            let op = registry::find(op).unwrap();
            let edits = crate::validate::Edits {
                external_id: Some(claimed),
                wrap_amount: op.rewrite.wrapped_sku(),
                ..Default::default()
            };
            crate::validate::write(op.input.schema(), &body.to_string(), &settings, edits)
        };
        let given = prepare("buyDigital", serde_json::json!({"price_token": "t", "external_id": "order-1"}), "mc-x");
        assert_eq!((given.external_id.as_deref(), given.price_token.as_deref()), (Some("order-1"), Some("t")));
        assert!(given.body.contains(r#""external_id":"order-1""#) && !given.body.contains("mc-x"), "{}", given.body);
        for bare in [serde_json::json!({"amount": 1}), serde_json::json!({"amount": 1, "external_id": 7})] {
            let claimed = prepare("buyGold", bare, "mc-x");
            assert_eq!(claimed.external_id, None);
            let sent: serde_json::Value = serde_json::from_str(&claimed.body).unwrap();
            assert_eq!(sent["external_id"], "mc-x", "{}", claimed.body);
            assert!(!claimed.issues.iter().any(|i| i.path == "external_id"), "{:?}", claimed.issues);
            assert_eq!(claimed.lines, 1);
        }
        let lines = prepare("buyDigital", serde_json::json!({"items": [{"sku": "GAU"}, {"sku": "GAG"}]}), "mc-x");
        assert_eq!(lines.lines, 2);
    }

    #[test]
    fn every_call_that_places_orders_declares_the_keys_it_reads() {
        for op in registry::OPERATIONS.iter().filter(|op| op.route.places_orders) {
            let fields = op.input.schema().map(|s| s.fields).unwrap_or_default();
            assert!(fields.iter().any(|f| f.name == "external_id" && !f.required), "{}", op.id);
        }
    }

    #[test]
    fn generated_ids_are_valid_order_ids() {
        let id = new_external_id().unwrap();
        assert!(id.starts_with("mc-") && id.len() == 27, "{id}");
        assert_ne!(id, new_external_id().unwrap());
        let places_orders = |id| registry::find(id).unwrap().route.places_orders;
        assert!(places_orders("buyDigital") && places_orders("createDelivery") && !places_orders("getOrder"));
        assert!(places_orders("buyGold") && places_orders("createDeliveryPayWithCash"));
    }
}
