//! HTTP Digest access authentication, client side (RFC 7616).
//!
//! Pure computation: parsing `WWW-Authenticate` challenges, choosing the strongest one we support, and computing the
//! `Authorization` header.
//!
//! **The session** ([`DigestSession`]): the client's Digest state, shared by its concurrent calls: the challenges
//! (nonces) in use, the count (`nc`) each request signs with, and which calls wait for another call's exchange. Pure:
//! no I/O and no clock of its own (the time is passed in), so every rule is tested (`digest/session_tests.rs`).
//!
//! - **One challenge at a time.** A call without a nonce sends once unsigned to get a challenge; calls arriving
//!   meanwhile wait for it and sign with the same nonce, so a burst of first calls costs one 401 in total.
//! - **Counts in order until the server is known.** Some servers refuse a count at or below one already used with
//!   the nonce (Apache httpd with `AuthDigestNcCheck On`), and concurrent requests on one nonce reach the server in any
//!   order. So a new client sends one request at a time per nonce; sequential calls never need more, and their counts
//!   go 1, 2, 3… as RFC 7616 describes. The first time calls queue up, the client asks the server once: one request
//!   skips a count, and after the server has accepted it, a waiting call sends the skipped, lower count.
//!   - accepted → [`Mode::Shared`]: the server takes counts in any order; every call signs with the one nonce at once.
//!   - refused (a 401 without `stale`) → [`Mode::Ordered`]: up to [`MAX_LANES`] challenges, each with one request in
//!     flight, so the counts of each arrive in order (as on one browser connection). Each extra challenge costs one
//!     401, once. The refused call answers the new challenge: one more round trip, never a loop.
//! - **Stale nonces.** The first `stale=true` answer renews the nonce; later answers for the same old nonce sign with
//!   the renewed one instead of replacing it again. The ages at which nonces were accepted and went stale bound the
//!   server's nonce lifetime; a shared nonce presumed expired is tried by one call while the others wait, so a burst
//!   after a pause renews it once.
//! - **Rejected credentials.** A 401 without `stale` for a challenge the call fetched itself, or a second one in the
//!   same call, means the username or password is wrong: the call fails with kind `auth`, and so do the calls that were
//!   waiting for it.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use md5::Md5;
use sha2::{Digest as _, Sha256};

/// Hash algorithms this client supports, strongest first when several challenges are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Sha256Sess,
    Sha256,
    Md5Sess,
    Md5,
}

impl Algorithm {
    /// Parses an `algorithm=` token (case-insensitive). Unknown algorithms (e.g. SHA-512-256) give `None`.
    pub fn parse(token: &str) -> Option<Self> {
        match token.to_ascii_uppercase().as_str() {
            "MD5" => Some(Self::Md5),
            "MD5-SESS" => Some(Self::Md5Sess),
            "SHA-256" => Some(Self::Sha256),
            "SHA-256-SESS" => Some(Self::Sha256Sess),
            _ => None,
        }
    }

    /// The token as sent back in the `Authorization` header.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
        }
    }

    fn is_sess(self) -> bool {
        matches!(self, Self::Md5Sess | Self::Sha256Sess)
    }

    fn rank(self) -> u8 {
        match self {
            Self::Sha256Sess => 4,
            Self::Sha256 => 3,
            Self::Md5Sess => 2,
            Self::Md5 => 1,
        }
    }

    fn hash_hex(self, data: &str) -> String {
        match self {
            Self::Md5 | Self::Md5Sess => hex::encode(Md5::digest(data.as_bytes())),
            Self::Sha256 | Self::Sha256Sess => hex::encode(Sha256::digest(data.as_bytes())),
        }
    }
}

/// One `Digest` challenge from a `WWW-Authenticate` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub realm: String,
    pub nonce: String,
    pub opaque: Option<String>,
    pub algorithm: Algorithm,
    /// `true` when the server offered `qop=auth`; `false` means the RFC 2069 compatibility form.
    pub qop_auth: bool,
    pub stale: bool,
    pub userhash: bool,
}

/// Why a challenge could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChallengeError {
    #[error("the server sent no WWW-Authenticate header (a CORS server must expose it)")]
    Missing,
    #[error("the server's WWW-Authenticate header has no Digest challenge")]
    NotDigest,
    #[error("the Digest challenge lacks {0}")]
    MissingParam(&'static str),
    #[error("the Digest challenge asks for an unsupported algorithm or qop ({0})")]
    Unsupported(String),
}

/// Splits a header value into `(scheme, params)` challenges. Handles several challenges in one header value
/// (RFC 7235 §4.1), quoted strings with backslash escapes and token68-free Digest parameters.
fn parse_challenges(header: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut chars = header.chars().peekable();
    loop {
        // skip separators
        while matches!(chars.peek(), Some(c) if *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ',' || c.is_whitespace() {
                break;
            }
            word.push(c);
            chars.next();
        }
        while matches!(chars.peek(), Some(c) if c.is_whitespace()) {
            chars.next();
        }
        if chars.peek() == Some(&'=') {
            // a parameter of the current challenge
            chars.next();
            while matches!(chars.peek(), Some(c) if c.is_whitespace()) {
                chars.next();
            }
            let mut value = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                value.push(escaped);
                            }
                        }
                        '"' => break,
                        other => value.push(other),
                    }
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ',' || c.is_whitespace() {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
            }
            if let Some((_, params)) = out.last_mut() {
                params.push((word.to_ascii_lowercase(), value));
            }
        } else if !word.is_empty() {
            out.push((word, Vec::new()));
        }
    }
    out
}

/// Picks the strongest usable Digest challenge from a `WWW-Authenticate` header value.
pub fn parse_www_authenticate(header: Option<&str>) -> Result<Challenge, ChallengeError> {
    let header = header.ok_or(ChallengeError::Missing)?;
    let mut best: Option<Challenge> = None;
    let mut last_error = ChallengeError::NotDigest;
    for (scheme, params) in parse_challenges(header) {
        if !scheme.eq_ignore_ascii_case("digest") {
            continue;
        }
        match challenge_from_params(&params) {
            Ok(challenge) => {
                if best.as_ref().is_none_or(|b| challenge.algorithm.rank() > b.algorithm.rank()) {
                    best = Some(challenge);
                }
            }
            Err(err) => last_error = err,
        }
    }
    best.ok_or(last_error)
}

fn challenge_from_params(params: &[(String, String)]) -> Result<Challenge, ChallengeError> {
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let realm = get("realm").ok_or(ChallengeError::MissingParam("realm"))?;
    let nonce = get("nonce").ok_or(ChallengeError::MissingParam("nonce"))?;
    let algorithm = match get("algorithm") {
        None => Algorithm::Md5,
        Some(token) => Algorithm::parse(token).ok_or_else(|| ChallengeError::Unsupported(token.to_owned()))?,
    };
    let qop_auth = match get("qop") {
        None => false,
        Some(list) => {
            if list.split(',').any(|q| q.trim().eq_ignore_ascii_case("auth")) {
                true
            } else {
                return Err(ChallengeError::Unsupported(format!("qop={list}")));
            }
        }
    };
    let is_true = |name: &str| get(name).is_some_and(|v| v.eq_ignore_ascii_case("true"));
    Ok(Challenge {
        realm: realm.to_owned(),
        nonce: nonce.to_owned(),
        opaque: get("opaque").map(str::to_owned),
        algorithm,
        qop_auth,
        stale: is_true("stale"),
        userhash: is_true("userhash"),
    })
}

/// Everything needed to compute one `Authorization: Digest …` header value.
#[derive(Clone, Copy)]
pub struct AuthInput<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub realm: &'a str,
    pub nonce: &'a str,
    pub uri: &'a str,
    pub method: &'a str,
    pub algorithm: Algorithm,
    pub qop_auth: bool,
    pub nc: u32,
    pub cnonce: &'a str,
    pub opaque: Option<&'a str>,
    pub userhash: bool,
}

/// Appends `, name="value"` (the first parameter without the comma), escaping `"` and `\` in the value.
fn push_quoted(out: &mut String, name: &str, value: &str) {
    if !out.ends_with(' ') {
        out.push_str(", ");
    }
    out.push_str(name);
    out.push_str("=\"");
    // Whole runs without a character to escape at a time (most values have none). `"` and `\\` are ASCII, so a split
    // before or after one is a char boundary.
    let mut start = 0;
    for (at, byte) in value.bytes().enumerate() {
        if byte == b'"' || byte == b'\\' {
            out.push_str(value.get(start..at).unwrap_or_default());
            out.push('\\');
            start = at;
        }
    }
    out.push_str(value.get(start..).unwrap_or_default());
    out.push('"');
}

/// Computes the `response` hash (RFC 7616 §3.4.1).
pub fn response_hash(input: &AuthInput<'_>) -> String {
    let alg = input.algorithm;
    let nc = format!("{:08x}", input.nc);
    let mut ha1 = alg.hash_hex(&format!("{}:{}:{}", input.username, input.realm, input.password));
    if alg.is_sess() {
        ha1 = alg.hash_hex(&format!("{ha1}:{}:{}", input.nonce, input.cnonce));
    }
    let ha2 = alg.hash_hex(&format!("{}:{}", input.method, input.uri));
    if input.qop_auth {
        alg.hash_hex(&format!("{ha1}:{}:{nc}:{}:auth:{ha2}", input.nonce, input.cnonce))
    } else {
        alg.hash_hex(&format!("{ha1}:{}:{ha2}", input.nonce))
    }
}

/// Builds the full `Authorization` header value.
pub fn authorization_header(input: &AuthInput<'_>) -> String {
    let username = if input.userhash {
        input.algorithm.hash_hex(&format!("{}:{}", input.username, input.realm))
    } else {
        input.username.to_owned()
    };
    let mut header = "Digest ".to_owned();
    push_quoted(&mut header, "username", &username);
    push_quoted(&mut header, "realm", input.realm);
    push_quoted(&mut header, "uri", input.uri);
    header.push_str(", algorithm=");
    header.push_str(input.algorithm.as_str());
    push_quoted(&mut header, "nonce", input.nonce);
    if input.qop_auth {
        header.push_str(&format!(", nc={:08x}", input.nc));
        push_quoted(&mut header, "cnonce", input.cnonce);
        header.push_str(", qop=auth");
    }
    push_quoted(&mut header, "response", &response_hash(input));
    if let Some(opaque) = input.opaque {
        push_quoted(&mut header, "opaque", opaque);
    }
    if input.userhash {
        header.push_str(", userhash=true");
    }
    header
}

/// A fresh client nonce: 16 random bytes, hex encoded. `None` when no randomness source is available.
pub fn new_cnonce() -> Option<String> {
    let mut bytes = [0u8; 16];
    crate::random::fill(&mut bytes)?;
    Some(hex::encode(bytes))
}

impl Challenge {
    /// What answering this challenge takes: the credentials, the request, its count and a client nonce.
    pub fn answer<'a>(
        &'a self,
        request: (&'a str, &'a str),
        credentials: (&'a str, &'a str),
        nc: u32,
        cnonce: &'a str,
    ) -> AuthInput<'a> {
        let ((method, uri), (username, password)) = (request, credentials);
        AuthInput {
            username,
            password,
            realm: &self.realm,
            nonce: &self.nonce,
            uri,
            method,
            algorithm: self.algorithm,
            qop_auth: self.qop_auth,
            nc,
            cnonce,
            opaque: self.opaque.as_deref(),
            userhash: self.userhash,
        }
    }
}

/// The `Authorization` value answering `challenge` with count `nc` and a fresh client nonce. `None` without a
/// randomness source. Which challenge and count a request uses is the session's decision.
pub fn sign(challenge: &Challenge, nc: u32, username: &str, password: &str, method: &str, uri: &str) -> Option<String> {
    let cnonce = new_cnonce()?;
    Some(authorization_header(&challenge.answer((method, uri), (username, password), nc, &cnonce)))
}

// The session: which challenge and count each request of the client signs with (see the module docs).

/// Most challenges kept once the server is seen to check counts in order: one request in flight on each. Browsers
/// open at most six HTTP/1.1 connections per server, so more would rarely run at once.
pub const MAX_LANES: usize = 6;

/// Most 401 answers one call takes before giving up: the challenge it fetched, a stale nonce, and a refused count.
/// The next one ends the call.
pub const MAX_CHALLENGES: u8 = 3;

/// What the client knows about the server's nonce-count checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Not known yet: one request at a time per nonce.
    Unknown,
    /// Counts may arrive in any order: every call signs with one nonce.
    Shared,
    /// Counts must arrive in order: several challenges, one request in flight on each.
    Ordered,
}

/// Why a request signs the way it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Unsigned, to get a challenge.
    Fetch,
    /// The next count.
    Next,
    /// Skips one count, so the skipped one can test the server (see the module docs).
    Skip,
    /// The skipped, lower count, sent after the server accepted the higher one.
    Probe,
    /// The first request on a shared nonce presumed expired (see [`Lifetime`]); the others wait for its answer.
    Renewal,
}

/// One request's claim on the session: which challenge and count it signs with (see
/// [`DigestSession::authorization`]). Hand it back with [`DigestSession::settle`].
#[derive(Clone, Copy, Debug)]
pub struct Ticket {
    pub role: Role,
    pub nc: u32,
    /// The first request on a challenge this call fetched itself: a refusal means wrong credentials.
    pub fresh: bool,
    lane: u32,
    generation: u32,
    /// Age of the challenge when the request was signed, in ms.
    age_ms: f64,
}

/// What came back for a ticket.
#[derive(Clone, Debug)]
pub enum Answer {
    /// Any status but 401: the server accepted the authentication.
    Passed,
    /// A 401 with this challenge.
    Challenged(Challenge),
    /// No usable answer (network error, timeout, abort, a 401 without a Digest challenge).
    Lost,
}

/// What a call does next.
#[derive(Debug)]
pub enum Step {
    /// Send this request.
    Send(Ticket),
    /// Wait until another call's exchange ends, then ask [`DigestSession::plan`] again.
    Wait,
    /// Finished: the answer given to `settle` is the call's result.
    Done,
    /// The server rejected the username or password (in this call or in the one it waited for).
    Rejected,
    /// Too many challenges in one call.
    GiveUp,
}

/// One call's own Digest state.
#[derive(Clone, Copy, Debug)]
pub struct CallAuth {
    challenges: u8,
    rechallenged: bool,
    rejections: u32,
}

/// The server's nonce lifetime as the answers bound it: nonces were accepted up to `valid_ms` old and answered
/// `stale` from `stale_ms` old. A shared nonce is presumed expired halfway between, so a burst after a pause renews it
/// once; a wrong guess costs the burst one round trip of waiting, not requests, and moves the bound.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Lifetime {
    valid_ms: f64,
    stale_ms: Option<f64>,
}

impl Lifetime {
    fn presumed_expired(&self, age_ms: f64) -> bool {
        self.stale_ms.is_some_and(|stale| age_ms >= (self.valid_ms.min(stale) + stale) / 2.0)
    }

    fn valid_at(&mut self, age_ms: f64) {
        self.valid_ms = self.valid_ms.max(age_ms);
        if self.stale_ms.is_some_and(|stale| age_ms >= stale) {
            // accepted older than a nonce once answered stale: the server's lifetime changed
            self.stale_ms = None;
        }
    }

    fn stale_at(&mut self, age_ms: f64) {
        self.stale_ms = Some(self.stale_ms.map_or(age_ms, |stale| stale.min(age_ms)));
        if self.valid_ms >= age_ms {
            self.valid_ms = 0.0;
        }
    }
}

/// What [`DigestSession::plan`] decided, before acting on it.
enum Choice {
    Fetch,
    Sign(u32, Role),
    Wait,
}

/// A challenge in use and its counts.
#[derive(Debug)]
struct Lane {
    id: u32,
    challenge: Challenge,
    /// Changes whenever the lane takes a new challenge, so an answer about an older one is recognised.
    generation: u32,
    adopted_ms: f64,
    /// Last count handed out.
    nc: u32,
    /// Highest count answered without a 401.
    accepted: u32,
    /// A count skipped and not yet sent (see [`Role::Skip`]).
    hole: Option<u32>,
    /// Requests in flight, the probe aside.
    in_flight: u32,
    probing: bool,
}

/// The session: one per client.
#[derive(Debug)]
pub struct DigestSession {
    mode: Mode,
    lanes: Vec<Lane>,
    /// Unsigned requests in flight to get a challenge.
    fetching: usize,
    /// A call had to wait while the mode was unknown.
    contended: bool,
    /// What the answers said about the server's nonce lifetime (see [`Lifetime`]).
    lifetime: Lifetime,
    rejections: u32,
    next_id: u32,
}

impl Default for DigestSession {
    fn default() -> Self {
        Self {
            mode: Mode::Unknown,
            lanes: Vec::new(),
            fetching: 0,
            contended: false,
            lifetime: Lifetime::default(),
            rejections: 0,
            next_id: 0,
        }
    }
}

impl DigestSession {
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The state of a new call.
    pub fn begin(&self) -> CallAuth {
        CallAuth { challenges: 0, rechallenged: false, rejections: self.rejections }
    }

    /// What a call sends next: a request (claiming a count or the fetch), or wait.
    pub fn plan(&mut self, call: &CallAuth, now_ms: f64) -> Step {
        if call.rejections != self.rejections {
            return Step::Rejected;
        }
        match self.choose(now_ms) {
            Choice::Fetch => self.fetch(),
            Choice::Sign(lane, role) => self.sign(lane, role, false, call, now_ms),
            Choice::Wait => {
                if self.mode == Mode::Unknown {
                    self.contended = true;
                }
                Step::Wait
            }
        }
    }

    fn choose(&self, now_ms: f64) -> Choice {
        if self.mode == Mode::Ordered {
            return match self.lanes.iter().find(|lane| lane.in_flight == 0) {
                Some(free) => Choice::Sign(free.id, Role::Next),
                None if self.lanes.len() + self.fetching < MAX_LANES => Choice::Fetch,
                None => Choice::Wait,
            };
        }
        let Some(lane) = self.lanes.first() else {
            return if self.fetching == 0 { Choice::Fetch } else { Choice::Wait };
        };
        if self.mode == Mode::Shared {
            let expired = self.lifetime.presumed_expired(now_ms - lane.adopted_ms);
            return match (expired, lane.in_flight) {
                (false, _) => Choice::Sign(lane.id, Role::Next),
                (true, 0) => Choice::Sign(lane.id, Role::Renewal),
                (true, _) => Choice::Wait,
            };
        }
        if lane.in_flight == 0 {
            let skip = self.contended && lane.accepted > 0 && lane.hole.is_none();
            Choice::Sign(lane.id, if skip { Role::Skip } else { Role::Next })
        } else if !lane.probing && lane.hole.is_some_and(|hole| lane.accepted > hole) {
            Choice::Sign(lane.id, Role::Probe)
        } else {
            Choice::Wait
        }
    }

    /// Takes back a ticket with its answer and says what the call does next.
    pub fn settle(&mut self, call: &mut CallAuth, ticket: Ticket, answer: Answer, now_ms: f64) -> Step {
        let lane_exists = self.release(&ticket);
        let challenge = match answer {
            Answer::Lost => return Step::Done,
            Answer::Passed => {
                self.passed(&ticket);
                return Step::Done;
            }
            Answer::Challenged(challenge) => challenge,
        };
        call.challenges = call.challenges.saturating_add(1);
        if ticket.role == Role::Fetch {
            return self.adopt_fetched(challenge, call, now_ms);
        }
        if !challenge.stale {
            if ticket.fresh || call.rechallenged {
                self.reject();
                return Step::Rejected;
            }
            call.rechallenged = true;
            // A refused skip or probe: the server checks that counts arrive in order.
            if self.mode == Mode::Unknown && matches!(ticket.role, Role::Skip | Role::Probe) {
                self.mode = Mode::Ordered;
            }
        }
        if !lane_exists {
            return self.plan_or_give_up(call, now_ms);
        }
        if challenge.stale && self.is_current(&ticket) {
            self.lifetime.stale_at(ticket.age_ms);
        }
        self.renew(&ticket, challenge, now_ms);
        if call.challenges > MAX_CHALLENGES {
            return Step::GiveUp;
        }
        // The call answers the renewed challenge on the lane it holds (the prober holds none).
        let free = self.lanes.iter().any(|lane| lane.id == ticket.lane && lane.in_flight == 0);
        if ticket.role != Role::Probe && (self.mode == Mode::Shared || free) {
            self.sign(ticket.lane, Role::Next, false, call, now_ms)
        } else {
            self.plan(call, now_ms)
        }
    }

    /// The `Authorization` value for a ticket, signed right after [`Self::plan`] or [`Self::settle`] handed it out.
    /// `None` for a fetch (sent unsigned) or without a randomness source.
    pub fn authorization(
        &self,
        ticket: &Ticket,
        username: &str,
        password: &str,
        method: &str,
        uri: &str,
    ) -> Option<String> {
        let lane = self.lanes.iter().find(|lane| lane.id == ticket.lane && lane.generation == ticket.generation)?;
        super::digest::sign(&lane.challenge, ticket.nc, username, password, method, uri)
    }

    /// The nonce a ticket signs with (tests follow tickets by it).
    #[cfg(test)]
    fn nonce(&self, ticket: &Ticket) -> String {
        let lane = self.lanes.iter().find(|lane| lane.id == ticket.lane && lane.generation == ticket.generation);
        lane.map_or_else(String::new, |lane| lane.challenge.nonce.clone())
    }

    /// Gives back a ticket whose exchange never completed.
    pub fn abandon(&mut self, ticket: &Ticket) {
        self.release(ticket);
    }

    fn plan_or_give_up(&mut self, call: &CallAuth, now_ms: f64) -> Step {
        if call.challenges > MAX_CHALLENGES {
            Step::GiveUp
        } else {
            self.plan(call, now_ms)
        }
    }

    fn fetch(&mut self) -> Step {
        self.fetching += 1;
        Step::Send(Ticket { role: Role::Fetch, nc: 0, fresh: false, lane: u32::MAX, generation: 0, age_ms: 0.0 })
    }

    fn lane_mut(&mut self, id: u32) -> Option<&mut Lane> {
        self.lanes.iter_mut().find(|lane| lane.id == id)
    }

    /// Whether the ticket signed the challenge its lane still holds.
    fn is_current(&self, ticket: &Ticket) -> bool {
        self.lanes.iter().any(|lane| lane.id == ticket.lane && lane.generation == ticket.generation)
    }

    /// Claims the next count of lane `id` for `role`.
    fn sign(&mut self, id: u32, role: Role, fresh: bool, call: &CallAuth, now_ms: f64) -> Step {
        let Some(lane) = self.lane_mut(id) else {
            return self.plan(call, now_ms);
        };
        let next = match role {
            Role::Probe => lane.hole.take(),
            Role::Skip => lane.nc.checked_add(2),
            _ => lane.nc.checked_add(1),
        };
        let Some(nc) = next else {
            // Counts ran out (after four billion requests): start over with new challenges.
            self.lanes.clear();
            return self.plan(call, now_ms);
        };
        match role {
            Role::Probe => lane.probing = true,
            Role::Skip => {
                lane.hole = nc.checked_sub(1);
                lane.nc = nc;
                lane.in_flight += 1;
            }
            _ => {
                lane.nc = nc;
                lane.in_flight += 1;
            }
        }
        Step::Send(Ticket {
            role,
            nc,
            fresh,
            lane: lane.id,
            generation: lane.generation,
            age_ms: now_ms - lane.adopted_ms,
        })
    }

    /// Gives back what a ticket held; `false` when its lane no longer exists.
    fn release(&mut self, ticket: &Ticket) -> bool {
        if ticket.role == Role::Fetch {
            self.fetching = self.fetching.saturating_sub(1);
            return false;
        }
        let Some(lane) = self.lane_mut(ticket.lane) else {
            return false;
        };
        if ticket.role == Role::Probe {
            lane.probing = false;
        } else {
            lane.in_flight = lane.in_flight.saturating_sub(1);
        }
        true
    }

    fn passed(&mut self, ticket: &Ticket) {
        if let Some(lane) = self.lane_mut(ticket.lane) {
            if lane.generation == ticket.generation {
                lane.accepted = lane.accepted.max(ticket.nc);
            }
        }
        self.lifetime.valid_at(ticket.age_ms);
        // accepted below a count already accepted: the server takes counts in any order
        if ticket.role == Role::Probe && self.mode == Mode::Unknown {
            self.mode = Mode::Shared;
        }
    }

    /// A challenge a call fetched: a new lane it holds, unless another call already provided one.
    fn adopt_fetched(&mut self, challenge: Challenge, call: &CallAuth, now_ms: f64) -> Step {
        let room = match self.mode {
            Mode::Ordered => self.lanes.len() < MAX_LANES,
            Mode::Unknown | Mode::Shared => self.lanes.is_empty(),
        };
        if !room {
            return self.plan_or_give_up(call, now_ms);
        }
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        self.lanes.push(Lane {
            id,
            challenge,
            generation: 0,
            adopted_ms: now_ms,
            nc: 0,
            accepted: 0,
            hole: None,
            in_flight: 0,
            probing: false,
        });
        if call.challenges > MAX_CHALLENGES {
            return Step::GiveUp;
        }
        self.sign(id, Role::Next, true, call, now_ms)
    }

    /// The ticket's lane takes a new challenge, unless another answer already renewed it: counts start again.
    fn renew(&mut self, ticket: &Ticket, challenge: Challenge, now_ms: f64) {
        let Some(lane) = self.lane_mut(ticket.lane) else { return };
        if lane.generation != ticket.generation {
            return;
        }
        lane.challenge = challenge;
        lane.generation = lane.generation.wrapping_add(1);
        lane.adopted_ms = now_ms;
        lane.nc = 0;
        lane.accepted = 0;
        lane.hole = None;
    }

    /// Wrong credentials: forget every challenge, and fail the calls waiting on them.
    fn reject(&mut self) {
        self.lanes.clear();
        self.contended = false;
        self.rejections = self.rejections.wrapping_add(1);
    }
}

// Waking the calls that wait on the session. WebAssembly runs one thread, so a counter and a list of wakers is all
// it takes: no lock, no channel crate.

/// Counts changes of the session; tasks wait for the count to move.
#[derive(Default)]
pub struct Notify {
    epoch: Cell<u64>,
    wakers: RefCell<Vec<Waker>>,
}

impl Notify {
    /// The current count: read it before deciding to wait.
    pub fn epoch(&self) -> u64 {
        self.epoch.get()
    }

    /// Moves the count on and wakes every waiting task.
    pub fn notify_all(&self) {
        self.epoch.set(self.epoch.get().wrapping_add(1));
        let wakers = self.wakers.take();
        for waker in wakers {
            waker.wake();
        }
    }

    /// Completes once the count differs from `seen`.
    pub fn changed(&self, seen: u64) -> Changed<'_> {
        Changed { notify: self, seen }
    }
}

/// See [`Notify::changed`].
pub struct Changed<'a> {
    notify: &'a Notify,
    seen: u64,
}

impl Future for Changed<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.notify.epoch.get() != self.seen {
            return Poll::Ready(());
        }
        self.notify.wakers.borrow_mut().push(cx.waker().clone());
        Poll::Pending
    }
}

/// While alive, an abort of `signal` wakes the waiting tasks, so an aborted call stops waiting at once.
#[cfg(target_arch = "wasm32")]
pub struct WakeOnAbort {
    listener: Option<(web_sys::AbortSignal, wasm_bindgen::closure::Closure<dyn FnMut()>)>,
}

#[cfg(target_arch = "wasm32")]
impl WakeOnAbort {
    pub fn new(signal: Option<&web_sys::AbortSignal>, notify: &std::rc::Rc<Notify>) -> Self {
        use wasm_bindgen::JsCast;
        let listener = signal.map(|signal| {
            let notify = notify.clone();
            let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || notify.notify_all());
            let _ = signal.add_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
            (signal.clone(), closure)
        });
        Self { listener }
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for WakeOnAbort {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let Some((signal, closure)) = &self.listener {
            let _ = signal.remove_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
        }
    }
}

#[cfg(test)]
pub(crate) mod vectors;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod session_tests;
