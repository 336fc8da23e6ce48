//! Routes for tests and demos, outside the API (no auth): health, traffic counters, a state dump, the 3-D Secure
//! step of card payments, and many orders at once for paging and export tests.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::call::{Call, Route};
use crate::envelope::{ok, plain, Failure, Reply};
use crate::messages::Msg;
use crate::pricing::{price_line, product_by_sku, round2, PARTNER_CURRENCY};
use crate::rules::Rule;
use crate::state::{order_item, OrderDraft, Owner, StoredOrder};
use crate::validate::Fields;
use crate::world::World;

/// Most orders one `POST /__sandbox/orders/generate` adds.
const MAX_GENERATED: i64 = 100_000;

pub const ROUTES: &[Route] = &[
    Route::new("GET", "/__sandbox/health", |_| plain(&json!({"ok": true}))),
    Route::new("GET", "/__sandbox/stats", |call| plain(&json!(call.world.stats))),
    Route::new("GET", "/__sandbox/state", dump),
    Route::new("GET", "/__sandbox/3ds/{token}", show_3ds),
    Route::new("POST", "/__sandbox/3ds/{token}", complete_3ds),
    Route::new("POST", "/__sandbox/orders/generate", generate_orders),
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
    let kyc: BTreeMap<&str, Value> = store
        .customers()
        .map(|c| {
            let k = &c.kyc;
            (
                c.external_id.as_str(),
                json!({"status": k.status, "level": k.level, "reference": k.reference, "writes": k.writes}),
            )
        })
        .collect();
    plain(&json!({
        "kyc": kyc,
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

/// The bank's page a 3-D Secure `redirect_url` opens in a browser: one button that confirms the payment (a form
/// POST to the same address). Opening it changes nothing. Nothing from the request is written into the page.
fn show_3ds(_call: &mut Call<'_>) -> Reply {
    html(PAGE_3DS)
}

/// Completes a payment waiting for 3-D Secure, as the bank page would after the card holder confirms. The page's
/// form gets a page back; any other caller (tests, the SDK's users) the JSON envelope.
fn complete_3ds(call: &mut Call<'_>) -> Reply {
    let token = call.id();
    let from_page =
        call.request.headers.get("content-type").is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let world = &mut *call.world;
    let external_ids = world.store.complete_payment(&token, call.now_ms, &mut world.rng)?;
    if from_page {
        return html(PAGE_3DS_DONE);
    }
    ok(json!({"token": token, "state": "success", "orders": external_ids}))
}

const PAGE_3DS: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox 3-D Secure</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.6rem 1.2rem}</style>
</head><body>
<h1>3-D Secure (sandbox)</h1>
<p>A real bank would ask the card holder to confirm this payment here. In the sandbox, one click confirms it; the
order is then paid and its metal credited.</p>
<form method="post"><button type="submit">Confirm the payment</button></form>
</body></html>
"#;

const PAGE_3DS_DONE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment confirmed</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}</style>
</head><body>
<h1>Payment confirmed</h1>
<p role="status">The payment is complete. You can close this page and return to where you started.</p>
</body></html>
"#;

/// An HTML page.
fn html(page: &'static str) -> Reply {
    let mut response = crate::http::Response::new(200, page);
    response.headers.insert("content-type", "text/html; charset=utf-8");
    Ok(response)
}

/// `{"count": N, "customer_external_id"?: ID}`: adds N completed cash buys of 0.01 g gold (external ids `GEN-…`),
/// oldest first, for the customer or the partner. No money moves and the ledger is untouched, so use a customer of
/// its own when balances are checked too.
fn generate_orders(call: &mut Call<'_>) -> Reply {
    let (body, now) = (call.body()?, call.now_ms);
    let fields = Fields(&body);
    let count = fields.integer("count")?.unwrap_or(0);
    if !(1..=MAX_GENERATED).contains(&count) {
        return Err(Failure::field("count", Rule::Range(1, MAX_GENERATED)));
    }
    let owner = fields.string("customer_external_id")?.map(str::to_owned);
    let World { store, settings, rng, .. } = &mut *call.world;
    let customer = match &owner {
        Some(id) => Some(store.customer(id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?.order_block()),
        None => None,
    };
    let Some(gold) = product_by_sku("GAU") else {
        return Err(Failure::not_found(Msg::RouteNotFound));
    };
    let line = price_line(settings.seed, gold, PARTNER_CURRENCY, now / 60_000, None);
    let batch = rng.alphanumeric(6);
    let mut codes: BTreeSet<String> = store.orders().iter().map(|order| order.order_code.clone()).collect();
    for index in 0..count {
        let mut code = rng.order_code();
        while !codes.insert(code.clone()) {
            code = rng.order_code();
        }
        let amount = 0.01;
        let draft = OrderDraft {
            external_id: format!("GEN-{batch}-{index}"),
            kind: "Buy",
            status_name: "Completed",
            currency_code: PARTNER_CURRENCY.to_owned(),
            created_ms: now - count + index,
            price: line.buy_price,
            total: round2(amount * line.buy_price),
            payment_cost: 0.0,
            payment: None,
            customer_external_id: owner.clone(),
            customer: customer.clone(),
            items: vec![order_item(gold.product_id, gold.sku, gold.name, line.spot_price, line.buy_price, amount)],
            description: Some(format!("{amount}gr - #GAU")),
        };
        store.add_order(draft.into_order(rng.guid(), code));
    }
    ok(json!({"created": count, "batch": format!("GEN-{batch}")}))
}
