//! Card payments, the BIN query and card storage over real HTTP: every test card's outcome, 3-D Secure, and no full
//! card number ever coming back.

mod common;

use common::{customer_block, data, error, failure, Client, TestServer};
use serde_json::{json, Value};

const MEHMET: &str = "MTD0018232";

fn card(number: &str) -> Value {
    json!({"card_holder": "MEHMET GULBILGE", "card_number": number, "card_expiry": "12/30", "card_cvv": "123", "customer_ip": "203.0.113.7"})
}

fn card_buy(client: &mut Client, external_id: &str, payment: Value) -> common::Reply {
    let quote = client.quote(&json!({"type": "digital", "currency": "GBP", "customer_external_id": MEHMET}));
    let body = json!({
        "price_token": quote["token"], "external_id": external_id, "customer": customer_block(MEHMET),
        "items": [{"sku": "GAU", "amount": 1}], "payment_type": "creditcard", "payment": payment,
    });
    client.post("/partner/order/digital/buy", &body)
}

#[test]
fn approved_cards_credit_metal_and_leave_cash_alone() {
    let server = TestServer::start();
    let mut client = server.client();
    for (index, number) in ["4111111111111111", "5555 5555 5555 4444", "4242424242424242"].iter().enumerate() {
        let reply = card_buy(&mut client, &format!("card-ok-{index}"), card(number));
        let response = data(&reply);
        let payment = &response["payment"];
        assert_eq!(payment["state"], "success");
        assert_eq!(payment["is_3d"], false);
        assert_eq!(payment["token"].as_str().unwrap().len(), 64);
        assert!(payment["transaction_id"].is_string());
        assert_eq!(payment["order_reference"], format!("card-ok-{index}"));
        assert_eq!(payment["amount"], response["total"]);
        assert_eq!(payment["comission"], 0.0);
        assert_eq!(payment["refunded_amount"], 0);
        assert_eq!(payment["error_code"], Value::Null);
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(payment["details"]["card_number"], format!("{}******{}", &digits[..6], &digits[12..]));
        assert!(payment["details"].get("card_cvv").is_none());
        assert!(!reply.text.contains(&digits));
        let order = &response["orders"][0];
        assert_eq!(order["status_name"], "Payment Confirmed");
        assert_eq!(order["payment_type"], "credit-card");
    }
    assert_eq!(client.balance(MEHMET, "MAU"), 15.5);
    assert_eq!(client.balance(MEHMET, "GBP"), 1500.0);
    assert!(!client.raw("GET", "/__sandbox/state", None, &[]).text.contains("4111111111111111"));
}

#[test]
fn declines_fail_with_the_failed_payment_and_change_nothing() {
    let server = TestServer::start();
    let mut client = server.client();
    let (message, payment) = failure(&card_buy(&mut client, "card-no-1", card("4000000000000002")), 422, 2001);
    assert_eq!(message, "card declined");
    assert_eq!(payment["state"], "failed");
    assert_eq!(payment["error_code"], "05");
    assert_eq!(payment["error_message"], "Do not honour");
    assert_eq!(payment["details"]["card_number"], "400000******0002");
    let (message, payment) = failure(&card_buy(&mut client, "card-no-2", card("4000000000009995")), 422, 2003);
    assert_eq!(message, "insufficient funds on card");
    assert_eq!(payment["error_code"], "51");
    assert_eq!(client.balance(MEHMET, "MAU"), 12.5);
    assert_eq!(error(&client.get("/partner/order/card-no-1"), 404), "Order not found");
    let bad = card_buy(&mut client, "card-no-3", card("4111111111111112"));
    assert_eq!(error(&bad, 422), "payment.card_number must be a valid card number (12-19 digits, Luhn check)");
    let mut expired = card("4111111111111111");
    expired["card_expiry"] = json!("01/20");
    assert_eq!(
        error(&card_buy(&mut client, "card-no-4", expired), 422),
        "payment.card_expiry must be an MM/YY date that has not passed"
    );
    let mut nine = card("4000000000000002");
    nine["installment"] = json!(9);
    assert_eq!(error(&card_buy(&mut client, "card-no-5", nine), 422), "payment.installment must be one of: 1");
}

#[test]
fn three_d_secure_completes_on_the_sandbox_page() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = card_buy(&mut client, "card-3ds-1", card("4000000000003220"));
    let response = data(&reply);
    let payment = &response["payment"];
    assert_eq!(payment["state"], "new");
    assert_eq!(payment["is_3d"], true);
    assert_eq!(payment["auth_mode"], "3d");
    let redirect = payment["redirect_url"].as_str().unwrap();
    assert_eq!(redirect, format!("{}/__sandbox/3ds/{}", server.base_url, payment["token"].as_str().unwrap()));
    assert_eq!(response["orders"][0]["status_name"], "Pending");
    assert_eq!(client.balance(MEHMET, "MAU"), 12.5, "metal waits for the 3-D Secure step");
    let path = redirect.strip_prefix(&server.base_url).unwrap();
    // In a browser the redirect opens a page with one button (a form POST to the same address); opening it
    // changes nothing.
    let page = client.raw("GET", path, None, &[]);
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"), "{:?}", page.headers);
    assert!(page.text.contains(r#"<form method="post">"#), "{}", page.text);
    assert_eq!(client.balance(MEHMET, "MAU"), 12.5, "looking at the page confirms nothing");
    let done = client.raw("POST", path, None, &[]);
    assert_eq!(data(&done)["orders"], json!(["card-3ds-1"]));
    assert_eq!(client.balance(MEHMET, "MAU"), 13.5);
    let order = client.get("/partner/order/card-3ds-1");
    assert_eq!(data(&order)["status_name"], "Payment Confirmed");
    assert_eq!(data(&order)["payment"]["state"], "success");
    // Completing twice credits once.
    data(&client.raw("POST", path, None, &[]));
    assert_eq!(client.balance(MEHMET, "MAU"), 13.5);
    assert_eq!(error(&client.raw("POST", "/__sandbox/3ds/nope", None, &[]), 404), "Payment not found");
}

#[test]
fn three_d_secure_page_form_confirms_and_answers_with_a_page() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = card_buy(&mut client, "card-3ds-form", card("4000000000003220"));
    let redirect = data(&reply)["payment"]["redirect_url"].as_str().unwrap().to_owned();
    let path = redirect.strip_prefix(&server.base_url).unwrap();
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let done = client.raw("POST", path, Some(""), &form);
    assert_eq!(done.status, 200);
    assert!(done.text.contains("Payment confirmed"), "{}", done.text);
    assert_eq!(data(&client.get("/partner/order/card-3ds-form"))["payment"]["state"], "success");
}

#[test]
fn bin_query_prices_installments() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.post("/partner/payment/bin", &json!({"bin": "41111111", "amount": 1000}));
    let info = data(&reply);
    assert_eq!(info["bin"], "411111");
    assert_eq!(info["card_association"], "Visa");
    assert_eq!(info["card_type"], "credit");
    assert_eq!(info["bank_name"], "Sandbox Bank");
    let counts: Vec<u64> =
        info["installments"].as_array().unwrap().iter().map(|i| i["count"].as_u64().unwrap()).collect();
    assert_eq!(counts, [1, 2, 3, 6, 9]);
    assert_eq!(
        info["installments"][2],
        json!({"count": 3, "commission_rate": 2.5, "commission": 25.0, "installment_amount": 341.67, "total": 1025.0})
    );
    assert_eq!(info["installments"][4]["commission"], 60.0);
    let reply = client.post("/partner/payment/bin", &json!({"bin": "555555"}));
    assert_eq!(
        data(&reply)["installments"][3],
        json!({"count": 6, "commission_rate": 4.2, "commission": 0.0, "installment_amount": 0.0, "total": 0.0})
    );
    assert_eq!(
        data(&client.post("/partner/payment/bin", &json!({"bin": "400000"})))["bank_name"],
        "Sandbox Debit Bank"
    );
    assert_eq!(error(&client.post("/partner/payment/bin", &json!({"bin": "12345"})), 422), "bin must be 6-8 digits");
    assert_eq!(error(&client.post("/partner/payment/bin", &json!({"bin": "999999"})), 404), "BIN not found");
    let reply = client.get("/partner/payment/types");
    assert_eq!(data(&reply)[1], json!({"code": "creditcard", "name": "Credit card", "enabled": true}));
}

#[test]
fn card_storage_keeps_only_masked_numbers() {
    let server = TestServer::start();
    let mut client = server.client();
    let body = json!({"customer_external_id": MEHMET, "card_holder": "MEHMET GULBILGE", "card_number": "4111 1111 1111 1111", "card_expiry": "12/29", "alias": "personal"});
    let reply = client.post("/partner/card-storage", &body);
    let stored = data(&reply).clone();
    assert!(!reply.text.contains("4111111111111111"));
    assert_eq!(stored["masked_number"], "411111******1111");
    assert_eq!(stored["card_association"], "Visa");
    assert_eq!(stored["alias"], "personal");
    assert!(stored["card_token"].as_str().unwrap().starts_with("ctok_"));
    assert_eq!(stored.as_object().unwrap().len(), 7);
    let list = client.post("/partner/card-storage/list", &json!({"customer_external_id": MEHMET}));
    assert_eq!(data(&list), &json!([stored]));
    assert!(!list.text.contains("4111111111111111"));
    assert!(!client.raw("GET", "/__sandbox/state", None, &[]).text.contains("4111111111111111"));

    // A stored card pays with its CVV; another customer cannot use it.
    let payment =
        json!({"card_token": stored["card_token"], "card_cvv": "123", "customer_ip": "127.0.0.1", "installment": 3});
    let reply = card_buy(&mut client, "stored-1", payment.clone());
    let paid = data(&reply);
    assert_eq!(paid["payment"]["details"]["card_number"], "411111******1111");
    let expected = (paid["total"].as_f64().unwrap() * 2.5).round() / 100.0;
    assert!((paid["payment"]["comission"].as_f64().unwrap() - expected).abs() < 0.011);
    assert_eq!(paid["orders"][0]["payment_cost"], paid["payment"]["comission"]);
    let other = client.quote(&json!({"type": "digital", "customer_external_id": "92440753"}));
    let body = json!({"price_token": other["token"], "external_id": "stolen-1", "customer": customer_block("92440753"), "items": [{"sku": "GAU", "amount": 0.1}], "payment_type": "creditcard", "payment": payment});
    assert_eq!(
        error(&client.post("/partner/order/digital/buy", &body), 422),
        "payment.card_token is not a stored card of this customer"
    );

    let bad = json!({"customer_external_id": MEHMET, "card_holder": "X", "card_number": "1234567890123", "card_expiry": "12/29"});
    assert_eq!(
        error(&client.post("/partner/card-storage", &bad), 422),
        "card_number must be a valid card number (12-19 digits, Luhn check)"
    );
    let old = json!({"customer_external_id": MEHMET, "card_holder": "X", "card_number": "5555555555554444", "card_expiry": "12/20"});
    assert_eq!(
        error(&client.post("/partner/card-storage", &old), 422),
        "card_expiry must be an MM/YY date that has not passed"
    );
    let nobody = json!({"customer_external_id": "nobody", "card_holder": "X", "card_number": "5555555555554444", "card_expiry": "12/29"});
    assert_eq!(error(&client.post("/partner/card-storage", &nobody), 404), "Customer not found");

    let delete = json!({"customer_external_id": MEHMET, "card_token": stored["card_token"]});
    let reply = client.delete_with("/partner/card-storage", &delete);
    assert_eq!(data(&reply), &json!({"card_token": stored["card_token"], "deleted": true}));
    assert_eq!(data(&client.post("/partner/card-storage/list", &json!({"customer_external_id": MEHMET}))), &json!([]));
    assert_eq!(error(&client.delete_with("/partner/card-storage", &delete), 404), "Stored card not found");
}
