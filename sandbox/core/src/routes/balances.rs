//! Balances: the partner's and a customer's wallets, cash deposits and withdrawals, order stats, and a customer's
//! last 7 days rebuilt from the ledger.

use serde_json::{json, Value};

use super::call::{Call, Route};
use crate::dates::{self, DAY_MS, MINUTE_MS};
use crate::envelope::{code, ok, Failure, Reply};
use crate::ledger::balance_at;
use crate::messages::Msg;
use crate::pricing::{convert, round2, spot, wallet_product, PARTNER_CURRENCY};
use crate::rules::Rule;
use crate::state::{balance_item, listed, Owner, CASH, CASH_KIND};
use crate::validate::{self, Fields};

const MOVEMENTS: &[&str] = &["deposit", "withdraw"];
/// Stats cover this many days when no start date is given.
const DEFAULT_STATS_DAYS: i64 = 30;
/// Orders that did not (yet) happen are left out of the stats.
const NOT_COUNTED: &[&str] = &["Pending", "Cancelled", "Refunded"];

pub const ROUTES: &[Route] = &[
    Route::new("GET", "/partner/balance", partner_balance),
    Route::new("GET", "/partner/balance/customer/{customer_external_id}", customer_balance),
    Route::new("PATCH", "/partner/balance/customer/{customer_external_id}", move_cash),
    Route::new("POST", "/partner/balance/stats", stats),
    Route::new("GET", "/partner/balance/customer/{customer_external_id}/stats-7d", stats_7d),
];

/// `getPartnerBalance`: the partner's own wallets.
fn partner_balance(call: &mut Call<'_>) -> Reply {
    let balances = call.world.store.balances(&Owner::Partner).cloned().unwrap_or_default();
    ok(listed(&balances).map(|(kind, balance)| balance_item(None, kind, balance)).collect::<Vec<_>>())
}

/// `getCustomerBalance`.
fn customer_balance(call: &mut Call<'_>) -> Reply {
    let id = call.id();
    let customer = call.world.store.customer(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    ok(listed(&customer.wallets).map(|(kind, balance)| balance_item(Some(&id), kind, balance)).collect::<Vec<_>>())
}

/// `updateCustomerCashBalance`: a deposit or withdrawal, once per `external_id`.
fn move_cash(call: &mut Call<'_>) -> Reply {
    let (id, body) = (call.id(), call.body()?);
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
    let store = &mut call.world.store;
    if store.customer(&id).is_none() {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    if store.movement_id_used(external_id) {
        return Err(Failure::unprocessable(code::DUPLICATE, Msg::ExternalIdExists));
    }
    let delta = if kind == "deposit" { amount } else { -amount };
    let reason = format!("{kind} {external_id} {description}").trim_end().to_owned();
    let owner = Owner::Customer(id.clone());
    store.transfer(&owner, &[(CASH.to_owned(), round2(delta))], &reason, call.now_ms)?;
    store.claim_movement_id(external_id);
    let balance = store.balances(&owner).and_then(|b| b.get(CASH)).copied().unwrap_or(0.0);
    ok(balance_item(Some(&id), CASH_KIND, balance))
}

/// An optional `YYYY-MM-DD` field as the first millisecond of that day.
fn day_field(fields: Fields<'_>, name: &'static str) -> Result<Option<i64>, Failure> {
    match fields.string(name)? {
        Some(value) => {
            validate::date(name, value)?;
            Ok(dates::parse_date(value))
        }
        None => Ok(None),
    }
}

/// `getBalanceStats`: count and total (in the partner currency) of buys, sells and deliveries created in the range.
fn stats(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    let now = call.now_ms;
    let end = day_field(fields, "end_date")?.unwrap_or_else(|| dates::day_start(now));
    let start = day_field(fields, "start_date")?.unwrap_or(end - DEFAULT_STATS_DAYS * DAY_MS);
    if end < start {
        return Err(Failure::field("end_date", Rule::NotBefore("start_date")));
    }
    let customer = fields.string("customer_external_id")?.filter(|id| !id.is_empty());
    let store = &call.world.store;
    if customer.is_some_and(|id| store.customer(id).is_none()) {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    let step = call.world.settings.delivery_step_ms();
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
        "start_date": dates::date(start),
        "end_date": dates::date(end),
        "currency": PARTNER_CURRENCY,
        "buy": part(sums[0]),
        "sell": part(sums[1]),
        "delivery": part(sums[2]),
    }))
}

/// `getCustomerBalance7dStats`: each wallet's balance at the end of each of the last 7 UTC days (today: now), and
/// its worth at that day's spot price.
fn stats_7d(call: &mut Call<'_>) -> Reply {
    let id = call.id();
    let store = &call.world.store;
    let customer = store.customer(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    let now = call.now_ms;
    let today = dates::day_start(now);
    let seed = call.world.settings.seed;
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
            json!({"date": dates::date(day), "total_value": round2(total), "balances": balances})
        })
        .collect();
    ok(json!({"customer_external_id": id, "currency": PARTNER_CURRENCY, "days": days}))
}
