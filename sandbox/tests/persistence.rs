//! `--state`: everything survives a restart, and the file never holds a full card number.

mod common;

use std::path::PathBuf;

use common::{customer_block, data, failure, TestServer};
use minted_sandbox::{AppState, Settings};
use serde_json::json;

/// A fresh directory for one test's state file, removed afterwards.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("minted-sandbox-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary directory");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn state_file_survives_a_restart() {
    let dir = TempDir::new("restart");
    let path = dir.0.join("state.json");
    let open = || AppState::open(Settings::default(), Some(path.clone())).expect("the state file");

    let server = TestServer::start_state(open());
    let mut client = server.client();
    let quote = client.quote(&json!({"type": "digital", "currency": "GBP", "customer_external_id": "MTD0018232"}));
    let body = json!({"price_token": quote["token"], "external_id": "kept-1", "customer": customer_block("MTD0018232"), "items": [{"sku": "GAU", "amount": 2}]});
    assert!(path.exists(), "the state is on disk");
    let bought = data(&client.post("/partner/order/digital/buy", &body)).clone();
    let card = json!({"customer_external_id": "MTD0018232", "card_holder": "M G", "card_number": "5555555555554444", "card_expiry": "12/29"});
    let stored = data(&client.post("/partner/card-storage", &card)).clone();
    let before = client.state();
    drop(server);
    assert!(!path.with_extension("json.tmp").exists());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("5555555555554444") && text.contains("555555******4444"));

    let server = TestServer::start_state(open());
    let mut client = server.client();
    let after = client.state();
    assert_eq!(after["customers"], before["customers"]);
    assert_eq!(after["partner"], before["partner"]);
    assert_eq!(after["ledger"], before["ledger"]);
    assert_eq!(after["orders"], before["orders"]);
    assert_eq!(client.balance("MTD0018232", "MAU"), 14.5);
    let order = client.get("/partner/order/kept-1");
    assert_eq!(data(&order)["guid"], bought["orders"][0]["guid"]);
    let list = client.post("/partner/card-storage/list", &json!({"customer_external_id": "MTD0018232"}));
    assert_eq!(data(&list)[0]["card_token"], stored["card_token"]);
    // The quote is remembered as used, and the order id as taken.
    failure(&client.post("/partner/order/digital/buy", &body), 422, 1012);
}

#[test]
fn a_damaged_state_file_stops_the_start() {
    let dir = TempDir::new("damaged");
    let path = dir.0.join("state.json");
    std::fs::write(&path, "{ not json").unwrap();
    let error = match AppState::open(Settings::default(), Some(path)) {
        Ok(_) => panic!("a damaged file must not be used"),
        Err(error) => error,
    };
    assert!(error.to_string().contains("not a sandbox state file"), "{error}");
}
