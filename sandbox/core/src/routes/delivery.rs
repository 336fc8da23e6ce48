//! Physical delivery: the wallets that can deliver, a cost quote, and the delivery order itself (metal from the
//! wallets, costs paid from cash or by card).

use serde_json::{json, Map, Value};

use super::call::{order_view, Call, Route};
use super::card_payment::{self, Charge};
use super::checks;
use crate::dates::MINUTE_MS;
use crate::delivery::{self, Bar, Costs, BARS, BAR_SKUS, DELIVERY_WALLETS};
use crate::envelope::{ok, Failure, Reply};
use crate::pricing::{product_by_sku, round2, spot, CURRENCIES, PARTNER_CURRENCY};
use crate::rules::Rule;
use crate::state::{
    order_item, order_response, wallet_kind, DeliveryTrack, OrderDraft, Owner, PendingPayment, StoredOrder, CASH,
};
use crate::validate::{self, Fields};
use crate::world::World;

const PAYMENT_TYPES: &[&str] = &["cash", "creditcard"];
/// Required address fields, with the name a missing one is reported under.
const ADDRESS_FIELDS: [(&str, &str); 6] = [
    ("fullname", "address.fullname"),
    ("phone", "address.phone"),
    ("city", "address.city"),
    ("district", "address.district"),
    ("address", "address.address"),
    ("zipcode", "address.zipcode"),
];
const OPTIONAL_ADDRESS_FIELDS: [&str; 3] = ["county", "street", "email"];

pub const ROUTES: &[Route] = &[
    Route::new("POST", "/partner/delivery/wallets", wallets),
    Route::new("POST", "/partner/delivery/calculate", calculate),
    Route::new("POST", "/partner/delivery", create),
];

/// `items`: `{sku, quantity}` with a known bar and a whole quantity of at least 1.
fn bar_lines(fields: Fields<'_>) -> Result<Vec<(&'static Bar, u32)>, Failure> {
    checks::item_objects(fields)?
        .into_iter()
        .map(|item| {
            let sku = item.required_string("sku").map_err(|_| Failure::field("items.sku", Rule::Required))?;
            let bar = delivery::bar(sku).ok_or_else(|| Failure::field("items.sku", Rule::OneOf(BAR_SKUS)))?;
            let quantity = match item.integer("quantity") {
                Ok(Some(quantity)) => quantity,
                Ok(None) => return Err(Failure::field("items.quantity", Rule::Required)),
                Err(_) => return Err(Failure::field("items.quantity", Rule::Type("integer"))),
            };
            let quantity = u32::try_from(quantity).ok().filter(|q| *q >= 1);
            Ok((bar, quantity.ok_or_else(|| Failure::field("items.quantity", Rule::AtLeast(1)))?))
        })
        .collect()
}

/// The `address` block: the six required fields present, `zipcode` 5 digits; returns the fields given.
fn address(fields: Fields<'_>) -> Result<Map<String, Value>, Failure> {
    let block = Fields(fields.object("address")?.ok_or_else(|| Failure::field("address", Rule::Required))?);
    let mut kept = Map::new();
    for (key, label) in ADDRESS_FIELDS {
        let value = block.string(key).ok().flatten().map(str::trim).filter(|v| !v.is_empty());
        let value = value.ok_or_else(|| Failure::field(label, Rule::Required))?;
        kept.insert(key.to_owned(), json!(value));
    }
    let zipcode = kept["zipcode"].as_str().unwrap_or("");
    if zipcode.len() != 5 || !zipcode.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Failure::field("address.zipcode", Rule::Digits(5)));
    }
    for key in OPTIONAL_ADDRESS_FIELDS {
        if let Some(value) = block.string(key).ok().flatten().filter(|v| !v.trim().is_empty()) {
            kept.insert(key.to_owned(), json!(value.trim()));
        }
    }
    Ok(kept)
}

fn currency<'a>(fields: Fields<'a>) -> Result<&'a str, Failure> {
    let currency = fields.string("currency")?.unwrap_or(PARTNER_CURRENCY);
    validate::one_of("currency", currency, CURRENCIES)?;
    Ok(currency)
}

fn price(seed: u64, lines: &[(&'static Bar, u32)], currency: &str, now_ms: i64) -> Costs {
    delivery::costs(lines, currency, |sku| {
        product_by_sku(sku).map_or(0.0, |product| spot(seed, product, currency, now_ms / MINUTE_MS))
    })
}

fn costs_view(costs: &Costs, currency: &str) -> Value {
    let items: Vec<Value> = costs
        .lines
        .iter()
        .map(|l| json!({"sku": l.bar.sku, "quantity": l.quantity, "weight": l.weight, "currency_code": l.bar.wallet, "minting_fee": l.minting_fee}))
        .collect();
    let metal: Vec<Value> =
        costs.metal.iter().map(|(code, amount)| json!({"currency_code": code, "amount": amount})).collect();
    json!({
        "currency": currency,
        "items": items,
        "metal": metal,
        "minting_fee": costs.minting_fee,
        "shipping_cost": costs.shipping_cost,
        "insurance_cost": costs.insurance_cost,
        "total_cost": costs.total_cost,
    })
}

/// `listDeliveryWallets`: the customer's gold and silver wallets with the bars each can deliver.
fn wallets(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let store = &call.world.store;
    let id = checks::existing_customer(store, Fields(&body))?;
    let customer = store.customer(id).ok_or_else(|| Failure::field("customer_external_id", Rule::Required))?;
    let wallets: Vec<Value> = DELIVERY_WALLETS
        .iter()
        .filter_map(|code| wallet_kind(code))
        .map(|kind| {
            let balance = customer.wallets.get(kind.currency_code).copied().unwrap_or(0.0);
            let products: Vec<Value> = BARS
                .iter()
                .filter(|bar| bar.wallet == kind.currency_code)
                .map(|bar| json!({"sku": bar.sku, "product_name": bar.name, "weight": bar.grams, "minting_fee": bar.minting_fee}))
                .collect();
            json!({"currency_code": kind.currency_code, "name": kind.name, "balance": balance, "deliverable_amount": balance, "products": products})
        })
        .collect();
    ok(wallets)
}

/// `calculateDelivery`.
fn calculate(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    checks::existing_customer(&call.world.store, fields)?;
    let lines = bar_lines(fields)?;
    address(fields)?;
    let currency = currency(fields)?;
    ok(costs_view(&price(call.world.settings.seed, &lines, currency, call.now_ms), currency))
}

/// `createDelivery`: takes the bars' metal from the wallets and the costs from cash or a card; one Delivery order.
/// The handler runs alone from the `external_id` check to the commit, so concurrent retries create one order.
fn create(call: &mut Call<'_>) -> Reply {
    let (body, base_url, now) = (call.body()?, call.base_url(), call.now_ms);
    let fields = Fields(&body);
    let World { store, settings, rng, .. } = &mut *call.world;
    let external_id = checks::order_external_id(fields)?;
    let view = |order: &StoredOrder| order_view(settings, now, order);
    checks::ensure_new_orders(store, std::slice::from_ref(&external_id), view)?;
    let customer_id = checks::existing_customer(store, fields)?.to_owned();
    let lines = bar_lines(fields)?;
    let address = address(fields)?;
    let currency = currency(fields)?;
    let payment_type = fields.string("payment_type")?.unwrap_or("cash");
    validate::one_of("payment_type", payment_type, PAYMENT_TYPES)?;
    let costs = price(settings.seed, &lines, currency, now);
    let owner = Owner::Customer(customer_id.clone());
    let mut changes: Vec<(String, f64)> =
        costs.metal.iter().map(|(code, grams)| ((*code).to_owned(), -grams)).collect();
    let reason = format!("delivery {external_id}");
    let (status_name, payment, pending_token) = if payment_type == "cash" {
        changes.push((CASH.to_owned(), -costs.total_cost));
        store.transfer(&owner, &changes, &reason, now)?;
        ("Created", None, None)
    } else {
        store.check_transfer(&owner, &changes)?;
        let card = card_payment::read_card(fields, store, Some(&customer_id), now)?;
        let charge = card_payment::charge(&card, costs.total_cost, &external_id, &base_url, rng)?;
        store.transfer(&owner, &changes, &reason, now)?;
        match charge {
            Charge::Approved(payment) => ("Created", Some(payment), None),
            Charge::ThreeDSecure { payment, token } => ("Pending", Some(payment), Some(token)),
        }
    };
    let customer = store.customer(&customer_id).map(|c| (c.order_block(), c.email.clone()));
    let (customer_block, email) = customer.unwrap_or_default();
    let items: Vec<Value> = costs
        .lines
        .iter()
        .map(|l| {
            let fee = delivery::fee_in(l.bar.minting_fee, currency);
            let bar_value = round2(l.metal_value / f64::from(l.quantity));
            order_item(l.bar.product_id, l.bar.sku, l.bar.name, bar_value, fee, f64::from(l.quantity))
        })
        .collect();
    let products: Vec<Value> = costs
        .lines
        .iter()
        .map(|l| json!({"product_id": l.bar.product_id, "sku": l.bar.sku, "product_name": l.bar.name, "amount": l.quantity}))
        .collect();
    let draft = OrderDraft {
        external_id: external_id.clone(),
        kind: "Delivery",
        status_name,
        currency_code: currency.to_owned(),
        created_ms: now,
        price: costs.total_cost,
        total: costs.total_cost,
        payment_cost: payment.as_ref().map_or(0.0, card_payment::commission),
        payment: payment.clone(),
        customer_external_id: Some(customer_id.clone()),
        customer: Some(customer_block),
        items,
        description: None,
    };
    let mut order = store.new_order(draft, rng);
    order.data["delivery"] = json!({
        "status_id": 1,
        "status_name": "Created",
        "cargo_tracking_url": null,
        "cargo_tracking_number": null,
        "sync_status": true,
        "products": products,
    });
    let mut shipping = address.clone();
    shipping.remove("email");
    shipping.insert("id".to_owned(), json!(store.next_address_id()));
    let mut billing = address;
    billing.insert("invoice_type".to_owned(), json!("Individual"));
    if let Some(email) = email.filter(|_| !billing.contains_key("email")) {
        billing.insert("email".to_owned(), json!(email));
    }
    order.data["address"] = json!({"shipping": shipping, "billing": billing});
    let started_ms = pending_token.is_none().then_some(now);
    order.delivery = Some(DeliveryTrack { started_ms, tracking_number: rng.digits(12) });
    let shown = order_view(settings, now, &order);
    if let Some(token) = pending_token {
        let pending =
            PendingPayment { owner, credits: vec![], reason, order_guids: vec![order.guid.clone()], completed: false };
        store.add_pending_payment(token, pending);
    }
    store.add_order(order);
    ok(order_response(&[shown], payment.as_ref(), now))
}
