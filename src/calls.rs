//! What a convenience call adds to its body before sending it to the shared operation: `buyGold({ amount })`
//! becomes a `buyDigital` body with `items: [{ sku: "GAU", amount }]`, the card calls set `payment_type`, and so on.
//! Pure: applied after validation, so issues name the fields the caller wrote.

use serde_json::{json, Map, Value};

/// The product each single-metal call trades.
pub fn metal_sku(call: &str) -> Option<&'static str> {
    match call {
        "buyGold" | "sellGold" => Some("GAU"),
        "buySilver" | "sellSilver" => Some("GAG"),
        "buyPlatinum" => Some("GPT"),
        _ => None,
    }
}

/// The `payment_type` a call implies.
fn implied_payment_type(call: &str) -> Option<&'static str> {
    match call {
        "cardPaymentBuyWithCardNumber" | "cardPaymentBuyWithCardToken" | "createDeliveryPayWithCard" => {
            Some("creditcard")
        }
        "createDeliveryPayWithCash" => Some("cash"),
        _ => None,
    }
}

/// Rewrites a validated body for the operation behind `call`. Bodies that are not objects are left alone.
pub fn shape_body(call: &str, body: &mut Value) {
    let Value::Object(map) = body else { return };
    if let Some(sku) = metal_sku(call) {
        if let Some(amount) = map.remove("amount") {
            map.insert("items".to_owned(), json!([{ "sku": sku, "amount": amount }]));
        }
    }
    if let Some(payment_type) = implied_payment_type(call) {
        map.entry("payment_type").or_insert_with(|| Value::String(payment_type.to_owned()));
    }
}

/// The `price_token` of a body, if any.
pub fn price_token(body: &Value) -> Option<&str> {
    body.get("price_token").and_then(Value::as_str)
}

/// A body's query form: scalar values as strings, in key order (for GET calls whose input is a query).
pub fn query_pairs(query: &Value) -> Vec<(String, String)> {
    let empty = Map::new();
    let map = query.as_object().unwrap_or(&empty);
    map.iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k.clone(), text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shaping_table() {
        let cases = [
            (
                "buyGold",
                json!({"price_token": "t", "amount": 1.5}),
                json!({"price_token": "t", "items": [{"sku": "GAU", "amount": 1.5}]}),
            ),
            ("sellSilver", json!({"amount": 10}), json!({"items": [{"sku": "GAG", "amount": 10}]})),
            (
                "buyPlatinum",
                json!({"amount": 2, "payment_type": "cash"}),
                json!({"items": [{"sku": "GPT", "amount": 2}], "payment_type": "cash"}),
            ),
            ("cardPaymentBuyWithCardToken", json!({"items": []}), json!({"items": [], "payment_type": "creditcard"})),
            (
                "cardPaymentBuyWithCardNumber",
                json!({"payment_type": "creditcard"}),
                json!({"payment_type": "creditcard"}),
            ),
            ("createDeliveryPayWithCash", json!({}), json!({"payment_type": "cash"})),
            ("createDeliveryPayWithCard", json!({}), json!({"payment_type": "creditcard"})),
            ("buyDigital", json!({"amount": 1}), json!({"amount": 1})),
            ("buyGold", json!("not an object"), json!("not an object")),
        ];
        for (call, mut body, expected) in cases {
            shape_body(call, &mut body);
            assert_eq!(body, expected, "{call}");
        }
    }

    #[test]
    fn queries_become_string_pairs() {
        let pairs = query_pairs(&json!({"page": 2, "status": "Completed", "deep": {"x": 1}, "flag": true}));
        // keys keep the caller's order (serde_json's preserve_order)
        let expected: Vec<(String, String)> = [("page", "2"), ("status", "Completed"), ("flag", "true")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(pairs, expected);
        assert!(query_pairs(&Value::Null).is_empty());
    }
}
