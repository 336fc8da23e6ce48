//! The sandbox clock's admin API (no auth), so tests stop sleeping:
//!
//! * `GET /__sandbox/clock` answers `{"now": "2026-11-23T12:04:00+00:00", "now_ms": …, "frozen": false,
//!   "advanced_ms": 0}`.
//! * `POST /__sandbox/clock` with `{"advance_secs": N}` (or `"advance_ms"`) moves sandbox time forward: quotes
//!   expire, deliveries move on, nonces go stale, prices move to that minute and injected delays end as if the time
//!   had passed. `{"freeze": true}` stops the clock (it then moves only when advanced), `{"freeze": false}` lets it
//!   run on from where it stands. Fields combine (freezing first); time never goes back. Answers like `GET`; a body
//!   that is not JSON gets 400 (code 1003), a bad request 422 (code 1001).
//!
//! Until someone calls it, sandbox time is the host's clock.

use serde::Deserialize;

use super::call::{Call, Route};
use crate::envelope::{code, plain, Failure, Reply};
use crate::http::status;
use crate::messages::Msg;

pub const ROUTES: &[Route] =
    &[Route::new("GET", "/__sandbox/clock", show), Route::new("POST", "/__sandbox/clock", change)];

/// The most one request may move the clock: ten years.
const MAX_ADVANCE_MS: u64 = 10 * 366 * 86_400_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Change {
    advance_secs: Option<u64>,
    advance_ms: Option<u64>,
    freeze: Option<bool>,
}

fn show(call: &mut Call<'_>) -> Reply {
    plain(&call.world.clock.view())
}

fn change(call: &mut Call<'_>) -> Reply {
    let refuse = |reason: String| Failure::unprocessable(code::PARAMETER, Msg::ClockRequest(reason));
    let change: Change = serde_json::from_slice(&call.request.body).map_err(|error| {
        if error.is_data() {
            refuse(error.to_string())
        } else {
            Failure::new(status::BAD_REQUEST, code::NOT_JSON, Msg::NotJson)
        }
    })?;
    if change.freeze.is_none() && change.advance_secs.is_none() && change.advance_ms.is_none() {
        return Err(refuse("give advance_secs, advance_ms or freeze".to_owned()));
    }
    let advance_ms = match (change.advance_secs, change.advance_ms) {
        (Some(_), Some(_)) => return Err(refuse("give advance_secs or advance_ms, not both".to_owned())),
        (Some(secs), None) => secs.checked_mul(1000),
        (None, ms) => Some(ms.unwrap_or(0)),
    };
    let advance_ms = advance_ms
        .filter(|ms| *ms <= MAX_ADVANCE_MS)
        .ok_or_else(|| refuse(format!("the clock moves at most {MAX_ADVANCE_MS} ms at a time")))?;
    let clock = &mut call.world.clock;
    if let Some(freeze) = change.freeze {
        clock.freeze(freeze);
    }
    if advance_ms > 0 {
        // At most ten years: fits an i64 of milliseconds.
        clock.advance(i64::try_from(advance_ms).unwrap_or(i64::MAX));
    }
    plain(&clock.view())
}
