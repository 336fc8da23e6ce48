//! From a resolved route to a complete HTTP exchange: headers, Digest authentication (with nonce reuse), retries of
//! safe calls, hooks, and the one place where attempts are made.

pub mod clock;
pub mod digest;
pub mod hooks;
pub mod http;
pub mod retry;
pub mod session;
pub mod wait;

use std::cell::RefCell;
use std::fmt;
use std::ops::ControlFlow;
use std::rc::Rc;

use crate::config::Config;
use crate::error::{ErrorKind, MintedError};
use crate::routes::Resolved;
use crate::validate::Language;
use hooks::{Exchange, Hooks};
use http::{HttpRequest, HttpResponse};
use retry::{Decision, Outcome};
use session::{Answer, CallAuth, DigestSession, Role, Step, Ticket};
use wait::Notify;

/// One call, ready to send.
pub struct Call {
    pub route: Resolved,
    /// The filled path with its query string, percent-encoded, starting with `/`.
    pub path: String,
    pub body: Option<String>,
    pub signal: Option<web_sys::AbortSignal>,
    /// The client call it serves (`buyGold`), for hooks and errors.
    pub name: &'static str,
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

/// The client's connection state: configuration, the Digest session its calls share, and the hooks.
pub struct Transport {
    pub config: Config,
    session: RefCell<DigestSession>,
    /// Wakes calls waiting on the session (see `session.rs`).
    notify: Rc<Notify>,
    pub hooks: Hooks,
}

const REJECTED: &str = "the server rejected the username or password";
const KEPT_CHALLENGING: &str = "the server kept answering 401 with new nonces";

/// What a call does after an exchange.
enum Flow {
    Next(Step),
    Return(Result<HttpResponse, MintedError>),
}

/// A request's claim on the Digest session. Given back as lost if the exchange never completes (its future dropped,
/// or an early return), so no call waits for it forever.
struct Claim<'a> {
    transport: &'a Transport,
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
            self.transport.session.borrow_mut().abandon(&self.ticket);
            self.transport.notify.notify_all();
        }
    }
}

impl Transport {
    pub fn new(config: Config, hooks: Hooks) -> Self {
        Self { config, session: RefCell::new(DigestSession::default()), notify: Rc::default(), hooks }
    }

    /// Sends a call, retrying what is safe to retry (see `retry.rs`). Returns the last response, which may be an
    /// error status for the caller to report; every error and response carries the number of attempts made.
    pub async fn send(&self, call: &Call) -> Result<HttpResponse, MintedError> {
        let mut attempt = 1;
        loop {
            let result = self.attempt(call, attempt).await;
            let delay_ms = match self.retry_delay(call, attempt, result) {
                ControlFlow::Break(result) => return result,
                ControlFlow::Continue(delay_ms) => delay_ms,
            };
            clock::sleep(delay_ms, call.signal.as_ref()).await;
            if is_aborted(call) {
                return Err(aborted().with_attempts(attempt));
            }
            attempt += 1;
        }
    }

    /// What follows attempt number `attempt`: its result to return (with the number of attempts made), or the delay
    /// before the next one.
    #[inline(never)]
    fn retry_delay(
        &self,
        call: &Call,
        attempt: u32,
        result: Result<HttpResponse, MintedError>,
    ) -> ControlFlow<Result<HttpResponse, MintedError>, f64> {
        let outcome = match &result {
            Ok(response) if retry::is_transient(Outcome::Status(response.raw.status)) => {
                Some(Outcome::Status(response.raw.status))
            }
            Ok(_) => None,
            Err(err) if err.kind == ErrorKind::Network => Some(Outcome::Network),
            Err(err) if err.kind == ErrorKind::Timeout => Some(Outcome::Timeout),
            Err(_) => None,
        };
        let retry_after = result.as_ref().ok().and_then(|r| r.retry_after.as_deref()).and_then(|value| {
            retry::parse_retry_after(value, clock::now_ms(), |date| Some(clock::parse_date_ms(date)))
        });
        let policy = &self.config.retry;
        let decision = match outcome {
            Some(outcome) => retry::decide(policy, attempt, call.route.idempotent, outcome, retry_after, jitter()),
            None => Decision::Stop,
        };
        match decision {
            Decision::Retry { delay_ms } => ControlFlow::Continue(delay_ms),
            Decision::Stop => ControlFlow::Break(match result {
                Ok(mut response) => {
                    response.attempts = attempt;
                    Ok(response)
                }
                Err(err) => Err(err.with_attempts(attempt)),
            }),
        }
    }

    /// The headers every request carries, before `Authorization`.
    pub fn base_headers(&self, route: &Resolved, has_body: bool) -> Vec<(&'static str, String)> {
        let mut headers = vec![
            ("api-version", route.api_version.to_string()),
            ("x-client-id", self.config.client_id.clone()),
            (
                "Accept-Language",
                match self.config.language {
                    Language::Tr => "tr",
                    Language::En => "en",
                }
                .to_owned(),
            ),
            ("Accept", "application/json".to_owned()),
        ];
        if has_body {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        headers
    }

    /// One attempt, answering Digest challenges as the client's session decides (see `session.rs`): one round trip
    /// per call once a nonce is known, one challenge at a time for concurrent calls, counts a strict server accepts.
    /// Rejected credentials end in a `MintedError` of kind `auth`; a server that keeps challenging is given up after a
    /// bounded number of 401s, never in a loop.
    async fn attempt(&self, call: &Call, attempt: u32) -> Result<HttpResponse, MintedError> {
        let url = format!("{}{}", self.config.base_url, call.path);
        let digest_uri = format!("{}{}", self.config.base_path, call.path);
        let method = call.route.method.as_str();
        // While the call waits, an abort of its signal wakes it (set up on the first wait only).
        #[cfg(target_arch = "wasm32")]
        let mut wake_on_abort = None;
        let mut auth = self.session.borrow().begin();
        // Without credentials nothing is planned: one unsigned exchange (`Done` stands for it).
        let mut step = match self.config.credentials {
            Some(_) => self.session.borrow_mut().plan(&auth, clock::now_ms()),
            None => Step::Done,
        };
        loop {
            let ticket = match step {
                Step::Send(ticket) => Some(ticket),
                Step::Done => None,
                Step::Wait => {
                    if !is_aborted(call) {
                        #[cfg(target_arch = "wasm32")]
                        wake_on_abort.get_or_insert_with(|| wait::WakeOnAbort::new(call.signal.as_ref(), &self.notify));
                        self.notify.changed(self.notify.epoch()).await;
                    }
                    if is_aborted(call) {
                        return Err(aborted());
                    }
                    step = self.session.borrow_mut().plan(&auth, clock::now_ms());
                    continue;
                }
                Step::Rejected => return Err(self.refused(None, REJECTED)),
                Step::GiveUp => return Err(self.refused(None, KEPT_CHALLENGING)),
            };
            let claim = ticket.map(|ticket| Claim { transport: self, ticket, armed: true });
            let headers = self.signed_headers(call, claim.as_ref(), &digest_uri)?;
            let exchange = Exchange { operation: call.name, attempt, method, url: &url };
            let started = self.announce(&exchange, &headers, call.body.as_deref());
            let sent = http::send(&HttpRequest {
                method: call.route.method,
                url: &url,
                headers: &headers,
                body: call.body.as_deref(),
                timeout_ms: self.config.timeout_ms,
                signal: call.signal.as_ref(),
                fetch: self.config.fetch.as_ref(),
            })
            .await;
            step = match self.received(&exchange, headers, started, sent, &mut auth, claim) {
                Flow::Next(step) => step,
                Flow::Return(result) => return result,
            };
        }
    }

    /// Shows a request to the `onRequest` hook; returns when it was sent.
    #[inline(never)]
    fn announce(&self, exchange: &Exchange<'_>, headers: &[(&'static str, String)], body: Option<&str>) -> f64 {
        let mut secrets = self.config.secrets();
        secrets.extend(authorization(headers));
        self.hooks.request(exchange, headers, body, &secrets);
        clock::now_ms()
    }

    /// Shows what an exchange brought to the `onResponse` hook, and concludes it (see `conclude`).
    #[inline(never)]
    fn received(
        &self,
        exchange: &Exchange<'_>,
        headers: Vec<(&'static str, String)>,
        started: f64,
        sent: Result<HttpResponse, MintedError>,
        auth: &mut CallAuth,
        claim: Option<Claim<'_>>,
    ) -> Flow {
        let elapsed = clock::now_ms() - started;
        let sent_authorization = authorization(&headers).map(str::to_owned);
        let mut secrets = self.config.secrets();
        secrets.extend(sent_authorization.as_deref());
        let sent = match sent {
            Ok(mut response) => {
                let raw = &response.raw;
                let seen = (raw.status, raw.request_id.as_deref(), raw.body.as_slice());
                self.hooks.response(exchange, Ok(seen), elapsed, &secrets);
                response.sent_authorization = sent_authorization;
                Ok(response)
            }
            Err(err) => {
                self.hooks.response(exchange, Err(&err.message), elapsed, &secrets);
                Err(err)
            }
        };
        self.conclude(auth, claim, sent)
    }

    /// The headers of one request: the base headers and, for a ticket, its `Authorization`.
    fn signed_headers(
        &self,
        call: &Call,
        claim: Option<&Claim<'_>>,
        digest_uri: &str,
    ) -> Result<Vec<(&'static str, String)>, MintedError> {
        let mut headers = self.base_headers(&call.route, call.body.is_some());
        if let (Some(claim), Some((user, password))) = (claim, &self.config.credentials) {
            let method = call.route.method.as_str();
            match self.session.borrow().authorization(&claim.ticket, user, password, method, digest_uri) {
                Some(value) => headers.push(("Authorization", value)),
                None if claim.ticket.role != Role::Fetch => {
                    return Err(MintedError::new(ErrorKind::Auth, "no randomness source for a Digest client nonce"))
                }
                None => {}
            }
        }
        Ok(headers)
    }

    /// What an exchange means for the call: its next step, or its result.
    fn conclude(&self, auth: &mut CallAuth, claim: Option<Claim<'_>>, sent: Result<HttpResponse, MintedError>) -> Flow {
        let Some(claim) = claim else {
            return Flow::Return(match sent {
                Ok(response) if response.raw.status == 401 => Err(self.refused(
                    Some(&response),
                    "the server requires authentication and no username/password is configured",
                )),
                other => other,
            });
        };
        let ticket = claim.disarm();
        let (answer, result) = match sent {
            Err(err) => (Answer::Lost, Err(err)),
            Ok(response) if response.raw.status != 401 => (Answer::Passed, Ok(response)),
            Ok(response) => match digest::parse_www_authenticate(response.www_authenticate.as_deref()) {
                Ok(challenge) => (Answer::Challenged(challenge), Ok(response)),
                Err(why) => {
                    let err = self.refused(Some(&response), &why.to_string());
                    (Answer::Lost, Err(err))
                }
            },
        };
        let step = self.session.borrow_mut().settle(auth, ticket, answer, clock::now_ms());
        self.notify.notify_all();
        match (step, result) {
            (step @ (Step::Send(_) | Step::Wait), _) => Flow::Next(step),
            (Step::Rejected, Ok(response)) => Flow::Return(Err(self.refused(Some(&response), REJECTED))),
            (Step::GiveUp, Ok(response)) => Flow::Return(Err(self.refused(Some(&response), KEPT_CHALLENGING))),
            (_, result) => Flow::Return(result),
        }
    }

    /// The `auth` error for a 401, with what the response carried (request id, redacted body) when there is one.
    fn refused(&self, response: Option<&HttpResponse>, message: &str) -> MintedError {
        let err = MintedError::new(ErrorKind::Auth, message)
            .with_status(401)
            .with_code(crate::error::ErrorCode::Sdk("unauthorized"));
        match response {
            Some(response) => err
                .with_request_id(response.raw.request_id.clone())
                .with_body(Some(crate::redact::redact_body(&response.raw.body, &self.secrets(response)))),
            None => err,
        }
    }

    /// Everything that must not appear in what is reported about `response`: the password and the Authorization
    /// value sent.
    pub fn secrets<'a>(&'a self, response: &'a HttpResponse) -> Vec<&'a str> {
        let mut secrets = self.config.secrets();
        secrets.extend(response.sent_authorization.as_deref());
        secrets
    }
}

/// Whether the call's `AbortSignal` has aborted.
fn is_aborted(call: &Call) -> bool {
    call.signal.as_ref().is_some_and(web_sys::AbortSignal::aborted)
}

/// The error of a call its `AbortSignal` aborted.
pub fn aborted() -> MintedError {
    MintedError::new(ErrorKind::Aborted, "the call was aborted by its AbortSignal")
}

/// The `Authorization` value among `headers`.
fn authorization<'a>(headers: &'a [(&'static str, String)]) -> Option<&'a str> {
    headers.iter().find(|(name, _)| *name == "Authorization").map(|(_, value)| value.as_str())
}

/// A random number in `[0, 1)` for backoff jitter.
fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    match getrandom::fill(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / 4_294_967_296.0,
        Err(_) => 0.5,
    }
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
        let transport = Transport::new(config, Hooks::default());
        let headers = transport.base_headers(&find("getCustomer").unwrap().into(), false);
        assert_eq!(
            headers,
            vec![
                ("api-version", "2".to_owned()),
                ("x-client-id", "panel".to_owned()),
                ("Accept-Language", "en".to_owned()),
                ("Accept", "application/json".to_owned()),
            ]
        );
        let with_body = transport.base_headers(&find("createCustomer").unwrap().into(), true);
        assert_eq!(with_body.last(), Some(&("Content-Type", "application/json".to_owned())));
    }
}
