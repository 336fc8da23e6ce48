//! Request validation: pure, before any network I/O, every problem at once with its field path, in Turkish or
//! English. The engine (`engine.rs`) walks the JSON text of a body against a request model's table (`api/`) in one
//! pass, applies the field rules (`rules.rs`, `card.rs`, `identity.rs`), and writes the body to send with values
//! normalised where the API wants one spelling (phone and card numbers).

pub mod card;
pub mod messages;
pub mod rules;
pub mod schema;
mod walk;

use serde::Serialize;
use time::Date;
use tsify::Tsify;

pub use messages::Problem;
pub use schema::{Check, Field, Rule, Schema};
pub use walk::{body, has_errors, number_text, path_param, transform, write, Edits, Walked};

/// How serious an issue is. Only `error` stops a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Language of messages (validation issues; the `Accept-Language` header for the API's own messages).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Tr,
    En,
}

/// One problem found in a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
pub struct ValidationIssue {
    /// Where: `email`, `customer.phone`, `items[0].amount`; empty for the body as a whole.
    pub path: String,
    /// Stable machine-readable code, e.g. `required`, `too_short`, `tckn_checksum`.
    pub code: String,
    /// Human message in the configured language, without the path.
    pub message: String,
    /// `error` stops the call; `warning` is reported and the request is sent.
    pub severity: Severity,
}

impl ValidationIssue {
    /// An issue with the problem's code, default severity and message in `lang`.
    pub fn new(path: &str, problem: &Problem, lang: Language) -> Self {
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
    pub language: Language,
    /// Identity-number checksums are errors instead of warnings.
    pub strict_identity_numbers: bool,
    /// Dates must be before this day (birthdates).
    pub today: Date,
}

impl Settings {
    pub(crate) fn issue(&self, path: &str, problem: Problem) -> ValidationIssue {
        let mut issue = ValidationIssue::new(path, &problem, self.language);
        if self.strict_identity_numbers && matches!(problem, Problem::TcknChecksum | Problem::VknChecksum) {
            issue.severity = Severity::Error;
        }
        issue
    }
}

/// How [`transform`] changes what it copies (redaction uses it on the bodies the SDK reports).
pub trait Transform {
    /// What becomes of the value of member `key`; `parent` is the key of the member the object sits in (through
    /// arrays), `None` at the top level.
    fn member(&self, key: &str, parent: Option<&str>) -> Member;
    /// A string copied as a value.
    fn text(&self, text: &str) -> String;
}

/// What [`Transform::member`] decides for a member's value.
#[derive(Clone, Copy)]
pub enum Member {
    /// Copied, with the rewrite applied inside it.
    Copy,
    /// Replaced by this string unless it is `null`.
    Remove(&'static str),
    /// A string or number becomes the string this gives for its text; other values are copied.
    Mask(fn(&str) -> String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const SETTINGS: Settings =
        Settings { language: Language::En, strict_identity_numbers: false, today: date!(2026 - 11 - 23) };

    fn codes(issues: &[ValidationIssue]) -> Vec<(String, String, Severity)> {
        issues.iter().map(|i| (i.path.clone(), i.code.clone(), i.severity)).collect()
    }

    fn c(path: &str, code: &str, severity: Severity) -> (String, String, Severity) {
        (path.to_owned(), code.to_owned(), severity)
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
        let tr = Settings { language: Language::Tr, ..SETTINGS };
        assert!(path_param("external_order_id", "..", &tr)[0].message.contains("başka bir yola"));
    }
}
