//! The walk: a JSON value against a rule, reporting every problem with its path and normalising in place.

use serde_json::{Map, Value};

use super::schema::{Check, Field, Rule, KNOWN_SKUS};
use super::{card, rules, Issue, Problem, Settings};

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn present(map: &Map<String, Value>, name: &str) -> bool {
    map.get(name).is_some_and(|v| !v.is_null())
}

fn check_object(
    fields: &[Field],
    checks: &[Check],
    map: &mut Map<String, Value>,
    prefix: &str,
    s: &Settings,
    out: &mut Vec<Issue>,
) {
    for field in fields {
        let path = join(prefix, field.name);
        match map.get_mut(field.name) {
            None | Some(Value::Null) => {
                if field.required {
                    out.push(s.issue(&path, Problem::Required));
                }
            }
            Some(value) => check_value(&field.rule, value, &path, s, out),
        }
    }
    for key in map.keys() {
        if !fields.iter().any(|f| f.name == key) {
            out.push(s.issue(&join(prefix, key), Problem::UnknownField));
        }
    }
    for check in checks {
        match check {
            Check::AtLeastOneOf(names) => {
                if !names.iter().any(|n| present(map, n)) {
                    out.push(s.issue(prefix, Problem::AtLeastOneOf(names)));
                }
            }
            Check::ExactlyOneOf(names) => {
                if names.iter().filter(|n| present(map, n)).count() != 1 {
                    out.push(s.issue(prefix, Problem::ExactlyOneOf(names)));
                }
            }
            Check::Requires(field, needs) => {
                if present(map, field) && !present(map, needs) {
                    out.push(s.issue(&join(prefix, needs), Problem::RequiredWith(field)));
                }
            }
            Check::PresentExactlyWhen { field, value, needs } => {
                let matches = map.get(*field).and_then(Value::as_str) == Some(*value);
                if matches && !present(map, needs) {
                    out.push(s.issue(&join(prefix, needs), Problem::RequiredWhen(field, value)));
                } else if !matches && present(map, needs) {
                    out.push(s.issue(&join(prefix, needs), Problem::OnlyWhen(field, value)));
                }
            }
        }
    }
}

pub(super) fn check_value(rule: &Rule, value: &mut Value, path: &str, s: &Settings, out: &mut Vec<Issue>) {
    let report = |out: &mut Vec<Issue>, problems: Vec<Problem>| {
        out.extend(problems.into_iter().map(|p| s.issue(path, p)));
    };
    match rule {
        Rule::Object(fields) => check_value(&Rule::ObjectWith(fields, &[]), value, path, s, out),
        Rule::ObjectWith(fields, checks) => match value {
            Value::Object(map) => check_object(fields, checks, map, path, s, out),
            _ => report(out, vec![Problem::NotObject]),
        },
        Rule::Payment { card, stored } => {
            let is_stored = value.get("card_token").is_some_and(|v| !v.is_null());
            check_value(&Rule::Object(if is_stored { stored } else { card }), value, path, s, out);
        }
        Rule::Array { min, max, item } => match value {
            Value::Array(items) => {
                let (min, max) = (usize::from(*min), usize::from(*max));
                if items.len() < min {
                    report(out, vec![Problem::ArrayTooShort(min)]);
                } else if items.len() > max {
                    report(out, vec![Problem::ArrayTooLong(max)]);
                }
                for (i, element) in items.iter_mut().enumerate() {
                    check_value(item, element, &format!("{path}[{i}]"), s, out);
                }
            }
            _ => report(out, vec![Problem::NotArray]),
        },
        Rule::Bool => {
            if !value.is_boolean() {
                report(out, vec![Problem::NotBoolean]);
            }
        }
        Rule::Integer { min, max } => match value.as_i64() {
            Some(n) if (i64::from(*min)..=i64::from(*max)).contains(&n) => {}
            Some(_) => report(out, vec![Problem::OutOfRange(i64::from(*min), i64::from(*max))]),
            None => report(out, vec![Problem::NotInteger]),
        },
        Rule::Metal => report(out, rules::quantity(value.as_f64(), 4, 10_000_000.0)),
        Rule::Money => report(out, rules::quantity(value.as_f64(), 2, 100_000_000_000.0)),
        Rule::Phone => match value.as_str().map(rules::normalize_phone) {
            Some(Ok(normalized)) => *value = Value::String(normalized),
            Some(Err(problem)) => report(out, vec![problem]),
            None => report(out, vec![Problem::NotString]),
        },
        Rule::CardNumber => match value.as_str().map(card::normalize_card_number) {
            Some(Ok(normalized)) => *value = Value::String(normalized),
            Some(Err(problem)) => report(out, vec![problem]),
            None => report(out, vec![Problem::NotString]),
        },
        string_rule => match value.as_str() {
            Some(text) => report(out, check_string(string_rule, text, s)),
            None => report(out, vec![Problem::NotString]),
        },
    }
}

fn check_string(rule: &Rule, text: &str, s: &Settings) -> Vec<Problem> {
    let one_of = |values: &'static [&'static str], problem: Problem| {
        if values.contains(&text) {
            Vec::new()
        } else {
            vec![problem]
        }
    };
    match rule {
        Rule::ExternalId => rules::external_id(text),
        Rule::PersonName => rules::person_name(text),
        Rule::MiddleName => rules::middle_name(text),
        Rule::Text { min, max } => rules::length(text, usize::from(*min), usize::from(*max)),
        Rule::Email => rules::email(text),
        Rule::Gender(values) => rules::gender(text, values),
        Rule::Birthdate => rules::birthdate(text, s.today),
        Rule::Date => rules::parse_date(text).err().into_iter().collect(),
        Rule::Tckn => rules::tckn(text),
        Rule::Vkn => rules::vkn(text),
        Rule::OneOf(values) => one_of(values, Problem::OneOf(values)),
        Rule::Suggest(values) => one_of(values, Problem::Unusual(values)),
        Rule::Sku => rules::sku(text, KNOWN_SKUS),
        Rule::Token => rules::token(text),
        Rule::CardExpiry => card::expiry(text, s.today),
        Rule::Cvv => card::digits(text, 3, 4, Problem::Cvv),
        Rule::Bin => card::digits(text, 6, 8, Problem::Bin),
        Rule::Ip => rules::ip(text),
        // Non-string rules are dispatched in check_value.
        Rule::Object(_)
        | Rule::ObjectWith(..)
        | Rule::Payment { .. }
        | Rule::Array { .. }
        | Rule::Bool
        | Rule::Integer { .. }
        | Rule::Metal
        | Rule::Money
        | Rule::Phone
        | Rule::CardNumber => Vec::new(),
    }
}
