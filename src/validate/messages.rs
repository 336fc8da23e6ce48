//! Every problem validation can report: its stable code, its default severity, and its message in Turkish and
//! English. Codes are part of the public API (forms switch on them); messages are for people.

use super::{Language, Severity};

/// One kind of problem, with what the message needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    NotString,
    NotBoolean,
    NotObject,
    NotArray,
    NotInteger,
    Empty,
    TooShort(usize),
    TooLong(usize),
    ExternalIdChars,
    NameChars,
    Email,
    Phone,
    PhoneTurkishLength,
    Gender,
    DateFormat,
    DateNotReal,
    DateNotPast,
    DateTooOld,
    TcknFormat,
    TcknChecksum,
    VknFormat,
    VknChecksum,
    OneOf(&'static [&'static str]),
    OutOfRange(i64, i64),
    ArrayTooShort(usize),
    ArrayTooLong(usize),
    AtLeastOneOf(&'static [&'static str]),
    UnknownField,
    NotJson,
    NotNumber,
    NotPositive,
    TooLarge,
    Decimals(u8),
    SkuFormat,
    UnknownSku,
    Unusual(&'static [&'static str]),
    TokenFormat,
    CardNumberFormat,
    CardLuhn,
    CardExpiryFormat,
    CardExpired,
    Cvv,
    Bin,
    Ip,
    ExactlyOneOf(&'static [&'static str]),
    RequiredWith(&'static str),
    RequiredWhen(&'static str, &'static str),
    OnlyWhen(&'static str, &'static str),
    QuoteExpired,
    DotSegment,
    RawPath,
    NotAbortSignal,
    NotBytesOrString,
    UnknownOperation,
}

impl Problem {
    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::NotString | Self::NotBoolean | Self::NotObject | Self::NotArray | Self::NotInteger => "type",
            Self::Empty => "empty",
            Self::TooShort(_) => "too_short",
            Self::TooLong(_) => "too_long",
            Self::ExternalIdChars => "external_id_chars",
            Self::NameChars => "name_chars",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::PhoneTurkishLength => "phone_tr_length",
            Self::Gender => "gender",
            Self::DateFormat => "date_format",
            Self::DateNotReal => "date_invalid",
            Self::DateNotPast => "date_not_past",
            Self::DateTooOld => "date_too_old",
            Self::TcknFormat => "tckn_format",
            Self::TcknChecksum => "tckn_checksum",
            Self::VknFormat => "vkn_format",
            Self::VknChecksum => "vkn_checksum",
            Self::OneOf(_) => "one_of",
            Self::OutOfRange(..) => "out_of_range",
            Self::ArrayTooShort(_) => "too_few_items",
            Self::ArrayTooLong(_) => "too_many_items",
            Self::AtLeastOneOf(_) => "at_least_one_of",
            Self::UnknownField => "unknown_field",
            Self::NotJson => "not_json",
            Self::NotNumber => "type",
            Self::NotPositive => "not_positive",
            Self::TooLarge => "too_large",
            Self::Decimals(_) => "too_many_decimals",
            Self::SkuFormat => "sku_format",
            Self::UnknownSku => "unknown_sku",
            Self::Unusual(_) => "unusual_value",
            Self::TokenFormat => "token_format",
            Self::CardNumberFormat => "card_number_format",
            Self::CardLuhn => "card_number_checksum",
            Self::CardExpiryFormat => "card_expiry_format",
            Self::CardExpired => "card_expired",
            Self::Cvv => "cvv_format",
            Self::Bin => "bin_format",
            Self::Ip => "ip_address",
            Self::ExactlyOneOf(_) => "exactly_one_of",
            Self::RequiredWith(_) => "required_with",
            Self::RequiredWhen(..) => "required_when",
            Self::OnlyWhen(..) => "only_when",
            Self::QuoteExpired => "quote_expired",
            Self::DotSegment => "dot_segment",
            Self::RawPath => "path_format",
            Self::NotAbortSignal | Self::NotBytesOrString => "type",
            Self::UnknownOperation => "unknown_operation",
        }
    }

    /// Severity unless a setting changes it (checksums become errors with `strictIdentityNumbers`).
    pub fn default_severity(&self) -> Severity {
        match self {
            Self::TcknChecksum | Self::VknChecksum | Self::UnknownField | Self::UnknownSku | Self::Unusual(_) => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }

    /// The message in the given language.
    pub fn message(&self, lang: Language) -> String {
        match lang {
            Language::En => self.english(),
            Language::Tr => self.turkish(),
        }
    }

    fn english(&self) -> String {
        match self {
            Self::Required => "is required".into(),
            Self::NotString => "must be a string".into(),
            Self::NotBoolean => "must be true or false".into(),
            Self::NotObject => "must be an object".into(),
            Self::NotArray => "must be an array".into(),
            Self::NotInteger => "must be a whole number".into(),
            Self::Empty => "must not be empty".into(),
            Self::TooShort(n) => format!("must be at least {n} characters long"),
            Self::TooLong(n) => format!("must be at most {n} characters long"),
            Self::ExternalIdChars => "may contain only letters A-Z, digits, '-' and '_'".into(),
            Self::NameChars => "may contain only letters, spaces, apostrophes, dots and hyphens".into(),
            Self::Email => "must be a valid e-mail address".into(),
            Self::Phone => "must be a phone number in international format, e.g. +905321234567".into(),
            Self::PhoneTurkishLength => "a Turkish number has 10 digits after +90".into(),
            Self::Gender => "must be \"M\" or \"F\"".into(),
            Self::DateFormat => "must be a date written YYYY-MM-DD".into(),
            Self::DateNotReal => "is not a real calendar date".into(),
            Self::DateNotPast => "must be a date in the past".into(),
            Self::DateTooOld => "must not be before 1900-01-01".into(),
            Self::TcknFormat => "must be a T.C. identity number: 11 digits, not starting with 0".into(),
            Self::TcknChecksum => "fails the T.C. identity number checksum".into(),
            Self::VknFormat => "must be a tax number (VKN): 10 digits".into(),
            Self::VknChecksum => "fails the tax number (VKN) checksum".into(),
            Self::OneOf(values) => format!("must be one of {}", quoted_list(values, "or")),
            Self::OutOfRange(min, max) => format!("must be between {min} and {max}"),
            Self::ArrayTooShort(n) => format!("must have at least {n} item(s)"),
            Self::ArrayTooLong(n) => format!("must have at most {n} items"),
            Self::AtLeastOneOf(fields) => {
                format!("give at least one of {}", quoted_list(fields, "or"))
            }
            Self::UnknownField => "is not a documented field; it is sent as is".into(),
            Self::NotJson => "cannot be written as JSON (a BigInt, a function or a cycle)".into(),
            Self::NotNumber => "must be a number".into(),
            Self::NotPositive => "must be greater than zero".into(),
            Self::TooLarge => "is too large".into(),
            Self::Decimals(n) => format!("may have at most {n} decimals"),
            Self::SkuFormat => "must be a product code such as GAU (capital letters and digits)".into(),
            Self::UnknownSku => "is not a product code seen in the docs; it is sent as is".into(),
            Self::Unusual(values) => format!("is usually {}; it is sent as is", quoted_list(values, "or")),
            Self::TokenFormat => "must be a token without spaces".into(),
            Self::CardNumberFormat => "must be a card number of 12 to 19 digits".into(),
            Self::CardLuhn => "is not a valid card number (checksum)".into(),
            Self::CardExpiryFormat => "must be an expiry date written MM/YY".into(),
            Self::CardExpired => "the card has expired".into(),
            Self::Cvv => "must be the 3 or 4 digits on the card".into(),
            Self::Bin => "must be the first 6 to 8 digits of the card".into(),
            Self::Ip => "must be an IPv4 or IPv6 address".into(),
            Self::ExactlyOneOf(fields) => format!("give exactly one of {}", quoted_list(fields, "or")),
            Self::RequiredWith(field) => format!("is required when \"{field}\" is given"),
            Self::RequiredWhen(field, value) => format!("is required when \"{field}\" is \"{value}\""),
            Self::OnlyWhen(field, value) => format!("is allowed only when \"{field}\" is \"{value}\""),
            Self::QuoteExpired => "the price quote has expired: fix a new price (quote.refresh())".into(),
            Self::DotSegment => {
                "must not be empty, \".\" or \"..\" (also percent-encoded): the URL would lead to another path".into()
            }
            Self::RawPath => "must start with / and contain no spaces, ? or #; put parameters in query".into(),
            Self::NotAbortSignal => "must be an AbortSignal".into(),
            Self::NotBytesOrString => "must be a Uint8Array or a string".into(),
            Self::UnknownOperation => "is not an operation of this SDK (see operations())".into(),
        }
    }

    fn turkish(&self) -> String {
        match self {
            Self::Required => "zorunludur".into(),
            Self::NotString => "metin olmalıdır".into(),
            Self::NotBoolean => "true ya da false olmalıdır".into(),
            Self::NotObject => "nesne olmalıdır".into(),
            Self::NotArray => "dizi olmalıdır".into(),
            Self::NotInteger => "tam sayı olmalıdır".into(),
            Self::Empty => "boş olamaz".into(),
            Self::TooShort(n) => format!("en az {n} karakter olmalıdır"),
            Self::TooLong(n) => format!("en fazla {n} karakter olmalıdır"),
            Self::ExternalIdChars => "yalnızca A-Z harfleri, rakamlar, '-' ve '_' içerebilir".into(),
            Self::NameChars => "yalnızca harf, boşluk, kesme işareti, nokta ve tire içerebilir".into(),
            Self::Email => "geçerli bir e-posta adresi olmalıdır".into(),
            Self::Phone => "uluslararası biçimde bir telefon numarası olmalıdır, örn. +905321234567".into(),
            Self::PhoneTurkishLength => "Türkiye numaralarında +90'dan sonra 10 rakam bulunur".into(),
            Self::Gender => "\"M\" ya da \"F\" olmalıdır".into(),
            Self::DateFormat => "YYYY-AA-GG biçiminde bir tarih olmalıdır".into(),
            Self::DateNotReal => "takvimde olmayan bir tarih".into(),
            Self::DateNotPast => "geçmişte bir tarih olmalıdır".into(),
            Self::DateTooOld => "1900-01-01'den önce olamaz".into(),
            Self::TcknFormat => "T.C. kimlik numarası olmalıdır: 0 ile başlamayan 11 rakam".into(),
            Self::TcknChecksum => "T.C. kimlik numarası doğrulama hanesi tutmuyor".into(),
            Self::VknFormat => "vergi kimlik numarası (VKN) olmalıdır: 10 rakam".into(),
            Self::VknChecksum => "vergi kimlik numarası (VKN) doğrulama hanesi tutmuyor".into(),
            Self::OneOf(values) => {
                format!("şunlardan biri olmalıdır: {}", quoted_list(values, "ya da"))
            }
            Self::OutOfRange(min, max) => format!("{min} ile {max} arasında olmalıdır"),
            Self::ArrayTooShort(n) => format!("en az {n} öğe içermelidir"),
            Self::ArrayTooLong(n) => format!("en fazla {n} öğe içerebilir"),
            Self::AtLeastOneOf(fields) => {
                format!("şunlardan en az biri verilmelidir: {}", quoted_list(fields, "ya da"))
            }
            Self::UnknownField => "belgelenmiş bir alan değil; olduğu gibi gönderilir".into(),
            Self::NotJson => "JSON olarak yazılamıyor (BigInt, fonksiyon ya da döngü)".into(),
            Self::NotNumber => "sayı olmalıdır".into(),
            Self::NotPositive => "sıfırdan büyük olmalıdır".into(),
            Self::TooLarge => "çok büyük".into(),
            Self::Decimals(n) => format!("en fazla {n} ondalık basamak içerebilir"),
            Self::SkuFormat => "GAU gibi bir ürün kodu olmalıdır (büyük harf ve rakam)".into(),
            Self::UnknownSku => "belgelerde görülen bir ürün kodu değil; olduğu gibi gönderilir".into(),
            Self::Unusual(values) => {
                format!("genellikle {} olur; olduğu gibi gönderilir", quoted_list(values, "ya da"))
            }
            Self::TokenFormat => "boşluk içermeyen bir belirteç olmalıdır".into(),
            Self::CardNumberFormat => "12 ile 19 haneli bir kart numarası olmalıdır".into(),
            Self::CardLuhn => "geçerli bir kart numarası değil (doğrulama hanesi)".into(),
            Self::CardExpiryFormat => "AA/YY biçiminde bir son kullanma tarihi olmalıdır".into(),
            Self::CardExpired => "kartın süresi dolmuş".into(),
            Self::Cvv => "kartın üzerindeki 3 ya da 4 haneli kod olmalıdır".into(),
            Self::Bin => "kartın ilk 6 ile 8 hanesi olmalıdır".into(),
            Self::Ip => "bir IPv4 ya da IPv6 adresi olmalıdır".into(),
            Self::ExactlyOneOf(fields) => {
                format!("şunlardan yalnızca biri verilmelidir: {}", quoted_list(fields, "ya da"))
            }
            Self::RequiredWith(field) => format!("\"{field}\" verildiğinde zorunludur"),
            Self::RequiredWhen(field, value) => format!("\"{field}\" \"{value}\" olduğunda zorunludur"),
            Self::OnlyWhen(field, value) => format!("yalnızca \"{field}\" \"{value}\" olduğunda verilebilir"),
            Self::QuoteExpired => "fiyat teklifinin süresi doldu: yeni fiyat sabitleyin (quote.refresh())".into(),
            Self::DotSegment => {
                "boş, \".\" ya da \"..\" olamaz (yüzde kodlu hâlleri de): adres başka bir yola gider".into()
            }
            Self::RawPath => "/ ile başlamalı, boşluk, ? ya da # içermemelidir; parametreleri query'ye yazın".into(),
            Self::NotAbortSignal => "bir AbortSignal olmalıdır".into(),
            Self::NotBytesOrString => "Uint8Array ya da metin olmalıdır".into(),
            Self::UnknownOperation => "bu SDK'nin bir işlemi değil (bkz. operations())".into(),
        }
    }
}

fn quoted_list(values: &[&str], or: &str) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {or} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Problem] = &[
        Problem::Required,
        Problem::NotString,
        Problem::NotBoolean,
        Problem::NotObject,
        Problem::NotArray,
        Problem::NotInteger,
        Problem::Empty,
        Problem::TooShort(3),
        Problem::TooLong(40),
        Problem::ExternalIdChars,
        Problem::NameChars,
        Problem::Email,
        Problem::Phone,
        Problem::PhoneTurkishLength,
        Problem::Gender,
        Problem::DateFormat,
        Problem::DateNotReal,
        Problem::DateNotPast,
        Problem::DateTooOld,
        Problem::TcknFormat,
        Problem::TcknChecksum,
        Problem::VknFormat,
        Problem::VknChecksum,
        Problem::OneOf(&["a", "b"]),
        Problem::OutOfRange(1, 3),
        Problem::ArrayTooShort(1),
        Problem::ArrayTooLong(100),
        Problem::AtLeastOneOf(&["guid", "order_code"]),
        Problem::UnknownField,
        Problem::NotJson,
        Problem::NotNumber,
        Problem::NotPositive,
        Problem::TooLarge,
        Problem::Decimals(2),
        Problem::SkuFormat,
        Problem::UnknownSku,
        Problem::Unusual(&["digital"]),
        Problem::TokenFormat,
        Problem::CardNumberFormat,
        Problem::CardLuhn,
        Problem::CardExpiryFormat,
        Problem::CardExpired,
        Problem::Cvv,
        Problem::Bin,
        Problem::Ip,
        Problem::ExactlyOneOf(&["amount", "total"]),
        Problem::RequiredWith("total"),
        Problem::RequiredWhen("payment_type", "creditcard"),
        Problem::OnlyWhen("payment_type", "creditcard"),
        Problem::QuoteExpired,
        Problem::DotSegment,
        Problem::RawPath,
        Problem::NotAbortSignal,
        Problem::NotBytesOrString,
        Problem::UnknownOperation,
    ];

    #[test]
    fn every_problem_has_distinct_messages_in_both_languages() {
        for p in ALL {
            let (en, tr) = (p.message(Language::En), p.message(Language::Tr));
            assert!(!en.is_empty() && !tr.is_empty(), "{p:?}");
            assert_ne!(en, tr, "{p:?} is not translated");
            assert!(p.code().chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{p:?}");
        }
    }

    #[test]
    fn validation_errors_are_built_from_problems_only() {
        // A `Problem` has its message in both languages by construction; a validation error or issue written as a
        // string elsewhere would be one language only. Only error.rs (the localized summary) may build one directly.
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        assert!(files.len() > 20);
        for file in files.iter().filter(|f| !f.ends_with("error.rs")) {
            let source: String = std::fs::read_to_string(file).unwrap().split_whitespace().collect();
            // (pattern without spaces, allowed in validate/mod.rs, which defines `ValidationIssue::new`); split so this test
            // does not match itself
            let patterns =
                [(["new(ErrorKind::", "Validation"].concat(), false), (["severity:", "Severity::"].concat(), true)];
            for (pattern, allowed_in_validate) in patterns {
                let allowed = allowed_in_validate && file.ends_with("validate/mod.rs");
                assert!(
                    allowed || !source.contains(&pattern),
                    "{} builds a validation message by hand",
                    file.display()
                );
            }
        }
    }

    #[test]
    fn parameters_appear_in_messages() {
        assert_eq!(Problem::TooShort(3).message(Language::En), "must be at least 3 characters long");
        assert_eq!(Problem::TooShort(3).message(Language::Tr), "en az 3 karakter olmalıdır");
        assert_eq!(Problem::OneOf(&["M", "F", "X"]).message(Language::En), "must be one of \"M\", \"F\" or \"X\"");
        assert_eq!(Problem::OneOf(&["M"]).message(Language::Tr), "şunlardan biri olmalıdır: \"M\"");
    }

    #[test]
    fn checksums_and_unknown_fields_are_warnings_by_default() {
        assert_eq!(Problem::TcknChecksum.default_severity(), Severity::Warning);
        assert_eq!(Problem::VknChecksum.default_severity(), Severity::Warning);
        assert_eq!(Problem::UnknownField.default_severity(), Severity::Warning);
        assert_eq!(Problem::TcknFormat.default_severity(), Severity::Error);
    }
}
