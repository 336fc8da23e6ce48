//! Reading request bodies: JSON parsing, typed field access and the field rules, each failing with a 422 that names
//! the field. Deliberately looser than the SDK's own validation, which should catch problems first.

use serde_json::{Map, Value};
use time::macros::format_description;

use crate::envelope::{code, Failure};
use crate::http::status;
use crate::messages::Msg;
use crate::rules::Rule;

/// Parses a request body as a JSON object; an empty body counts as `{}`.
pub fn json_object(body: &[u8]) -> Result<Map<String, Value>, Failure> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Failure::new(status::UNPROCESSABLE_ENTITY, code::PARAMETER, Msg::NotObject)),
        Err(_) => Err(Failure::new(status::BAD_REQUEST, code::NOT_JSON, Msg::NotJson)),
    }
}

/// Typed access to the fields of a JSON object. `null` counts as absent.
#[derive(Clone, Copy)]
pub struct Fields<'a>(pub &'a Map<String, Value>);

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|value| !value.is_null())
    }

    pub fn string(&self, name: &'static str) -> Result<Option<&'a str>, Failure> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(Failure::field(name, Rule::Type("string"))),
        }
    }

    /// Like [`Self::string`], but `null` is refused: for fields the API declares as plain (non-nullable) strings.
    pub fn string_not_null(&self, name: &'static str) -> Result<Option<&'a str>, Failure> {
        if self.0.get(name).is_some_and(Value::is_null) {
            return Err(Failure::field(name, Rule::Type("string")));
        }
        self.string(name)
    }

    /// A string that must be present and not blank.
    pub fn required_string(&self, name: &'static str) -> Result<&'a str, Failure> {
        match self.string(name)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            _ => Err(Failure::field(name, Rule::Required)),
        }
    }

    pub fn bool(&self, name: &'static str) -> Result<Option<bool>, Failure> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Failure::field(name, Rule::Type("boolean"))),
        }
    }

    pub fn integer(&self, name: &'static str) -> Result<Option<i64>, Failure> {
        match self.get(name) {
            None => Ok(None),
            Some(value) => value.as_i64().map(Some).ok_or_else(|| Failure::field(name, Rule::Type("integer"))),
        }
    }

    /// Any JSON number.
    pub fn number(&self, name: &'static str) -> Result<Option<f64>, Failure> {
        match self.get(name) {
            None => Ok(None),
            Some(value) => value.as_f64().map(Some).ok_or_else(|| Failure::field(name, Rule::Type("number"))),
        }
    }

    /// A number that, when present, is above zero.
    pub fn positive(&self, name: &'static str) -> Result<Option<f64>, Failure> {
        match self.number(name)? {
            Some(value) if value <= 0.0 || !value.is_finite() => Err(Failure::field(name, Rule::Positive)),
            other => Ok(other),
        }
    }

    pub fn object(&self, name: &'static str) -> Result<Option<&'a Map<String, Value>>, Failure> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map)),
            Some(_) => Err(Failure::field(name, Rule::Type("object"))),
        }
    }

    pub fn array(&self, name: &'static str) -> Result<Option<&'a Vec<Value>>, Failure> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(Failure::field(name, Rule::Type("array"))),
        }
    }
}

fn check(ok: bool, name: &'static str, rule: Rule) -> Result<(), Failure> {
    if ok {
        Ok(())
    } else {
        Err(Failure::field(name, rule))
    }
}

/// 3–40 characters of `A-Z a-z 0-9 - _`.
pub fn external_id(name: &'static str, value: &str) -> Result<(), Failure> {
    let chars_ok = value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    check(chars_ok && (3..=40).contains(&value.len()), name, Rule::ExternalId)
}

/// An order (or balance movement) id: 3–50 characters of `A-Z a-z 0-9 _ . -`.
pub fn order_external_id(name: &'static str, value: &str) -> Result<(), Failure> {
    let chars_ok = value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    check(chars_ok && (3..=50).contains(&value.len()), name, Rule::OrderExternalId)
}

pub fn length(name: &'static str, value: &str, min: usize, max: usize) -> Result<(), Failure> {
    check((min..=max).contains(&value.chars().count()), name, Rule::Length(min, max))
}

pub fn min_length(name: &'static str, value: &str, min: usize) -> Result<(), Failure> {
    check(value.chars().count() >= min, name, Rule::MinLength(min))
}

/// A plausible address: one `@`, something before it, a dot in the domain, no spaces.
pub fn email(name: &'static str, value: &str) -> Result<(), Failure> {
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.contains(char::is_whitespace)
        }
        None => false,
    };
    check(ok, name, Rule::Email)
}

pub fn gender(name: &'static str, value: &str) -> Result<(), Failure> {
    check(value == "M" || value == "F", name, Rule::Gender)
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn date(name: &'static str, value: &str) -> Result<(), Failure> {
    let ok = value.len() == 10 && time::Date::parse(value, format_description!("[year]-[month]-[day]")).is_ok();
    check(ok, name, Rule::Date)
}

pub fn ten_digits(name: &'static str, value: &str) -> Result<(), Failure> {
    check(value.len() == 10 && value.bytes().all(|b| b.is_ascii_digit()), name, Rule::TenDigits)
}

pub fn one_of(name: &'static str, value: &str, allowed: &'static [&'static str]) -> Result<(), Failure> {
    check(allowed.contains(&value), name, Rule::OneOf(allowed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn external_id_table() {
        for (value, ok) in
            [("abc", true), ("MTD0018232", true), ("a-b_c", true), ("ab", false), ("a b c", false), ("ğüş", false)]
        {
            assert_eq!(external_id("external_id", value).is_ok(), ok, "{value}");
        }
        assert!(external_id("external_id", &"x".repeat(40)).is_ok());
        assert!(external_id("external_id", &"x".repeat(41)).is_err());
    }

    #[test]
    fn order_external_id_table() {
        for (value, ok) in [("ord.1-a_b", true), ("ab", false), ("a b c", false), ("a/b/c", false)] {
            assert_eq!(order_external_id("external_id", value).is_ok(), ok, "{value}");
        }
        assert!(order_external_id("external_id", &"x".repeat(50)).is_ok());
        assert!(order_external_id("external_id", &"x".repeat(51)).is_err());
    }

    #[test]
    fn email_date_gender_and_digits_tables() {
        for (value, ok) in [("a@b.co", true), ("a@b", false), ("@b.co", false), ("a b@c.d", false), ("a@@b.c", false)] {
            assert_eq!(email("email", value).is_ok(), ok, "{value}");
        }
        for (value, ok) in [
            ("1970-01-31", true),
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("31-01-1970", false),
            ("1970-1-31", false),
        ] {
            assert_eq!(date("birthdate", value).is_ok(), ok, "{value}");
        }
        assert!(gender("gender", "F").is_ok() && gender("gender", "f").is_err());
        assert!(ten_digits("identity_number", "1234567890").is_ok());
        assert!(
            ten_digits("identity_number", "123456789").is_err() && ten_digits("identity_number", "12345678ab").is_err()
        );
    }

    #[test]
    fn bodies_must_be_json_objects() {
        assert!(json_object(b"").unwrap().is_empty());
        assert_eq!(json_object(b"{").unwrap_err().status, status::BAD_REQUEST);
        assert_eq!(json_object(b"[1]").unwrap_err().status, status::UNPROCESSABLE_ENTITY);
    }

    #[test]
    fn fields_check_types_and_treat_null_as_absent() {
        let map = json!({"s": "x", "n": 1, "b": true, "z": null, "blank": " "});
        let map = map.as_object().unwrap();
        let fields = Fields(map);
        assert_eq!(fields.string("s").unwrap(), Some("x"));
        assert_eq!(fields.string("z").unwrap(), None);
        assert_eq!(fields.string_not_null("z").unwrap_err().msg, Msg::Field("z", Rule::Type("string")));
        assert_eq!(fields.string_not_null("s").unwrap(), Some("x"));
        assert_eq!(fields.string_not_null("absent").unwrap(), None);
        assert_eq!(fields.string("n").unwrap_err().msg, Msg::Field("n", Rule::Type("string")));
        assert_eq!(fields.required_string("blank").unwrap_err().msg, Msg::Field("blank", Rule::Required));
        assert_eq!(fields.integer("n").unwrap(), Some(1));
        assert_eq!(fields.bool("b").unwrap(), Some(true));
        assert!(fields.bool("s").is_err());
        assert_eq!(fields.number("n").unwrap(), Some(1.0));
        assert_eq!(fields.positive("n").unwrap(), Some(1.0));
        assert!(fields.number("s").is_err() && fields.object("s").is_err());
        let negative = json!({"n": -1});
        assert_eq!(
            Fields(negative.as_object().unwrap()).positive("n").unwrap_err().msg,
            Msg::Field("n", Rule::Positive)
        );
    }
}
