//! Routes for tests and demos, outside the API (no auth): health, traffic counters, a state dump, and the 3-D Secure
//! step of card payments.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::call::{Call, Route};
use crate::envelope::{ok, plain, Reply};
use crate::state::{Owner, StoredOrder};

pub const ROUTES: &[Route] = &[
    Route::new("GET", "/__sandbox/health", |_| plain(&json!({"ok": true}))),
    Route::new("GET", "/__sandbox/stats", |call| plain(&json!(call.world.stats))),
    Route::new("GET", "/__sandbox/state", dump),
    Route::new("POST", "/__sandbox/3ds/{token}", complete_3ds),
];

/// Every wallet balance and every order in brief, plus the ledger, so tests can check money moved as it should:
/// `partner` and `customers` (balances), `orders` (all, in brief), `ledger`, `accounts` (per owner: `wallets` and
/// `orders`) and `orders_by_external_id` (how many orders carry each external id: always 1).
fn dump(call: &mut Call<'_>) -> Reply {
    let store = &call.world.store;
    let now = call.now_ms;
    let step = call.world.settings.delivery_step_ms();
    let customers: BTreeMap<&str, Value> =
        store.customers().map(|customer| (customer.external_id.as_str(), json!(customer.wallets))).collect();
    let briefs: Vec<(&StoredOrder, Value)> =
        store.orders().iter().map(|order| (order, brief(order, now, step))).collect();
    let owned_by = |owner: Option<&str>| -> Vec<Value> {
        let owned = briefs.iter().filter(|(order, _)| order.customer_external_id.as_deref() == owner);
        owned.map(|(_, brief)| brief.clone()).collect()
    };
    let partner = store.balances(&Owner::Partner).cloned().unwrap_or_default();
    let accounts = json!({
        "partner": {"wallets": partner, "orders": owned_by(None)},
        "customers": store
            .customers()
            .map(|c| (c.external_id.clone(), json!({"wallets": c.wallets, "orders": owned_by(Some(&c.external_id))})))
            .collect::<BTreeMap<String, Value>>(),
    });
    let mut by_external_id: BTreeMap<&str, u64> = BTreeMap::new();
    for external_id in store.orders().iter().filter_map(|order| order.external_id.as_deref()) {
        *by_external_id.entry(external_id).or_default() += 1;
    }
    let orders: Vec<Value> = briefs
        .iter()
        .map(|(order, brief)| {
            let mut brief = brief.clone();
            brief["customer_external_id"] = json!(order.customer_external_id);
            brief
        })
        .collect();
    plain(&json!({
        "partner": partner,
        "customers": customers,
        "orders": orders,
        "ledger": store.ledger(),
        "accounts": accounts,
        "orders_by_external_id": by_external_id,
    }))
}

/// An order in brief: `external_id`, `type`, `status_name`, `items` (`sku`, `amount`) and `total`.
fn brief(order: &StoredOrder, now_ms: i64, step_ms: i64) -> Value {
    let view = order.view(now_ms, step_ms);
    let items: Vec<Value> = view["items"]
        .as_array()
        .map(|items| items.iter().map(|item| json!({"sku": item["sku"], "amount": item["amount"]})).collect())
        .unwrap_or_default();
    json!({
        "external_id": order.external_id,
        "type": view["type"],
        "status_name": view["status_name"],
        "items": items,
        "total": view["total"],
    })
}

/// Completes a payment waiting for 3-D Secure, as the bank page would after the card holder confirms.
fn complete_3ds(call: &mut Call<'_>) -> Reply {
    let token = call.id();
    let world = &mut *call.world;
    let external_ids = world.store.complete_payment(&token, call.now_ms, &mut world.rng)?;
    ok(json!({"token": token, "state": "success", "orders": external_ids}))
}
