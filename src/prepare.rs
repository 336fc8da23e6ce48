//! One call made ready to send, synchronously (so later changes to the caller's objects cannot leak into it): its
//! route with the client's overrides, its path parameter checked, its body or query validated and written with the
//! convenience rewrites, expired quotes refused, and for calls that place orders the key that places them once.
//! Every issue is reported at once, before any network I/O. Also what the calls of one client share: the connection
//! and the book of quotes.

use std::cell::RefCell;

use crate::call::{Call, Connection, ExpiredQuotes, OrderKey};
use crate::config::Config;
use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::http;
use crate::input::CallOptions;
use crate::registry::{self, Operation, Query, Resolved};
use crate::validate::{self, Edits, Problem, Settings, ValidationIssue, Walked};

/// What a call sends besides its path parameter, already read from JS.
#[derive(Debug)]
pub enum Payload {
    None,
    /// A body's JSON text.
    Body(String),
    Query(Query),
}

/// The validation settings a client's config implies.
pub fn settings(config: &Config) -> Settings {
    Settings {
        language: config.language,
        strict_identity_numbers: config.strict_identity_numbers,
        today: http::today_utc(),
    }
}

/// Prepares one call: resolves its route, checks the path parameter, validates the body or query, refuses expired
/// quotes, applies the convenience rewrite, claims an order's key, and fills the path.
pub fn prepare(
    config: &Config,
    quotes: &dyn ExpiredQuotes,
    op: &'static Operation,
    path_value: Option<&str>,
    payload: Payload,
    options: CallOptions,
) -> Result<Call, MintedError> {
    let settings = settings(config);
    let route = config.routes.resolve(op.route);
    let mut issues = path_issues(op, path_value, &settings);
    let mut order = None;
    let (body, query) = match payload {
        Payload::None => (None, String::new()),
        Payload::Query(query) => {
            issues.extend(validate::body(op.input.schema(), &query.text, &settings));
            (None, registry::query_string(&query.pairs))
        }
        Payload::Body(text) => {
            let claimed = match op.route.places_orders {
                true => Some(claim_external_id()?),
                false => None,
            };
            let edits = Edits {
                external_id: claimed.as_deref(),
                wrap_amount: op.rewrite.wrapped_sku(),
                payment_type: op.rewrite.payment_type(),
            };
            let mut walked = validate::write(op.input.schema(), &text, &settings, edits);
            issues.append(&mut walked.issues);
            issues.extend(expired_quote(walked.price_token.as_deref(), quotes, &settings));
            if op.route.places_orders {
                order = Some(order_key(&mut walked, claimed));
            }
            (Some(walked.body), String::new())
        }
    };
    refuse_errors(issues, &settings)?;
    let path = target(&route.path, op, path_value)? + &query;
    Ok(ready(config, route, path, body, op.id, order, options))
}

/// A call with the client's settings, overridden by the call's own options.
pub fn ready(
    config: &Config,
    route: Resolved,
    path: String,
    body: Option<String>,
    name: &'static str,
    order: Option<OrderKey>,
    options: CallOptions,
) -> Call {
    let mut retry = config.retry;
    if let Some(max_retries) = options.max_retries {
        retry.max_retries = max_retries;
    }
    let timeout_ms = options.timeout_ms.unwrap_or(config.timeout_ms);
    Call {
        route,
        path,
        body,
        signal: options.signal,
        name,
        order,
        timeout_ms,
        retry,
        with_response: options.with_response,
    }
}

/// The key of an order call: the body's `external_id` as sent (the caller's, or the one claimed for it), its order
/// lines and its quote.
fn order_key(walked: &mut Walked, claimed: Option<String>) -> OrderKey {
    OrderKey {
        external_id: walked.external_id.take().or(claimed).unwrap_or_default(),
        lines: walked.lines,
        price_token: walked.price_token.take(),
    }
}

/// The `external_id` an order call writes into its body when the caller gives no string one.
fn claim_external_id() -> Result<String, MintedError> {
    new_external_id().ok_or_else(|| MintedError::new(ErrorKind::Config, "no randomness source for an external_id"))
}

/// A fresh order id: `mc-` and 24 random hex digits.
pub fn new_external_id() -> Option<String> {
    let mut bytes = [0u8; 12];
    crate::random::fill(&mut bytes)?;
    Some(format!("mc-{}", hex::encode(bytes)))
}

/// A path parameter must be a non-empty string.
fn path_issues(op: &Operation, value: Option<&str>, settings: &Settings) -> Vec<ValidationIssue> {
    match op.path_parameter() {
        Some(name) => validate::path_param(name, value.unwrap_or_default(), settings),
        None => Vec::new(),
    }
}

/// An issue when the body's `price_token` is a quote this client knows to have expired.
fn expired_quote(token: Option<&str>, quotes: &dyn ExpiredQuotes, settings: &Settings) -> Option<ValidationIssue> {
    let expired = quotes.is_expired_at(token?, http::now_ms()) == Some(true);
    expired.then(|| settings.issue("price_token", Problem::QuoteExpired))
}

/// Refuses the call when any issue is an error (code `quote_expired` when the quote is why).
fn refuse_errors(issues: Vec<ValidationIssue>, settings: &Settings) -> Result<(), MintedError> {
    if !validate::has_errors(&issues) {
        return Ok(());
    }
    let mut err = MintedError::validation(issues, settings.language);
    if err.issues.iter().any(|i| i.code == Problem::QuoteExpired.code()) {
        err.code = Some(ErrorCode::Sdk("quote_expired"));
    }
    Err(err)
}

/// The route's path with its parameter filled in.
fn target(template: &str, op: &Operation, value: Option<&str>) -> Result<String, MintedError> {
    let values: Vec<(&str, &str)> =
        op.path_parameter().map(|name| (name, value.unwrap_or_default())).into_iter().collect();
    registry::fill_path(template, &values)
        .ok_or_else(|| MintedError::new(ErrorKind::Config, "path parameters do not match the route"))
}

/// What every call of one client shares: the connection (config, Digest session, hooks) and the quotes it has been
/// given.
pub struct ClientState {
    pub connection: Connection,
    pub quotes: QuoteBook,
}

/// How many recent quotes a client remembers.
const BOOK_SIZE: usize = 256;

/// The price tokens a client has been given, with their local deadlines: a buy with a quote known to have expired is
/// refused before any network I/O.
#[derive(Default)]
pub struct QuoteBook(RefCell<Vec<(String, f64)>>);

impl QuoteBook {
    pub fn remember(&self, token: &str, deadline_ms: f64) {
        let mut book = self.0.borrow_mut();
        book.retain(|(t, _)| t != token);
        if book.len() >= BOOK_SIZE {
            book.remove(0);
        }
        book.push((token.to_owned(), deadline_ms));
    }
}

impl ExpiredQuotes for QuoteBook {
    fn is_expired_at(&self, token: &str, now_ms: f64) -> Option<bool> {
        self.0.borrow().iter().find(|(t, _)| t == token).map(|(_, deadline)| now_ms >= *deadline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_knows_expired_tokens_and_forgets_old_ones() {
        let book = QuoteBook::default();
        book.remember("a", 100.0);
        assert_eq!(book.is_expired_at("a", 99.0), Some(false));
        assert_eq!(book.is_expired_at("a", 100.0), Some(true));
        assert_eq!(book.is_expired_at("b", 0.0), None);
        for i in 0..BOOK_SIZE {
            book.remember(&format!("t{i}"), 1.0);
        }
        assert_eq!(book.is_expired_at("a", 0.0), None);
        assert_eq!(book.is_expired_at(&format!("t{}", BOOK_SIZE - 1), 0.0), Some(false));
    }

    #[test]
    fn the_order_key_is_the_callers_external_id_or_the_claimed_one() {
        let settings = Settings {
            language: crate::validate::Language::En,
            strict_identity_numbers: false,
            today: time::macros::date!(2026 - 11 - 23),
        };
        let key = |op: &str, body: serde_json::Value| {
            let op = registry::find(op).unwrap();
            let claimed = "mc-x".to_owned();
            let edits =
                Edits { external_id: Some(&claimed), wrap_amount: op.rewrite.wrapped_sku(), ..Default::default() };
            let mut walked = validate::write(op.input.schema(), &body.to_string(), &settings, edits);
            let key = order_key(&mut walked, Some(claimed.clone()));
            (key, walked)
        };
        let (given, walked) = key("buyDigital", serde_json::json!({"price_token": "t", "external_id": "order-1"}));
        assert_eq!((given.external_id.as_str(), given.price_token.as_deref()), ("order-1", Some("t")));
        assert!(walked.body.contains(r#""external_id":"order-1""#) && !walked.body.contains("mc-x"), "{}", walked.body);
        for bare in [serde_json::json!({"amount": 1}), serde_json::json!({"amount": 1, "external_id": 7})] {
            let (claimed, walked) = key("buyGold", bare);
            assert_eq!((claimed.external_id.as_str(), claimed.lines), ("mc-x", 1));
            let sent: serde_json::Value = serde_json::from_str(&walked.body).unwrap();
            assert_eq!(sent["external_id"], "mc-x", "{}", walked.body);
            assert!(!walked.issues.iter().any(|i| i.path == "external_id"), "{:?}", walked.issues);
        }
        let (lines, _) = key("buyDigital", serde_json::json!({"items": [{"sku": "GAU"}, {"sku": "GAG"}]}));
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
