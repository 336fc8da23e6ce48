//! Price fix, basket calculation and current prices over real HTTP.

mod common;

use std::time::Duration;

use common::{customer_block, data, error, failure, TestServer};
use minted_sandbox::Settings;
use serde_json::{json, Value};

#[test]
fn price_fix_requires_api_version_3() {
    let server = TestServer::start();
    let mut client = server.client();
    let body = json!({"type": "digital"});
    assert_eq!(error(&client.post("/partner/pricefix", &body), 422), "api-version must be 3");
    client.set_header("api-version", None);
    assert_eq!(error(&client.post("/partner/pricefix", &body), 422), "api-version must be 3");
    client.set_header("api-version", Some("3"));
    data(&client.post("/partner/pricefix", &body));
    // Other routes keep wanting 2.
    assert_eq!(error(&client.get("/partner/customer/MTD0018232"), 422), "api-version must be 2");
}

#[test]
fn price_fix_has_the_documented_shape() {
    let server = TestServer::start();
    let mut client = server.client();
    let quote = client.quote(&json!({"type": "digital"}));
    let token = quote["token"].as_str().unwrap();
    assert!(token.len() == 32 && token.bytes().all(|b| b.is_ascii_alphanumeric()), "{token}");
    assert_eq!(quote["total"], Value::Null);
    assert_eq!(quote["expire_ttl"], 240);
    assert_eq!(quote["is_total_price"], false);
    assert_eq!(quote["currency"], "TRY");
    let expires_at = quote["expires_at"].as_str().unwrap();
    assert!(expires_at.len() == 25 && expires_at.ends_with("+00:00") && &expires_at[10..11] == "T", "{expires_at}");
    let prices = quote["prices"].as_array().unwrap();
    let skus: Vec<&str> = prices.iter().map(|p| p["sku"].as_str().unwrap()).collect();
    assert_eq!(skus, ["GAU", "GAG", "BGAU", "BGAG", "GPT", "GPD"]);
    for price in prices {
        assert_eq!(price.as_object().unwrap().len(), 7, "{price}");
        assert_eq!(price["buy_amount"], Value::Null);
        assert!(price["buy_price"].as_f64() > price["sell_price"].as_f64());
    }
    assert_eq!(prices[0]["product_id"], 3000001);
    assert_eq!(prices[0]["currency_id"], 1000004);
    let gau = prices[0]["spot_price"].as_f64().unwrap();
    assert!((2900.0..2990.0).contains(&gau), "{gau}");
}

#[test]
fn price_fix_from_a_total_price() {
    let server = TestServer::start();
    let mut client = server.client();
    let body = json!({"type": "digital", "customer_external_id": "MTD0018232", "currency": "GBP", "total": 1000});
    let quote = client.quote(&body);
    assert_eq!(quote["is_total_price"], true);
    assert_eq!(quote["total"], 1000.0);
    assert_eq!(quote["currency"], "GBP");
    for price in quote["prices"].as_array().unwrap() {
        let expected = (1000.0 / price["buy_price"].as_f64().unwrap() * 10_000.0).round() / 10_000.0;
        assert!((price["buy_amount"].as_f64().unwrap() - expected).abs() < 1e-9, "{price}");
    }
    let gau = quote["prices"][0]["spot_price"].as_f64().unwrap();
    assert!((65.0..68.0).contains(&gau), "GBP at 44 TRY: {gau}");
    let no_customer = client.pricefix(&json!({"type": "digital", "total": 10}));
    assert_eq!(error(&no_customer, 422), "customer_external_id is required when total is given");
    let nobody = client.pricefix(&json!({"type": "digital", "customer_external_id": "nobody"}));
    assert_eq!(error(&nobody, 404), "Customer not found");
    assert_eq!(error(&client.pricefix(&json!({"type": "physical"})), 422), "type must be one of: digital");
    let null_customer = client.pricefix(&json!({"type": "digital", "customer_external_id": null}));
    assert_eq!(error(&null_customer, 422), "customer_external_id must be a string");
    let yen = client.pricefix(&json!({"type": "digital", "currency": "JPY"}));
    assert_eq!(error(&yen, 422), "currency must be one of: GBP, USD, EUR, TRY");
}

#[test]
fn prices_follow_the_seed() {
    let first = TestServer::start();
    let second = TestServer::start();
    let other = TestServer::start_with(Settings { seed: 7, ..Settings::default() });
    let gau =
        |server: &TestServer| server.client().quote(&json!({"type": "digital"}))["prices"][0]["spot_price"].clone();
    // Same minute, same seed, same price (retried once in case a minute boundary fell in between).
    let same = (0..2).any(|_| gau(&first) == gau(&second));
    assert!(same);
    assert_ne!(gau(&first), gau(&other));
}

#[test]
fn quotes_expire_after_their_ttl() {
    let server = TestServer::start_with(Settings { quote_ttl: Duration::from_secs(1), ..Settings::default() });
    let mut client = server.client();
    let quote = client.quote(&json!({"type": "digital", "customer_external_id": "MTD0018232"}));
    assert_eq!(quote["expire_ttl"], 1);
    // The expiry is rounded up to a whole second, so it comes within 2 s.
    client.advance_clock(2050);
    let body = json!({"price_token": quote["token"], "external_id": "late-1", "customer": customer_block("MTD0018232"), "items": [{"sku": "GAU", "amount": 0.01}]});
    let (message, _) = failure(&client.post("/partner/order/digital/buy", &body), 422, 1011);
    assert_eq!(message, "price token expired");
    let calc = json!({"price_token": quote["token"], "items": [{"sku": "GAU", "amount": 1}]});
    failure(&client.post("/partner/calculate-price", &calc), 422, 1011);
}

#[test]
fn calculate_price_at_the_quote() {
    let server = TestServer::start();
    let mut client = server.client();
    let quote = client.quote(&json!({"type": "digital"}));
    let gau = quote["prices"][0]["buy_price"].as_f64().unwrap();
    let gag = quote["prices"][1]["buy_price"].as_f64().unwrap();
    let body = json!({"price_token": quote["token"], "side": "buy", "items": [{"sku": "GAU", "amount": 1.5}, {"sku": "GAG", "total": 1000}]});
    let reply = client.post("/partner/calculate-price", &body);
    let result = data(&reply);
    assert_eq!(result["currency"], "TRY");
    assert_eq!(result["side"], "buy");
    assert_eq!(result["items"][0]["unit_price"], gau);
    assert!((result["items"][0]["total"].as_f64().unwrap() - 1.5 * gau).abs() < 0.006);
    assert_eq!(result["items"][1]["total"], 1000.0);
    assert_eq!(result["items"][1]["amount"], ((1000.0 / gag) * 10_000.0).round() / 10_000.0);
    let sum = result["items"][0]["total"].as_f64().unwrap() + 1000.0;
    assert!((result["total"].as_f64().unwrap() - sum).abs() < 0.005);
    let sell = json!({"price_token": quote["token"], "side": "sell", "items": [{"sku": "GAU", "amount": 1}]});
    assert_eq!(
        data(&client.post("/partner/calculate-price", &sell))["items"][0]["unit_price"],
        quote["prices"][0]["sell_price"]
    );
    let both = json!({"price_token": quote["token"], "items": [{"sku": "GAU", "amount": 1, "total": 5}]});
    assert_eq!(
        error(&client.post("/partner/calculate-price", &both), 422),
        "each item needs either amount or total, not both"
    );
    let unknown = json!({"price_token": "nope", "items": [{"sku": "GAU", "amount": 1}]});
    failure(&client.post("/partner/calculate-price", &unknown), 422, 1010);
}

#[test]
fn product_prices_now() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get("/partner/product-prices");
    let prices = data(&reply).as_array().unwrap().clone();
    assert_eq!(prices.len(), 6);
    assert!(prices.iter().all(|p| p["currency"] == "GBP" && p["buy_price"].as_f64() > p["sell_price"].as_f64()));
    assert_eq!(prices[0]["product_name"], "Gold - Digital storage");
    assert!(prices[0]["updated_at"].as_str().unwrap().ends_with(":00+00:00"));
    let reply = client.get("/partner/product-prices?currency=USD");
    assert!(data(&reply).as_array().unwrap().iter().all(|p| p["currency"] == "USD"));
    assert_eq!(
        error(&client.get("/partner/product-prices?currency=XXX"), 422),
        "currency must be one of: GBP, USD, EUR, TRY"
    );
}
