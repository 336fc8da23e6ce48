//! Balances over real HTTP: wallet lists, cash movements, order stats and the 7-day history from the ledger.

mod common;

use common::{data, error, failure, TestServer};
use serde_json::json;

const MEHMET: &str = "MTD0018232";

#[test]
fn customer_balance_items_have_the_documented_fields() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get(&format!("/partner/balance/customer/{MEHMET}"));
    let items = data(&reply).as_array().unwrap().clone();
    assert_eq!(items.len(), 3);
    for item in &items {
        assert_eq!(item.as_object().unwrap().len(), 12, "{item}");
        assert_eq!(item["customer_external_id"], MEHMET);
        assert_eq!(item["stats"], json!({}));
        assert_eq!(item["soft_blocked_amount"], 0);
    }
    assert_eq!(items[0]["balance"], 12.5);
    assert_eq!(items[2]["currency_code"], "GBP");
    assert_eq!(items[2]["is_cash"], true);
    assert_eq!(error(&client.get("/partner/balance/customer/nobody"), 404), "Customer not found");
    let reply = client.get("/partner/balance");
    let partner = data(&reply).as_array().unwrap().clone();
    assert_eq!(partner[2]["balance"], 1_000_000);
    assert!(partner[0]["customer_external_id"].is_null());
}

#[test]
fn cash_movements_are_idempotent_and_cannot_overdraw() {
    let server = TestServer::start();
    let mut client = server.client();
    let path = format!("/partner/balance/customer/{MEHMET}");
    let deposit =
        json!({"type": "deposit", "amount": 250.5, "external_id": "dep-2026-0001", "description": "bank transfer"});
    let reply = client.patch(&path, &deposit);
    let item = data(&reply);
    assert_eq!(item["balance"], 1750.5);
    assert_eq!(item["currency_code"], "GBP");
    assert_eq!(item.as_object().unwrap().len(), 12);
    assert_eq!(failure(&client.patch(&path, &deposit), 422, 1002).0, "external_id already exists");
    assert_eq!(client.balance(MEHMET, "GBP"), 1750.5);
    let overdraw = json!({"type": "withdraw", "amount": 5000, "external_id": "wd-1"});
    assert_eq!(failure(&client.patch(&path, &overdraw), 422, 2002).0, "insufficient balance");
    // A refused movement does not use up its id.
    let withdraw = json!({"type": "withdraw", "amount": 40.5, "external_id": "wd-1"});
    assert_eq!(data(&client.patch(&path, &withdraw))["balance"], 1710);
    assert_eq!(
        error(&client.patch(&path, &json!({"type": "gift", "amount": 1, "external_id": "g-1"})), 422),
        "type must be one of: deposit, withdraw"
    );
    assert_eq!(
        error(&client.patch(&path, &json!({"type": "deposit", "amount": -1, "external_id": "g-1"})), 422),
        "amount must be a number of at least 0"
    );
    let zero = json!({"type": "deposit", "amount": 0, "external_id": "open-1"});
    assert_eq!(data(&client.patch(&path, &zero))["balance"], 1710);
    let ledger = client.state()["ledger"].as_array().unwrap().clone();
    assert!(ledger.iter().any(|e| e["reason"] == "deposit dep-2026-0001 bank transfer" && e["delta"] == 250.5));
}

#[test]
fn stats_count_orders_in_a_period() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.post("/partner/balance/stats", &json!({"customer_external_id": MEHMET}));
    let stats = data(&reply).clone();
    assert_eq!(stats["currency"], "GBP");
    // The seed history: 6 buys and 3 sells over the last 9 days.
    assert_eq!(stats["buy"]["count"], 6);
    assert_eq!(stats["sell"]["count"], 3);
    assert_eq!(stats["delivery"], json!({"count": 0, "total": 0.0}));
    assert!(stats["buy"]["total"].as_f64().unwrap() > 0.0);
    let all = client.post("/partner/balance/stats", &json!({}));
    assert!(data(&all)["buy"]["count"].as_u64() > stats["buy"]["count"].as_u64());
    let old = client.post("/partner/balance/stats", &json!({"start_date": "2023-10-01", "end_date": "2023-11-30"}));
    // The docs' card order is still Pending, so only the cash order counts.
    assert_eq!(data(&old)["buy"], json!({"count": 1, "total": 4.29}));
    let backwards = json!({"start_date": "2026-11-02", "end_date": "2026-11-01"});
    assert_eq!(
        error(&client.post("/partner/balance/stats", &backwards), 422),
        "end_date must not be before start_date"
    );
}

#[test]
fn seven_day_stats_come_from_the_ledger() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get(&format!("/partner/balance/customer/{MEHMET}/stats-7d"));
    let week = data(&reply).clone();
    assert_eq!(week["customer_external_id"], MEHMET);
    assert_eq!(week["currency"], "GBP");
    let days = week["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    let gold: Vec<f64> = days.iter().map(|d| d["balances"][0]["balance"].as_f64().unwrap()).collect();
    assert_eq!(gold[6], 12.5, "today ends at the current balance");
    assert!(gold.windows(2).any(|w| w[0] != w[1]), "the seeded history shows change: {gold:?}");
    let today = &days[6];
    let cash = today["balances"][2].clone();
    assert_eq!(cash, json!({"currency_code": "GBP", "balance": 1500.0, "value": 1500.0}));
    let sum: f64 = today["balances"].as_array().unwrap().iter().map(|b| b["value"].as_f64().unwrap()).sum();
    assert!((today["total_value"].as_f64().unwrap() - sum).abs() < 0.01);
}
