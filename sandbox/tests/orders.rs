//! Order look-ups over real HTTP.

mod common;

use common::{data, error, TestServer};
use serde_json::{json, Value};

const CARD_ORDER: &str = "HYAQA01714rqz";
const CASH_ORDER: &str = "1699255128879-05ee3052-47fe-4747-adff-2cde45d8d9ec";

#[test]
fn get_order_by_external_id() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get(&format!("/partner/order/{CARD_ORDER}"));
    let order = data(&reply);
    assert_eq!(order["order_code"], "YID9Z07U");
    assert_eq!(order["payment_type"], "credit-card");
    assert_eq!(order["payment"]["state"], "success");
    assert_eq!(order["payment"]["details"]["card_number"], "404809******7528");
    assert_eq!(order["customer"]["external_id"], "MTD0018232");
    assert_eq!(error(&client.get("/partner/order/nope"), 404), "Order not found");
}

#[test]
fn legacy_order_keeps_the_older_field_set() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get("/partner/order/HYAQA01373");
    let order = data(&reply);
    assert_eq!(order["status_name"], "New");
    assert_eq!(order["tx_type"], "oneoffpurchase");
    assert!(order.get("type").is_none());
}

#[test]
fn get_order_alternative_by_guid_and_by_order_code() {
    let server = TestServer::start();
    let mut client = server.client();
    let by_guid =
        client.post("/partner/order", &json!({"guid": "896AE1AC-E26F-4291-80B2-BF80DE0A920A", "push_hook": true}));
    assert_eq!(data(&by_guid)["external_id"], CASH_ORDER);
    assert_eq!(data(&by_guid)["payment"], Value::Null);
    assert_eq!(data(&by_guid)["items"][0]["amount"], 0.1);
    let lower_guid = client.post("/partner/order", &json!({"guid": "896ae1ac-e26f-4291-80b2-bf80de0a920a"}));
    assert_eq!(data(&lower_guid)["external_id"], CASH_ORDER);
    let by_code = client.post("/partner/order", &json!({"order_code": "YID9Z07U"}));
    assert_eq!(data(&by_code)["external_id"], CARD_ORDER);
    let by_external_id = client.post("/partner/order", &json!({"external_id": CASH_ORDER}));
    assert_eq!(data(&by_external_id)["order_code"], "ALS8HEVP");
}

#[test]
fn get_order_alternative_errors() {
    let server = TestServer::start();
    let mut client = server.client();
    assert_eq!(
        error(&client.post("/partner/order", &json!({"push_hook": true})), 422),
        "one of guid, order_code or external_id is required"
    );
    assert_eq!(error(&client.post("/partner/order", &json!({"order_code": "NOPE"})), 404), "Order not found");
    // Every identifier given must match the same order.
    let mixed = json!({"order_code": "YID9Z07U", "external_id": CASH_ORDER});
    assert_eq!(error(&client.post("/partner/order", &mixed), 404), "Order not found");
    assert_eq!(error(&client.post("/partner/order", &json!({"guid": 5})), 422), "guid must be a string");
}
