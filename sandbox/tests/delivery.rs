//! Physical delivery over real HTTP: deliverable wallets, the cost quote, the order and its status over time.

mod common;

use std::time::Duration;

use common::{data, error, failure, TestServer};
use minted_sandbox::Settings;
use serde_json::{json, Value};

const MEHMET: &str = "MTD0018232";

fn address() -> Value {
    json!({"fullname": "Mehmet Gülbilge", "phone": "+905322808035", "city": "İstanbul", "district": "Kadıköy", "address": "Moda Cd. 1", "zipcode": "34710"})
}

#[test]
fn wallets_and_cost_quote() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.post("/partner/delivery/wallets", &json!({"customer_external_id": MEHMET}));
    let wallets = data(&reply);
    assert_eq!(wallets[0]["currency_code"], "MAU");
    assert_eq!(wallets[0]["balance"], 12.5);
    assert_eq!(wallets[0]["deliverable_amount"], 12.5);
    assert_eq!(
        wallets[0]["products"][0],
        json!({"sku": "DAU1", "product_name": "Gold bar 1 g", "weight": 1.0, "minting_fee": 35.0})
    );
    assert_eq!(wallets[1]["currency_code"], "MAG");
    assert_eq!(wallets[1]["products"].as_array().unwrap().len(), 3);

    let body = json!({"customer_external_id": MEHMET, "items": [{"sku": "DAU5", "quantity": 2}], "address": address()});
    let reply = client.post("/partner/delivery/calculate", &body);
    let cost = data(&reply);
    assert_eq!(cost["currency"], "GBP");
    assert_eq!(
        cost["items"][0],
        json!({"sku": "DAU5", "quantity": 2, "weight": 10.0, "currency_code": "MAU", "minting_fee": 120.0})
    );
    assert_eq!(cost["metal"], json!([{"currency_code": "MAU", "amount": 10.0}]));
    assert_eq!(cost["minting_fee"], 120.0);
    assert_eq!(cost["shipping_cost"], 25.0);
    // 0.5 % of 10 g at roughly 67 GBP a gram.
    let insurance = cost["insurance_cost"].as_f64().unwrap();
    assert!((3.2..3.5).contains(&insurance), "{insurance}");
    assert!((cost["total_cost"].as_f64().unwrap() - (145.0 + insurance)).abs() < 0.006);

    let mut missing = body.clone();
    missing["address"]["city"] = json!("");
    assert_eq!(error(&client.post("/partner/delivery/calculate", &missing), 422), "address.city is required");
    missing["address"] = address();
    missing["address"]["zipcode"] = json!("3471");
    assert_eq!(
        error(&client.post("/partner/delivery/calculate", &missing), 422),
        "address.zipcode must be exactly 5 digits"
    );
    let bad_bar =
        json!({"customer_external_id": MEHMET, "items": [{"sku": "DAU2", "quantity": 1}], "address": address()});
    assert_eq!(
        error(&client.post("/partner/delivery/calculate", &bad_bar), 422),
        "items.sku must be one of: DAU1, DAU5, DAU10, DAU20, DAG100, DAG250, DAG500"
    );
    let in_try = json!({"customer_external_id": MEHMET, "items": [{"sku": "DAU1", "quantity": 1}], "address": address(), "currency": "TRY"});
    assert_eq!(data(&client.post("/partner/delivery/calculate", &in_try))["minting_fee"], 1540.0);
}

#[test]
fn delivery_orders_move_through_their_statuses() {
    let server = TestServer::start_with(Settings { delivery_step: Duration::from_secs(1), ..Settings::default() });
    let mut client = server.client();
    // Sandbox time stands still but for the steps below, so each status is reached exactly.
    client.clock(json!({"freeze": true}));
    let body = json!({"external_id": "dlv-0001", "customer_external_id": MEHMET, "items": [{"sku": "DAU5", "quantity": 2}], "address": address(), "payment_type": "cash"});
    let reply = client.post("/partner/delivery", &body);
    let response = data(&reply).clone();
    let order = &response["orders"][0];
    assert_eq!(order["type"], "Delivery");
    assert_eq!(order["status_name"], "Created");
    assert_eq!(order["payment_type"], "cash");
    assert_eq!(order["delivery"]["status_id"], 1);
    assert_eq!(order["delivery"]["sync_status"], true);
    assert_eq!(order["delivery"]["cargo_tracking_number"], Value::Null);
    assert_eq!(
        order["delivery"]["products"],
        json!([{"product_id": 4000005, "sku": "DAU5", "product_name": "Gold bar 5 g", "amount": 2}])
    );
    assert_eq!(order["items"][0]["sku"], "DAU5");
    assert_eq!(order["items"][0]["total"], 120.0);
    assert_eq!(order["address"]["shipping"]["zipcode"], "34710");
    assert_eq!(order["address"]["billing"]["invoice_type"], "Individual");
    assert_eq!(order["address"]["billing"]["email"], "mehmet@example.com");
    let total_cost = response["total"].as_f64().unwrap();
    assert_eq!(client.balance(MEHMET, "MAU"), 2.5);
    assert!((client.balance(MEHMET, "GBP") - (1500.0 - total_cost)).abs() < 1e-6);

    let status = |client: &mut common::Client| data(&client.get("/partner/order/dlv-0001")).clone();
    client.advance_clock(1000);
    let preparing = status(&mut client);
    assert_eq!(preparing["status_name"], "Preparing");
    assert_eq!(preparing["delivery"]["status_id"], 6);
    client.advance_clock(2000);
    let shipped = status(&mut client);
    assert_eq!(shipped["delivery"]["status_name"], "Shipped");
    let number = shipped["delivery"]["cargo_tracking_number"].as_str().unwrap().to_owned();
    assert_eq!(shipped["delivery"]["cargo_tracking_url"], format!("https://cargo.example/track/{number}"));
    client.advance_clock(1000);
    assert_eq!(status(&mut client)["status_name"], "Completed");
    let listed = client.get("/partner/orders?tx_type=delivery&status=Completed");
    assert_eq!(data(&listed)["data"][0]["external_id"], "dlv-0001");

    let again = client.post("/partner/delivery", &body);
    assert_eq!(failure(&again, 422, 1002).1["external_id"], "dlv-0001");
    let too_much = json!({"external_id": "dlv-0002", "customer_external_id": MEHMET, "items": [{"sku": "DAU5", "quantity": 1}], "address": address()});
    failure(&client.post("/partner/delivery", &too_much), 422, 2002);
    assert_eq!(client.balance(MEHMET, "MAU"), 2.5);
}

#[test]
fn delivery_paid_by_card() {
    let server = TestServer::start();
    let mut client = server.client();
    let card = json!({"card_holder": "MEHMET GULBILGE", "card_number": "4111111111111111", "card_expiry": "12/30", "card_cvv": "123", "customer_ip": "127.0.0.1"});
    let body = json!({"external_id": "dlv-card-1", "customer_external_id": MEHMET, "items": [{"sku": "DAG100", "quantity": 1}], "address": address(), "payment_type": "creditcard", "payment": card});
    let reply = client.post("/partner/delivery", &body);
    let response = data(&reply);
    assert_eq!(response["payment"]["state"], "success");
    assert_eq!(response["payment"]["amount"], response["total"]);
    assert_eq!(response["orders"][0]["payment_type"], "credit-card");
    assert_eq!(client.balance(MEHMET, "MAG"), 150.0);
    assert_eq!(client.balance(MEHMET, "GBP"), 1500.0);
    let mut declined = body.clone();
    declined["external_id"] = json!("dlv-card-2");
    declined["payment"]["card_number"] = json!("4000000000000002");
    failure(&client.post("/partner/delivery", &declined), 422, 2001);
    assert_eq!(client.balance(MEHMET, "MAG"), 150.0);
}
