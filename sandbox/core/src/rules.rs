//! Field rules and their messages ("external_id is required", "zipcode must be exactly 5 digits", …).

use crate::lang::Lang;

/// What went wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    Required,
    Type(&'static str),
    ExternalId,
    /// An order or movement id: 3–50 characters of `A-Z a-z 0-9 _ . -`.
    OrderExternalId,
    Length(usize, usize),
    MinLength(usize),
    Email,
    Gender,
    Date,
    TenDigits,
    Digits(usize),
    DigitsRange(usize, usize),
    OneOf(&'static [&'static str]),
    /// Allowed installment counts of the card.
    Installments(Vec<u32>),
    Range(i64, i64),
    AtLeast(i64),
    Positive,
    NotNegative,
    Items(usize, usize),
    CardNumber,
    CardExpiry,
    Cvv,
    StoredCard,
    NotBefore(&'static str),
}

impl Rule {
    pub fn text(&self, f: &str, lang: Lang) -> String {
        match self {
            Self::Required => lang.pick(format!("{f} alanı zorunludur"), format!("{f} is required")),
            Self::Type(kind) => {
                let tr_kind = match *kind {
                    "string" => "metin",
                    "boolean" => "true/false",
                    "integer" => "tam sayı",
                    "number" => "sayı",
                    "array" => "dizi",
                    "object" => "nesne",
                    other => other,
                };
                lang.pick(format!("{f} bir {tr_kind} olmalıdır"), format!("{f} must be a {kind}"))
            }
            Self::ExternalId => lang.pick(
                format!("{f} 3-40 karakter olmalı ve yalnızca A-Z a-z 0-9 - _ içermelidir"),
                format!("{f} must be 3-40 characters of A-Z a-z 0-9 - _"),
            ),
            Self::OrderExternalId => lang.pick(
                format!("{f} 3-50 karakter olmalı ve yalnızca A-Z a-z 0-9 _ . - içermelidir"),
                format!("{f} must be 3-50 characters of A-Z a-z 0-9 _ . -"),
            ),
            Self::Length(min, max) => {
                lang.pick(format!("{f} {min}-{max} karakter olmalıdır"), format!("{f} must be {min}-{max} characters"))
            }
            Self::MinLength(min) => lang
                .pick(format!("{f} en az {min} karakter olmalıdır"), format!("{f} must be at least {min} characters")),
            Self::Email => lang.pick(
                format!("{f} geçerli bir e-posta adresi olmalıdır"),
                format!("{f} must be a valid email address"),
            ),
            Self::Gender => lang.pick(format!("{f} M veya F olmalıdır"), format!("{f} must be M or F")),
            Self::Date => lang.pick(
                format!("{f} YYYY-AA-GG biçiminde geçerli bir tarih olmalıdır"),
                format!("{f} must be a valid date in YYYY-MM-DD format"),
            ),
            Self::TenDigits => Self::Digits(10).text(f, lang),
            Self::Digits(n) => {
                lang.pick(format!("{f} tam olarak {n} rakamdan oluşmalıdır"), format!("{f} must be exactly {n} digits"))
            }
            Self::DigitsRange(min, max) => {
                lang.pick(format!("{f} {min}-{max} rakamdan oluşmalıdır"), format!("{f} must be {min}-{max} digits"))
            }
            Self::OneOf(values) => one_of(f, &values.join(", "), lang),
            Self::Installments(counts) => {
                let list: Vec<String> = counts.iter().map(u32::to_string).collect();
                one_of(f, &list.join(", "), lang)
            }
            Self::Range(min, max) => lang.pick(
                format!("{f} {min} ile {max} arasında bir tam sayı olmalıdır"),
                format!("{f} must be an integer from {min} to {max}"),
            ),
            Self::AtLeast(min) => lang.pick(
                format!("{f} en az {min} olan bir tam sayı olmalıdır"),
                format!("{f} must be an integer of at least {min}"),
            ),
            Self::Positive => {
                lang.pick(format!("{f} 0'dan büyük bir sayı olmalıdır"), format!("{f} must be a number greater than 0"))
            }
            Self::NotNegative => lang.pick(
                format!("{f} 0 veya daha büyük bir sayı olmalıdır"),
                format!("{f} must be a number of at least 0"),
            ),
            Self::Items(min, max) => {
                lang.pick(format!("{f} {min}-{max} öğe içermelidir"), format!("{f} must contain {min}-{max} items"))
            }
            Self::CardNumber => lang.pick(
                format!("{f} geçerli bir kart numarası olmalıdır (12-19 rakam, Luhn kontrolü)"),
                format!("{f} must be a valid card number (12-19 digits, Luhn check)"),
            ),
            Self::CardExpiry => lang.pick(
                format!("{f} geçmemiş bir AA/YY tarihi olmalıdır"),
                format!("{f} must be an MM/YY date that has not passed"),
            ),
            Self::Cvv => lang.pick(format!("{f} 3 veya 4 rakam olmalıdır"), format!("{f} must be 3 or 4 digits")),
            Self::StoredCard => lang.pick(
                format!("{f} bu müşterinin kayıtlı kartlarından biri değil"),
                format!("{f} is not a stored card of this customer"),
            ),
            Self::NotBefore(other) => {
                lang.pick(format!("{f} {other} tarihinden önce olamaz"), format!("{f} must not be before {other}"))
            }
        }
    }
}

fn one_of(f: &str, list: &str, lang: Lang) -> String {
    lang.pick(format!("{f} şunlardan biri olmalıdır: {list}"), format!("{f} must be one of: {list}"))
}
