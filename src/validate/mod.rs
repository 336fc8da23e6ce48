//! Request validation: pure, before any network I/O, every problem at once with its field path, in Turkish or
//! English. The engine (`engine.rs`) walks the JSON text of a body against a request model's table (`api/`) in one
//! pass, applies the field rules (`rules.rs`, `card.rs`, `identity.rs`), and writes the body to send with values
//! normalised where the API wants one spelling (phone and card numbers).

pub mod card;
mod engine;
pub mod identity;
pub mod messages;
pub mod rules;
pub mod schema;
mod writer;

use serde::Serialize;
use time::Date;
use tsify::Tsify;

pub use engine::Walked;
pub use messages::Problem;
pub use schema::{Check, Field, Rule, Schema};
pub use writer::Edits;

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

/// Shorter name used inside the crate.
pub type Lang = Language;

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

/// How [`rewrite`] changes what it copies (redaction uses it on the bodies the SDK reports).
pub trait Rewrite {
    /// What becomes of the value of member `key`; `parent` is the key of the member the object sits in (through
    /// arrays), `None` at the top level.
    fn member(&self, key: &str, parent: Option<&str>) -> Member;
    /// A string copied as a value.
    fn text(&self, text: &str) -> String;
}

/// What [`Rewrite::member`] decides for a member's value.
#[derive(Clone, Copy)]
pub enum Member {
    /// Copied, with the rewrite applied inside it.
    Copy,
    /// Replaced by this string unless it is `null`.
    Remove(&'static str),
    /// A string or number becomes the string this gives for its text; other values are copied.
    Mask(fn(&str) -> String),
}

/// Copies JSON text compactly, changed as `rewrite` says; `None` when the text is not JSON. The same walk as
/// validation, so the wasm holds one JSON reader.
pub fn rewrite(text: &str, rewrite: &dyn Rewrite) -> Option<String> {
    engine::rewrite(text, rewrite)
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
    } else if rules::is_dot_segment(value) {
        vec![settings.issue(name, Problem::DotSegment)]
    } else {
        Vec::new()
    }
}

/// Validates the JSON text of a body against a schema. Without a schema the call sends nothing: a missing body
/// (`null`) is fine, anything else is reported.
pub fn body(schema: Option<&Schema>, text: &str, settings: &Settings) -> Vec<Issue> {
    engine::walk(schema, text, settings, Edits::default(), false).issues
}

/// Validates the JSON text of a body against a schema and writes the body to send: normalised values, `edits` made.
pub fn write(schema: Option<&Schema>, text: &str, settings: &Settings, edits: Edits<'_>) -> Walked {
    engine::walk(schema, text, settings, edits, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const SETTINGS: Settings =
        Settings { lang: Lang::En, strict_identity_numbers: false, today: date!(2026 - 11 - 23) };

    fn codes(issues: &[Issue]) -> Vec<(String, String, Severity)> {
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
        let tr = Settings { lang: Lang::Tr, ..SETTINGS };
        assert!(path_param("external_order_id", "..", &tr)[0].message.contains("başka bir yola"));
    }
}
