//! The fault-injection admin API (no auth): `GET`, `PUT` and `DELETE /__sandbox/faults`; see [`crate::faults`].

use axum::body::Bytes;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::envelope::Reply;
use crate::faults::Plan;
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/__sandbox/faults", get(show).put(replace).delete(clear))
}

/// The plan, each rule's `used` count and the counters.
async fn show(State(state): State<AppState>) -> Json<Value> {
    Json(state.faults().view())
}

/// Replaces the plan (fresh counters, generator reseeded); answers as `GET`.
async fn replace(State(state): State<AppState>, body: Bytes) -> Reply {
    let plan = Plan::parse(&body)?;
    let mut faults = state.faults();
    faults.set(plan);
    Ok(Json(faults.view()).into_response())
}

/// Back to normal; answers with the plan and counters it cleared.
async fn clear(State(state): State<AppState>) -> Json<Value> {
    let mut faults = state.faults();
    let cleared = faults.view();
    faults.clear();
    Json(cleared)
}
