//! Request validation: pure, before any network I/O, every problem at once with its field path, in Turkish or
//! English. The engine (`engine.rs`) walks a JSON body against a per-call table (`tables/`), applies the field
//! rules (`rules.rs`, `card.rs`, `identity.rs`), and normalises values in place where the API wants one spelling
//! (phone and card numbers).

pub mod card;
mod engine;
pub mod identity;
pub mod messages;
pub mod rules;
pub mod schema;
pub mod tables;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::Date;
use tsify::Tsify;

pub use messages::Problem;
pub use schema::{Check, Field, Rule, Schema};
pub use tables::schema;

/// How serious an issue is. Only `error` stops a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Language of messages (validation issues; the `Accept-Language` header for the API's own messages).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Tr,
    En,
}

/// Shorter name used inside the crate.
pub type Lang = Language;

/// One problem found in a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub struct ValidationIssue {
    /// Where: `email`, `customer.phone`, `items[0].amount`; empty for the body as a whole.
    pub path: String,
    /// Stable machine-readable code, e.g. `required`, `too_short`, `tckn_checksum`.
    pub code: String,
    /// Human message in the configured language, without the path.
    pub message: String,
    pub severity: Severity,
}

/// Shorter name used inside the crate.
pub type Issue = ValidationIssue;

impl ValidationIssue {
    /// An issue with the problem's code, default severity and message in `lang`.
    pub fn new(path: &str, problem: &Problem, lang: Lang) -> Self {
        Self {
            path: path.to_owned(),
            code: problem.code().to_owned(),
            message: problem.message(lang),
            severity: problem.default_severity(),
        }
    }
}

/// What validation needs to know besides the body.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub lang: Lang,
    /// Identity-number checksums are errors instead of warnings.
    pub strict_identity_numbers: bool,
    /// Dates must be before this day (birthdates).
    pub today: Date,
}

impl Settings {
    pub(crate) fn issue(&self, path: &str, problem: Problem) -> Issue {
        let mut issue = Issue::new(path, &problem, self.lang);
        if self.strict_identity_numbers && matches!(problem, Problem::TcknChecksum | Problem::VknChecksum) {
            issue.severity = Severity::Error;
        }
        issue
    }
}

/// `true` when any issue stops the call.
pub fn has_errors(issues: &[Issue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}

/// Validates a path parameter: not blank, and not a value the URL would turn into another path (`.`, `..`, or
/// their percent-encoded forms: URL parsers remove such segments, so the request would go elsewhere).
pub fn path_param(name: &str, value: &str, settings: &Settings) -> Vec<Issue> {
    if value.trim().is_empty() {
        vec![settings.issue(name, Problem::Required)]
    } else if crate::routes::is_dot_segment(value) {
        vec![settings.issue(name, Problem::DotSegment)]
    } else {
        Vec::new()
    }
}

/// Validates `body` against a schema, normalising it in place. Without a schema the call sends nothing: a missing
/// body is fine, anything else is reported.
pub fn body(schema: Option<&Schema>, body: &mut Value, settings: &Settings) -> Vec<Issue> {
    let mut out = Vec::new();
    match schema {
        Some(schema) => {
            engine::check_value(&Rule::ObjectWith(schema.fields, schema.checks), body, "", settings, &mut out)
        }
        None if body.is_null() => {}
        None => out.push(settings.issue("", Problem::UnknownField)),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::date;

    const SETTINGS: Settings =
        Settings { lang: Lang::En, strict_identity_numbers: false, today: date!(2026 - 11 - 23) };

    fn codes(issues: &[Issue]) -> Vec<(String, String, Severity)> {
        issues.iter().map(|i| (i.path.clone(), i.code.clone(), i.severity)).collect()
    }

    fn run(op: &str, mut value: Value, settings: &Settings) -> (Vec<(String, String, Severity)>, Value) {
        let issues = body(schema(op), &mut value, settings);
        (codes(&issues), value)
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
        assert!(body(None, &mut Value::Null, &SETTINGS).is_empty());
        assert_eq!(codes(&body(None, &mut json!({}), &SETTINGS)), vec![c("", "unknown_field", Severity::Warning)]);
    }

    #[test]
    fn messages_follow_the_language() {
        let tr = Settings { lang: Lang::Tr, ..SETTINGS };
        let issues = body(schema("createCustomer"), &mut json!({}), &tr);
        assert_eq!(issues[0].message, "zorunludur");
        let issues = body(schema("createCustomer"), &mut json!({}), &SETTINGS);
        assert_eq!(issues[0].message, "is required");
    }

    #[test]
    fn path_parameters_must_name_a_path_segment() {
        let cases: &[(&str, Option<&str>)] = &[
            ("MTD1", None),
            ("a.b", None),
            ("...", None),
            ("%2", None),
            ("", Some("required")),
            (" ", Some("required")),
            (".", Some("dot_segment")),
            ("..", Some("dot_segment")),
            ("%2E", Some("dot_segment")),
            ("%2e%2E", Some("dot_segment")),
            (".%2e", Some("dot_segment")),
        ];
        for (value, code) in cases {
            let expected: Vec<_> = code.iter().map(|code| c("external_customer_id", code, Severity::Error)).collect();
            assert_eq!(codes(&path_param("external_customer_id", value, &SETTINGS)), expected, "{value:?}");
        }
        let tr = Settings { lang: Lang::Tr, ..SETTINGS };
        assert!(path_param("external_order_id", "..", &tr)[0].message.contains("başka bir yola"));
    }
}
