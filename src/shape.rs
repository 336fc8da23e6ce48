//! Response shapes: static tables describing what each operation's `data` looks like, and one streaming checker
//! that walks a JSON body against a table without building anything.
//!
//! Why tables and not `#[derive(Deserialize)]` per type: the checker is one piece of code for every response type
//! (a derive per type costs kilobytes of wasm each), allocates nothing, and leaves the object to `JSON.parse`, which
//! keeps every field the server sent. The tables are written by the model declarations in `api/`, which also write
//! the TypeScript.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Rejects what a visitor does not expect with a plain message. Overriding every `visit_*` this way (instead of
/// serde's defaults) keeps serde's `invalid_type` formatting, and with it Rust's float formatting, out of the wasm.
macro_rules! reject_others {
    ($what:literal; $($method:ident($($arg:ty)?)),*) => {
        $(
            fn $method<E: de::Error>(self $(, _: $arg)?) -> Result<Self::Value, E> {
                Err(E::custom($what))
            }
        )*
    };
}

/// What a JSON value must be.
#[derive(Debug, PartialEq)]
pub enum Shape {
    Str,
    /// Any JSON number: integers and fractions alike (the docs mix them).
    Num,
    Bool,
    /// Anything, unchecked (objects the docs do not describe).
    Any,
    Obj(&'static [Field]),
    Arr(&'static Shape),
    /// A string or a number (the API's `code`).
    StrOrNum,
}

/// A field of an object shape. Optional fields may also be `null`; required ones must be present and not `null`.
#[derive(Debug, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub shape: Shape,
}

pub const fn req(name: &'static str, shape: Shape) -> Field {
    Field { name, required: true, shape }
}

pub const fn opt(name: &'static str, shape: Shape) -> Field {
    Field { name, required: false, shape }
}

/// The expected `data` of an operation.
#[derive(Debug)]
pub struct DataShape {
    pub shape: &'static Shape,
    /// `data` may be `null` or missing.
    pub nullable: bool,
}

/// Where a value sits, for error messages; built only when an error occurs.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root(&'static str),
    Key(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, usize),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

struct Check<'a> {
    shape: &'static Shape,
    path: Path<'a>,
    nullable: bool,
}

impl<'de> DeserializeSeed<'de> for Check<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.shape {
            Shape::Any => deserializer.deserialize_ignored_any(IgnoredAny).map(drop),
            _ => deserializer.deserialize_any(self),
        }
    }
}

impl Check<'_> {
    fn expected(&self) -> &'static str {
        match self.shape {
            Shape::Str => "a string",
            Shape::Num => "a number",
            Shape::Bool => "true or false",
            Shape::Any => "any value",
            Shape::Obj(_) => "an object",
            Shape::Arr(_) => "an array",
            Shape::StrOrNum => "a string or a number",
        }
    }

    fn mismatch<E: de::Error>(&self, found: &str) -> E {
        let null_ok = if self.nullable { " or null" } else { "" };
        E::custom(format_args!("`{}` should be {}{null_ok}, found {found}", self.path, self.expected()))
    }

    fn accept<E: de::Error>(&self, ok: bool, found: &str) -> Result<(), E> {
        if ok {
            Ok(())
        } else {
            Err(self.mismatch(found))
        }
    }
}

impl<'de> Visitor<'de> for Check<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.accept(matches!(self.shape, Shape::Bool), "a boolean")
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.accept(matches!(self.shape, Shape::Num | Shape::StrOrNum), "a number")
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.accept(matches!(self.shape, Shape::Num | Shape::StrOrNum), "a number")
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.accept(matches!(self.shape, Shape::Num | Shape::StrOrNum), "a number")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.accept(matches!(self.shape, Shape::Str | Shape::StrOrNum), "a string")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.accept(self.nullable, "null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.accept(self.nullable, "null")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Shape::Arr(item) = self.shape else {
            return Err(self.mismatch("an array"));
        };
        let mut index = 0;
        while seq
            .next_element_seed(Check { shape: item, path: Path::Index(&self.path, index), nullable: false })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Shape::Obj(fields) = self.shape else {
            return Err(self.mismatch("an object"));
        };
        let mut seen: u64 = 0;
        while let Some(key) = map.next_key_seed(Key)? {
            match fields.iter().enumerate().find(|(_, f)| f.name == key) {
                Some((i, field)) => {
                    seen |= 1u64.checked_shl(i as u32).unwrap_or(0);
                    let check = Check {
                        shape: &field.shape,
                        path: Path::Key(&self.path, field.name),
                        nullable: !field.required,
                    };
                    map.next_value_seed(check)?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        for (i, field) in fields.iter().enumerate() {
            if field.required && seen & 1u64.checked_shl(i as u32).unwrap_or(0) == 0 {
                return Err(de::Error::custom(format_args!("`{}.{}` is missing", self.path, field.name)));
            }
        }
        Ok(())
    }
}

/// What the envelope around `data` said.
#[derive(Debug, Default, PartialEq)]
pub struct EnvelopeInfo {
    pub has_data: bool,
    pub success: Option<bool>,
    pub code: Option<Code>,
    pub message: Option<String>,
}

/// The API's `code`.
#[derive(Clone, Debug, PartialEq)]
pub enum Code {
    Number(f64),
    Text(String),
}

struct EnvelopeCheck<'s> {
    data: Option<&'s DataShape>,
}

impl<'de> Visitor<'de> for EnvelopeCheck<'_> {
    type Value = EnvelopeInfo;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the API's envelope {data, success, code, message}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EnvelopeInfo, A::Error> {
        let mut info = EnvelopeInfo::default();
        while let Some(key) = map.next_key_seed(Key)? {
            match key.as_ref() {
                "data" => match self.data {
                    Some(data) => {
                        let path = Path::Root("data");
                        info.has_data =
                            map.next_value_seed(NullCheck(Check { shape: data.shape, path, nullable: data.nullable }))?;
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                },
                // Lenient: a field of an unexpected type is ignored, not fatal.
                "success" => info.success = map.next_value_seed(Scalar)?.as_bool(),
                "code" => info.code = map.next_value_seed(Scalar)?.into_code(),
                "message" => info.message = map.next_value_seed(Scalar)?.into_text(),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(info)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<EnvelopeInfo, A::Error> {
        Err(de::Error::custom("the body is not the API's envelope (an array)"))
    }
    reject_others!("the body is not the API's envelope (a plain value)";
        visit_bool(bool), visit_i64(i64), visit_u64(u64), visit_f64(f64), visit_str(&str), visit_unit(), visit_none());
}

/// Checks a value and reports whether it was non-null.
struct NullCheck<'a>(Check<'a>);

impl<'de> DeserializeSeed<'de> for NullCheck<'_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for NullCheck<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        self.0.deserialize(deserializer).map(|()| true)
    }
}

/// A map key: a string, borrowed when it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom("a key must be a string"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom("a key must be a string"))
    }
    reject_others!("a key must be a string"; visit_bool(bool), visit_i64(i64), visit_u64(u64), visit_f64(f64), visit_unit(), visit_none());
}

/// Any JSON value, kept when it is a scalar.
enum ScalarValue {
    Bool(bool),
    Number(f64),
    Text(String),
    Other,
}

impl ScalarValue {
    fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn into_code(self) -> Option<Code> {
        match self {
            Self::Number(n) => Some(Code::Number(n)),
            Self::Text(s) => Some(Code::Text(s)),
            _ => None,
        }
    }
    fn into_text(self) -> Option<String> {
        match self {
            Self::Text(s) => Some(s),
            _ => None,
        }
    }
}

struct Scalar;

impl<'de> DeserializeSeed<'de> for Scalar {
    type Value = ScalarValue;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scalar {
    type Value = ScalarValue;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(ScalarValue::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(ScalarValue::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(ScalarValue::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(ScalarValue::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(ScalarValue::Text(v.to_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(ScalarValue::Other)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(ScalarValue::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(ScalarValue::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(ScalarValue::Other)
    }
}

/// Reads the envelope of a JSON body, checking `data` against `data` when given. Errors are serde_json's, with the
/// path of the offending value in their message.
pub fn read_envelope(body: &[u8], data: Option<&DataShape>) -> Result<EnvelopeInfo, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let info = deserializer.deserialize_any(EnvelopeCheck { data })?;
    deserializer.end()?;
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: Shape = Shape::Obj(&[req("sku", Shape::Str), opt("amount", Shape::Num)]);
    const THING_SHAPE: Shape = Shape::Obj(&[
        req("id", Shape::Str),
        opt("price", Shape::Num),
        opt("ok", Shape::Bool),
        opt("extra", Shape::Any),
        req("items", Shape::Arr(&ITEM)),
    ]);
    const THING: DataShape = DataShape { shape: &THING_SHAPE, nullable: false };

    fn check(data: &str) -> Result<EnvelopeInfo, String> {
        read_envelope(format!(r#"{{"data":{data},"success":true,"code":0,"message":""}}"#).as_bytes(), Some(&THING))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_lenient_documents() {
        let cases = [
            r#"{"id":"a","items":[]}"#,
            r#"{"id":"a","items":[{"sku":"GAU","amount":0.1}],"price":null,"ok":true}"#,
            r#"{"id":"a\"b","items":[{"sku":"GAU","amount":10,"unknown":{"deep":[1,2]}}],"extra":{"x":[null]}}"#,
            r#"{"items":[],"id":"order matters not","new_field":"kept by JSON.parse"}"#,
        ];
        for data in cases {
            let info = check(data).unwrap_or_else(|e| panic!("{data}: {e}"));
            assert!(info.has_data);
            assert_eq!(info.success, Some(true));
            assert_eq!(info.code, Some(Code::Number(0.0)));
        }
    }

    #[test]
    fn rejects_with_the_path_of_the_problem() {
        let cases = [
            (r#"{"id":5,"items":[]}"#, "`data.id` should be a string, found a number"),
            (r#"{"items":[]}"#, "`data.id` is missing"),
            (r#"{"id":null,"items":[]}"#, "`data.id` should be a string, found null"),
            (r#"{"id":"a","items":[{"sku":"x"},{"amount":1}]}"#, "`data.items[1].sku` is missing"),
            (
                r#"{"id":"a","items":[{"sku":"x","amount":"1"}]}"#,
                "`data.items[0].amount` should be a number or null, found a string",
            ),
            (r#"{"id":"a","items":{}}"#, "`data.items` should be an array, found an object"),
            (r#"[]"#, "`data` should be an object, found an array"),
        ];
        for (data, fragment) in cases {
            let err = check(data).unwrap_err();
            assert!(err.contains(fragment), "{data}: {err}");
        }
    }

    #[test]
    fn reads_the_envelope_fields() {
        let info = read_envelope(br#"{"success":false,"code":"E1","message":"no","data":null}"#, Some(&THING)).unwrap();
        assert_eq!(
            info,
            EnvelopeInfo {
                has_data: false,
                success: Some(false),
                code: Some(Code::Text("E1".into())),
                message: Some("no".into())
            }
        );
        assert!(read_envelope(b"{} trailing", None).is_err());
        assert!(read_envelope(b"[]", None).is_err());
    }
}
