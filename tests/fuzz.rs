//! Property tests over arbitrary input: the judgement of responses (every status, body and reading), the validators of
//! every call, the Digest challenge parser, the config parser and the redaction never panic, and every failure is a
//! typed error. (The response reader itself runs in JS: `tests/js/wasm-fuzz.test.mjs` feeds it random bodies.) The case count is `PROPTEST_CASES` (CI keeps the default of this file; `make fuzz` runs many more).
#![cfg(not(target_arch = "wasm32"))]

use minted_connect::digest::parse_www_authenticate;
use minted_connect::envelope::{check, RawResponse};
use minted_connect::envelope::{Code, EnvelopeInfo, Reading};
use minted_connect::registry::OPERATIONS;
use minted_connect::validate::{self, Language, Settings};
use minted_connect::{config, redact, response_shape};
use proptest::prelude::*;
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

/// Every client call with a request table or a response shape.
fn calls() -> Vec<&'static str> {
    OPERATIONS.iter().map(|op| op.id).collect()
}

/// The request rules of a call.
fn schema(call: &str) -> Option<&'static validate::Schema> {
    minted_connect::registry::find(call).and_then(|op| op.input.schema())
}

/// Arbitrary JSON, biased towards the API's field names and values so the checks go deep.
fn json_value() -> impl Strategy<Value = Value> {
    let names = prop::sample::select(vec![
        "data",
        "success",
        "code",
        "message",
        "guid",
        "order_code",
        "external_id",
        "items",
        "sku",
        "amount",
        "price",
        "total",
        "wallets",
        "currency_code",
        "balance",
        "token",
        "prices",
        "expire_ttl",
        "payment",
        "details",
        "card_number",
        "customer",
        "phone",
        "email",
        "birthdate",
        "identity_number",
        "results",
        "installments",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "[ -~]{0,24}".prop_map(Value::from),
        prop::sample::select(vec![
            "GAU",
            "+905321112233",
            "0532 111 22 33",
            "1970-01-31",
            "10000000146",
            "4111111111111111",
            "12/30"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((names.clone(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn settings(strict: bool) -> Settings {
    Settings { language: Language::En, strict_identity_numbers: strict, today: time::macros::date!(2026 - 11 - 23) }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_responses_never_break_the_judgement(
        body in prop::collection::vec(any::<u8>(), 0..512),
        status in 100u16..600,
        what in 0u8..3,
        has_data in any::<bool>(),
        success in any::<Option<bool>>(),
        code in any::<Option<f64>>(),
        message in any::<Option<String>>(),
    ) {
        for call in calls() {
            let Some(shape) = response_shape(call) else { continue };
            let reading = match what {
                0 => Reading::NotJson,
                1 => Reading::Shape(format!("`data` should be an object, found {message:?}")),
                _ => Reading::Envelope(EnvelopeInfo {
                    has_data,
                    success,
                    code: code.map(Code::Number),
                    message: message.clone(),
                }),
            };
            match check(&RawResponse { status, body: body.clone(), request_id: None }, reading, shape, &["secret"]) {
                // Only a success status with the envelope passes.
                Ok(()) => prop_assert!((200..300).contains(&status) && what == 2, "{call}: HTTP {status} accepted"),
                // A typed error carrying the status, with the secret cut out of the body it keeps.
                Err(err) => {
                    prop_assert!(!err.message.is_empty());
                    prop_assert_eq!(err.status, Some(status));
                    prop_assert!(err.body.as_deref().is_some_and(|b| !b.contains("secret")), "{:?}", err.body);
                }
            }
        }
    }

    #[test]
    fn arbitrary_bodies_never_break_a_validator(body in json_value(), strict in any::<bool>(), edit in 0u8..4) {
        let text = body.to_string();
        for call in calls() {
            let issues = validate::body(schema(call), &text, &settings(strict));
            for issue in &issues {
                prop_assert!(!issue.code.is_empty() && !issue.message.is_empty());
            }
            // Writing finds the same issues, and what it writes is JSON.
            let edits = validate::Edits {
                external_id: (edit & 1 == 1).then_some("mc-0"),
                wrap_amount: (edit & 2 == 2).then_some("GAU"),
                payment_type: (edit == 3).then_some("cash"),
            };
            let written = validate::write(schema(call), &text, &settings(strict), edits);
            if edits.external_id.is_none() {
                prop_assert_eq!(&written.issues, &issues);
            }
            if schema(call).is_some() {
                prop_assert!(serde_json::from_str::<Value>(&written.body).is_ok(), "{call}: {}", written.body);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_breaks_a_field_rule(text in "\\PC{0,40}") {
        let body = json!({"external_id": text, "firstname": text, "email": text, "phone": text, "gender": text,
                               "identity_number": text, "birthdate": text});
        let _ = validate::body(schema("createCustomer"), &body.to_string(), &settings(true));
        let card = json!({"price_token": text, "items": [{"sku": text, "amount": 1}],
            "payment": {"card_holder": text, "card_number": text, "card_expiry": text, "card_cvv": text, "customer_ip": text}});
        let _ = validate::write(schema("cardPaymentBuyWithCardNumber"), &card.to_string(), &settings(false), Default::default());
        let _ = validate::rules::normalize_phone(&text);
        let _ = validate::card::normalize_card_number(&text);
        let _ = parse_www_authenticate(Some(&text));
        let _ = config::parse_base_url(&text);
        let with_secret = format!("{text}secret");
        let redacted = redact::redact_text_plain(&with_secret, &["secret"]);
        prop_assert!(!redacted.contains("secret"), "{}", redacted);
    }

    #[test]
    fn luhn_accepts_its_own_check_digit_and_catches_any_single_digit_error(
        digits in prop::collection::vec(0u8..10, 11..18), at in any::<prop::sample::Index>(), delta in 1u8..10,
    ) {
        let body: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let check = (0..10u8).find(|c| validate::card::luhn_valid(&format!("{body}{c}"))).map(|c| char::from(b'0' + c));
        prop_assert!(check.is_some(), "no check digit for {}", body);
        let number = format!("{body}{}", check.unwrap());
        prop_assert!(validate::card::luhn_valid(&number));
        let mut changed = number.into_bytes();
        let i = at.index(changed.len());
        changed[i] = b'0' + (changed[i] - b'0' + delta) % 10;
        let changed = String::from_utf8(changed).unwrap();
        prop_assert!(!validate::card::luhn_valid(&changed), "{} passes", changed);
    }

    #[test]
    fn arbitrary_configs_and_challenges_never_panic(value in json_value(), header in "[ -~]{0,120}") {
        let _ = config::from_json(&value);
        let _ = config::from_json(&json!({"baseUrl": "http://x.test", "routes": value}));
        let _ = parse_www_authenticate(Some(&format!("Digest {header}")));
        let with_secret = format!("{header}secret");
        let redacted = redact::redact_body(with_secret.as_bytes(), &["secret"]);
        prop_assert!(!redacted.contains("secret"), "{}", redacted);
        let json = serde_json::to_vec(&json!({ "value": value, "password": "secret" })).unwrap();
        prop_assert!(!redact::redact_body(&json, &["secret"]).contains("secret"));
    }
}
