//! Buying and selling digital metal over real HTTP: cash and wallets, order ids, token rules.

mod common;

use common::{customer_block, data, error, failure, Client, TestServer};
use serde_json::{json, Value};

const MEHMET: &str = "MTD0018232";

fn buy_body(quote: &Value, external_id: &str, items: Value) -> Value {
    json!({"price_token": quote["token"], "external_id": external_id, "customer": customer_block(MEHMET), "items": items})
}

/// A GBP quote for `customer`, or for the partner itself (no `customer_external_id`: the API refuses a null one).
fn gbp_quote(client: &mut Client, customer: Option<&str>) -> Value {
    let mut body = json!({"type": "digital", "currency": "GBP"});
    if let Some(customer) = customer {
        body["customer_external_id"] = json!(customer);
    }
    client.quote(&body)
}

#[test]
fn cash_buy_credits_metal_and_debits_cash() {
    let server = TestServer::start();
    let mut client = server.client();
    let quote = gbp_quote(&mut client, Some(MEHMET));
    let body = buy_body(&quote, "buy-0001", json!([{"sku": "GAU", "amount": 1.5}]));
    let reply = client.post("/partner/order/digital/buy", &body);
    let response = data(&reply);
    let price = quote["prices"][0]["buy_price"].as_f64().unwrap();
    let total = response["total"].as_f64().unwrap();
    assert!((total - 1.5 * price).abs() < 0.006, "{total}");
    assert_eq!(response["tax"], 0);
    assert_eq!(response["price"], price);
    assert_eq!(response["order_code"].as_array().unwrap().len(), 1);
    let order_at = response["order_at"].as_str().unwrap();
    assert!(order_at.len() == 19 && &order_at[10..11] == " ", "{order_at}");
    let order = &response["orders"][0];
    assert_eq!(order["type"], "Buy");
    assert_eq!(order["status_name"], "Completed");
    assert_eq!(order["payment_type"], "cash");
    assert_eq!(order["payment"], Value::Null);
    assert_eq!(order["currency_code"], "GBP");
    assert_eq!(order["customer"]["external_id"], MEHMET);
    assert_eq!(order["items"][0]["amount"], 1.5);
    assert_eq!(order["items"][0]["price"], price);
    let guid = order["guid"].as_str().unwrap();
    assert!(guid.len() == 36 && guid == guid.to_uppercase() && &guid[14..15] == "4", "{guid}");
    assert!(order["order_code"].as_str().unwrap().len() == 8);
    assert_eq!(client.balance(MEHMET, "MAU"), 14.0);
    assert!((client.balance(MEHMET, "GBP") - (1500.0 - total)).abs() < 1e-6);
    let fetched = client.get("/partner/order/buy-0001");
    assert_eq!(data(&fetched)["guid"], order["guid"]);
    let ledger = client.state()["ledger"].as_array().unwrap().clone();
    let entries: Vec<&Value> = ledger.iter().filter(|e| e["reason"] == "buy buy-0001").collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries.iter().all(|e| e["customer_external_id"] == MEHMET));
}

#[test]
fn a_used_external_id_returns_the_existing_order() {
    let server = TestServer::start();
    let mut client = server.client();
    let quote = gbp_quote(&mut client, Some(MEHMET));
    let first =
        client.post("/partner/order/digital/buy", &buy_body(&quote, "dup-1", json!([{"sku": "GAU", "amount": 0.1}])));
    let existing = data(&first)["orders"][0].clone();
    let again = gbp_quote(&mut client, Some(MEHMET));
    let reply =
        client.post("/partner/order/digital/buy", &buy_body(&again, "dup-1", json!([{"sku": "GAU", "amount": 0.1}])));
    let (message, order) = failure(&reply, 422, 1002);
    assert_eq!(message, "external_id already exists");
    assert_eq!(order["guid"], existing["guid"]);
    assert_eq!(order["external_id"], "dup-1");
    // Seeded orders count too.
    let seeded = client
        .post("/partner/order/digital/buy", &buy_body(&again, "HYAQA01714rqz", json!([{"sku": "GAU", "amount": 0.1}])));
    assert_eq!(failure(&seeded, 422, 1002).1["order_code"], "YID9Z07U");
    assert_eq!(client.balance(MEHMET, "MAU"), 12.6);
}

#[test]
fn token_rules_in_order() {
    let server = TestServer::start();
    let mut client = server.client();
    let buy = |client: &mut Client, body: &Value| client.post("/partner/order/digital/buy", body);
    assert_eq!(error(&buy(&mut client, &json!({"external_id": "x-1"})), 422), "price_token is required");
    let unknown = buy(&mut client, &json!({"price_token": "nope"}));
    assert_eq!(failure(&unknown, 422, 1010).0, "price token not found");
    let quote = gbp_quote(&mut client, Some(MEHMET));
    assert_eq!(error(&buy(&mut client, &json!({"price_token": quote["token"]})), 422), "external_id is required");
    let bad_id = json!({"price_token": quote["token"], "external_id": "a b"});
    assert_eq!(error(&buy(&mut client, &bad_id), 422), "external_id must be 3-50 characters of A-Z a-z 0-9 _ . -");
    let no_items = json!({"price_token": quote["token"], "external_id": "t-1", "items": []});
    assert_eq!(error(&buy(&mut client, &no_items), 422), "items must contain 1-100 items");
    let bad_sku = buy_body(&quote, "t-1", json!([{"sku": "XAU", "amount": 1}]));
    assert_eq!(error(&buy(&mut client, &bad_sku), 422), "items.sku must be one of: GAU, GAG, BGAU, BGAG, GPT, GPD");
    let zero = buy_body(&quote, "t-1", json!([{"sku": "GAU", "amount": 0}]));
    assert_eq!(error(&buy(&mut client, &zero), 422), "items.amount must be a number greater than 0");
    let mut wrong_currency = buy_body(&quote, "t-1", json!([{"sku": "GAU", "amount": 0.1}]));
    wrong_currency["currency_code"] = json!("TRY");
    assert_eq!(
        error(&buy(&mut client, &wrong_currency), 422),
        "currency_code must match the price token's currency (GBP)"
    );
    let mut stranger = buy_body(&quote, "t-1", json!([{"sku": "GAU", "amount": 0.1}]));
    stranger["customer"] = customer_block("nobody");
    assert_eq!(error(&buy(&mut client, &stranger), 404), "Customer not found");
    stranger["customer"] = customer_block("92440753");
    assert_eq!(
        error(&buy(&mut client, &stranger), 422),
        "customer must be the customer the price token was issued for"
    );
    data(&buy(&mut client, &buy_body(&quote, "t-1", json!([{"sku": "GAU", "amount": 0.1}]))));
    let reused = buy(&mut client, &buy_body(&quote, "t-2", json!([{"sku": "GAU", "amount": 0.1}])));
    assert_eq!(failure(&reused, 422, 1012).0, "price token already used");
}

#[test]
fn insufficient_cash_changes_nothing() {
    let server = TestServer::start();
    let mut client = server.client();
    let before = client.state();
    let quote = gbp_quote(&mut client, Some(MEHMET));
    let reply =
        client.post("/partner/order/digital/buy", &buy_body(&quote, "big-1", json!([{"sku": "GAU", "amount": 100}])));
    assert_eq!(failure(&reply, 422, 2002).0, "insufficient balance");
    let after = client.state();
    assert_eq!(before["customers"], after["customers"]);
    assert_eq!(before["ledger"], after["ledger"]);
    assert_eq!(error(&client.get("/partner/order/big-1"), 404), "Order not found");
    // The token was not used up by the failed attempt.
    data(
        &client
            .post("/partner/order/digital/buy", &buy_body(&quote, "small-1", json!([{"sku": "GAU", "amount": 0.5}]))),
    );
}

#[test]
fn sell_debits_metal_and_credits_cash() {
    let server = TestServer::start();
    let mut client = server.client();
    let quote = gbp_quote(&mut client, Some(MEHMET));
    let body = json!({"price_token": quote["token"], "currency_code": "GBP", "external_id": "sell-1", "items": [{"sku": "GAG", "amount": 50}]});
    let reply = client.post("/partner/order/digital/sell", &body);
    let response = data(&reply);
    let price = quote["prices"][1]["sell_price"].as_f64().unwrap();
    assert!((response["total"].as_f64().unwrap() - 50.0 * price).abs() < 0.006);
    assert_eq!(response["orders"][0]["type"], "Sell");
    assert_eq!(response["orders"][0]["status_name"], "Completed");
    assert_eq!(client.balance(MEHMET, "MAG"), 200.0);
    assert!((client.balance(MEHMET, "GBP") - 1500.0 - response["total"].as_f64().unwrap()).abs() < 1e-6);
    let too_much = gbp_quote(&mut client, Some(MEHMET));
    let body =
        json!({"price_token": too_much["token"], "external_id": "sell-2", "items": [{"sku": "GAU", "amount": 13}]});
    failure(&client.post("/partner/order/digital/sell", &body), 422, 2002);
    assert_eq!(client.balance(MEHMET, "MAU"), 12.5);
}

#[test]
fn partner_buys_for_itself_with_one_order_per_item() {
    let server = TestServer::start();
    let mut client = server.client();
    let quote = gbp_quote(&mut client, None);
    let body = json!({"price_token": quote["token"], "external_id": "b2b.1", "items": [{"sku": "GAU", "amount": 0.25}, {"sku": "GPT", "amount": 2}]});
    let reply = client.post("/partner/order/digital/buy", &body);
    let response = data(&reply);
    let ids: Vec<&Value> = response["orders"].as_array().unwrap().iter().map(|o| &o["external_id"]).collect();
    assert_eq!(ids, [&json!("b2b.1"), &json!("b2b.1-2")]);
    assert!(response["orders"][0].get("customer").is_none());
    let sum: f64 = response["orders"].as_array().unwrap().iter().map(|o| o["total"].as_f64().unwrap()).sum();
    assert!((response["total"].as_f64().unwrap() - sum).abs() < 0.005);
    data(&client.get("/partner/order/b2b.1-2"));
    let state = client.state();
    assert_eq!(state["partner"]["MAU"], 0.25);
    assert_eq!(state["partner"]["MAP"], 2.0);
    let reply = client.get("/partner/balance");
    let wallets = data(&reply).as_array().unwrap().clone();
    assert!(wallets.iter().all(|w| w["customer_external_id"].is_null()));
    let codes: Vec<&str> = wallets.iter().map(|w| w["currency_code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["MAU", "MAG", "MAP", "GBP"]);
}
