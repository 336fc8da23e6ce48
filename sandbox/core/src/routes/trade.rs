//! Buying and selling digital metal at a quote's locked prices: cash or card, for a customer (B2B2C) or for the
//! partner itself (B2B). One order per item; every wallet change goes through the ledger.
//!
//! A handler has the whole sandbox to itself from its first check to its last write (a host hands the core one
//! request at a time), so checking `external_id` and the price token and committing the orders are one atomic step:
//! concurrent retries of one order can never both pass.

use serde_json::Value;

use super::call::{order_view, Call, Route};
use super::card_payment::{self, Charge};
use super::checks;
use crate::envelope::{code, ok, Failure, Reply};
use crate::messages::Msg;
use crate::pricing::{round2, Product};
use crate::random::Rng;
use crate::rules::Rule;
use crate::settings::Settings;
use crate::state::{order_item, order_response, OrderDraft, Owner, PendingPayment, Quote, Store, StoredOrder, CASH};
use crate::validate::{self, Fields};
use crate::world::World;

const PAYMENT_TYPES: &[&str] = &["cash", "creditcard"];

pub const ROUTES: &[Route] =
    &[Route::new("POST", "/partner/order/digital/buy", buy), Route::new("POST", "/partner/order/digital/sell", sell)];

/// One item priced at the quote.
struct Line {
    product: &'static Product,
    amount: f64,
    spot_price: f64,
    price: f64,
    total: f64,
}

fn priced(quote: &Quote, items: &[(&'static Product, f64)], buying: bool) -> Vec<Line> {
    items
        .iter()
        .filter_map(|&(product, amount)| {
            let line = quote.price(product.sku)?;
            let price = if buying { line.buy_price } else { line.sell_price };
            Some(Line { product, amount, spot_price: line.spot_price, price, total: round2(amount * price) })
        })
        .collect()
}

/// A trade request that passed the common checks.
struct Trade {
    quote: Quote,
    /// One per item: the request's `external_id`, then `-2`, `-3`, ….
    external_ids: Vec<String>,
    items: Vec<(&'static Product, f64)>,
}

/// The checks every trade starts with, in the documented order: token, `external_id` (new), items, currency.
fn read_trade(settings: &Settings, store: &Store, fields: Fields<'_>, now_ms: i64) -> Result<Trade, Failure> {
    let quote = checks::unused_quote(store, fields, now_ms)?;
    let external_id = checks::order_external_id(fields)?;
    let view = |order: &StoredOrder| order_view(settings, now_ms, order);
    checks::ensure_new_orders(store, std::slice::from_ref(&external_id), view)?;
    let items = checks::trade_items(fields)?;
    let external_ids = checks::item_external_ids(&external_id, items.len());
    checks::ensure_new_orders(store, &external_ids, view)?;
    checks::currency_matches(fields, &quote)?;
    Ok(Trade { quote, external_ids, items })
}

/// Whose wallets a buy fills: the `customer` block's (which must exist and match a customer-bound quote), or the
/// partner's own when there is no block.
fn buyer(store: &Store, fields: Fields<'_>, quote: &Quote) -> Result<Owner, Failure> {
    let bound = quote.customer_external_id.as_deref();
    let Some(block) = fields.object("customer")? else {
        return match bound {
            Some(_) => Err(Failure::unprocessable(code::PARAMETER, Msg::CustomerMismatch)),
            None => Ok(Owner::Partner),
        };
    };
    let id = Fields(block).string("external_id").ok().flatten().map(str::trim).filter(|id| !id.is_empty());
    let id = id.ok_or_else(|| Failure::field("customer.external_id", Rule::Required))?;
    if store.customer(id).is_none() {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    if bound.is_some_and(|bound| bound != id) {
        return Err(Failure::unprocessable(code::PARAMETER, Msg::CustomerMismatch));
    }
    Ok(Owner::Customer(id.to_owned()))
}

/// What the orders of one trade share.
struct Batch<'a> {
    kind: &'static str,
    status_name: &'static str,
    quote: &'a Quote,
    owner: &'a Owner,
    payment: Option<&'a Value>,
    now_ms: i64,
}

/// Creates one order per line; the first carries the payment's commission as `payment_cost`.
fn add_orders(
    store: &mut Store,
    rng: &mut Rng,
    batch: &Batch<'_>,
    lines: &[Line],
    external_ids: &[String],
) -> Vec<Value> {
    let customer = batch.owner.customer_id().and_then(|id| store.customer(id)).map(|c| c.order_block());
    let mut views = Vec::new();
    for (index, (line, external_id)) in lines.iter().zip(external_ids).enumerate() {
        let sku = line.product.sku;
        let draft = OrderDraft {
            external_id: external_id.clone(),
            kind: batch.kind,
            status_name: batch.status_name,
            currency_code: batch.quote.currency.clone(),
            created_ms: batch.now_ms,
            price: line.price,
            total: line.total,
            payment_cost: if index == 0 { batch.payment.map_or(0.0, card_payment::commission) } else { 0.0 },
            payment: batch.payment.cloned(),
            customer_external_id: batch.owner.customer_id().map(str::to_owned),
            customer: customer.clone(),
            items: vec![order_item(
                line.product.product_id,
                sku,
                line.product.name,
                line.spot_price,
                line.price,
                line.amount,
            )],
            description: Some(format!("{}gr - #{sku}", line.amount)),
        };
        let order = store.new_order(draft, rng);
        views.push(order.data.clone());
        store.add_order(order);
    }
    views
}

/// `buyDigital`: cash (from the cash wallet) or card (`payment_type: "creditcard"`, nothing taken from cash).
fn buy(call: &mut Call<'_>) -> Reply {
    let (body, base_url, now) = (call.body()?, call.base_url(), call.now_ms);
    let fields = Fields(&body);
    let World { store, settings, rng, .. } = &mut *call.world;
    let Trade { quote, external_ids, items } = read_trade(settings, store, fields, now)?;
    let owner = buyer(store, fields, &quote)?;
    let payment_type = fields.string("payment_type")?.unwrap_or("cash");
    validate::one_of("payment_type", payment_type, PAYMENT_TYPES)?;
    let lines = priced(&quote, &items, true);
    let total = round2(lines.iter().map(|line| line.total).sum());
    let credits: Vec<(String, f64)> = lines.iter().map(|line| (line.product.wallet.to_owned(), line.amount)).collect();
    let reason = format!("buy {}", external_ids[0]);
    let (status_name, payment, pending_token) = if payment_type == "cash" {
        let mut changes = vec![(CASH.to_owned(), -total)];
        changes.extend(credits.iter().cloned());
        store.transfer(&owner, &changes, &reason, now)?;
        ("Completed", None, None)
    } else {
        let card = card_payment::read_card(fields, store, owner.customer_id(), now)?;
        match card_payment::charge(&card, total, &external_ids[0], &base_url, rng)? {
            Charge::Approved(payment) => {
                store.transfer(&owner, &credits, &reason, now)?;
                ("Payment Confirmed", Some(payment), None)
            }
            Charge::ThreeDSecure { payment, token } => ("Pending", Some(payment), Some(token)),
        }
    };
    store.use_quote(&quote.token);
    let batch =
        Batch { kind: "Buy", status_name, quote: &quote, owner: &owner, payment: payment.as_ref(), now_ms: now };
    let orders = add_orders(store, rng, &batch, &lines, &external_ids);
    if let Some(token) = pending_token {
        let order_guids = orders.iter().filter_map(|o| o["guid"].as_str().map(str::to_owned)).collect();
        store.add_pending_payment(token, PendingPayment { owner, credits, reason, order_guids, completed: false });
    }
    ok(order_response(&orders, payment.as_ref(), now))
}

/// `sellDigital`: the quote's customer (or the partner) gives metal and gets cash at the locked sell prices.
fn sell(call: &mut Call<'_>) -> Reply {
    let (body, now) = (call.body()?, call.now_ms);
    let fields = Fields(&body);
    let World { store, settings, rng, .. } = &mut *call.world;
    let Trade { quote, external_ids, items } = read_trade(settings, store, fields, now)?;
    let owner = match &quote.customer_external_id {
        Some(id) if store.customer(id).is_none() => return Err(Failure::not_found(Msg::CustomerNotFound)),
        Some(id) => Owner::Customer(id.clone()),
        None => Owner::Partner,
    };
    let lines = priced(&quote, &items, false);
    let total = round2(lines.iter().map(|line| line.total).sum());
    let mut changes: Vec<(String, f64)> =
        lines.iter().map(|line| (line.product.wallet.to_owned(), -line.amount)).collect();
    changes.push((CASH.to_owned(), total));
    store.transfer(&owner, &changes, &format!("sell {}", external_ids[0]), now)?;
    store.use_quote(&quote.token);
    let batch =
        Batch { kind: "Sell", status_name: "Completed", quote: &quote, owner: &owner, payment: None, now_ms: now };
    let orders = add_orders(store, rng, &batch, &lines, &external_ids);
    ok(order_response(&orders, None, now))
}
