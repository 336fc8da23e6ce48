//! One call, end to end, below the client's methods: from a prepared request ([`Call`]) to the response's `data` or
//! a typed error. A call runs three nested loops, outermost first, each in one function of this file:
//!
//! 1. [`place_exactly_once`], for calls that place orders (`buyDigital`, `sellDigital`, `createDelivery` and their
//!    forms): rounds of place → look the order up by its `external_id` → place it again, until the API shows the
//!    order or proves it absent (what each round concludes is `exactly_once.rs`'s).
//! 2. [`with_retries`]: attempts of one request; a safe call is tried again after a network error, a timeout, 408,
//!    429 or a 5xx, after a backoff (the decision is `retry.rs`'s pure function).
//! 3. [`exchange`]: the Digest steps of one attempt: sign with a nonce the client holds, or get a challenge and answer
//!    it, renew a stale nonce, or wait for another call's challenge (the decisions are the Digest session's, in
//!    `digest.rs`).
//!
//! Every request goes out through `http.rs`, the only I/O; every response body is read by `envelope.rs`.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::ops::ControlFlow;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::config::Config;
use crate::digest::{self, Answer, CallAuth, DigestSession, Notify, Role, Step, Ticket};
use crate::envelope::{self, DataShape};
use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::exactly_once::{self, Attempt};
use crate::http::{self, HttpRequest, HttpResponse};
use crate::observe::{self, Exchange, Observers, Watch};
use crate::registry::{self, Resolved};
use crate::retry::{self, Decision, Outcome, Policy};
use crate::validate::Language;

/// What the calls of one client share to reach the API: its configuration, its Digest session and what watches
/// its calls.
pub struct Connection {
    pub config: Config,
    digest: RefCell<DigestSession>,
    /// Wakes the calls waiting on the Digest session.
    notify: Rc<Notify>,
    pub observers: Observers,
    /// The request headers but `Authorization` as the JS objects fetch gets, built on first use per API version,
    /// with a body or without.
    headers: RefCell<Vec<HeaderObject>>,
}

/// The headers of requests to one API version, with a body or without, as a JS object.
struct HeaderObject {
    api_version: String,
    has_body: bool,
    object: js_sys::Object,
}

/// One call, ready to send.
pub struct Call {
    pub route: Resolved,
    /// The filled path with its query string, percent-encoded, starting with `/`.
    pub path: String,
    pub body: Option<String>,
    pub signal: Option<web_sys::AbortSignal>,
    /// The client call it serves (`buyGold`), for hooks and errors.
    pub name: &'static str,
    /// For calls that place orders: what identifies the order, so it is placed exactly once.
    pub order: Option<OrderKey>,
    /// Time allowed for one HTTP attempt (the call's `timeoutMs`, or the client's).
    pub timeout_ms: u32,
    /// Retries (the call's `maxRetries`, or the client's) and backoff.
    pub retry: Policy,
    /// Resolve to the response's metadata with the data (`withResponse`).
    pub with_response: bool,
}

impl fmt::Debug for Call {
    // The body may hold card data: Debug shows it redacted, like everything else the SDK reports.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("name", &self.name)
            .field("method", &self.route.method.as_str())
            .field("path", &self.path)
            .field("body", &self.body.as_deref().map(|b| crate::redact::redact_body(b.as_bytes(), &[])))
            .finish_non_exhaustive()
    }
}

/// What identifies an order being placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderKey {
    /// The body's `external_id` as sent (the caller's, or the one the SDK claimed for it).
    pub external_id: String,
    /// Order lines; the API creates one order per line (`<external_id>`, `<external_id>-2`, …).
    pub lines: usize,
    /// The body's `price_token`, when a string.
    pub price_token: Option<String>,
}

/// Tells whether a price token belongs to a quote the client knows to have expired (the client's quote book).
pub trait ExpiredQuotes {
    /// `Some(true)` when the token is known and past its deadline at `now_ms`; `None` when the client never saw it.
    fn is_expired_at(&self, token: &str, now_ms: f64) -> Option<bool>;
}

/// A call's result: the last response (status, headers, attempts), its `data` as the server sent it, and whether an
/// order was confirmed by looking it up.
pub struct Answered {
    pub response: Box<HttpResponse>,
    pub data: JsValue,
    pub reconciled: bool,
    /// From the call's start to its end.
    pub duration_ms: f64,
}

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const RESPONSE_TYPES: &'static str = r#"
/** What a call resolves to with `withResponse: true` in its options: its data and what the last response said. */
export interface WithResponse<T> {
    /** What the call resolves to without `withResponse`. */
    data: T;
    /** The server's `x-request-id` of the last response, for support and tracing. */
    requestId?: string;
    /** The HTTP status of the last response. */
    status: number;
    /** HTTP attempts the call took (retries, Digest challenges and look-ups count). */
    attempts: number;
    /** Time from the call's start to its end, in milliseconds. */
    durationMs: number;
    /** The order was confirmed by looking it up after a placement without a clear answer (exactly-once). */
    reconciled: boolean;
    /** The last response's headers, all but cookies, by lower-case name. */
    headers: Record<string, string>;
}

/**
 * What a call resolves to: its data `T`, or with `withResponse: true` in its options (`W`) a `WithResponse<T>`; when
 * the options' type cannot tell (`boolean`), either.
 */
export type CallResult<W extends boolean, T> = W extends true ? WithResponse<T> : T;

/** One page of a listing, as `listOrders(…).pages()` yields it. */
export interface OrderPage {
    /** The page's orders. */
    orders: Order[];
    /** The page number (`current_page`). */
    page?: number;
    /** The last page number (`last_page`). */
    lastPage?: number;
    /** Orders per page (`per_page`). */
    perPage?: number;
    /** Orders matching the query (`total`). */
    total?: number;
    /** The server's `x-request-id` for this page. */
    requestId?: string;
}

/** What `listOrders` returns: an async iterable over every matching order, fetching pages as the loop advances. */
export interface OrderListing extends AsyncIterable<Order> {
    /** Walks the listing page by page, with each page's metadata. */
    pages(): AsyncIterable<OrderPage>;
    /** Collects the orders, at most `limit` of them (fetching no page beyond what that needs). */
    toArray(options?: { limit?: number }): Promise<Order[]>;
}
"#;

const REJECTED: &str = "the server rejected the username or password";
const KEPT_CHALLENGING: &str = "the server kept answering 401 with new nonces";

impl Connection {
    pub fn new(config: Config, observers: Observers) -> Self {
        let (digest, notify, headers) = (RefCell::new(DigestSession::default()), Rc::default(), RefCell::default());
        Self { config, digest, notify, observers, headers }
    }

    /// Everything that must not appear in what is reported about `response`: the password and the Authorization
    /// value sent.
    pub fn secrets<'a>(&'a self, response: &'a HttpResponse) -> Vec<&'a str> {
        let mut secrets = self.config.secrets();
        secrets.extend(response.sent_authorization.as_deref());
        secrets
    }

    /// The headers of a request on `route` but `Authorization` ([`base_headers`]), as the JS object fetch gets.
    fn header_object(&self, route: &Resolved, has_body: bool) -> js_sys::Object {
        let api_version = route.api_version.as_ref();
        let same = |h: &&HeaderObject| h.api_version == api_version && h.has_body == has_body;
        if let Some(built) = self.headers.borrow().iter().find(same) {
            return built.object.clone();
        }
        let object = js_sys::Object::new();
        for (name, value) in base_headers(&self.config, route, has_body) {
            observe::set(&object, name, &JsValue::from(value));
        }
        let built = HeaderObject { api_version: api_version.to_owned(), has_body, object: object.clone() };
        self.headers.borrow_mut().push(built);
        object
    }
}

/// Runs `work` as a JS promise; a failure rejects with the [`MintedError`] named after `operation`. Every call goes
/// through this one boxed future type, so the wasm holds one copy of the promise machinery, not one per call kind.
pub fn promise(
    operation: &'static str,
    work: impl Future<Output = Result<JsValue, MintedError>> + 'static,
) -> js_sys::Promise {
    let work: Pin<Box<dyn Future<Output = Result<JsValue, MintedError>>>> = Box::pin(work);
    wasm_bindgen_futures::future_to_promise(async move {
        work.await.map_err(|err| JsValue::from(err.in_operation(operation)))
    })
}

/// Runs a call and resolves to its response `data` (with `withResponse`, to the data and the response's metadata).
pub async fn run(
    connection: &Connection,
    quotes: &dyn ExpiredQuotes,
    call: &Call,
    data: &DataShape,
) -> Result<JsValue, MintedError> {
    let answered = answer(connection, quotes, call, data).await?;
    let value = answered.data.clone();
    Ok(resolution(call, &answered, value))
}

/// Runs a call, watched when anything watches the client: exactly once for calls that place orders, through
/// [`send`] for the others.
pub async fn answer(
    connection: &Connection,
    quotes: &dyn ExpiredQuotes,
    call: &Call,
    data: &DataShape,
) -> Result<Answered, MintedError> {
    let started = http::now_ms();
    let watch = watch(connection, call);
    let result = match &call.order {
        Some(key) => place_exactly_once(connection, quotes, call, key, data, &watch).await,
        None => send(connection, call, data, &watch).await,
    };
    ended(call, result, started, &watch)
}

/// Tells what watches the client that `call` starts.
#[inline(never)]
fn watch(connection: &Connection, call: &Call) -> Watch {
    let observers = &connection.observers;
    if !observers.watches() {
        return Watch::none();
    }
    let url = format!("{}{}", connection.config.base_url, call.path);
    Watch::start(observers, call.name, call.route.method.as_str(), &call.route.path, &url)
}

/// Notes the call's duration, and tells its watchers how it ended.
#[inline(never)]
fn ended(
    call: &Call,
    result: Result<Answered, MintedError>,
    started: f64,
    watch: &Watch,
) -> Result<Answered, MintedError> {
    let duration_ms = http::now_ms() - started;
    let result = result.map(|answered| Answered { duration_ms, ..answered });
    if watch.is_watched() {
        match &result {
            Ok(answered) => watch.end(&metadata(answered).into(), &JsValue::UNDEFINED, duration_ms),
            Err(err) => {
                watch.end(&JsValue::UNDEFINED, &JsValue::from(err.clone().in_operation(call.name)), duration_ms)
            }
        }
    }
    result
}

/// What the caller's promise resolves to: `value`, or with `withResponse` the response's metadata and `value` as
/// `data`.
pub fn resolution(call: &Call, answered: &Answered, value: JsValue) -> JsValue {
    if !call.with_response {
        return value;
    }
    let response = metadata(answered);
    observe::set(&response, "data", &value);
    response.into()
}

/// What a call's last response says about it (see [`observe::metadata`]).
fn metadata(answered: &Answered) -> js_sys::Object {
    let response = &answered.response;
    let (attempts, duration_ms, reconciled) = (response.attempts, answered.duration_ms, answered.reconciled);
    let request_id = response.request_id.clone();
    observe::metadata(response.status, request_id, attempts, duration_ms, reconciled, &response.headers())
}

/// Sends a call through [`with_retries`] and reads the response as the operation's `data`.
pub async fn send(
    connection: &Connection,
    call: &Call,
    data: &DataShape,
    watch: &Watch,
) -> Result<Answered, MintedError> {
    let response = with_retries(connection, call, watch).await?;
    let data = match envelope::read_data(&response.body(), data, response.is_success()) {
        Ok(data) => data,
        Err(reading) => {
            let secrets = connection.secrets(&response);
            envelope::check(&response.raw(), reading, data, &secrets)
                .map_err(|err| err.with_attempts(response.attempts))?;
            JsValue::NULL
        }
    };
    Ok(Answered { response, data, reconciled: false, duration_ms: 0.0 })
}

/// Loop 1: places an order exactly once (see the module docs and `exactly_once.rs`). Every error carries the
/// order's `external_id`.
async fn place_exactly_once(
    connection: &Connection,
    quotes: &dyn ExpiredQuotes,
    call: &Call,
    key: &OrderKey,
    data: &DataShape,
    watch: &Watch,
) -> Result<Answered, MintedError> {
    let tag = |err: MintedError| err.with_external_id(&key.external_id);
    let mut last = match attempt(connection, call, data, watch).await {
        Attempt::Done(answered) => return Ok(answered),
        Attempt::Refused(err) | Attempt::Aborted(err) => return Err(tag(err)),
        Attempt::Unclear(err) => err,
    };
    let policy = &call.retry;
    for round in 1..=policy.max_retries.saturating_add(1) {
        let pause = exactly_once::pause(policy, round);
        watch.lookup(round, pause, &key.external_id, &reason(&last));
        http::sleep(pause, call.signal.as_ref()).await;
        if is_aborted(call) {
            return Err(tag(exactly_once::unconfirmed(last, "the call was aborted while confirming the order")));
        }
        match look_up(connection, call, key, watch).await {
            Lookup::Found { orders, last } => {
                let data = exactly_once::reconciled(&orders);
                return Ok(Answered { data, reconciled: true, ..last });
            }
            Lookup::Unknown(err) => last = err,
            Lookup::Absent => {
                let token = key.price_token.as_deref();
                if token.and_then(|t| quotes.is_expired_at(t, http::now_ms())) == Some(true) {
                    return Err(tag(exactly_once::not_placed(&last)));
                }
                match attempt(connection, call, data, watch).await {
                    Attempt::Done(answered) => return Ok(answered),
                    Attempt::Aborted(err) => return Err(tag(exactly_once::unconfirmed(err, "the call was aborted"))),
                    // A refusal of the re-sent request may be the API seeing the first one ("already exists",
                    // "token used"): the next round's look-up tells.
                    Attempt::Refused(err) | Attempt::Unclear(err) => last = err,
                }
            }
        }
    }
    Err(tag(exactly_once::unconfirmed(last, "the order could not be confirmed")))
}

/// One placement or look-up, and what its outcome means for the order.
async fn attempt(connection: &Connection, call: &Call, data: &DataShape, watch: &Watch) -> Attempt<Answered> {
    match send(connection, call, data, watch).await {
        Ok(answered) => Attempt::Done(answered),
        Err(err) => exactly_once::classify(err),
    }
}

/// What a look-up by `external_id` found.
enum Lookup {
    /// The order of every line that exists, and the last look-up's answer.
    Found {
        orders: Vec<JsValue>,
        last: Answered,
    },
    Absent,
    Unknown(MintedError),
}

/// Looks the order of `call` up by its `external_id`, one `getOrder` per order line, with the call's own signal,
/// timeout and retries.
async fn look_up(connection: &Connection, call: &Call, key: &OrderKey, watch: &Watch) -> Lookup {
    let get_order = &registry::op::getOrder;
    let route = connection.config.routes.resolve(get_order.route);
    let (mut orders, mut last) = (Vec::new(), None);
    for line in 1..=key.lines.max(1) {
        let id = if line == 1 { key.external_id.clone() } else { format!("{}-{line}", key.external_id) };
        let Some(path) = registry::fill_path(&route.path, &[("external_order_id", &id)]) else {
            return Lookup::Unknown(MintedError::new(ErrorKind::Config, "the getOrder route has no path"));
        };
        let get =
            Call { route: route.clone(), path, body: None, name: get_order.id, order: None, ..call.same_options() };
        match attempt(connection, &get, get_order.output, watch).await {
            Attempt::Done(order) => {
                orders.push(order.data.clone());
                last = Some(order);
            }
            // Fewer orders than lines: what exists is reported.
            Attempt::Refused(err) if err.status == Some(404) => break,
            Attempt::Refused(err) | Attempt::Unclear(err) | Attempt::Aborted(err) => return Lookup::Unknown(err),
        }
    }
    match last {
        Some(last) => Lookup::Found { orders, last },
        None => Lookup::Absent,
    }
}

/// What an attempt ended with, for the watchers: its status, `network`, `timeout`…
fn reason(err: &MintedError) -> String {
    match err.status {
        Some(status) => status.to_string(),
        None => err.kind.as_str().to_owned(),
    }
}

impl Call {
    /// A call with this call's signal, timeout, retries and response form, for the fields it does not set.
    fn same_options(&self) -> Call {
        Call {
            route: self.route.clone(),
            path: String::new(),
            body: None,
            signal: self.signal.clone(),
            name: self.name,
            order: None,
            timeout_ms: self.timeout_ms,
            retry: self.retry,
            with_response: self.with_response,
        }
    }
}

/// Loop 2: sends a call, retrying what is safe to retry. Returns the last response, which may be an error status
/// for the caller to read; every error and response carries the number of attempts made.
pub async fn with_retries(
    connection: &Connection,
    call: &Call,
    watch: &Watch,
) -> Result<Box<HttpResponse>, MintedError> {
    let mut attempt = 1;
    loop {
        let result = exchange(connection, call, attempt, watch).await;
        let (delay_ms, outcome) = match retry_delay(call, attempt, result) {
            ControlFlow::Break(result) => return result,
            ControlFlow::Continue(next) => next,
        };
        if watch.is_watched() {
            watch.retry(attempt + 1, delay_ms, &outcome.to_string());
        }
        http::sleep(delay_ms, call.signal.as_ref()).await;
        if is_aborted(call) {
            return Err(http::aborted().with_attempts(attempt));
        }
        attempt += 1;
    }
}

/// What follows attempt number `attempt`: its result to return (with the number of attempts made), or the delay
/// before the next one and why.
#[inline(never)]
fn retry_delay(
    call: &Call,
    attempt: u32,
    result: Result<Box<HttpResponse>, MintedError>,
) -> ControlFlow<Result<Box<HttpResponse>, MintedError>, (f64, Outcome)> {
    let outcome = match &result {
        Ok(response) if retry::is_transient(Outcome::Status(response.status)) => Some(Outcome::Status(response.status)),
        Ok(_) => None,
        Err(err) if err.kind == ErrorKind::Network => Some(Outcome::Network),
        Err(err) if err.kind == ErrorKind::Timeout => Some(Outcome::Timeout),
        Err(_) => None,
    };
    let decision = match outcome {
        Some(outcome) => {
            let retry_after = result.as_ref().ok().and_then(|r| r.header("retry-after")).and_then(|value| {
                retry::parse_retry_after(&value, http::now_ms(), |date| Some(http::parse_date_ms(date)))
            });
            retry::decide(&call.retry, attempt, call.route.idempotent, outcome, retry_after, retry::jitter())
        }
        None => Decision::Stop,
    };
    match (decision, outcome) {
        (Decision::Retry { delay_ms }, Some(outcome)) => ControlFlow::Continue((delay_ms, outcome)),
        _ => ControlFlow::Break(match result {
            Ok(mut response) => {
                response.attempts = attempt;
                Ok(response)
            }
            Err(err) => Err(err.with_attempts(attempt)),
        }),
    }
}

/// What the exchange does after one HTTP request.
enum Flow {
    Next(Step),
    Return(Result<Box<HttpResponse>, MintedError>),
}

/// A request's claim on the Digest session. Given back as lost if the exchange never completes (its future dropped,
/// or an early return), so no call waits for it forever.
struct Claim<'a> {
    connection: &'a Connection,
    ticket: Ticket,
    armed: bool,
}

impl Claim<'_> {
    fn disarm(mut self) -> Ticket {
        self.armed = false;
        self.ticket
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        if self.armed {
            self.connection.digest.borrow_mut().abandon(&self.ticket);
            self.connection.notify.notify_all();
        }
    }
}

/// Loop 3: one attempt, answering Digest challenges as the client's session decides: one round trip per call once
/// a nonce is known, one challenge at a time for concurrent calls, counts a strict server accepts. Rejected
/// credentials end in a `MintedError` of kind `auth`; a server that keeps challenging is given up after a bounded
/// number of 401s, never in a loop.
async fn exchange(
    connection: &Connection,
    call: &Call,
    attempt: u32,
    watch: &Watch,
) -> Result<Box<HttpResponse>, MintedError> {
    let config = &connection.config;
    let url = format!("{}{}", config.base_url, call.path);
    let digest_uri = format!("{}{}", config.base_path, call.path);
    let method = call.route.method.as_str();
    // While the call waits, an abort of its signal wakes it (set up on the first wait only).
    #[cfg(target_arch = "wasm32")]
    let mut wake_on_abort = None;
    let mut auth = connection.digest.borrow().begin();
    // Without credentials nothing is planned: one unsigned exchange (`Done` stands for it).
    let mut step = match config.credentials {
        Some(_) => connection.digest.borrow_mut().plan(&auth, http::now_ms()),
        None => Step::Done,
    };
    loop {
        let ticket = match step {
            Step::Send(ticket) => Some(ticket),
            Step::Done => None,
            Step::Wait => {
                if !is_aborted(call) {
                    #[cfg(target_arch = "wasm32")]
                    wake_on_abort
                        .get_or_insert_with(|| digest::WakeOnAbort::new(call.signal.as_ref(), &connection.notify));
                    connection.notify.changed(connection.notify.epoch()).await;
                }
                if is_aborted(call) {
                    return Err(http::aborted());
                }
                step = connection.digest.borrow_mut().plan(&auth, http::now_ms());
                continue;
            }
            Step::Rejected => return Err(refused(connection, None, REJECTED)),
            Step::GiveUp => return Err(refused(connection, None, KEPT_CHALLENGING)),
        };
        let claim = ticket.map(|ticket| Claim { connection, ticket, armed: true });
        let authorization = sign(connection, call, claim.as_ref(), &digest_uri)?;
        let exchange = Exchange { operation: call.name, attempt, method, url: &url };
        let started = announce(connection, watch, &exchange, call, authorization.as_deref());
        let sent = http::fetch(&HttpRequest {
            method: call.route.method,
            url: &url,
            headers: &connection.header_object(&call.route, call.body.is_some()),
            authorization: authorization.as_deref(),
            body: call.body.as_deref(),
            timeout_ms: call.timeout_ms,
            signal: call.signal.as_ref(),
            fetch: config.fetch.as_ref(),
        })
        .await;
        step = match received(connection, watch, &exchange, authorization, started, sent, &mut auth, claim) {
            Flow::Next(step) => step,
            Flow::Return(result) => return result,
        };
    }
}

/// The headers every request carries, before `Authorization`.
pub fn base_headers<'a>(config: &'a Config, route: &Resolved, has_body: bool) -> Vec<(&'a str, String)> {
    let language = match config.language {
        Language::Tr => "tr",
        Language::En => "en",
    };
    let (identity, sdk) = &config.identity;
    let mut headers = vec![
        ("api-version", route.api_version.to_string()),
        ("x-client-id", config.client_id.clone()),
        ("Accept-Language", language.to_owned()),
        ("Accept", "application/json".to_owned()),
        (identity.as_str(), sdk.clone()),
    ];
    if has_body {
        headers.push(("Content-Type", "application/json".to_owned()));
    }
    headers
}

/// The `Authorization` value of one request: for a ticket that signs, its Digest answer.
fn sign(
    connection: &Connection,
    call: &Call,
    claim: Option<&Claim<'_>>,
    digest_uri: &str,
) -> Result<Option<String>, MintedError> {
    let config = &connection.config;
    let (Some(claim), Some((user, password))) = (claim, &config.credentials) else {
        return Ok(None);
    };
    let method = call.route.method.as_str();
    match connection.digest.borrow().authorization(&claim.ticket, user, password, method, digest_uri) {
        Some(value) => Ok(Some(value)),
        None if claim.ticket.role != Role::Fetch => {
            Err(MintedError::new(ErrorKind::Auth, "no randomness source for a Digest client nonce"))
        }
        None => Ok(None),
    }
}

/// Shows a request to the `onRequest` hook and the debug log, when they listen; returns when it was sent.
#[inline(never)]
fn announce(
    connection: &Connection,
    watch: &Watch,
    exchange: &Exchange<'_>,
    call: &Call,
    authorization: Option<&str>,
) -> f64 {
    let observers = &connection.observers;
    if observers.hear_requests(watch) {
        let mut headers = base_headers(&connection.config, &call.route, call.body.is_some());
        headers.extend(authorization.map(|value| ("Authorization", value.to_owned())));
        let mut secrets = connection.config.secrets();
        secrets.extend(authorization);
        observers.request(watch, exchange, &headers, call.body.as_deref(), &secrets);
    }
    http::now_ms()
}

/// Shows what an exchange brought to the `onResponse` hook and the debug log, when they listen, and concludes it
/// (see [`conclude`]).
#[inline(never)]
#[allow(clippy::too_many_arguments)] // the exchange's state, handed over once
fn received(
    connection: &Connection,
    watch: &Watch,
    exchange: &Exchange<'_>,
    sent_authorization: Option<String>,
    started: f64,
    sent: Result<Box<HttpResponse>, MintedError>,
    auth: &mut CallAuth,
    claim: Option<Claim<'_>>,
) -> Flow {
    let observers = &connection.observers;
    if observers.hear_responses(watch) {
        let elapsed = http::now_ms() - started;
        let mut secrets = connection.config.secrets();
        secrets.extend(sent_authorization.as_deref());
        let raw = sent.as_ref().ok().map(|response| response.raw());
        let outcome = match (&raw, &sent) {
            (Some(raw), _) => Ok((raw.status, raw.request_id.as_deref(), raw.body.as_slice())),
            (None, Err(err)) => Err(err.message.as_str()),
            (None, Ok(_)) => Err(""),
        };
        observers.response(watch, exchange, outcome, elapsed, &secrets);
    }
    let sent = sent.map(|mut response| {
        response.sent_authorization = sent_authorization;
        response
    });
    conclude(connection, auth, claim, sent)
}

/// What an exchange means for the call: its next step, or its result.
fn conclude(
    connection: &Connection,
    auth: &mut CallAuth,
    claim: Option<Claim<'_>>,
    sent: Result<Box<HttpResponse>, MintedError>,
) -> Flow {
    let Some(claim) = claim else {
        return Flow::Return(match sent {
            Ok(response) if response.status == 401 => Err(refused(
                connection,
                Some(&response),
                "the server requires authentication and no username/password is configured",
            )),
            other => other,
        });
    };
    let ticket = claim.disarm();
    let (answer, result) = match sent {
        Err(err) => (Answer::Lost, Err(err)),
        Ok(response) if response.status != 401 => (Answer::Passed, Ok(response)),
        Ok(response) => match digest::parse_www_authenticate(response.header("www-authenticate").as_deref()) {
            Ok(challenge) => (Answer::Challenged(challenge), Ok(response)),
            Err(why) => {
                let err = refused(connection, Some(&response), &why.to_string());
                (Answer::Lost, Err(err))
            }
        },
    };
    let step = connection.digest.borrow_mut().settle(auth, ticket, answer, http::now_ms());
    connection.notify.notify_all();
    match (step, result) {
        (step @ (Step::Send(_) | Step::Wait), _) => Flow::Next(step),
        (Step::Rejected, Ok(response)) => Flow::Return(Err(refused(connection, Some(&response), REJECTED))),
        (Step::GiveUp, Ok(response)) => Flow::Return(Err(refused(connection, Some(&response), KEPT_CHALLENGING))),
        (_, result) => Flow::Return(result),
    }
}

/// The `auth` error for a 401, with what the response carried (request id, redacted body) when there is one.
fn refused(connection: &Connection, response: Option<&HttpResponse>, message: &str) -> MintedError {
    let err = MintedError::new(ErrorKind::Auth, message).with_status(401).with_code(ErrorCode::Sdk("unauthorized"));
    match response {
        Some(response) => err
            .with_request_id(response.request_id.clone())
            .with_body(Some(crate::redact::redact_body(&response.raw().body, &connection.secrets(response)))),
        None => err,
    }
}

/// Whether the call's `AbortSignal` has aborted.
fn is_aborted(call: &Call) -> bool {
    call.signal.as_ref().is_some_and(web_sys::AbortSignal::aborted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::route as find;

    #[test]
    fn a_call_debug_shows_its_body_redacted() {
        let call = Call {
            route: find("buyDigital").unwrap().into(),
            path: "/partner/order/digital/buy".into(),
            body: Some(
                r#"{"payment":{"card_number":"4111111111111111","card_cvv":"123","card_token":"tok_x"}}"#.into(),
            ),
            signal: None,
            name: "cardPaymentBuyWithCardNumber",
            order: None,
            timeout_ms: 1000,
            retry: Policy::default(),
            with_response: false,
        };
        let shown = format!("{call:?}");
        for secret in ["4111111111111111", "\"123\"", "tok_x"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("411111******1111"), "{shown}");
    }

    #[test]
    fn headers_follow_the_route_and_config() {
        let config = crate::config::from_json(
            &serde_json::json!({"baseUrl": "http://x.test", "language": "en", "clientId": "panel"}),
        )
        .unwrap();
        let headers = base_headers(&config, &find("getCustomer").unwrap().into(), false);
        assert_eq!(
            headers,
            vec![
                ("api-version", "2".to_owned()),
                ("x-client-id", "panel".to_owned()),
                ("Accept-Language", "en".to_owned()),
                ("Accept", "application/json".to_owned()),
                ("User-Agent", format!("minted-connect/{} (native)", env!("CARGO_PKG_VERSION"))),
            ]
        );
        let with_body = base_headers(&config, &find("createCustomer").unwrap().into(), true);
        assert_eq!(with_body.last(), Some(&("Content-Type", "application/json".to_owned())));
    }
}
