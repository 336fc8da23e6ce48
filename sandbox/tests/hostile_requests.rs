//! The served sandbox treats each request as possibly hostile: a foreign `Host` (DNS rebinding), another site's
//! `Origin`, a method no route has and an oversized body are refused, and nothing they asked for happens (the fault
//! plan, the clock, the request counters and the data stay as they were). Over real HTTP.

mod common;

use common::{failure, raw_exchange, Client, TestServer};
use serde_json::{json, Value};

const CUSTOMER: &str = "/partner/customer/MTD0018232";

/// What a refused request could have changed.
fn observable(client: &Client) -> Value {
    json!({
        "faults": client.raw("GET", "/__sandbox/faults", None, &[]).json["rules"],
        "stats": client.raw("GET", "/__sandbox/stats", None, &[]).json,
        "customers": client.state()["customers"],
    })
}

/// Status line and body of a raw HTTP/1.1 exchange with the given `Host`.
fn with_host(server: &TestServer, host: &str, request_line: &str, body: &str) -> (String, String) {
    let request = format!(
        "{request_line}\r\nhost: {host}\r\naccept-language: en\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let received = String::from_utf8(raw_exchange(&server.base_url, &request)).unwrap();
    let (head, body) = received.split_once("\r\n\r\n").unwrap_or((&received, ""));
    (head.lines().next().unwrap_or_default().to_owned(), body.to_owned())
}

#[test]
fn a_foreign_host_is_refused_before_anything_runs() {
    let server = TestServer::start();
    let client = server.client();
    let before = observable(&client);
    let plan = json!({"rules": [{"fault": "status-500", "path": "/partner/*"}]}).to_string();
    for (request_line, body) in [
        ("PUT /__sandbox/faults HTTP/1.1", plan.as_str()),
        ("POST /__sandbox/reset HTTP/1.1", ""),
        (&*format!("GET {CUSTOMER} HTTP/1.1"), ""),
        ("GET /__sandbox/state HTTP/1.1", ""),
    ] {
        let (status, answer) = with_host(&server, "attacker.example:8787", request_line, body);
        assert_eq!(status, "HTTP/1.1 421 Misdirected Request", "{request_line}");
        let answer: Value = serde_json::from_str(&answer).unwrap();
        assert_eq!(answer["code"], 1008);
        assert_eq!(answer["message"], "This sandbox answers loopback names only (localhost, 127.0.0.1, [::1])");
    }
    assert_eq!(observable(&client), before, "nothing happened");
    // The same request with a loopback name is served.
    let (status, _) = with_host(&server, "localhost:8787", "GET /__sandbox/health HTTP/1.1", "");
    assert_eq!(status, "HTTP/1.1 200 OK");
}

#[test]
fn another_sites_page_is_refused_without_cors_headers() {
    let server = TestServer::start();
    let client = server.client();
    let before = observable(&client);
    let evil = [("origin", "https://evil.example"), ("accept-language", "en")];
    let plan = json!({"rules": [{"fault": "reset", "path": "/partner/*"}]}).to_string();
    let preflight = [("origin", "https://evil.example"), ("access-control-request-method", "PUT")];
    let refused = [
        client.raw("PUT", "/__sandbox/faults", Some(&plan), &evil),
        client.raw("GET", CUSTOMER, None, &evil),
        client.raw("GET", "/__sandbox/state", None, &evil),
        client.raw("OPTIONS", "/__sandbox/faults", None, &preflight),
        client.raw("GET", "/__sandbox/state", None, &[("origin", "null")]),
    ];
    for reply in &refused {
        let (message, _) = failure(reply, 403, 1009);
        assert_eq!(message, "This sandbox answers pages on this machine only (origins on localhost, 127.0.0.1, [::1])");
        assert!(reply.header("access-control-allow-origin").is_none());
    }
    assert_eq!(observable(&client), before, "nothing happened");
    // A page on this machine keeps working, CORS and all.
    let local = client.raw("GET", "/__sandbox/health", None, &[("origin", "http://localhost:5173")]);
    assert_eq!(local.status, 200);
    assert_eq!(local.header("access-control-allow-origin"), Some("http://localhost:5173"));
}

#[test]
fn oversized_bodies_and_odd_methods_change_nothing() {
    let server = TestServer::start();
    let mut client = server.client();
    let before = observable(&client);
    let oversized = format!("{{\"external_id\":\"big\",\"pad\":\"{}\"}}", "x".repeat(3 << 20));
    for (method, path) in [("POST", "/partner/customer"), ("PUT", "/__sandbox/faults")] {
        // The server answers 413 as soon as the body passes the limit and closes the connection, so a client still
        // sending may see the close before it reads the answer.
        // A client of its own each time: the connection the server closed must not go back to a shared pool.
        match server.client().try_raw(method, path, Some(&oversized), &[]) {
            Ok(reply) => assert_eq!(reply.status, 413, "{method} {path}"),
            Err(error) => assert!(matches!(error, ureq::Error::Io(_)), "{method} {path}: {error}"),
        }
    }
    for method in ["TRACE", "PATCH", "POST"] {
        let reply = client.raw(method, "/__sandbox/faults", None, &[]);
        assert_eq!(reply.status, 405, "{method} {}", reply.text);
        assert_eq!(reply.header("allow"), Some("GET,HEAD,PUT,DELETE"), "{method}");
    }
    assert_eq!(observable(&client), before, "nothing happened, not even a counted request");
    // An authenticated TRACE reaches the routes, which have none.
    let trace = client.call("TRACE", CUSTOMER, None);
    assert_eq!(failure(&trace, 405, 1005).0, "HTTP method not allowed for this route");
}
