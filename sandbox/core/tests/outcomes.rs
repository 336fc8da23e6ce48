//! The core without a host: a seeded sandbox on a fixed clock answers the same requests the same way, connection
//! faults come back as outcomes a host carries out, and delays wait for sandbox time.

use minted_sandbox_core::auth::digest::{expected_response, Credentials};
use minted_sandbox_core::auth::params::parse_authorization;
use minted_sandbox_core::{Algorithm, Clock, Outcome, Request, Response, Sandbox, Settings};
use serde_json::{json, Value};

const START_MS: i64 = 1_800_000_000_000;
const CUSTOMER: &str = "/partner/customer/MTD0018232";

/// A sandbox whose wall clock stands at [`START_MS`], and a client that signs with the sandbox's own hash.
struct Client {
    sandbox: Sandbox,
    challenge: Option<(String, String)>,
    nc: u32,
}

impl Client {
    fn new(entropy: u64) -> Self {
        let settings = Settings { algorithms: vec![Algorithm::Sha256], ..Settings::default() };
        Self { sandbox: Sandbox::new(settings, Box::new(|| START_MS), entropy), challenge: None, nc: 0 }
    }

    fn send(&mut self, request: Request) -> Outcome {
        self.sandbox.handle(request)
    }

    /// A signed `/partner` request (fetching a challenge first when there is none).
    fn signed(&mut self, method: &str, target: &str, body: Option<Value>) -> Request {
        if self.challenge.is_none() {
            let response = respond(self.send(Request::new(method, target)));
            let header = response.headers.get("www-authenticate").expect("a challenge").to_owned();
            let params = parse_authorization(&header).expect("a Digest challenge");
            self.challenge = Some((params["nonce"].clone(), params["opaque"].clone()));
            self.nc = 0;
        }
        let (nonce, opaque) = self.challenge.clone().unwrap_or_default();
        self.nc += 1;
        let nc = format!("{:08x}", self.nc);
        let settings = self.sandbox.settings();
        let response = expected_response(&Credentials {
            username: &settings.username,
            password: &settings.password,
            realm: &settings.realm,
            algorithm: Algorithm::Sha256,
            nonce: &nonce,
            nc: &nc,
            cnonce: "c1",
            method,
            uri: target,
        });
        let authorization = format!(
            "Digest username=\"sandbox\", realm=\"minted-sandbox\", nonce=\"{nonce}\", uri=\"{target}\", algorithm=SHA-256, qop=auth, nc={nc}, cnonce=\"c1\", response=\"{response}\", opaque=\"{opaque}\""
        );
        let api_version = if target == "/partner/pricefix" { "3" } else { "2" };
        let request = Request::new(method, target)
            .header("authorization", &authorization)
            .header("x-client-id", "web")
            .header("api-version", api_version)
            .header("accept-language", "en");
        match body {
            Some(body) => request.body(body.to_string()),
            None => request,
        }
    }

    fn call(&mut self, method: &str, target: &str, body: Option<Value>) -> Response {
        let request = self.signed(method, target, body);
        respond(self.send(request))
    }

    fn admin(&mut self, method: &str, target: &str, body: Value) -> Value {
        let response = respond(self.send(Request::new(method, target).body(body.to_string())));
        assert_eq!(response.status, 200, "{}", response.text());
        json(&response)
    }
}

fn respond(outcome: Outcome) -> Response {
    match outcome {
        Outcome::Respond(response) => response,
        other => panic!("expected a response, got {other:?}"),
    }
}

fn json(response: &Response) -> Value {
    serde_json::from_slice(&response.body).unwrap_or(Value::Null)
}

/// A short session touching prices, orders, ids and faults; every answer, headers included.
fn session(entropy: u64) -> Vec<Response> {
    let mut client = Client::new(entropy);
    let mut answers = vec![client.call("GET", CUSTOMER, None)];
    let quote = client.call("POST", "/partner/pricefix", Some(json!({"type": "digital", "currency": "GBP"})));
    let token = json(&quote)["data"]["token"].clone();
    answers.push(quote);
    let buy = json!({"price_token": token, "external_id": "replay-1", "items": [{"sku": "GAU", "amount": 1}]});
    answers.push(client.call("POST", "/partner/order/digital/buy", Some(buy)));
    client.admin(
        "PUT",
        "/__sandbox/faults",
        json!({"random": {"seed": 3, "rate": 0.5, "faults": ["status-503", "html"]}}),
    );
    for _ in 0..6 {
        answers.push(client.call("GET", "/partner/orders?page=2", None));
    }
    answers
}

#[test]
fn the_same_seed_and_clock_give_the_same_answers() {
    let first = session(11);
    assert_eq!(first[0].status, 200, "{}", first[0].text());
    assert_eq!(first[2].status, 200, "{}", first[2].text());
    assert!(first[3..].iter().any(|r| r.status != 200), "some faults at rate 0.5");
    assert_eq!(session(11), first);
    let other = session(12);
    assert_ne!(other[1].body, first[1].body, "another seed, another price token");
}

#[test]
fn connection_faults_are_outcomes_for_the_host() {
    let mut client = Client::new(1);
    let plan = json!({"rules": [
        {"fault": "reset", "path": CUSTOMER},
        {"fault": "drop-after-commit", "path": "/partner/balance/customer/*"},
        {"fault": "delay", "delay_ms": 1500, "path": "/partner/order-statuses"},
    ]});
    client.admin("PUT", "/__sandbox/faults", plan);
    let reset = client.signed("GET", CUSTOMER, None);
    assert!(matches!(client.send(reset.clone()), Outcome::Close));
    assert!(matches!(client.send(reset), Outcome::Close), "a byte-identical resend is closed too");

    let deposit = json!({"type": "deposit", "amount": 5, "external_id": "dep-1"});
    let dropped = client.signed("PATCH", "/partner/balance/customer/MTD0018232", Some(deposit));
    assert!(matches!(client.send(dropped), Outcome::Close));
    let state = client.admin("GET", "/__sandbox/state", json!({}));
    assert_eq!(state["customers"]["MTD0018232"]["GBP"], 1505.0, "committed before the connection closed");

    let delayed = client.signed("GET", "/partner/order-statuses", None);
    let Outcome::Wait { until_ms, deferred } = client.send(delayed) else { panic!("a wait") };
    assert_eq!(until_ms, START_MS + 1500);
    let resumed = respond(client.sandbox.resume(deferred));
    assert_eq!(json(&resumed)["data"][0]["name"], "Created");
    let faults = client.admin("GET", "/__sandbox/faults", json!({}));
    assert_eq!((faults["injected"]["reset"].clone(), faults["injected"]["delay"].clone()), (json!(1), json!(1)));
}

#[test]
fn sandbox_time_moves_only_when_advanced_on_a_stopped_wall_clock() {
    let mut client = Client::new(1);
    let quote = client.call("POST", "/partner/pricefix", Some(json!({"type": "digital"})));
    let token = json(&quote)["data"]["token"].clone();
    let calc = json!({"price_token": token, "items": [{"sku": "GAU", "amount": 1}]});
    assert_eq!(client.call("POST", "/partner/calculate-price", Some(calc.clone())).status, 200);
    let view = client.admin("POST", "/__sandbox/clock", json!({"advance_secs": 241}));
    assert_eq!(view["now_ms"], START_MS + 241_000);
    assert_eq!(client.sandbox.now_ms(), START_MS + 241_000);
    let expired = client.call("POST", "/partner/calculate-price", Some(calc));
    assert_eq!(json(&expired)["code"], 1011, "{}", expired.text());
    assert_eq!(Clock::fixed(5).now_ms(), 5);
}
