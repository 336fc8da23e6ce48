//! The retry decision: one pure function from what happened to "wait this long and try again" or "stop".
//!
//! Only what is safe is retried: calls marked idempotent in the route table (reads, quotes, calculations…), after a
//! network error, a timeout, `408`, `429` or a `5xx`. A `4xx` is the API refusing the request and is final. The delay
//! is capped exponential backoff with jitter, or the server's `Retry-After` when it sends one. Order-placing calls
//! are never retried here: they reconcile by `external_id` instead (`exactly_once.rs`, the outer loop in `call.rs`).

/// What went wrong with one attempt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// No response: refused, reset, DNS, CORS.
    Network,
    /// No response within the per-attempt timeout.
    Timeout,
    /// A response with this status.
    Status(u16),
}

impl std::fmt::Display for Outcome {
    /// What the attempt ended with, as the watchers hear it: `503`, `network`, `timeout`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Network => f.write_str("network"),
            Outcome::Timeout => f.write_str("timeout"),
            Outcome::Status(status) => write!(f, "{status}"),
        }
    }
}

/// Retry settings from the client config.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    /// Retries after the first attempt (so `max_retries + 1` attempts at most).
    pub max_retries: u32,
    /// First backoff delay; each retry doubles it.
    pub base_delay_ms: f64,
    /// Longest backoff delay.
    pub max_delay_ms: f64,
    /// A `Retry-After` longer than this is not waited for: the call fails instead.
    pub max_retry_after_ms: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Self { max_retries: 2, base_delay_ms: 250.0, max_delay_ms: 4000.0, max_retry_after_ms: 30_000.0 }
    }
}

/// What to do next.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    Retry { delay_ms: f64 },
    Stop,
}

/// `true` for outcomes worth another attempt of a safe call.
pub fn is_transient(outcome: Outcome) -> bool {
    match outcome {
        Outcome::Network | Outcome::Timeout => true,
        Outcome::Status(status) => status == 408 || status == 429 || (500..=599).contains(&status),
    }
}

/// Decides after attempt number `attempt` (1 for the first) failed with `outcome`.
///
/// `retry_after_ms` is the server's `Retry-After`, already parsed; `jitter` is a random number in `[0, 1)` (passed
/// in so the function stays pure). The backoff is "equal jitter": half the exponential delay plus a random half.
pub fn decide(
    policy: &Policy,
    attempt: u32,
    idempotent: bool,
    outcome: Outcome,
    retry_after_ms: Option<f64>,
    jitter: f64,
) -> Decision {
    if !idempotent || !is_transient(outcome) || attempt > policy.max_retries {
        return Decision::Stop;
    }
    if let Some(wait) = retry_after_ms.filter(|w| w.is_finite() && *w >= 0.0) {
        return if wait <= policy.max_retry_after_ms { Decision::Retry { delay_ms: wait } } else { Decision::Stop };
    }
    let exponent = attempt.saturating_sub(1).min(30);
    let full = (policy.base_delay_ms * f64::from(1u32 << exponent)).min(policy.max_delay_ms);
    Decision::Retry { delay_ms: full / 2.0 + full / 2.0 * jitter.clamp(0.0, 1.0) }
}

/// Parses `Retry-After`: delay-seconds, or an HTTP date (parsed by `parse_date`, which returns ms since the epoch)
/// compared with `now_ms`.
pub fn parse_retry_after(value: &str, now_ms: f64, parse_date: impl Fn(&str) -> Option<f64>) -> Option<f64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Integer parsing on purpose: float parsing would add kilobytes of wasm.
        return value.parse::<u32>().ok().map(|s| f64::from(s) * 1000.0);
    }
    parse_date(value).filter(|d| d.is_finite()).map(|date| (date - now_ms).max(0.0))
}

/// A random number in `[0, 1)` for backoff jitter (0.5 without a randomness source).
pub fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    match crate::random::fill(&mut bytes) {
        Some(()) => f64::from(u32::from_le_bytes(bytes)) / 4_294_967_296.0,
        None => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: Policy =
        Policy { max_retries: 2, base_delay_ms: 100.0, max_delay_ms: 1000.0, max_retry_after_ms: 5000.0 };

    #[test]
    fn decision_table() {
        use Decision::*;
        use Outcome::*;
        // (attempt, idempotent, outcome, retry-after, jitter) → decision
        let cases: &[(u32, bool, Outcome, Option<f64>, f64, Decision)] = &[
            (1, true, Network, None, 0.0, Retry { delay_ms: 50.0 }),
            (1, true, Timeout, None, 1.0, Retry { delay_ms: 100.0 }),
            (2, true, Status(503), None, 0.5, Retry { delay_ms: 150.0 }),
            (1, true, Status(500), None, 0.0, Retry { delay_ms: 50.0 }),
            (1, true, Status(502), None, 0.0, Retry { delay_ms: 50.0 }),
            (1, true, Status(408), None, 0.0, Retry { delay_ms: 50.0 }),
            (1, true, Status(429), Some(1000.0), 0.9, Retry { delay_ms: 1000.0 }),
            (1, true, Status(503), Some(0.0), 0.9, Retry { delay_ms: 0.0 }),
            (1, true, Status(429), Some(60_000.0), 0.0, Stop), // too long to wait
            (3, true, Status(503), None, 0.0, Stop),           // retries used up
            (1, false, Network, None, 0.0, Stop),              // not safe to repeat
            (1, false, Status(503), None, 0.0, Stop),
            (1, true, Status(422), None, 0.0, Stop), // the API refused the parameters
            (1, true, Status(400), None, 0.0, Stop),
            (1, true, Status(404), None, 0.0, Stop),
            (1, true, Status(401), None, 0.0, Stop),
            (1, true, Status(403), None, 0.0, Stop),
            (1, true, Status(200), None, 0.0, Stop),
        ];
        for (attempt, idempotent, outcome, retry_after, jitter, expected) in cases {
            assert_eq!(
                decide(&POLICY, *attempt, *idempotent, *outcome, *retry_after, *jitter),
                *expected,
                "{attempt} {idempotent} {outcome:?} {retry_after:?}"
            );
        }
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = Policy { max_retries: 10, ..POLICY };
        let delays: Vec<f64> = (1..=6)
            .map(|attempt| match decide(&policy, attempt, true, Outcome::Network, None, 1.0) {
                Decision::Retry { delay_ms } => delay_ms,
                Decision::Stop => -1.0,
            })
            .collect();
        assert_eq!(delays, [100.0, 200.0, 400.0, 800.0, 1000.0, 1000.0]);
    }

    #[test]
    fn retry_after_table() {
        let now = 1_000_000.0;
        let dates = |s: &str| (s == "Wed, 21 Oct 2015 07:28:00 GMT").then_some(1_003_000.0);
        assert_eq!(parse_retry_after("2", now, dates), Some(2000.0));
        assert_eq!(parse_retry_after(" 0 ", now, dates), Some(0.0));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now, dates), Some(3000.0));
        assert_eq!(parse_retry_after("soon", now, dates), None);
        assert_eq!(parse_retry_after("", now, dates), None);
        assert_eq!(parse_retry_after("-1", now, dates), None);
    }
}
