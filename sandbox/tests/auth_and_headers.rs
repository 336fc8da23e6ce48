//! Digest authentication, CORS and the required headers, over real HTTP.

mod common;

use std::time::Duration;

use common::{data, error, TestServer};
use minted_connect::digest::{parse_www_authenticate, Algorithm};
use minted_sandbox::Settings;

const CUSTOMER: &str = "/partner/customer/MTD0018232";

#[test]
fn health_needs_no_auth() {
    let server = TestServer::start();
    let reply = server.client().raw("GET", "/__sandbox/health", None, &[]);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json, serde_json::json!({"ok": true}));
    assert!(reply.header("x-request-id").is_some());
}

#[test]
fn digest_round_trip_with_the_sdk_signer() {
    let server = TestServer::start();
    let mut client = server.client();
    let unsigned = client.raw("GET", CUSTOMER, None, &[]);
    assert_eq!(error(&unsigned, 401), "Authentication required: send a valid Digest Authorization header");
    let challenges = unsigned.header_all("www-authenticate");
    assert_eq!(challenges.len(), 2, "{challenges:?}");
    assert!(challenges[0].contains("algorithm=SHA-256") && challenges[1].contains("algorithm=MD5"));
    assert!(challenges.iter().all(|c| c.contains("qop=\"auth\"") && c.contains("realm=\"minted-sandbox\"")));

    let challenge = unsigned.challenge();
    assert_eq!(challenge.algorithm, Algorithm::Sha256);
    let first = client.sign_with(&challenge, 1, "GET", CUSTOMER);
    let signed = client.raw("GET", CUSTOMER, None, &[("authorization", &first)]);
    assert_eq!(data(&signed)["external_id"], "MTD0018232");

    // The nonce is reusable with a higher count, also out of order; an exact replay is not.
    for nc in [3, 2] {
        let header = client.sign_with(&challenge, nc, "GET", CUSTOMER);
        assert_eq!(client.raw("GET", CUSTOMER, None, &[("authorization", &header)]).status, 200, "nc {nc}");
    }
    let replay = client.raw("GET", CUSTOMER, None, &[("authorization", &first)]);
    assert_eq!(replay.status, 401);
    assert!(!replay.challenge().stale);

    // The MD5 challenge carries the same nonce and works too.
    let md5 = parse_www_authenticate(Some(&challenges[1])).unwrap();
    let header = client.sign_with(&md5, 4, "GET", CUSTOMER);
    assert_eq!(client.raw("GET", CUSTOMER, None, &[("authorization", &header)]).status, 200);
}

#[test]
fn wrong_password_is_rejected_without_stale() {
    let server = TestServer::start();
    let mut client = server.client();
    client.password = "wrong".to_owned();
    let reply = client.get(CUSTOMER);
    assert_eq!(reply.status, 401);
    assert!(!reply.challenge().stale);
}

#[test]
fn expired_nonce_is_reported_stale_on_every_challenge() {
    let server = TestServer::start_with(Settings { nonce_ttl: Duration::from_millis(200), ..Settings::default() });
    let mut client = server.client();
    let challenge = client.raw("GET", CUSTOMER, None, &[]).challenge();
    client.advance_clock(400);
    let header = client.sign_with(&challenge, 1, "GET", CUSTOMER);
    let reply = client.raw("GET", CUSTOMER, None, &[("authorization", &header)]);
    assert_eq!(reply.status, 401);
    let challenges = reply.header_all("www-authenticate");
    assert!(challenges.iter().all(|c| c.ends_with("stale=true")), "{challenges:?}");
    assert_ne!(reply.challenge().nonce, challenge.nonce);
    assert_eq!(reply.json["message"], "The nonce has expired; retry with the new nonce");
}

#[test]
fn single_algorithm_settings_offer_one_challenge() {
    let settings = Settings { algorithms: vec![minted_sandbox::Algorithm::Md5Sess], ..Settings::default() };
    let server = TestServer::start_with(settings);
    let mut client = server.client();
    let unsigned = client.raw("GET", CUSTOMER, None, &[]);
    assert_eq!(unsigned.header_all("www-authenticate").len(), 1);
    assert_eq!(unsigned.challenge().algorithm, Algorithm::Md5Sess);
    data(&client.get(CUSTOMER));
}

#[test]
fn cors_preflight_answers_without_auth() {
    let server = TestServer::start();
    let origin = "http://127.0.0.1:9999";
    let reply = server.client().raw(
        "OPTIONS",
        "/partner/customer",
        None,
        &[("origin", origin), ("access-control-request-method", "POST")],
    );
    assert_eq!(reply.status, 204);
    assert_eq!(reply.header("access-control-allow-origin"), Some(origin));
    assert_eq!(reply.header("access-control-allow-methods"), Some("GET, POST, PUT, PATCH, DELETE, OPTIONS"));
    // Every header the SDK sets in a browser, its identification (`x-minted-sdk`) included.
    let allowed = reply.header("access-control-allow-headers").unwrap_or_default();
    for header in
        ["authorization", "content-type", "api-version", "x-client-id", "accept-language", "accept", "x-minted-sdk"]
    {
        assert!(allowed.split(", ").any(|h| h == header), "{header} not in {allowed}");
    }
    assert_eq!(reply.header("access-control-max-age"), Some("600"));
    assert!(reply.header("www-authenticate").is_none());
}

#[test]
fn cors_headers_mark_every_response_to_an_origin() {
    let server = TestServer::start();
    let origin = "http://localhost:8000";
    let reply = server.client().raw("GET", CUSTOMER, None, &[("origin", origin)]);
    assert_eq!(reply.status, 401);
    assert_eq!(reply.header("access-control-allow-origin"), Some(origin));
    assert!(reply.header_all("vary").iter().any(|v| v.contains("Origin")));
    assert_eq!(reply.header("access-control-expose-headers"), Some("WWW-Authenticate, x-request-id, Retry-After"));
    let without_origin = server.client().raw("GET", "/__sandbox/health", None, &[]);
    assert!(without_origin.header("access-control-allow-origin").is_none());
}

#[test]
fn missing_client_id_is_a_parameter_error() {
    let server = TestServer::start();
    let mut client = server.client();
    client.set_header("x-client-id", None);
    assert_eq!(error(&client.get(CUSTOMER), 422), "x-client-id header is required");
}

#[test]
fn api_version_other_than_2_is_rejected() {
    let server = TestServer::start();
    let mut client = server.client();
    client.set_header("api-version", Some("3"));
    assert_eq!(error(&client.get(CUSTOMER), 422), "api-version must be 2");
    client.set_header("api-version", None);
    data(&client.get(CUSTOMER));
    client.set_header("api-version", Some(""));
    data(&client.get(CUSTOMER));
}

#[test]
fn messages_are_turkish_unless_english_is_asked_for() {
    let server = TestServer::start();
    let mut client = server.client();
    client.set_header("x-client-id", None);
    client.set_header("accept-language", Some("tr-TR"));
    assert_eq!(error(&client.get(CUSTOMER), 422), "x-client-id başlığı zorunludur");
    client.set_header("accept-language", None);
    assert_eq!(error(&client.get(CUSTOMER), 422), "x-client-id başlığı zorunludur");
    client.set_header("accept-language", Some("en-GB,en;q=0.9"));
    assert_eq!(error(&client.get(CUSTOMER), 422), "x-client-id header is required");
}

#[test]
fn request_ids_are_unique() {
    let server = TestServer::start();
    let client = server.client();
    let a = client.raw("GET", "/__sandbox/health", None, &[]);
    let b = client.raw("GET", "/__sandbox/health", None, &[]);
    assert_ne!(a.header("x-request-id"), b.header("x-request-id"));
}

#[test]
fn unknown_routes_and_methods_are_enveloped() {
    let server = TestServer::start();
    let mut client = server.client();
    assert_eq!(error(&client.get("/partner/nothing-here"), 404), "Route not found");
    assert_eq!(error(&client.delete("/partner/order"), 405), "HTTP method not allowed for this route");
    let unauthenticated = client.raw("GET", "/partner/nothing-here", None, &[]);
    assert_eq!(unauthenticated.status, 401);
}
