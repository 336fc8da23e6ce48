//! Balances: the partner's and a customer's wallets, cash deposits and withdrawals, order stats, and a customer's
//! last 7 days rebuilt from the ledger.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::Id;
use crate::clock::{self, DAY_MS, MINUTE_MS};
use crate::envelope::{code, ok, Failure, Msg, Reply, Rule};
use crate::ledger::balance_at;
use crate::pricing::{convert, round2, spot, wallet_product, PARTNER_CURRENCY};
use crate::state::{balance_item, listed, wallet_kind, Owner, CASH};
use crate::validate::{self, json_object, Fields};
use crate::AppState;

const MOVEMENTS: &[&str] = &["deposit", "withdraw"];
/// Stats cover this many days when no start date is given.
const DEFAULT_STATS_DAYS: i64 = 30;
/// Orders that did not (yet) happen are left out of the stats.
const NOT_COUNTED: &[&str] = &["Pending", "Cancelled", "Refunded"];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/partner/balance", get(partner_balance))
        .route("/partner/balance/customer/{customer_external_id}", get(customer_balance).patch(move_cash))
        .route("/partner/balance/stats", post(stats))
        .route("/partner/balance/customer/{customer_external_id}/stats-7d", get(stats_7d))
}

/// `getPartnerBalance`: the partner's own wallets.
async fn partner_balance(State(state): State<AppState>) -> Reply {
    let store = state.store();
    let balances = store.balances(&Owner::Partner).cloned().unwrap_or_default();
    ok(listed(&balances).map(|(kind, balance)| balance_item(None, kind, balance)).collect::<Vec<_>>())
}

/// `getCustomerBalance`.
async fn customer_balance(State(state): State<AppState>, Id(id): Id) -> Reply {
    let store = state.store();
    let customer = store.customer(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    ok(listed(&customer.wallets).map(|(kind, balance)| balance_item(Some(&id), kind, balance)).collect::<Vec<_>>())
}

/// `updateCustomerCashBalance`: a deposit or withdrawal, once per `external_id`.
async fn move_cash(State(state): State<AppState>, Id(id): Id, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let fields = Fields(&body);
    let kind = fields.required_string("type")?;
    validate::one_of("type", kind, MOVEMENTS)?;
    let amount = fields.number("amount")?.ok_or_else(|| Failure::field("amount", Rule::Required))?;
    // Zero is allowed (it only records the id): clients open accounts with a zero deposit.
    if amount < 0.0 || !amount.is_finite() {
        return Err(Failure::field("amount", Rule::NotNegative));
    }
    let external_id = fields.required_string("external_id")?;
    validate::order_external_id("external_id", external_id)?;
    let description = fields.string("description")?.unwrap_or("");
    let mut store = state.store();
    if store.customer(&id).is_none() {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    if store.movement_id_used(external_id) {
        return Err(Failure::unprocessable(code::DUPLICATE, Msg::ExternalIdExists));
    }
    let delta = if kind == "deposit" { amount } else { -amount };
    let reason = format!("{kind} {external_id} {description}").trim_end().to_owned();
    let owner = Owner::Customer(id.clone());
    store.transfer(&owner, &[(CASH.to_owned(), round2(delta))], &reason, clock::now_ms())?;
    store.claim_movement_id(external_id);
    let balance = store.balances(&owner).and_then(|b| b.get(CASH)).copied().unwrap_or(0.0);
    let kind = wallet_kind(CASH).expect("the cash wallet kind exists");
    ok(balance_item(Some(&id), kind, balance))
}

/// An optional `YYYY-MM-DD` field as the first millisecond of that day.
fn day_field(fields: Fields<'_>, name: &'static str) -> Result<Option<i64>, Failure> {
    match fields.string(name)? {
        Some(value) => {
            validate::date(name, value)?;
            Ok(clock::parse_date(value))
        }
        None => Ok(None),
    }
}

/// `getBalanceStats`: count and total (in the partner currency) of buys, sells and deliveries created in the range.
async fn stats(State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let fields = Fields(&body);
    let now = clock::now_ms();
    let end = day_field(fields, "end_date")?.unwrap_or_else(|| clock::day_start(now));
    let start = day_field(fields, "start_date")?.unwrap_or(end - DEFAULT_STATS_DAYS * DAY_MS);
    if end < start {
        return Err(Failure::field("end_date", Rule::NotBefore("start_date")));
    }
    let customer = fields.string("customer_external_id")?.filter(|id| !id.is_empty());
    let store = state.store();
    if customer.is_some_and(|id| store.customer(id).is_none()) {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    let step = state.settings().delivery_step_ms();
    let mut sums = [("Buy", 0u64, 0.0), ("Sell", 0, 0.0), ("Delivery", 0, 0.0)];
    for order in store.orders().iter().filter(|order| {
        (start..end + DAY_MS).contains(&order.created_ms)
            && customer.is_none_or(|id| order.customer_external_id.as_deref() == Some(id))
    }) {
        let status = order.view(now, step)["status_name"].as_str().unwrap_or("").to_owned();
        if let Some(sum) = sums.iter_mut().find(|(kind, _, _)| *kind == order.kind()) {
            if !NOT_COUNTED.contains(&status.as_str()) {
                sum.1 += 1;
                sum.2 += convert(order.total(), order.currency(), PARTNER_CURRENCY);
            }
        }
    }
    let part = |(_, count, total): (&str, u64, f64)| json!({"count": count, "total": round2(total)});
    ok(json!({
        "start_date": clock::date(start),
        "end_date": clock::date(end),
        "currency": PARTNER_CURRENCY,
        "buy": part(sums[0]),
        "sell": part(sums[1]),
        "delivery": part(sums[2]),
    }))
}

/// `getCustomerBalance7dStats`: each wallet's balance at the end of each of the last 7 UTC days (today: now), and
/// its worth at that day's spot price.
async fn stats_7d(State(state): State<AppState>, Id(id): Id) -> Reply {
    let store = state.store();
    let customer = store.customer(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    let now = clock::now_ms();
    let today = clock::day_start(now);
    let seed = state.settings().seed;
    let days: Vec<Value> = (0..7)
        .rev()
        .map(|ago| {
            let day = today - ago * DAY_MS;
            let end = (day + DAY_MS - 1).min(now);
            let balances: Vec<Value> = listed(&customer.wallets)
                .map(|(kind, current)| {
                    let balance = balance_at(current, store.ledger(), Some(&id), kind.currency_code, end);
                    let value = match wallet_product(kind.currency_code) {
                        Some(product) => balance * spot(seed, product, PARTNER_CURRENCY, end / MINUTE_MS),
                        None => balance,
                    };
                    json!({"currency_code": kind.currency_code, "balance": balance, "value": round2(value)})
                })
                .collect();
            let total: f64 = balances.iter().filter_map(|b| b["value"].as_f64()).sum();
            json!({"date": clock::date(day), "total_value": round2(total), "balances": balances})
        })
        .collect();
    ok(json!({"customer_external_id": id, "currency": PARTNER_CURRENCY, "days": days}))
}
