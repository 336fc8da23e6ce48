//! The vocabulary of request tables: rules for values, fields of objects, checks across fields.

/// How one value is checked.
#[derive(Debug)]
pub enum Rule {
    ExternalId,
    PersonName,
    MiddleName,
    // Small integer types keep the tables compact (they are data in the wasm).
    Text {
        min: u16,
        max: u16,
    },
    Email,
    /// Normalised to E.164 in place.
    Phone,
    /// One of the request genders (its own problem code, `gender`).
    Gender(&'static [&'static str]),
    Birthdate,
    /// Any real calendar date `YYYY-MM-DD`.
    Date,
    Tckn,
    Vkn,
    Bool,
    Integer {
        min: i32,
        max: i32,
    },
    /// Grams of metal: positive, at most 4 decimals.
    Metal,
    /// Money: positive, at most 2 decimals.
    Money,
    /// A product code; unknown codes are a warning.
    Sku,
    /// An opaque token (price token, card token): a non-empty string without spaces.
    Token,
    /// Digits only after removing spaces and dashes (normalised in place), 12–19 of them, Luhn-valid.
    CardNumber,
    /// `MM/YY`, not in the past.
    CardExpiry,
    /// 3 or 4 digits.
    Cvv,
    /// 6 to 8 digits.
    Bin,
    /// An IPv4 or IPv6 address.
    Ip,
    /// Exactly one of these values.
    OneOf(&'static [&'static str]),
    /// Usually one of these values; anything else is a warning.
    Suggest(&'static [&'static str]),
    Object(&'static [Field]),
    /// An object with checks across its fields.
    ObjectWith(&'static [Field], &'static [Check]),
    /// A card (`card_number` …) or a stored card (`card_token` …), chosen by the presence of `card_token`.
    Payment {
        card: &'static [Field],
        stored: &'static [Field],
    },
    Array {
        min: u16,
        max: u16,
        item: &'static Rule,
    },
}

/// One field of a request object.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub rule: Rule,
}

pub const fn req(name: &'static str, rule: Rule) -> Field {
    Field { name, required: true, rule }
}

pub const fn opt(name: &'static str, rule: Rule) -> Field {
    Field { name, required: false, rule }
}

/// A check across the fields of one object.
#[derive(Debug)]
pub enum Check {
    /// At least one of these fields is present.
    AtLeastOneOf(&'static [&'static str]),
    /// Exactly one of these fields is present.
    ExactlyOneOf(&'static [&'static str]),
    /// When the first field is present, the second must be too.
    Requires(&'static str, &'static str),
    /// When `field` equals `value`, `needs` must be present; when it does not, `needs` must be absent.
    PresentExactlyWhen { field: &'static str, value: &'static str, needs: &'static str },
}

/// A request body (or query).
#[derive(Debug)]
pub struct Schema {
    pub fields: &'static [Field],
    pub checks: &'static [Check],
}

pub const fn fields(fields: &'static [Field]) -> Schema {
    Schema { fields, checks: &[] }
}

/// Product codes seen in the docs (price-fix example) and the sandbox's deliverable bars.
pub const KNOWN_SKUS: &[&str] =
    &["GAU", "GAG", "BGAU", "BGAG", "GPT", "GPD", "DAU1", "DAU5", "DAU10", "DAU20", "DAG100", "DAG250", "DAG500"];
