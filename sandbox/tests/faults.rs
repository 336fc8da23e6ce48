//! Fault injection over real HTTP: the admin API, each answer-shaped fault, rule matching and random mode. The faults
//! that break connections or time (reset, drop-after-commit, delay) and concurrency are in `fault_connections.rs`.

mod common;

use common::{customer_block, data, failure, Client, Reply, TestServer};
use serde_json::{json, Value};

const MEHMET: &str = "MTD0018232";
const CUSTOMER: &str = "/partner/customer/MTD0018232";
const BUY: &str = "/partner/order/digital/buy";
const ORIGIN: &str = "http://localhost:5173";

/// Replaces the fault plan; returns the plan view.
fn set_faults(client: &Client, plan: Value) -> Value {
    let reply = client.raw("PUT", "/__sandbox/faults", Some(&plan.to_string()), &[]);
    assert_eq!(reply.status, 200, "{}", reply.text);
    reply.json
}

fn faults(client: &Client) -> Value {
    client.raw("GET", "/__sandbox/faults", None, &[]).json
}

/// A cash buy of 0.1 g gold for Mehmet with a fresh quote.
fn buy(client: &mut Client, external_id: &str) -> Reply {
    let quote = client.quote(&json!({"type": "digital", "currency": "GBP", "customer_external_id": MEHMET}));
    let body = json!({"price_token": quote["token"], "external_id": external_id, "customer": customer_block(MEHMET), "items": [{"sku": "GAU", "amount": 0.1}]});
    client.post(BUY, &body)
}

fn order_count(client: &Client, external_id: &str) -> u64 {
    client.state()["orders_by_external_id"][external_id].as_u64().unwrap_or(0)
}

/// A client whose requests carry an `Origin`, so CORS headers can be checked.
fn browser_like(server: &TestServer) -> Client {
    let mut client = server.client();
    client.set_header("origin", Some(ORIGIN));
    client
}

fn assert_marked(reply: &Reply) {
    assert!(reply.header("x-request-id").is_some(), "{reply:?}");
    assert_eq!(reply.header("access-control-allow-origin"), Some(ORIGIN));
}

#[test]
fn status_500_is_an_enveloped_error_and_nothing_is_processed() {
    let server = TestServer::start();
    let mut client = browser_like(&server);
    set_faults(&client, json!({"rules": [{"fault": "status-500", "method": "POST", "path": BUY}]}));
    let reply = buy(&mut client, "f500-1");
    assert_eq!(failure(&reply, 500, 5000).0, "Internal server error");
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_marked(&reply);
    assert_eq!(order_count(&client, "f500-1"), 0);
    data(&buy(&mut client, "f500-1"));
    assert_eq!(order_count(&client, "f500-1"), 1);
}

#[test]
fn status_502_is_an_html_page() {
    let server = TestServer::start();
    let mut client = browser_like(&server);
    set_faults(&client, json!({"rules": [{"fault": "status-502", "path": CUSTOMER}]}));
    let reply = client.get(CUSTOMER);
    assert_eq!(reply.status, 502);
    assert_eq!(reply.header("content-type"), Some("text/html"));
    assert_eq!(reply.text, "<html><body><h1>502 Bad Gateway</h1></body></html>");
    assert_marked(&reply);
    data(&client.get(CUSTOMER));
}

#[test]
fn status_503_and_rate_limit_say_when_to_retry() {
    let server = TestServer::start();
    let mut client = browser_like(&server);
    let rules = json!([{"fault": "status-503", "retry_after": "7"}, {"fault": "status-503"}, {"fault": "rate-limit"}, {"fault": "rate-limit", "retry_after": "2"}]);
    set_faults(&client, json!({ "rules": rules }));
    let unavailable = client.get(CUSTOMER);
    assert_eq!(failure(&unavailable, 503, 5030).0, "Service unavailable");
    assert_eq!(unavailable.header("retry-after"), Some("7"));
    assert_marked(&unavailable);
    assert!(unavailable.header("access-control-expose-headers").unwrap().contains("Retry-After"));
    assert_eq!(client.get(CUSTOMER).header("retry-after"), Some("1"));
    let limited = client.get(CUSTOMER);
    assert_eq!(failure(&limited, 429, 4290).0, "Too many requests");
    assert_eq!(limited.header("retry-after"), Some("1"));
    assert_marked(&limited);
    assert_eq!(client.get(CUSTOMER).header("retry-after"), Some("2"));
    data(&client.get(CUSTOMER));
}

#[test]
fn html_answers_200_without_processing() {
    let server = TestServer::start();
    let mut client = browser_like(&server);
    set_faults(&client, json!({"rules": [{"fault": "html", "path": BUY}]}));
    let reply = buy(&mut client, "html-1");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("text/html"));
    assert_eq!(reply.text, "<html>maintenance</html>");
    assert_marked(&reply);
    assert_eq!(order_count(&client, "html-1"), 0);
}

#[test]
fn malformed_json_is_half_of_the_real_body_after_processing() {
    let server = TestServer::start();
    let mut client = browser_like(&server);
    let whole = client.get(CUSTOMER).text;
    set_faults(
        &client,
        json!({"rules": [{"fault": "malformed-json", "path": CUSTOMER}, {"fault": "malformed-json", "path": BUY}]}),
    );
    let reply = client.get(CUSTOMER);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.text, whole[..whole.len() / 2]);
    assert!(serde_json::from_str::<Value>(&reply.text).is_err());
    assert_marked(&reply);
    let quote = client.quote(&json!({"type": "digital", "currency": "GBP", "customer_external_id": MEHMET}));
    let body = json!({"price_token": quote["token"], "external_id": "mal-1", "customer": customer_block(MEHMET), "items": [{"sku": "GAU", "amount": 0.1}]});
    let cut = client.post(BUY, &body);
    assert!(cut.status == 200 && cut.text.starts_with('{') && cut.json.is_null(), "{cut:?}");
    assert_eq!(order_count(&client, "mal-1"), 1, "the order was committed");
}

#[test]
fn empty_answers_200_with_no_body_after_processing() {
    let server = TestServer::start();
    let mut client = browser_like(&server);
    set_faults(&client, json!({"rules": [{"fault": "empty", "path": BUY}]}));
    let reply = buy(&mut client, "empty-1");
    assert_eq!((reply.status, reply.text.as_str()), (200, ""));
    assert_eq!(reply.header("content-length"), Some("0"));
    assert_marked(&reply);
    assert_eq!(order_count(&client, "empty-1"), 1);
}

#[test]
fn stale_nonce_is_a_401_the_client_recovers_from_by_signing_again() {
    let server = TestServer::start();
    let mut client = server.client();
    let challenge = client.raw("GET", CUSTOMER, None, &[]).challenge();
    set_faults(&client, json!({"rules": [{"fault": "stale-nonce", "path": CUSTOMER}]}));
    let signed = client.sign_with(&challenge, 1, "GET", CUSTOMER);
    let reply = client.raw("GET", CUSTOMER, None, &[("authorization", &signed)]);
    assert_eq!(failure(&reply, 401, 1007).0, "The nonce has expired; retry with the new nonce");
    let challenges = reply.header_all("www-authenticate");
    assert_eq!(challenges.len(), 2);
    assert!(challenges.iter().all(|c| c.ends_with("stale=true")), "{challenges:?}");
    let fresh = reply.challenge();
    assert_ne!(fresh.nonce, challenge.nonce);
    let again = client.sign_with(&fresh, 1, "GET", CUSTOMER);
    data(&client.raw("GET", CUSTOMER, None, &[("authorization", &again)]));
    let stats = client.raw("GET", "/__sandbox/stats", None, &[]).json;
    assert_eq!(stats, json!({"partner_requests": 3, "unauthorized": 2}));
    let view = faults(&client);
    assert_eq!((view["injected"]["stale-nonce"].clone(), view["matched_requests"].clone()), (json!(1), json!(2)));
}

#[test]
fn rules_count_their_times_and_match_path_prefixes_and_methods() {
    let server = TestServer::start();
    let mut client = server.client();
    set_faults(
        &client,
        json!({"rules": [{"fault": "status-500", "method": "get", "path": "/partner/order/*", "times": 2}]}),
    );
    data(&client.get(CUSTOMER));
    let order = "/partner/order/HYAQA01714rqz";
    assert_eq!(client.get(order).status, 500);
    assert_eq!(client.post(order, &json!({})).status, 405, "POST is not matched");
    assert_eq!(client.get(order).status, 500);
    data(&client.get(order));
    let view = faults(&client);
    assert_eq!(view["rules"][0]["used"], 2);
    assert_eq!(view["rules"][0]["times"], 2);
    assert_eq!(view["matched_requests"], 3);
    assert_eq!(view["injected"]["status-500"], 2);
}

/// What a client saw, as the fault kind that explains it (`None` for the real answer).
fn observed(reply: &Reply) -> Option<&'static str> {
    match (reply.status, reply.header("content-type")) {
        (500, _) => Some("status-500"),
        (503, _) => Some("status-503"),
        (429, _) => Some("rate-limit"),
        (200, Some("text/html")) => Some("html"),
        (200, _) if reply.json["success"] == true => None,
        _ => panic!("unexpected {reply:?}"),
    }
}

#[test]
fn random_mode_repeats_itself_for_the_same_seed() {
    let server = TestServer::start();
    let mut client = server.client();
    let plan = json!({"random": {"seed": 7, "rate": 0.4, "faults": ["status-500", "status-503", "rate-limit", "html"], "path": "/partner/customer/*"}});
    let mut runs = Vec::new();
    for _ in 0..2 {
        set_faults(&client, plan.clone());
        data(&client.get("/partner/balance"));
        let seen: Vec<Option<&str>> = (0..50).map(|_| observed(&client.get(CUSTOMER))).collect();
        let view = faults(&client);
        assert_eq!(view["matched_requests"], 50);
        let injected: u64 = view["injected"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
        assert_eq!(injected, seen.iter().flatten().count() as u64);
        runs.push(seen);
    }
    assert_eq!(runs[0], runs[1]);
    let faults_seen = runs[0].iter().flatten().count();
    assert!((8..=35).contains(&faults_seen), "{faults_seen} of 50 at rate 0.4: {:?}", runs[0]);
}

#[test]
fn delete_clears_the_plan_and_answers_its_counters() {
    let server = TestServer::start();
    let mut client = server.client();
    let put = set_faults(&client, json!({"rules": [{"fault": "status-500", "times": 10}]}));
    assert_eq!(put["rules"], json!([{"fault": "status-500", "times": 10, "used": 0}]));
    assert_eq!(put["random"], Value::Null);
    assert_eq!(client.get(CUSTOMER).status, 500);
    let cleared = client.raw("DELETE", "/__sandbox/faults", None, &[]);
    assert_eq!(cleared.status, 200);
    assert_eq!(cleared.json["injected"]["status-500"], 1);
    assert_eq!(cleared.json["rules"][0]["used"], 1);
    data(&client.get(CUSTOMER));
    let view = faults(&client);
    assert_eq!((view["rules"].clone(), view["random"].clone()), (json!([]), Value::Null));
    assert_eq!(view["matched_requests"], 0);
    assert!(view["injected"].as_object().unwrap().values().all(|n| n == 0), "{view}");
}

#[test]
fn counters_skip_the_challenge_round_trip_and_bad_plans_are_refused() {
    let server = TestServer::start();
    let mut client = server.client();
    set_faults(&client, json!({"rules": [{"fault": "html", "path": CUSTOMER}]}));
    assert_eq!(client.get(CUSTOMER).text, "<html>maintenance</html>", "after the 401 round trip");
    let view = faults(&client);
    assert_eq!((view["matched_requests"].clone(), view["injected"]["html"].clone()), (json!(1), json!(1)));
    let stats = client.raw("GET", "/__sandbox/stats", None, &[]).json;
    assert_eq!(stats, json!({"partner_requests": 2, "unauthorized": 1}));

    let bad = client.raw("PUT", "/__sandbox/faults", Some(r#"{"rules": [{"fault": "explode"}]}"#), &[]);
    assert!(failure(&bad, 422, 1001).0.starts_with("invalid fault plan: unknown variant `explode`"), "{bad:?}");
    failure(&client.raw("PUT", "/__sandbox/faults", Some("{"), &[]), 400, 1003);
    assert_eq!(faults(&client)["rules"][0]["used"], 1, "a refused plan changes nothing");

    let preflight = client.raw(
        "OPTIONS",
        "/__sandbox/faults",
        None,
        &[("origin", ORIGIN), ("access-control-request-method", "PUT")],
    );
    assert_eq!(preflight.status, 204);
    assert!(preflight.header("access-control-allow-methods").unwrap().contains("PUT"));
    let put = client.raw("PUT", "/__sandbox/faults", Some("{}"), &[("origin", ORIGIN)]);
    assert_eq!(put.header("access-control-allow-origin"), Some(ORIGIN));
}
