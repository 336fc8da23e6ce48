//! Redaction: what may leave the SDK in errors, logs and hooks. Pure functions.
//!
//! Removed: passwords, `Authorization` values, CVVs, card tokens and payment tokens. Masked to first 6 / last 4: card
//! numbers, and any digit run in free text that looks like one (13–19 digits passing Luhn). Known secret strings
//! (the configured password) are cut out of any text verbatim.

use serde_json::Value;

use crate::validate::card::{luhn_valid, mask_card_number};

/// What replaces a removed value.
pub const REDACTED: &str = "[REDACTED]";

/// Longest body kept in an error, in characters.
pub const MAX_BODY_CHARS: usize = 2048;

/// Keys whose values are removed wherever they appear (compared case-insensitively).
const SECRET_KEYS: &[&str] =
    &["password", "authorization", "card_cvv", "cvv", "cvc", "card_token", "cardtoken", "api_key", "secret"];

/// Keys whose values are masked as card numbers.
const CARD_NUMBER_KEYS: &[&str] = &["card_number", "cardnumber", "pan"];

fn key_is(key: &str, list: &[&str]) -> bool {
    list.iter().any(|k| key.eq_ignore_ascii_case(k))
}

/// Redacts a JSON value in place. `in_payment` is true inside a `payment` object, where `token` is a card token.
pub fn redact_json(value: &mut Value, secrets: &[&str]) {
    redact_json_inner(value, secrets, false);
}

fn redact_json_inner(value: &mut Value, secrets: &[&str], in_payment: bool) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key_is(key, SECRET_KEYS) || (in_payment && key.eq_ignore_ascii_case("token")) {
                    if !v.is_null() {
                        *v = Value::String(REDACTED.to_owned());
                    }
                } else if key_is(key, CARD_NUMBER_KEYS) {
                    if let Value::String(s) = v {
                        *s = mask_card_number(s);
                    } else if v.is_number() {
                        *v = Value::String(mask_card_number(&v.to_string()));
                    }
                } else {
                    let nested_payment = key.eq_ignore_ascii_case("payment");
                    redact_json_inner(v, secrets, nested_payment);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact_json_inner(v, secrets, in_payment)),
        Value::String(s) => *s = redact_text_plain(s, secrets),
        _ => {}
    }
}

/// Redacts free text: known secrets cut out, card-number-like digit runs masked.
pub fn redact_text_plain(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| s.len() >= 3) {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    mask_card_runs(&out)
}

/// Masks runs of 13–19 digits that pass Luhn.
fn mask_card_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if (13..=19).contains(&run.len()) && luhn_valid(run) {
            out.push_str(&mask_card_number(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Cuts text to at most `max` characters on a character boundary, saying how much was left out.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}… [{} more bytes]", text.get(..cut).unwrap_or_default(), text.len() - cut),
    }
}

/// Redacts a response or request body for an error or a hook: JSON is redacted field by field, anything else as
/// text; the result is truncated to [`MAX_BODY_CHARS`].
pub fn redact_body(body: &[u8], secrets: &[&str]) -> String {
    // Parsed as text, like every other JSON in the crate: one reader type in the wasm, not two.
    let parsed = std::str::from_utf8(body).ok().and_then(|text| serde_json::from_str::<Value>(text).ok());
    let redacted = match parsed {
        Some(mut value) => {
            redact_json(&mut value, secrets);
            value.to_string()
        }
        None => redact_text_plain(&String::from_utf8_lossy(body), secrets),
    };
    truncate(&redacted, MAX_BODY_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_fields_are_removed_and_card_numbers_masked() {
        let mut value = json!({
            "password": "hunter22", "card_cvv": "123", "nested": {"Authorization": "Digest x", "CVV": 999},
            "payment": {"token": "tok_abc", "card_token": "tok_def", "details": {"card_number": "4111111111111111", "card_cvv": null}},
            "price_token": "keep-me", "token": "keep-me-too",
            "items": [{"card_number": "5555555555554444"}]
        });
        redact_json(&mut value, &[]);
        assert_eq!(
            value,
            json!({
                "password": REDACTED, "card_cvv": REDACTED, "nested": {"Authorization": REDACTED, "CVV": REDACTED},
                "payment": {"token": REDACTED, "card_token": REDACTED, "details": {"card_number": "411111******1111", "card_cvv": null}},
                "price_token": "keep-me", "token": "keep-me-too",
                "items": [{"card_number": "555555******4444"}]
            })
        );
    }

    #[test]
    fn free_text_loses_secrets_and_card_numbers() {
        let cases = [
            ("card 4111111111111111 declined", "card 411111******1111 declined"),
            ("order 1234567890123 not found", "order 1234567890123 not found"), // 13 digits, fails Luhn
            ("wrong password s3cr3t!", "wrong password [REDACTED]"),
            ("ok", "ok"),
        ];
        for (input, expected) in cases {
            assert_eq!(redact_text_plain(input, &["s3cr3t!"]), expected, "{input}");
        }
    }

    #[test]
    fn bodies_are_redacted_as_json_or_text_and_truncated() {
        let json_body = br#"{"message":"bad","data":{"card_cvv":"000"}}"#;
        // compared as JSON: the key order of the rewritten body follows serde_json's map (see Cargo.toml)
        let redacted: serde_json::Value = serde_json::from_str(&redact_body(json_body, &[])).unwrap();
        assert_eq!(redacted, json!({"message": "bad", "data": {"card_cvv": "[REDACTED]"}}));
        let html = b"<html>4111111111111111</html>";
        assert_eq!(redact_body(html, &[]), "<html>411111******1111</html>");
        let long = "x".repeat(MAX_BODY_CHARS + 10);
        let cut = redact_body(long.as_bytes(), &[]);
        assert!(cut.starts_with(&"x".repeat(MAX_BODY_CHARS)));
        assert!(cut.ends_with("… [10 more bytes]"), "{cut}");
    }

    #[test]
    fn truncation_respects_character_boundaries() {
        assert_eq!(truncate("çğış", 2), "çğ… [4 more bytes]");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
