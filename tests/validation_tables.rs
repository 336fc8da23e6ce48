//! The request models' rule tables through the validator, one behaviour per test (native).
#![cfg(not(target_arch = "wasm32"))]

use minted_connect::registry;
use minted_connect::validate::{body, write, Edits, Language, Schema, Settings, Severity, ValidationIssue};
use serde_json::{json, Value};
use time::macros::date;

const SETTINGS: Settings =
    Settings { language: Language::En, strict_identity_numbers: false, today: date!(2026 - 11 - 23) };

/// The rules of an operation's request model.
fn schema(op: &str) -> Option<&'static Schema> {
    registry::find(op).unwrap_or_else(|| panic!("no operation {op}")).input.schema()
}

fn codes(issues: &[ValidationIssue]) -> Vec<(String, String, Severity)> {
    issues.iter().map(|i| (i.path.clone(), i.code.clone(), i.severity)).collect()
}

/// The issues of a body, and the body to send (`null` when not JSON). Validating alone finds the same issues.
fn run(op: &str, value: Value, settings: &Settings) -> (Vec<(String, String, Severity)>, Value) {
    let written = write(schema(op), &value.to_string(), settings, Edits::default());
    assert_eq!(body(schema(op), &value.to_string(), settings), written.issues);
    (codes(&written.issues), serde_json::from_str(&written.body).unwrap_or(Value::Null))
}

fn c(path: &str, code: &str, severity: Severity) -> (String, String, Severity) {
    (path.to_owned(), code.to_owned(), severity)
}

#[test]
fn a_valid_customer_passes_and_its_phone_is_normalised() {
    let (issues, value) = run(
        "createCustomer",
        json!({"external_id": "MTD0018232", "firstname": "Mehmet", "middlename": "", "lastname": "Gülbilge",
               "email": "mehmet@example.com", "phone": "0532 280 80 35", "gender": "M",
               "identity_number": "10000000146", "birthdate": "1970-01-31"}),
        &SETTINGS,
    );
    assert_eq!(issues, vec![]);
    assert_eq!(value["phone"], "+905322808035");
}

#[test]
fn every_problem_is_reported_at_once_with_its_path() {
    let (issues, _) = run(
        "createCustomer",
        json!({"firstname": "Al", "email": "nope", "phone": 5, "gender": "X", "birthdate": "2030-01-01", "extra": 1}),
        &SETTINGS,
    );
    assert_eq!(
        issues,
        vec![
            c("external_id", "required", Severity::Error),
            c("firstname", "too_short", Severity::Error),
            c("email", "email", Severity::Error),
            c("phone", "type", Severity::Error),
            c("gender", "gender", Severity::Error),
            c("birthdate", "date_not_past", Severity::Error),
            c("extra", "unknown_field", Severity::Warning),
        ]
    );
}

#[test]
fn identity_checksum_is_a_warning_unless_strict() {
    let body = json!({"external_id": "abc", "identity_number": "12345677938"});
    let (lenient, _) = run("createCustomer", body.clone(), &SETTINGS);
    assert_eq!(lenient, vec![c("identity_number", "tckn_checksum", Severity::Warning)]);
    let strict = Settings { strict_identity_numbers: true, ..SETTINGS };
    let (strict_issues, _) = run("createCustomer", body, &strict);
    assert_eq!(strict_issues, vec![c("identity_number", "tckn_checksum", Severity::Error)]);
}

#[test]
fn business_customers_use_a_vkn() {
    let (issues, _) = run(
        "createBusinessCustomer",
        json!({"external_id": "biz-1", "company_name": "Minted Ltd", "identity_number": "10000000146"}),
        &SETTINGS,
    );
    assert_eq!(issues, vec![c("identity_number", "vkn_format", Severity::Error)]);
}

#[test]
fn nested_arrays_report_indexed_paths() {
    let (issues, _) = run(
        "bulkUpsertCustomerWalletKyc",
        json!({"items": [{"customer_external_id": "abc", "status": "verified"}, {"status": "maybe"}]}),
        &SETTINGS,
    );
    assert_eq!(
        issues,
        vec![
            c("items[1].customer_external_id", "required", Severity::Error),
            c("items[1].status", "one_of", Severity::Error)
        ]
    );
    let (empty, _) = run("bulkUpsertCustomerWalletKyc", json!({"items": []}), &SETTINGS);
    assert_eq!(empty, vec![c("items", "too_few_items", Severity::Error)]);
}

#[test]
fn get_order_alternative_needs_one_identifier() {
    let (issues, _) = run("getOrderAlternative", json!({"push_hook": true}), &SETTINGS);
    assert_eq!(issues, vec![c("", "at_least_one_of", Severity::Error)]);
    let (ok, _) = run("getOrderAlternative", json!({"order_code": "ALS8HEVP"}), &SETTINGS);
    assert_eq!(ok, vec![]);
    let (bad_type, _) = run("getOrderAlternative", json!({"guid": "x", "push_hook": "yes"}), &SETTINGS);
    assert_eq!(bad_type, vec![c("push_hook", "type", Severity::Error)]);
}

#[test]
fn non_object_bodies_and_nulls() {
    let (issues, _) = run("createCustomer", json!("text"), &SETTINGS);
    assert_eq!(issues, vec![c("", "type", Severity::Error)]);
    // null optional fields are accepted (the API's own examples send them)
    let (nulls, _) = run("createCustomer", json!({"external_id": "abc", "middlename": null}), &SETTINGS);
    assert_eq!(nulls, vec![]);
    // bodiless operations: no body is fine, a body is flagged
    assert!(body(None, "null", &SETTINGS).is_empty());
    assert_eq!(codes(&body(None, "{}", &SETTINGS)), vec![c("", "unknown_field", Severity::Warning)]);
    // text that is not JSON is one issue
    assert_eq!(codes(&body(schema("createCustomer"), "{\"a\":", &SETTINGS)), vec![c("", "not_json", Severity::Error)]);
}

#[test]
fn messages_follow_the_language() {
    let tr = Settings { language: Language::Tr, ..SETTINGS };
    let issues = body(schema("createCustomer"), "{}", &tr);
    assert_eq!(issues[0].message, "zorunludur");
    let issues = body(schema("createCustomer"), "{}", &SETTINGS);
    assert_eq!(issues[0].message, "is required");
}
