//! The fault-injection admin API (no auth): `GET`, `PUT` and `DELETE /__sandbox/faults`; see [`crate::faults`].

use super::call::{Call, Route};
use crate::envelope::{plain, Reply};
use crate::faults::Plan;

pub const ROUTES: &[Route] = &[
    Route::new("GET", "/__sandbox/faults", show),
    Route::new("PUT", "/__sandbox/faults", replace),
    Route::new("DELETE", "/__sandbox/faults", clear),
];

/// The plan, each rule's `used` count and the counters.
fn show(call: &mut Call<'_>) -> Reply {
    plain(&call.world.faults.view())
}

/// Replaces the plan (fresh counters, generator reseeded); answers as `GET`.
fn replace(call: &mut Call<'_>) -> Reply {
    let plan = Plan::parse(&call.request.body)?;
    call.world.faults.set(plan);
    plain(&call.world.faults.view())
}

/// Back to normal; answers with the plan and counters it cleared.
fn clear(call: &mut Call<'_>) -> Reply {
    let cleared = call.world.faults.view();
    call.world.faults.clear();
    plain(&cleared)
}
