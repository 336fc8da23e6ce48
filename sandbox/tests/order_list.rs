//! The order list (Laravel page, filters, sorting), order statuses and legal texts over real HTTP.

mod common;

use common::{data, error, TestServer};
use serde_json::{json, Value};

#[test]
fn pages_in_the_laravel_shape() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get("/partner/orders?total=5&customer_external_id=MTD0018232");
    let page = data(&reply).clone();
    let keys: Vec<&String> = page.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "current_page",
            "data",
            "first_page_url",
            "from",
            "last_page",
            "last_page_url",
            "links",
            "next_page_url",
            "path",
            "per_page",
            "prev_page_url",
            "to",
            "total"
        ]
    );
    let total = page["total"].as_u64().unwrap();
    assert!(total >= 10, "{total}");
    assert_eq!(page["current_page"], 1);
    assert_eq!(page["per_page"], 5);
    assert_eq!(page["from"], 1);
    assert_eq!(page["to"], 5);
    assert_eq!(page["last_page"], total.div_ceil(5));
    assert_eq!(page["prev_page_url"], Value::Null);
    let path = format!("{}/partner/orders", server.base_url);
    assert_eq!(page["path"], path);
    assert_eq!(page["next_page_url"], format!("{path}?total=5&customer_external_id=MTD0018232&page=2"));
    assert_eq!(page["first_page_url"], format!("{path}?total=5&customer_external_id=MTD0018232&page=1"));
    let links = page["links"].as_array().unwrap();
    assert_eq!(links[0], json!({"url": null, "label": "&laquo; Previous", "active": false}));
    assert_eq!(links[1]["active"], true);
    assert_eq!(links.len() as u64, page["last_page"].as_u64().unwrap() + 2);
    // Newest first, every page, nothing twice.
    let mut seen = Vec::new();
    for number in 1..=page["last_page"].as_u64().unwrap() {
        let reply = client.get(&format!("/partner/orders?total=5&customer_external_id=MTD0018232&page={number}"));
        let page = data(&reply);
        assert!(page["data"].as_array().unwrap().iter().all(|o| o["customer"]["external_id"] == "MTD0018232"));
        seen.extend(page["data"].as_array().unwrap().iter().map(|o| o["guid"].as_str().unwrap().to_owned()));
    }
    assert_eq!(seen.len() as u64, total);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len() as u64, total);
    let last =
        client.get(&format!("/partner/orders?total=5&customer_external_id=MTD0018232&page={}", page["last_page"]));
    assert_eq!(data(&last)["next_page_url"], Value::Null);
    let beyond = client.get("/partner/orders?page=99");
    assert_eq!(data(&beyond)["from"], Value::Null);
    assert_eq!(data(&beyond)["data"], json!([]));
}

#[test]
fn filters_and_sorting() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get("/partner/orders?total=30");
    let all = data(&reply)["data"].as_array().unwrap().clone();
    assert!(all.len() > 12);
    // Newest first: the latest seed order leads, the undated legacy example comes last.
    assert_eq!(all[0]["external_id"], "SEED-016");
    assert_eq!(all.last().unwrap()["external_id"], "HYAQA01373");

    let sells = client.get("/partner/orders?tx_type=sell&total=30");
    let sells = data(&sells)["data"].as_array().unwrap().clone();
    assert!(!sells.is_empty() && sells.iter().all(|o| o["type"] == "Sell"));
    let gag = client.get("/partner/orders?sku=GAG&total=30");
    assert!(data(&gag)["data"].as_array().unwrap().iter().all(|o| o["items"][0]["sku"] == "GAG"));
    let pending = client.get("/partner/orders?status=Pending");
    assert_eq!(data(&pending)["data"][0]["order_code"], "YID9Z07U");
    let by_id = client.get("/partner/orders?status=2");
    assert_eq!(data(&by_id)["total"], 1);
    let old = client.get("/partner/orders?startDate=2023-10-01&endDate=2023-10-31");
    assert_eq!(data(&old)["data"].as_array().unwrap().len(), 1);
    let by_total = client.get("/partner/orders?sortBy=total&sortType=asc&total=30");
    let totals: Vec<f64> =
        data(&by_total)["data"].as_array().unwrap().iter().map(|o| o["total"].as_f64().unwrap()).collect();
    assert!(totals.windows(2).all(|w| w[0] <= w[1]), "{totals:?}");

    for (query, message) in [
        ("page=0", "page must be an integer of at least 1"),
        ("total=4", "total must be an integer from 5 to 30"),
        ("total=31", "total must be an integer from 5 to 30"),
        ("sortBy=price", "sortBy must be one of: type, total, customer_external_id, created_at"),
        ("sortType=up", "sortType must be one of: asc, desc"),
        ("tx_type=gift", "tx_type must be one of: buy, sell, delivery"),
        ("startDate=01-01-2024", "startDate must be a valid date in YYYY-MM-DD format"),
        ("startDate=", "startDate must be a valid date in YYYY-MM-DD format"),
        ("endDate=&page=1", "endDate must be a valid date in YYYY-MM-DD format"),
    ] {
        assert_eq!(error(&client.get(&format!("/partner/orders?{query}")), 422), message, "{query}");
    }
}

#[test]
fn statuses_and_legal_texts() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get("/partner/order-statuses");
    let statuses = data(&reply).as_array().unwrap().clone();
    assert_eq!(statuses.len(), 12);
    assert_eq!(statuses[0], json!({"id": 1, "name": "Created"}));
    assert_eq!(statuses[11], json!({"id": 12, "name": "Payment Confirmed"}));

    let reply = client.post("/partner/legal", &json!({}));
    let types: Vec<&str> = data(&reply).as_array().unwrap().iter().map(|d| d["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["terms", "privacy", "distance-sales"]);
    let reply = client.post("/partner/legal", &json!({"type": "privacy"}));
    assert_eq!(data(&reply)[0]["title"], "Privacy notice");
    client.set_header("accept-language", Some("tr-TR"));
    let reply = client.post("/partner/legal", &json!({"type": "privacy"}));
    assert_eq!(data(&reply)[0]["title"], "Gizlilik bildirimi");
    assert_eq!(error(&client.post("/partner/legal", &json!({"type": "cookies"})), 404), "Sözleşme türü bulunamadı");
}

#[test]
fn generated_orders_page_like_any_other() {
    let server = TestServer::start();
    let mut client = server.client();
    let generate = |body: &str| client.raw("POST", "/__sandbox/orders/generate", Some(body), &[]);
    assert_eq!(generate(r#"{"count": 0}"#).status, 422);
    assert_eq!(generate(r#"{"count": 3, "customer_external_id": "nobody"}"#).status, 404);
    let reply = generate(r#"{"count": 40, "customer_external_id": "test0101010"}"#);
    assert_eq!(data(&reply)["created"], 40);
    let page = data(&client.get("/partner/orders?total=30&customer_external_id=test0101010&status=Completed")).clone();
    assert_eq!(page["total"], 40);
    assert_eq!(page["last_page"], 2);
    let newest = &page["data"][0];
    assert!(newest["external_id"].as_str().unwrap().ends_with("-39"), "{newest}");
    assert_eq!(newest["items"][0]["sku"], "GAU");
    let state = client.state();
    assert_eq!(
        state["orders_by_external_id"].as_object().unwrap().keys().filter(|k| k.starts_with("GEN-")).count(),
        40
    );
}

#[test]
fn the_state_counts_kyc_writes() {
    let server = TestServer::start();
    let mut client = server.client();
    assert_eq!(client.state()["kyc"]["92440753"]["writes"], 0);
    client.post("/partner/customer/92440753/wallet-kyc", &json!({"status": "verified", "reference": "r1"}));
    let items = json!({"items": [{"customer_external_id": "92440753", "status": "rejected"}, {"customer_external_id": "nobody", "status": "verified"}]});
    client.post("/partner/customer/wallet-kyc/bulk", &items);
    let kyc = &client.state()["kyc"]["92440753"];
    assert_eq!(kyc["writes"], 2);
    assert_eq!(kyc["status"], "rejected");
}
