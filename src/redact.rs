//! Redaction: what may leave the SDK in errors, logs and hooks. Pure functions.
//!
//! Removed: passwords, `Authorization` values, CVVs, card tokens and payment tokens. Masked to first 6 / last 4: card
//! numbers, and any digit run in free text that looks like one (13–19 digits passing Luhn). Known secret strings
//! (the configured password) are cut out of any text verbatim.

use crate::validate::card::{luhn_valid, mask_card_number};
use crate::validate::{self, Member, Transform};

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

/// Redaction as a transform of JSON: secret members removed, card numbers masked, free text redacted.
struct Redaction<'a> {
    secrets: &'a [&'a str],
}

impl Transform for Redaction<'_> {
    fn member(&self, key: &str, parent: Option<&str>) -> Member {
        // Inside a `payment` object, `token` is a card token.
        let payment_token =
            key.eq_ignore_ascii_case("token") && parent.is_some_and(|p| p.eq_ignore_ascii_case("payment"));
        if key_is(key, SECRET_KEYS) || payment_token {
            Member::Remove(REDACTED)
        } else if key_is(key, CARD_NUMBER_KEYS) {
            Member::Mask(mask_card_number)
        } else {
            Member::Copy
        }
    }

    fn text(&self, text: &str) -> String {
        redact_text_plain(text, self.secrets)
    }
}

/// Redacts JSON text: `None` when it is not JSON.
pub fn redact_json(text: &str, secrets: &[&str]) -> Option<String> {
    validate::transform(text, &Redaction { secrets })
}

/// Redacts free text: known secrets cut out, card-number-like digit runs masked.
pub fn redact_text_plain(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| s.len() >= 3) {
        if contains(&out, secret) {
            out = replace_all(&out, secret, REDACTED);
        }
    }
    mask_card_runs(&out)
}

/// Whether `text` contains `needle` (not empty). A byte search: the wasm then carries no string searcher, whose
/// panic messages alone weigh more than this.
pub fn contains(text: &str, needle: &str) -> bool {
    !needle.is_empty() && text.as_bytes().windows(needle.len()).any(|window| window == needle.as_bytes())
}

/// `text` with every `needle` (not empty) replaced by `with`. Both are UTF-8, so a byte match starts and ends on
/// character boundaries and the result is UTF-8.
pub fn replace_all(text: &str, needle: &str, with: &str) -> String {
    let (haystack, needle) = (text.as_bytes(), needle.as_bytes());
    if needle.is_empty() {
        return text.to_owned();
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(&first) = rest.first() {
        if rest.starts_with(needle) {
            out.extend_from_slice(with.as_bytes());
            rest = rest.get(needle.len()..).unwrap_or_default();
        } else {
            out.push(first);
            rest = rest.get(1..).unwrap_or_default();
        }
    }
    String::from_utf8(out).unwrap_or_default()
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
    let json = std::str::from_utf8(body).ok().and_then(|text| redact_json(text, secrets));
    let redacted = json.unwrap_or_else(|| redact_text_plain(&String::from_utf8_lossy(body), secrets));
    truncate(&redacted, MAX_BODY_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_search_finds_and_replaces_whole_matches() {
        let cases: &[(&str, &str, bool, &str)] = &[
            ("pw hunter22 and hunter22", "hunter22", true, "pw [REDACTED] and [REDACTED]"),
            ("şifre: gizliş", "gizliş", true, "şifre: [REDACTED]"),
            ("aaa", "aa", true, "[REDACTED]a"),
            ("no secret here", "hunter22", false, "no secret here"),
            ("", "x", false, ""),
            ("x", "", false, "x"),
        ];
        for (text, needle, found, replaced) in cases {
            assert_eq!(contains(text, needle), *found, "{text} / {needle}");
            assert_eq!(replace_all(text, needle, REDACTED), *replaced, "{text} / {needle}");
        }
    }
    use serde_json::json;

    #[test]
    fn secret_fields_are_removed_and_card_numbers_masked() {
        let value = json!({
            "password": "hunter22", "card_cvv": "123", "nested": {"Authorization": "Digest x", "CVV": 999},
            "payment": {"token": "tok_abc", "card_token": "tok_def", "details": {"card_number": "4111111111111111", "card_cvv": null}},
            "price_token": "keep-me", "token": "keep-me-too",
            "items": [{"card_number": "5555555555554444"}]
        });
        let redacted: serde_json::Value = serde_json::from_str(&redact_json(&value.to_string(), &[]).unwrap()).unwrap();
        assert_eq!(
            redacted,
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
        // written compactly, in the body's own key order
        assert_eq!(redact_body(json_body, &[]), r#"{"message":"bad","data":{"card_cvv":"[REDACTED]"}}"#);
        let numbers = br#"{"card_number":4111111111111111,"amount":-1.5,"text":"pw s3cret here","n":null}"#;
        assert_eq!(
            redact_body(numbers, &["s3cret"]),
            r#"{"card_number":"411111******1111","amount":-1.5,"text":"pw [REDACTED] here","n":null}"#
        );
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
