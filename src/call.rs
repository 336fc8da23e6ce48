//! The request pipeline below the façade and the features: `prepare` (synchronously, so later changes to the
//! caller's objects cannot leak into the call) → `send` → check → parse. It knows an operation only by its registry
//! row, and the client's quotes only through [`ExpiredQuotes`]; which calls are placed exactly once is decided above.

use wasm_bindgen::JsValue;

use crate::config::Config;
use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::registry::Operation;
use crate::routes::{self, Query, Resolved};
use crate::shape::DataShape;
use crate::transport::http::HttpResponse;
use crate::transport::{clock, Call, Transport};
use crate::validate::{self, Edits, Issue, Problem, Settings, Walked};

/// What a call sends besides its path parameter, already read from JS.
#[derive(Debug)]
pub enum Payload {
    None,
    /// A body's JSON text, and the `external_id` to write when it has no string one (calls that place orders).
    Body {
        text: String,
        external_id: Option<String>,
    },
    Query(Query),
}

/// Tells whether a price token belongs to a quote the client knows to have expired (the client's quote book).
pub trait ExpiredQuotes {
    fn is_expired(&self, token: &str) -> bool;
}

/// A call ready to send, with what its body says (after validation and rewriting).
#[derive(Debug)]
pub struct Prepared {
    pub call: Call,
    /// The body's `price_token`, when a string.
    pub price_token: Option<String>,
    /// The body's `external_id` as sent, when a string (the caller's, or the one the payload gave).
    pub external_id: Option<String>,
    /// Entries of the body's `items` array as sent, at least 1.
    pub lines: usize,
}

/// The validation settings a client's config implies.
pub fn settings(config: &Config) -> Settings {
    Settings {
        lang: config.language,
        strict_identity_numbers: config.strict_identity_numbers,
        today: clock::today_utc(),
    }
}

/// A validation error in the client's language.
pub fn invalid(issues: Vec<Issue>, settings: &Settings) -> MintedError {
    MintedError::validation(issues, settings.lang)
}

/// Prepares one call: resolves its route, checks the path parameter, validates the body or query, refuses expired
/// quotes, applies the convenience rewrite, and fills the path. Every issue is reported at once.
pub fn prepare(
    transport: &Transport,
    quotes: &dyn ExpiredQuotes,
    op: &'static Operation,
    path_value: Option<&str>,
    payload: Payload,
    signal: Option<web_sys::AbortSignal>,
) -> Result<Prepared, MintedError> {
    let config = &transport.config;
    let settings = settings(config);
    let route = config.routes.resolve(op.route);
    let mut issues = path_issues(op, path_value, &settings);
    let mut walked = Walked { lines: 1, ..Walked::default() };
    let (body, query) = match payload {
        Payload::None => (None, String::new()),
        Payload::Query(query) => {
            issues.extend(validate(op, &query.text, &settings));
            (None, routes::query_string(&query.pairs))
        }
        Payload::Body { text, external_id } => {
            let edits = Edits {
                external_id: external_id.as_deref(),
                wrap_amount: op.rewrite.wrapped_sku(),
                payment_type: op.rewrite.payment_type(),
            };
            walked = validate::write(op.input.schema(), &text, &settings, edits);
            issues.append(&mut walked.issues);
            issues.extend(expired_quote(walked.price_token.as_deref(), quotes, &settings));
            walked.external_id = walked.external_id.or(external_id);
            (Some(std::mem::take(&mut walked.body)), String::new())
        }
    };
    refuse_errors(issues, &settings)?;
    let path = target(&route, op, path_value)? + &query;
    let call = Call { route, path, body, signal, name: op.id };
    Ok(Prepared { call, price_token: walked.price_token, external_id: walked.external_id, lines: walked.lines })
}

/// Validates the JSON text of a body or query against the operation's request model.
pub fn validate(op: &Operation, text: &str, settings: &Settings) -> Vec<Issue> {
    validate::body(op.input.schema(), text, settings)
}

/// A path parameter must be a non-empty string.
fn path_issues(op: &Operation, value: Option<&str>, settings: &Settings) -> Vec<Issue> {
    match op.path_parameter() {
        Some(name) => validate::path_param(name, value.unwrap_or_default(), settings),
        None => Vec::new(),
    }
}

/// An issue when the body's `price_token` is a quote this client knows to have expired.
fn expired_quote(token: Option<&str>, quotes: &dyn ExpiredQuotes, settings: &Settings) -> Option<Issue> {
    quotes.is_expired(token?).then(|| settings.issue("price_token", Problem::QuoteExpired))
}

/// Refuses the call when any issue is an error (code `quote_expired` when the quote is why).
fn refuse_errors(issues: Vec<Issue>, settings: &Settings) -> Result<(), MintedError> {
    if !validate::has_errors(&issues) {
        return Ok(());
    }
    let mut err = invalid(issues, settings);
    if err.issues.iter().any(|i| i.code == Problem::QuoteExpired.code()) {
        err.code = Some(ErrorCode::Sdk("quote_expired"));
    }
    Err(err)
}

/// The route's path with its parameter filled in.
fn target(route: &Resolved, op: &Operation, value: Option<&str>) -> Result<String, MintedError> {
    let values: Vec<(&str, &str)> =
        op.path_parameter().map(|name| (name, value.unwrap_or_default())).into_iter().collect();
    routes::fill_path(&route.path, &values)
        .ok_or_else(|| MintedError::new(ErrorKind::Config, "path parameters do not match the route"))
}

/// Sends a prepared call and reads the response as an operation returning `data`: the response, and its `data` as
/// the server sent it.
pub async fn send(
    transport: &Transport,
    call: &Call,
    data: &DataShape,
) -> Result<(HttpResponse, JsValue), MintedError> {
    let response = transport.send(call).await?;
    let data = crate::envelope::read(&response.raw, &response.js_body, data, &transport.secrets(&response))
        .map_err(|err| err.with_attempts(response.attempts))?;
    Ok((response, data))
}

/// Sends, checks, and hands the response `data` to JS as the server sent it.
pub async fn fetch(transport: &Transport, call: &Call, data: &DataShape) -> Result<JsValue, MintedError> {
    send(transport, call, data).await.map(|(_, data)| data)
}
