//! Tests of the compiled client through its exported API, over real HTTP to the sandbox.

use js_sys::{Object, Promise, Reflect};
use minted_connect::{decode_response, digest_authorization, validate_request, MintedClient};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const SANDBOX_URL: Option<&str> = option_env!("MINTED_SANDBOX_URL");

fn sandbox_url() -> &'static str {
    SANDBOX_URL.expect("build these tests with MINTED_SANDBOX_URL set (make test does)")
}

fn object(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn get_str(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

fn client(password: &str) -> MintedClient {
    let config = Object::new();
    Reflect::set(&config, &"baseUrl".into(), &sandbox_url().into()).unwrap();
    Reflect::set(&config, &"username".into(), &"sandbox".into()).unwrap();
    Reflect::set(&config, &"password".into(), &password.into()).unwrap();
    Reflect::set(&config, &"language".into(), &"en".into()).unwrap();
    MintedClient::new(config.into()).unwrap()
}

async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

fn unique_id(prefix: &str) -> String {
    format!("{prefix}{}", (js_sys::Math::random() * 1e9) as u64)
}

#[wasm_bindgen_test]
async fn gets_a_seeded_customer_with_wallets() {
    let customer =
        settle(client("sandbox-password").getCustomer("MTD0018232".into(), JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(get_str(&customer, "external_id").as_deref(), Some("MTD0018232"));
    let wallets: js_sys::Array = get(&customer, "wallets").dyn_into().unwrap();
    let codes: Vec<String> = wallets.iter().filter_map(|w| get_str(&w, "currency_code")).collect();
    assert_eq!(codes, ["MAU", "MAG", "GBP"]);
}

#[wasm_bindgen_test]
async fn creates_updates_and_removes_a_customer() {
    let client = client("sandbox-password");
    let id = unique_id("wasm-");
    let body = object(&format!(
        r#"{{"external_id":"{id}","firstname":"Ayşe","lastname":"Yılmaz","email":"ayse@example.com","phone":"0532 111 22 33","gender":"F"}}"#
    ));
    let created = settle(client.createCustomer(body, JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(get_str(&created, "external_id").as_deref(), Some(id.as_str()));
    // the SDK normalised the phone before sending it
    assert_eq!(get_str(&created, "phone").as_deref(), Some("+905321112233"));

    let update =
        object(r#"{"firstname":"Ayşe","lastname":"Demir","phone":"+905321112233","identity_number":"10000000146"}"#);
    let updated = settle(client.updateCustomer(id.clone().into(), update, JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(get_str(&updated, "lastname").as_deref(), Some("Demir"));

    settle(client.removeCustomer(id.clone().into(), JsValue::UNDEFINED)).await.unwrap();
    let gone = settle(client.getCustomer(id.into(), JsValue::UNDEFINED)).await.unwrap_err();
    assert_eq!(get_str(&gone, "kind").as_deref(), Some("api"));
    assert_eq!(get(&gone, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn wrong_credentials_end_in_an_auth_error() {
    let err =
        settle(client("not-the-password").getOrder("HYAQA01714rqz".into(), JsValue::UNDEFINED)).await.unwrap_err();
    assert_eq!(get_str(&err, "name").as_deref(), Some("MintedError"));
    assert_eq!(get_str(&err, "kind").as_deref(), Some("auth"));
    let text = js_sys::JSON::stringify(&err).unwrap().as_string().unwrap();
    assert!(!text.contains("not-the-password"), "{text}");
}

#[wasm_bindgen_test]
async fn invalid_requests_are_refused_before_any_io() {
    // Port 9 (discard) on loopback: any request would fail with a network error, so `validation` proves none was sent.
    let config = object(r#"{"baseUrl":"http://127.0.0.1:9","username":"u","password":"p","language":"tr"}"#);
    let client = MintedClient::new(config).unwrap();
    let err = settle(client.createCustomer(object(r#"{"external_id":"x"}"#), JsValue::UNDEFINED)).await.unwrap_err();
    assert_eq!(get_str(&err, "kind").as_deref(), Some("validation"));
    let issues: js_sys::Array = get(&err, "issues").dyn_into().unwrap();
    assert_eq!(get_str(&issues.get(0), "path").as_deref(), Some("external_id"));
    assert_eq!(get_str(&issues.get(0), "message").as_deref(), Some("en az 3 karakter olmalıdır"));
}

#[wasm_bindgen_test]
async fn an_aborted_signal_rejects_with_kind_aborted() {
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let options = Object::new();
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    let err = settle(client("sandbox-password").getOrder("HYAQA01714rqz".into(), options.into())).await.unwrap_err();
    assert_eq!(get_str(&err, "kind").as_deref(), Some("aborted"));
}

#[wasm_bindgen_test]
async fn finds_an_order_by_code_and_keeps_undocumented_fields() {
    let client = client("sandbox-password");
    let order =
        settle(client.getOrderAlternative(object(r#"{"order_code":"ALS8HEVP"}"#), JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(get(&order, "payment"), JsValue::NULL);
    assert_eq!(get(&get(&get(&order, "items"), "0"), "amount").as_f64(), Some(0.1));
    let legacy = settle(client.getOrder("HYAQA01373".into(), JsValue::UNDEFINED)).await.unwrap();
    assert_eq!(get_str(&legacy, "tx_type").as_deref(), Some("oneoffpurchase"));
}

#[wasm_bindgen_test]
fn digest_matches_rfc_7616_in_wasm() {
    let vectors: serde_json::Value = serde_json::from_str(include_str!("../fixtures/digest-vectors.json")).unwrap();
    let mut input = vectors["rfc7616"]["input"].clone();
    input["algorithm"] = "MD5".into();
    let header = digest_authorization(object(&input.to_string())).unwrap();
    let response = vectors["rfc7616"]["responses"]["MD5"].as_str().unwrap();
    assert!(header.contains(&format!(r#"response="{response}""#)), "{header}");
}

#[wasm_bindgen_test]
fn validates_and_decodes_without_a_server() {
    let issues = validate_request("createCustomer", object(r#"{"external_id":"ok-id","gender":"X"}"#), None).unwrap();
    let issues: js_sys::Array = issues.dyn_into().unwrap();
    assert_eq!(issues.length(), 1);
    let data = decode_response(
        "getOrder",
        JsValue::from_str(
            r#"{"data":{"guid":"g","order_code":"c","items":[],"x":1},"success":true,"code":0,"message":""}"#,
        ),
        None,
    )
    .unwrap();
    assert_eq!(get(&data, "x").as_f64(), Some(1.0));
    let err = decode_response("getOrder", JsValue::from_str("<html></html>"), Some(502)).unwrap_err();
    assert_eq!(get_str(&err, "kind").as_deref(), Some("http"));
}
