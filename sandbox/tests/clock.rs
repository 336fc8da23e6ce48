//! The sandbox clock over HTTP: `GET`/`POST /__sandbox/clock`, and the time-based behaviour that follows it.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::{customer_block, data, failure, TestServer};
use serde_json::{json, Value};

const MEHMET: &str = "MTD0018232";

fn system_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

fn now_ms(view: &Value) -> i64 {
    view["now_ms"].as_i64().expect("now_ms")
}

#[test]
fn runs_with_real_time_until_moved() {
    let server = TestServer::start();
    let client = server.client();
    let before = system_ms();
    let view = client.raw("GET", "/__sandbox/clock", None, &[]).json;
    assert!((now_ms(&view) - before).abs() < 5_000, "{view}");
    assert_eq!((view["frozen"].clone(), view["advanced_ms"].clone()), (json!(false), json!(0)));
    assert!(view["now"].as_str().unwrap().ends_with("+00:00"));
    let moved = client.clock(json!({"advance_secs": 90}));
    assert!(now_ms(&moved) >= now_ms(&view) + 90_000, "{moved}");
    assert_eq!(moved["advanced_ms"], 90_000);
}

#[test]
fn a_frozen_clock_moves_only_when_advanced() {
    let server = TestServer::start();
    let client = server.client();
    let frozen = now_ms(&client.clock(json!({"freeze": true})));
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(now_ms(&client.raw("GET", "/__sandbox/clock", None, &[]).json), frozen);
    assert_eq!(now_ms(&client.advance_clock(1_500)), frozen + 1_500);
    let both = client.clock(json!({"freeze": false, "advance_ms": 500}));
    assert!(now_ms(&both) >= frozen + 2_000 && both["frozen"] == false, "{both}");
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let server = TestServer::start();
    let client = server.client();
    let post = |body: &str| client.raw("POST", "/__sandbox/clock", Some(body), &[]);
    failure(&post("{"), 400, 1003);
    for (body, reason) in [
        ("{}", "give advance_secs, advance_ms or freeze"),
        (r#"{"advance": 5}"#, "unknown field `advance`"),
        (r#"{"advance_secs": -5}"#, "invalid value"),
        (r#"{"advance_secs": 1, "advance_ms": 1}"#, "not both"),
        (r#"{"advance_secs": 999999999999}"#, "at most"),
    ] {
        let (message, _) = failure(&post(body), 422, 1001);
        assert!(message.contains(reason), "{body}: {message}");
        assert!(message.starts_with("geçersiz saat isteği") || message.starts_with("invalid clock request"));
    }
    assert_eq!(client.raw("GET", "/__sandbox/clock", None, &[]).json["advanced_ms"], 0, "nothing moved");
}

#[test]
fn quotes_expire_by_the_sandbox_clock() {
    let server = TestServer::start();
    let mut client = server.client();
    client.clock(json!({"freeze": true}));
    let quote = client.quote(&json!({"type": "digital", "customer_external_id": MEHMET}));
    assert_eq!(quote["expire_ttl"], 240);
    let calc = json!({"price_token": quote["token"], "items": [{"sku": "GAU", "amount": 1}]});
    client.advance_clock(239_000);
    data(&client.post("/partner/calculate-price", &calc));
    client.advance_clock(2_000);
    failure(&client.post("/partner/calculate-price", &calc), 422, 1011);
    let body = json!({"price_token": quote["token"], "external_id": "late-2", "customer": customer_block(MEHMET), "items": [{"sku": "GAU", "amount": 0.01}]});
    failure(&client.post("/partner/order/digital/buy", &body), 422, 1011);
}

#[test]
fn prices_follow_the_sandbox_minute() {
    let server = TestServer::start();
    let mut client = server.client();
    client.clock(json!({"freeze": true}));
    let updated_at = |client: &mut common::Client| {
        data(&client.get("/partner/product-prices"))[0]["updated_at"].as_str().unwrap().to_owned()
    };
    let first = updated_at(&mut client);
    assert_eq!(updated_at(&mut client), first, "a stopped clock, one minute");
    client.advance_clock(3_600_000);
    let later = updated_at(&mut client);
    let hour = |stamp: &str| stamp[11..13].parse::<u32>().unwrap();
    assert_eq!((hour(&first) + 1) % 24, hour(&later), "{first} → {later}");
    assert_eq!(first[13..], later[13..], "the same minute of the next hour");
}

#[test]
fn nonces_go_stale_by_the_sandbox_clock() {
    let server = TestServer::start();
    let mut client = server.client();
    data(&client.get("/partner/customer/MTD0018232"));
    client.advance_clock(301_000);
    let unsigned = client.raw("GET", "/partner/customer/MTD0018232", None, &[]);
    assert_eq!(unsigned.status, 401);
    // The client's nonce is past the default 300 s: the signed retry is told `stale=true`, then succeeds.
    let before = client.raw("GET", "/__sandbox/stats", None, &[]).json["unauthorized"].as_u64().unwrap();
    data(&client.get("/partner/customer/MTD0018232"));
    let after = client.raw("GET", "/__sandbox/stats", None, &[]).json["unauthorized"].as_u64().unwrap();
    assert_eq!(after, before + 1, "one stale round trip");
}
