//! Routes for tests and demos, outside the API (no auth): health, traffic counters, a state dump, and the 3-D Secure
//! step of card payments.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::Id;
use crate::envelope::{ok, Reply};
use crate::{clock, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/__sandbox/health", get(|| async { Json(json!({"ok": true})) }))
        .route("/__sandbox/stats", get(|State(state): State<AppState>| async move { Json(state.stats()) }))
        .route("/__sandbox/state", get(dump))
        .route("/__sandbox/3ds/{token}", post(complete_3ds))
}

/// Every wallet balance and every order in brief, plus the ledger, so tests can check money moved as it should.
async fn dump(State(state): State<AppState>) -> Json<Value> {
    let store = state.store();
    let now = clock::now_ms();
    let step = state.settings().delivery_step_ms();
    let customers: BTreeMap<&str, Value> =
        store.customers().map(|customer| (customer.external_id.as_str(), json!(customer.wallets))).collect();
    let orders: Vec<Value> = store
        .orders()
        .iter()
        .map(|order| {
            let view = order.view(now, step);
            json!({
                "external_id": order.external_id,
                "type": view["type"],
                "status_name": view["status_name"],
                "total": view["total"],
                "customer_external_id": order.customer_external_id,
            })
        })
        .collect();
    let partner = store.balances(&crate::state::Owner::Partner).cloned().unwrap_or_default();
    Json(json!({"partner": partner, "customers": customers, "orders": orders, "ledger": store.ledger()}))
}

/// Completes a payment waiting for 3-D Secure, as the bank page would after the card holder confirms.
async fn complete_3ds(State(state): State<AppState>, Id(token): Id) -> Reply {
    let external_ids = state.store().complete_payment(&token, clock::now_ms())?;
    ok(json!({"token": token, "state": "success", "orders": external_ids}))
}
