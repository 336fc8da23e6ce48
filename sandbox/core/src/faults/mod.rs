//! Fault injection, off by default: makes chosen `/partner` requests misbehave the way networks and servers do, so
//! an SDK can prove it never places an order twice, never loses an acknowledged order, never hangs and never crashes.
//!
//! # Admin API (no authentication, CORS like every route)
//!
//! * `PUT /__sandbox/faults` with a plan replaces the plan (and resets its counters and random generator); answers
//!   like `GET`. A body that is not JSON is refused with 400 (code 1003), a bad plan with 422 (code 1001).
//! * `GET /__sandbox/faults` answers the plan, how often each rule fired (`used`) and the counters:
//!   `{"rules": [...], "random": {...} | null, "injected": {"status-500": 0, ...}, "matched_requests": 0}`.
//! * `DELETE /__sandbox/faults` clears the plan (back to normal) and answers the plan and counters it cleared.
//!
//! ```json
//! {"rules": [{"fault": "drop-after-commit", "method": "POST", "path": "/partner/order/*", "times": 1}],
//!  "random": {"seed": 7, "rate": 0.3, "faults": ["status-503", "reset"], "path": "/partner/*"}}
//! ```
//!
//! A rule has `fault` and optionally `method` (any case), `path` (exact, or a prefix when it ends with `*`),
//! `times` (default 1: how many matching requests it applies to), `delay_ms` (default 3000, for `delay`) and
//! `retry_after` (default `"1"`, for `status-503` and `rate-limit`). Rules are tried in order; a used-up rule is
//! skipped. `random` (optional, with the same filters and options) gives each matching request no rule took a fault
//! with probability `rate`, the kind picked uniformly from `faults`, from a generator seeded with `seed`: the same
//! seed and the same requests give the same faults.
//!
//! How a fault reaches the client is the host's business: the core answers `reset` and `drop-after-commit` with
//! "close the connection without a response" and `delay` with "resume this request once the sandbox clock reaches
//! T" (see `pipeline.rs`); the native host closes the TCP connection and waits (see its `bridge.rs`), an in-process
//! host can reject the `fetch` promise and use a timer.
//!
//! Only requests that passed Digest authentication are considered, so a client's 401 challenge round trip is never
//! matched or counted. "Processing" is everything after that: the `x-client-id` / `api-version` checks, the route
//! and the state-file save. `matched_requests` counts the requests a rule or the `random` filter matched (whether
//! or not one got a fault); `injected` counts the faults by kind.
//!
//! A byte-identical resend of a request that `reset` or `drop-after-commit` swallowed (same `Authorization`, so the
//! same `nc`) is swallowed too, uncounted. Only a network stack resends like that: Chromium does on its own when a
//! reused keep-alive connection dies without an answer, and its fetch would otherwise resolve with the 401 a
//! replayed `nc` gets instead of failing.
//!
//! | kind | what the client sees |
//! |---|---|
//! | `status-500` | 500, error envelope (code 5000, "Internal server error"); nothing processed |
//! | `status-502` | 502, `text/html` page `<html><body><h1>502 Bad Gateway</h1></body></html>`; nothing processed |
//! | `status-503` | 503, error envelope (code 5030), `Retry-After`; nothing processed |
//! | `rate-limit` | 429, error envelope (code 4290, "Too many requests"), `Retry-After`; nothing processed |
//! | `delay` | the normal answer after `delay_ms` of sandbox time; processed after the delay even if the client left |
//! | `reset` | the connection closes without a byte of response; nothing processed |
//! | `drop-after-commit` | processed and committed, then the connection closes without a byte of response |
//! | `malformed-json` | processed, then 200 with the first half of the real body |
//! | `html` | 200, `text/html` `<html>maintenance</html>`; nothing processed |
//! | `empty` | processed, then 200 with an empty body |
//! | `stale-nonce` | 401 with fresh `stale=true` challenges, as for an expired nonce; nothing processed |

mod plan;
mod responses;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, VecDeque};

use serde_json::{json, Value};

pub use plan::{Filter, Kind, Plan, RandomRule, Rule};
pub use responses::{html, json_ok, retry_after, BAD_GATEWAY_PAGE, MAINTENANCE_PAGE};

use crate::random::Rng;

/// `delay_ms` when a plan does not say.
pub const DEFAULT_DELAY_MS: u64 = 3000;
/// `retry_after` when a plan does not say.
pub const DEFAULT_RETRY_AFTER: &str = "1";
/// How many swallowed requests' `Authorization` values are remembered.
const SWALLOWED_MEMORY: usize = 256;

/// One fault to inject into one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    pub kind: Kind,
    pub delay_ms: u64,
    pub retry_after: String,
}

impl Fault {
    fn new(kind: Kind, filter: &Filter) -> Self {
        Self {
            kind,
            delay_ms: filter.delay_ms.unwrap_or(DEFAULT_DELAY_MS),
            retry_after: filter.retry_after.clone().unwrap_or_else(|| DEFAULT_RETRY_AFTER.to_owned()),
        }
    }
}

/// The active plan and what it has done so far. The default injects nothing.
#[derive(Debug, Default)]
pub struct Injector {
    plan: Plan,
    /// Per rule, how many requests it took.
    used: Vec<u32>,
    rng: Rng,
    injected: BTreeMap<Kind, u64>,
    matched_requests: u64,
    /// `Authorization` values of requests whose connection was killed, newest last; kept across plans.
    swallowed: VecDeque<String>,
}

impl Injector {
    /// Replaces the plan, with fresh counters and the generator reseeded.
    pub fn set(&mut self, plan: Plan) {
        let seed = plan.random.as_ref().map_or(0, |random| random.seed);
        let swallowed = std::mem::take(&mut self.swallowed);
        *self = Self { used: vec![0; plan.rules.len()], rng: Rng::new(seed), plan, swallowed, ..Self::default() };
    }

    /// Back to normal.
    pub fn clear(&mut self) {
        self.set(Plan::default());
    }

    /// Remembers the `Authorization` of a request whose connection was killed.
    pub fn swallow(&mut self, authorization: &str) {
        if self.swallowed.len() == SWALLOWED_MEMORY {
            self.swallowed.pop_front();
        }
        self.swallowed.push_back(authorization.to_owned());
    }

    /// Whether a request with this `Authorization` is a resend of a swallowed one.
    pub fn is_resend(&self, authorization: &str) -> bool {
        self.swallowed.iter().any(|seen| seen == authorization)
    }

    /// The fault for an authenticated request, if the plan has one for it; counts it.
    pub fn pick(&mut self, method: &str, path: &str) -> Option<Fault> {
        if self.plan.is_empty() {
            return None;
        }
        let mut matched = false;
        let mut chosen = None;
        for (rule, used) in self.plan.rules.iter().zip(self.used.iter_mut()) {
            if rule.filter.matches(method, path) {
                matched = true;
                if *used < rule.times {
                    *used += 1;
                    chosen = Some(Fault::new(rule.fault, &rule.filter));
                    break;
                }
            }
        }
        if let (None, Some(random)) = (&chosen, &self.plan.random) {
            if random.filter.matches(method, path) {
                matched = true;
                if !random.faults.is_empty() && self.rng.next_f64() < random.rate {
                    let index = (self.rng.next_u64() % random.faults.len() as u64) as usize;
                    chosen = Some(Fault::new(random.faults[index], &random.filter));
                }
            }
        }
        if matched {
            self.matched_requests += 1;
        }
        if let Some(fault) = &chosen {
            *self.injected.entry(fault.kind).or_default() += 1;
        }
        chosen
    }

    /// How often `kind` was injected since the plan was set.
    pub fn injected(&self, kind: Kind) -> u64 {
        self.injected.get(&kind).copied().unwrap_or(0)
    }

    /// The plan with each rule's `used` count, and the counters (every kind listed, 0 when never injected).
    pub fn view(&self) -> Value {
        let rules: Vec<Value> = self
            .plan
            .rules
            .iter()
            .zip(&self.used)
            .map(|(rule, used)| {
                let mut view = json!(rule);
                view["used"] = json!(used);
                view
            })
            .collect();
        let injected: serde_json::Map<String, Value> =
            Kind::ALL.iter().map(|kind| (kind.as_str().to_owned(), json!(self.injected(*kind)))).collect();
        json!({
            "rules": rules,
            "random": self.plan.random,
            "injected": injected,
            "matched_requests": self.matched_requests,
        })
    }
}
