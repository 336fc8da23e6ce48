//! Native check of every documented response example in the OpenAPI description: each one for an operation the
//! client has passes that operation's response check.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use minted_connect::envelope::{check, RawResponse};
use minted_connect::response_shape;
use serde_yaml::Value;

fn openapi() -> Value {
    let path = std::env::var_os("MINTED_OPENAPI")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("spec/minted-connect-partner.openapi.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap()
}

/// (operation ids the example documents, example name, example value)
fn examples() -> Vec<(Vec<String>, String, Value)> {
    let doc = openapi();
    let mut out = Vec::new();
    for (_, item) in doc["paths"].as_mapping().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            let op = &item[method];
            if op.is_null() {
                continue;
            }
            let mut ids = vec![op["operationId"].as_str().unwrap().to_owned()];
            if let Some(variants) = op["x-variants"].as_sequence() {
                ids.extend(variants.iter().filter_map(|v| v["operationId"].as_str().map(str::to_owned)));
            }
            let content = &op["responses"]["200"]["content"]["application/json"];
            if !content["example"].is_null() {
                out.push((ids.clone(), "example".to_owned(), content["example"].clone()));
            }
            if let Some(named) = content["examples"].as_mapping() {
                for (name, example) in named {
                    out.push((ids.clone(), name.as_str().unwrap().to_owned(), example["value"].clone()));
                }
            }
        }
    }
    out
}

fn passes(operation: &str, example: &Value) -> Result<(), String> {
    let body = serde_json::to_vec(&serde_json::to_value(example).unwrap()).unwrap();
    let shape = response_shape(operation).ok_or("no client operation")?;
    check(&RawResponse { status: 200, body, request_id: None }, shape, &[]).map_err(|e| e.message.clone())
}

fn example(name: &str) -> (Vec<String>, Value) {
    let (ids, _, value) =
        examples().into_iter().find(|(_, n, _)| n == name).unwrap_or_else(|| panic!("no example {name}"));
    (ids, value)
}

#[test]
fn get_order_card_payment_example_decodes() {
    let (_, value) = example("cardPaymentOrder");
    passes("getOrder", &value).unwrap();
}

#[test]
fn get_order_legacy_shape_example_decodes() {
    let (_, value) = example("legacyShape");
    passes("getOrder", &value).unwrap();
}

#[test]
fn get_customer_example_decodes() {
    let (ids, value) =
        examples().into_iter().find(|(ids, _, _)| ids[0] == "getCustomer").map(|(i, _, v)| (i, v)).unwrap();
    assert_eq!(ids[0], "getCustomer");
    passes("getCustomer", &value).unwrap();
}

#[test]
fn get_order_alternative_example_decodes() {
    let (_, value) =
        examples().into_iter().find(|(ids, _, _)| ids[0] == "getOrderAlternative").map(|(i, _, v)| (i, v)).unwrap();
    passes("getOrderAlternative", &value).unwrap();
}

#[test]
fn every_example_of_a_supported_operation_is_covered_above() {
    // When the document gains an example for an operation the client has, it must pass too.
    for (ids, name, value) in examples() {
        for id in ids.iter().filter(|id| response_shape(id).is_some()) {
            passes(id, &value).unwrap_or_else(|e| panic!("{id} {name}: {e}"));
        }
    }
}

#[test]
fn the_vendored_description_matches_the_shared_one_when_present() {
    // Developers and CI machines of this workplace also have the description at ../shared; the copy in spec/ must be
    // the same document (replace it when the shared one changes).
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/api/minted-connect-partner.openapi.yaml");
    if let Ok(shared) = std::fs::read_to_string(shared) {
        let vendored = std::fs::read_to_string(root.join("spec/minted-connect-partner.openapi.yaml")).unwrap();
        assert!(
            shared == vendored,
            "spec/minted-connect-partner.openapi.yaml differs from ../shared/api: copy it over"
        );
    }
}
