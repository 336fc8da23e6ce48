//! Customer and wallet KYC routes over real HTTP.

mod common;

use common::{data, error, TestServer};
use serde_json::{json, Value};

fn is_timestamp(value: &Value) -> bool {
    let text = value.as_str().unwrap_or("");
    text.len() == 19
        && text.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            10 => c == ' ',
            13 | 16 => c == ':',
            _ => c.is_ascii_digit(),
        })
}

#[test]
fn create_get_update_delete_a_customer() {
    let server = TestServer::start();
    let mut client = server.client();
    let created = client.post(
        "/partner/customer",
        &json!({
            "external_id": "cust_001-a",
            "firstname": "Ayşe",
            "middlename": "",
            "lastname": "Yılmaz",
            "email": "ayse@example.com",
            "phone": "+905551112233",
            "gender": "F",
            "identity_number": "12345678901",
            "birthdate": "1985-06-15",
        }),
    );
    let record = data(&created);
    assert!(record["id"].as_u64().is_some());
    assert_eq!(record["external_id"], "cust_001-a");
    assert_eq!(record["company_id"], 2000000);
    assert_eq!(record["user_id"], Value::Null);
    assert_eq!(record["middlename"], Value::Null);
    assert_eq!(record["fullname"], "Ayşe Yılmaz");
    assert_eq!(record["birthdate"], "1985-06-15");
    assert!(is_timestamp(&record["created_at"]) && is_timestamp(&record["updated_at"]), "{record}");

    let fetched = client.get("/partner/customer/cust_001-a");
    let customer = data(&fetched);
    assert_eq!(customer["middlename"], "");
    assert_eq!(customer["email"], "ayse@example.com");
    let wallets = customer["wallets"].as_array().unwrap();
    let codes: Vec<&str> = wallets.iter().map(|w| w["currency_code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["MAU", "MAG", "GBP"]);
    for wallet in wallets {
        assert_eq!(wallet.as_object().unwrap().len(), 12, "{wallet}");
        assert_eq!(wallet["balance"], 0);
        assert_eq!(wallet["customer_name"], "Ayşe Yılmaz");
    }
    assert_eq!(wallets[2]["currency_symbol"], "£");

    let updated = client.patch(
        "/partner/customer/cust_001-a",
        &json!({
            "external_id": "ignored",
            "firstname": "Ayşe",
            "lastname": "Kaya",
            "phone": "+905551112244",
            "identity_number": "12345678901",
        }),
    );
    let record = data(&updated);
    assert_eq!(record["external_id"], "cust_001-a");
    assert_eq!(record["lastname"], "Kaya");
    assert_eq!(record["phone"], "+905551112244");
    assert_eq!(record["email"], "ayse@example.com", "optional fields absent from a PATCH are kept");

    let removed = client.delete("/partner/customer/cust_001-a");
    assert_eq!(data(&removed), &json!({"external_id": "cust_001-a", "removed": true}));
    assert_eq!(error(&client.get("/partner/customer/cust_001-a"), 404), "Customer not found");
}

#[test]
fn duplicate_external_id_is_422_with_code_1002() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.post("/partner/customer", &json!({"external_id": "MTD0018232"}));
    assert_eq!(error(&reply, 422), "external_id already exists");
    assert_eq!(reply.json["code"], 1002);
}

#[test]
fn bad_parameters_name_the_field() {
    let server = TestServer::start();
    let mut client = server.client();
    let cases = [
        (json!({}), "external_id is required"),
        (json!({"external_id": "a b"}), "external_id must be 3-40 characters of A-Z a-z 0-9 - _"),
        (json!({"external_id": "abc", "gender": "X"}), "gender must be M or F"),
        (
            json!({"external_id": "abc", "birthdate": "31-01-1970"}),
            "birthdate must be a valid date in YYYY-MM-DD format",
        ),
        (json!({"external_id": "abc", "email": "nope"}), "email must be a valid email address"),
        (json!({"external_id": "abc", "firstname": 7}), "firstname must be a string"),
    ];
    for (body, message) in cases {
        assert_eq!(error(&client.post("/partner/customer", &body), 422), message, "{body}");
    }
    let not_json = client.call("POST", "/partner/customer", Some("{not json"));
    assert_eq!(error(&not_json, 400), "Request body must be valid JSON");
    let update = client.patch("/partner/customer/MTD0018232", &json!({"firstname": "Mehmet"}));
    assert_eq!(error(&update, 422), "lastname is required");
}

#[test]
fn unknown_customers_are_404() {
    let server = TestServer::start();
    let mut client = server.client();
    assert_eq!(error(&client.get("/partner/customer/nobody"), 404), "Customer not found");
    assert_eq!(error(&client.delete("/partner/customer/nobody"), 404), "Customer not found");
    let body = json!({"firstname": "Ali", "lastname": "Veli", "phone": "+905551112233", "identity_number": "123"});
    assert_eq!(error(&client.patch("/partner/customer/nobody", &body), 404), "Customer not found");
    assert_eq!(error(&client.get("/partner/customer/no%20body/wallet-kyc"), 404), "Customer not found");
}

#[test]
fn path_ids_are_percent_decoded() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get("/partner/customer/%4DTD0018232");
    assert_eq!(data(&reply)["external_id"], "MTD0018232");
}

#[test]
fn seed_customers_match_the_documentation() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get("/partner/customer/test0101010");
    let deneme = data(&reply);
    assert_eq!(deneme["fullname"], "Deneme deneme");
    assert_eq!(deneme["identity_number"], Value::Null);
    assert_eq!(deneme["birthdate"], Value::Null);
    let reply = client.get("/partner/customer/MTD0018232");
    let balances: Vec<&Value> = data(&reply)["wallets"].as_array().unwrap().iter().map(|w| &w["balance"]).collect();
    assert_eq!(balances, [&json!(12.5), &json!(250), &json!(1500)]);
}

#[test]
fn business_customers_need_a_company_and_a_ten_digit_number() {
    let server = TestServer::start();
    let mut client = server.client();
    let base = json!({"external_id": "biz-1", "company_name": "Acme Ltd", "identity_number": "123"});
    assert_eq!(
        error(&client.post("/partner/customer/business", &base), 422),
        "identity_number must be exactly 10 digits"
    );
    let body = json!({"external_id": "biz-1", "company_name": "Acme Ltd", "identity_number": "1234567890", "tax_office": "Kadıköy", "email": "info@acme.example"});
    let reply = client.post("/partner/customer/business", &body);
    let record = data(&reply);
    assert_eq!(record["company_name"], "Acme Ltd");
    assert_eq!(record["tax_office"], "Kadıköy");
    assert_eq!(record["identity_number"], "1234567890");
    data(&client.get("/partner/customer/biz-1"));
}

#[test]
fn wallet_kyc_get_upsert_and_bulk() {
    let server = TestServer::start();
    let mut client = server.client();
    let reply = client.get("/partner/customer/92440753/wallet-kyc");
    assert_eq!(
        data(&reply),
        &json!({"customer_external_id": "92440753", "status": "pending", "level": 0, "reference": null, "verified_at": null, "updated_at": null})
    );
    let body = json!({"status": "verified", "level": 2, "reference": "kyc-42", "verified_at": "2024-01-02 03:04:05"});
    let reply = client.post("/partner/customer/92440753/wallet-kyc", &body);
    let kyc = data(&reply);
    assert_eq!(kyc["status"], "verified");
    assert_eq!(kyc["level"], 2);
    assert!(is_timestamp(&kyc["updated_at"]));
    assert_eq!(
        error(&client.post("/partner/customer/92440753/wallet-kyc", &json!({"status": "ok"})), 422),
        "status must be one of: pending, verified, rejected"
    );
    assert_eq!(
        error(&client.post("/partner/customer/92440753/wallet-kyc", &json!({"status": "pending", "level": 4})), 422),
        "level must be an integer from 0 to 3"
    );

    let bulk = json!({"items": [
        {"customer_external_id": "MTD0018232", "status": "rejected"},
        {"customer_external_id": "ghost", "status": "verified"},
        {"customer_external_id": "test0101010", "status": "maybe"},
    ]});
    let reply = client.post("/partner/customer/wallet-kyc/bulk", &bulk);
    let results = data(&reply)["results"].as_array().unwrap().clone();
    assert_eq!(results[0], json!({"customer_external_id": "MTD0018232", "success": true, "message": null}));
    assert_eq!(results[1], json!({"customer_external_id": "ghost", "success": false, "message": "customer not found"}));
    assert_eq!(results[2]["success"], false);
    assert!(results[2]["message"].as_str().unwrap().starts_with("status must be one of"));
    assert_eq!(data(&client.get("/partner/customer/MTD0018232/wallet-kyc"))["status"], "rejected");

    let too_many: Vec<Value> = (0..101).map(|_| json!({"customer_external_id": "x", "status": "pending"})).collect();
    let reply = client.post("/partner/customer/wallet-kyc/bulk", &json!({ "items": too_many }));
    assert_eq!(error(&reply, 422), "items must contain 1-100 items");
    assert_eq!(
        error(&client.post("/partner/customer/wallet-kyc/bulk", &json!({"items": []})), 422),
        "items must contain 1-100 items"
    );
}
