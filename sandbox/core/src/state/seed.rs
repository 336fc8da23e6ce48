//! Data present at every start: the customers and orders of the documentation's examples, so the documented
//! look-ups work out of the box, a recent history (`history.rs`) and the partner's opening cash.

use serde_json::{json, Value};

use super::customer::{Customer, Owner, CASH};
use super::history;
use super::orders::StoredOrder;
use super::store::Store;
use crate::envelope::number;

/// The partner's opening cash, in the partner currency.
pub const PARTNER_OPENING_CASH: f64 = 1_000_000.0;

/// A store holding the seed data; seeded prices follow `seed`, the history ends at `now_ms`.
pub fn seeded(seed: u64, now_ms: i64) -> Store {
    let mut store = Store::empty();
    fill(&mut store, now_ms);
    history::fill(&mut store, seed, now_ms);
    // A credit always fits, so this cannot fail.
    let _ = store.transfer(&Owner::Partner, &[(CASH.to_owned(), PARTNER_OPENING_CASH)], "opening balance", now_ms);
    store
}

fn some(value: &str) -> Option<String> {
    Some(value.to_owned())
}

struct Person<'a> {
    external_id: &'a str,
    firstname: &'a str,
    lastname: &'a str,
    email: &'a str,
    phone: &'a str,
    identity_number: Option<&'a str>,
    birthdate: Option<&'a str>,
    /// Gold, silver and cash.
    balances: [f64; 3],
}

fn customer(person: Person<'_>) -> Customer {
    Customer {
        external_id: person.external_id.to_owned(),
        firstname: some(person.firstname),
        lastname: some(person.lastname),
        email: some(person.email),
        phone: some(person.phone),
        gender: some("M"),
        identity_number: person.identity_number.map(str::to_owned),
        birthdate: person.birthdate.map(str::to_owned),
        wallets: [("MAU", person.balances[0]), ("MAG", person.balances[1]), (CASH, person.balances[2])]
            .into_iter()
            .map(|(code, balance)| (code.to_owned(), balance))
            .collect(),
        ..Customer::default()
    }
}

fn fill(store: &mut Store, now_ms: i64) {
    let people = [
        Person {
            external_id: "MTD0018232",
            firstname: "Mehmet",
            lastname: "Gülbilge",
            email: "mehmet@example.com",
            phone: "+905322808035",
            identity_number: Some("10000000146"),
            birthdate: Some("1970-01-31"),
            balances: [12.5, 250.0, 1500.0],
        },
        Person {
            external_id: "test0101010",
            firstname: "Deneme",
            lastname: "deneme",
            email: "deneme@example.com",
            phone: "+905338383888",
            identity_number: None,
            birthdate: None,
            balances: [0.0; 3],
        },
        Person {
            external_id: "92440753",
            firstname: "Soner",
            lastname: "Kaya",
            email: "soner@example.com",
            phone: "+905321111111",
            identity_number: Some("46714948610"),
            birthdate: Some("1990-05-01"),
            balances: [0.0; 3],
        },
    ];
    for person in people {
        store.add_customer(customer(person), now_ms);
    }
    for order in [card_payment_order(), cash_order(), legacy_order()] {
        store.add_order(StoredOrder::from_data(order));
    }
}

/// The order customer block for `MTD0018232`, as the examples show it (empty middlename).
fn mehmet() -> Value {
    json!({
        "external_id": "MTD0018232",
        "firstname": "Mehmet",
        "middlename": "",
        "lastname": "Gülbilge",
        "fullname": "Mehmet Gülbilge",
        "email": "mehmet@example.com",
        "phone": "+905322808035",
        "gender": "M",
        "identity_number": "10000000146",
        "birthdate": "1970-01-31",
    })
}

fn gold_item(spot_price: f64, price: f64, amount: f64, total: f64) -> Value {
    json!({
        "product_id": 3000001,
        "sku": "GAU",
        "product_name": "Gold - Digital storage",
        "spot_price": spot_price,
        "price": price,
        "tax_rate": 0,
        "tax": 0,
        "amount": number(amount),
        "total": total,
    })
}

/// "Card Payment Get Order" example.
fn card_payment_order() -> Value {
    json!({
        "guid": "F5818C41-5674-4E49-A91A-1D1FD21A13F5",
        "order_code": "YID9Z07U",
        "external_id": "HYAQA01714rqz",
        "type": "Buy",
        "price": 1731.3,
        "tax": 0,
        "total": 1731.3,
        "status_name": "Pending",
        "payment_type": "credit-card",
        "order_at": "13-10-2023 11:10",
        "payment_cost": 10,
        "currency_code": "TRY",
        "customer": mehmet(),
        "payment": {
            "token": "mLPKxKnNbj0AYMcEMAd5e72zyFyPcUx5KKAZONIcMRhrqYqwmBARo4BGSVhj2mgXRKFDRsHBI6r5az9PW1VhyyOIhUA9pzvtfKHPYDtpVIAlxUgzRmGfInerFIFrRcpH",
            "transaction_id": null,
            "order_reference": "HYAQA01714rqz",
            "amount": 1731.3,
            "comission": 0,
            "total": 1731.3,
            "refunded_amount": 0,
            "error_code": null,
            "error_message": null,
            "state": "success",
            "details": {
                "card_cvv": "000",
                "card_expiry": "05/28",
                "card_holder": "John Due",
                "card_number": "404809******7528",
                "customer_ip": "127.0.0.1",
                "card_association": "Visa",
            },
        },
        "items": [gold_item(1656.16, 1731.3, 1.0, 1731.3)],
    })
}

/// "Get Order (Alternative)" example: a completed cash order.
fn cash_order() -> Value {
    json!({
        "guid": "896AE1AC-E26F-4291-80B2-BF80DE0A920A",
        "order_code": "ALS8HEVP",
        "external_id": "1699255128879-05ee3052-47fe-4747-adff-2cde45d8d9ec",
        "type": "Buy",
        "price": 188.97,
        "tax": 0,
        "total": 188.97,
        "status_name": "Completed",
        "payment_type": "cash",
        "order_at": "06-11-2023 07:18",
        "payment_cost": 0,
        "currency_code": "TRY",
        "customer": {
            "external_id": "92440753",
            "firstname": "Soner",
            "middlename": null,
            "lastname": "Kaya",
            "fullname": "Soner Kaya",
            "email": "soner@example.com",
            "phone": "+905321111111",
            "gender": "M",
            "identity_number": "46714948610",
            "birthdate": "1990-05-01",
        },
        "payment": null,
        "items": [gold_item(1813.02, 1889.73, 0.1, 188.97)],
    })
}

/// "Get Order" page example in the older field set (channel, tx_type, status_id, no `type`), so clients are
/// exercised against the shape the docs also show.
fn legacy_order() -> Value {
    json!({
        "guid": "F6F6AFA5-8CAF-4582-AC47-12699E6D9C81",
        "order_code": "FE9HURU6",
        "external_id": "HYAQA01373",
        "channel": "partner",
        "tx_type": "oneoffpurchase",
        "price_token": null,
        "price": 543.5,
        "tax": 0,
        "total": 543.5,
        "currency_rate": null,
        "currency_total": 0,
        "status_id": 1,
        "status_name": "New",
        "items": [{
            "product_id": 3000001,
            "product_name": "Gold - Digital storage",
            "product_weight": 1,
            "spot_price": 49.41,
            "price": 54.35,
            "tax_rate": 0,
            "tax": 0,
            "amount": 10,
            "total": 543.5,
            "currency_id": null,
            "currency_rate": null,
            "currency_total": 0,
        }],
        "customer": mehmet(),
    })
}
