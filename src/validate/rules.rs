//! Field rules as pure functions over strings. Each returns the problems it finds; normalising rules (phone) also
//! return the value to send instead.

use time::{Date, Month};

use super::messages::Problem;

/// Whether a path segment value is `.` or `..`, also percent-encoded (`%2E`, `.%2e`…): URL parsers remove such
/// segments, so a path built with one would name another resource (and no longer match its Digest `uri`).
pub fn is_dot_segment(value: &str) -> bool {
    let (mut dots, mut rest) = (0, value.as_bytes());
    loop {
        rest = match rest {
            [] => return dots == 1 || dots == 2,
            [b'.', tail @ ..] => tail,
            [b'%', b'2', e, tail @ ..] if e.eq_ignore_ascii_case(&b'e') => tail,
            _ => return false,
        };
        dots += 1;
    }
}

/// `external_id`: 3–40 characters of `A-Z a-z 0-9 - _` (the docs' "pattern" `^[A-Za-z0-9-_]$` is an input mask).
pub fn external_id(value: &str) -> Vec<Problem> {
    let mut problems = length(value, 3, 40);
    if !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        problems.push(Problem::ExternalIdChars);
    }
    problems
}

/// Character length bounds, counted in Unicode scalar values as the API counts them.
pub fn length(value: &str, min: usize, max: usize) -> Vec<Problem> {
    let n = value.chars().count();
    if n == 0 && min > 0 {
        vec![Problem::Empty]
    } else if n < min {
        vec![Problem::TooShort(min)]
    } else if n > max {
        vec![Problem::TooLong(max)]
    } else {
        Vec::new()
    }
}

/// A person's first or last name: 3–40 characters (documented bounds) of letters, spaces, `'`, `.` and `-`.
pub fn person_name(value: &str) -> Vec<Problem> {
    let mut problems = length(value.trim(), 3, 40);
    if !value.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '.' | '-')) {
        problems.push(Problem::NameChars);
    }
    problems
}

/// A middle name may be empty (the docs' own examples send `""`); otherwise it is a name.
pub fn middle_name(value: &str) -> Vec<Problem> {
    if value.is_empty() {
        Vec::new()
    } else {
        person_name(value)
    }
}

/// The symbols an e-mail address's local part may hold besides letters and digits (RFC 5322's `atext`, and `.`).
const LOCAL_PART_SYMBOLS: &str = "!#$%&'*+/=?^_`{|}~.-";

/// A pragmatic e-mail check: one `@`, a dot-atom local part of at most 64 characters, a domain of at least two
/// labels (letters, digits, hyphens inside), 254 characters at most.
pub fn email(value: &str) -> Vec<Problem> {
    let ok = (|| {
        if value.len() > 254 {
            return None;
        }
        let (local, domain) = value.rsplit_once('@')?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.as_bytes().windows(2).any(|pair| pair == b"..")
            && local.chars().all(|c| c.is_alphanumeric() || LOCAL_PART_SYMBOLS.bytes().any(|b| char::from(b) == c));
        let (mut labels, mut tld) = (0, "");
        for label in domain.split('.') {
            let label_ok = !label.is_empty()
                && label.chars().count() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-');
            if !label_ok {
                return Some(false);
            }
            (labels, tld) = (labels + 1, label);
        }
        let domain_ok = labels >= 2 && tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic);
        Some(local_ok && domain_ok)
    })();
    if ok == Some(true) {
        Vec::new()
    } else {
        vec![Problem::Email]
    }
}

/// `value` without the characters `drop` picks (separators people type in numbers).
pub fn without(value: &str, drop: fn(char) -> bool) -> String {
    let mut kept = String::with_capacity(value.len());
    kept.extend(value.chars().filter(|c| !drop(*c)));
    kept
}

/// Normalises a phone number to E.164. Spaces, dashes, dots and parentheses are dropped; `00` becomes `+`; Turkish
/// national forms become `+90…`: `05xx…` (11 digits), `5xx…` (10 digits), `90…` (12 digits), `0xxx…` landlines.
pub fn normalize_phone(value: &str) -> Result<String, Problem> {
    let compact = without(value, |c| matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'));
    let (plus, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => match compact.strip_prefix("00") {
            Some(rest) => (true, rest),
            None => (false, compact.as_str()),
        },
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Phone);
    }
    // The number after `+` is `country` then `rest`.
    let (country, rest) = match (plus, digits.len(), digits.strip_prefix('0')) {
        (true, _, _) => ("", digits),
        (false, 11, Some(national)) => ("90", national),
        (false, 10, _) if digits.starts_with('5') => ("90", digits),
        (false, 12, _) if digits.starts_with("90") => ("", digits),
        _ => return Err(Problem::Phone),
    };
    let length = country.len() + rest.len();
    if (country == "90" || rest.starts_with("90") && country.is_empty()) && length != 12 {
        return Err(Problem::PhoneTurkishLength);
    }
    // E.164: country code not starting with 0, at most 15 digits; 8 is a practical lower bound.
    if (country.is_empty() && rest.starts_with('0')) || !(8..=15).contains(&length) {
        return Err(Problem::Phone);
    }
    let mut international = String::with_capacity(1 + length);
    international.push('+');
    international.push_str(country);
    international.push_str(rest);
    Ok(international)
}

/// One of the request genders (`Gender` in `api/values.rs`: `M` or `F`).
pub fn gender(value: &str, genders: &[&str]) -> Vec<Problem> {
    if genders.contains(&value) {
        Vec::new()
    } else {
        vec![Problem::Gender]
    }
}

/// Parses `YYYY-MM-DD` strictly (no signs, no extra digits); the calendar check is the `time` crate's.
pub fn parse_date(value: &str) -> Result<Date, Problem> {
    let shape_ok = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let number = |range: std::ops::Range<usize>| value.get(range).and_then(|s| s.parse::<u16>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(Problem::DateFormat);
    };
    if !shape_ok {
        return Err(Problem::DateFormat);
    }
    let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or(Problem::DateNotReal)?;
    let day = u8::try_from(day).map_err(|_| Problem::DateNotReal)?;
    Date::from_calendar_date(i32::from(year), month, day).map_err(|_| Problem::DateNotReal)
}

/// A birthdate: a real date, before `today`, not before 1900.
pub fn birthdate(value: &str, today: Date) -> Vec<Problem> {
    match parse_date(value) {
        Err(problem) => vec![problem],
        Ok(date) if date >= today => vec![Problem::DateNotPast],
        Ok(date) if date.year() < 1900 => vec![Problem::DateTooOld],
        Ok(_) => Vec::new(),
    }
}

/// A positive number with at most `decimals` decimals and at most `max` (grams of metal: 4, money: 2).
pub fn quantity(value: Option<f64>, decimals: u8, max: f64) -> Vec<Problem> {
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return vec![Problem::NotNumber];
    };
    let scaled = value * 10f64.powi(i32::from(decimals));
    if value <= 0.0 {
        vec![Problem::NotPositive]
    } else if value > max {
        vec![Problem::TooLarge]
    } else if (scaled - scaled.round()).abs() > 1e-6 * scaled.abs().max(1.0) {
        vec![Problem::Decimals(decimals)]
    } else {
        Vec::new()
    }
}

/// A product code: 2–21 of `A-Z 0-9 -`; one the SDK has not seen is only a warning.
pub fn sku(value: &str, known: &[&str]) -> Vec<Problem> {
    if !(2..=21).contains(&value.len())
        || !value.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
    {
        vec![Problem::SkuFormat]
    } else if !known.contains(&value) {
        vec![Problem::UnknownSku]
    } else {
        Vec::new()
    }
}

/// An opaque token: 1–512 visible ASCII characters.
pub fn token(value: &str) -> Vec<Problem> {
    if value.is_empty() {
        vec![Problem::Empty]
    } else if value.len() > 512 || !value.chars().all(|c| c.is_ascii_graphic()) {
        vec![Problem::TokenFormat]
    } else {
        Vec::new()
    }
}

/// An IPv4 or IPv6 address (as the standard library parses them).
pub fn ip(value: &str) -> Vec<Problem> {
    if value.parse::<std::net::IpAddr>().is_ok() {
        Vec::new()
    } else {
        vec![Problem::Ip]
    }
}

/// A person's T.C. identity number; the checksum problem is reported separately so its severity can vary.
pub fn tckn(value: &str) -> Vec<Problem> {
    if !is_tckn_format(value) {
        vec![Problem::TcknFormat]
    } else if !is_tckn_checksum_valid(value) {
        vec![Problem::TcknChecksum]
    } else {
        Vec::new()
    }
}

/// A business's tax number (VKN).
pub fn vkn(value: &str) -> Vec<Problem> {
    if !is_vkn_format(value) {
        vec![Problem::VknFormat]
    } else if !is_vkn_checksum_valid(value) {
        vec![Problem::VknChecksum]
    } else {
        Vec::new()
    }
}

// Turkish identity numbers: TCKN (persons, 11 digits) and VKN (businesses, 10 digits). The format rules are errors;
// the checksums are warnings by default because the API's own examples fail them, and errors with
// `strictIdentityNumbers: true`.

/// Digits of `s` when it is all ASCII digits of the given length.
fn digits<const N: usize>(s: &str) -> Option<[u32; N]> {
    let bytes = s.as_bytes();
    if bytes.len() != N {
        return None;
    }
    let mut out = [0u32; N];
    for (slot, b) in out.iter_mut().zip(bytes) {
        *slot = char::from(*b).to_digit(10)?;
    }
    Some(out)
}

/// `true` when `s` has the TCKN shape: 11 digits, the first not 0.
pub fn is_tckn_format(s: &str) -> bool {
    digits::<11>(s).is_some_and(|d| d[0] != 0)
}

/// TCKN checksum: digit 10 = (7·(d1+d3+d5+d7+d9) − (d2+d4+d6+d8)) mod 10; digit 11 = (d1+…+d10) mod 10.
pub fn is_tckn_checksum_valid(s: &str) -> bool {
    let Some([d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11]) = digits::<11>(s) else {
        return false;
    };
    let odd = d1 + d3 + d5 + d7 + d9;
    let even = d2 + d4 + d6 + d8;
    let check10 = (odd * 7 + 10 * even - even) % 10; // (7·odd − even) mod 10 without going negative
    let check11 = (d1 + d2 + d3 + d4 + d5 + d6 + d7 + d8 + d9 + d10) % 10;
    d1 != 0 && check10 == d10 && check11 == d11
}

/// `true` when `s` has the VKN shape: 10 digits.
pub fn is_vkn_format(s: &str) -> bool {
    digits::<10>(s).is_some()
}

/// VKN checksum (Gelir İdaresi algorithm): for each of the first nine digits `d` at position `i` (0-based),
/// `t = (d + 9 − i) mod 10`, `p = t·2^(9−i) mod 9` (9 when `p` is 0 and `t` is not); the last digit is
/// `(10 − Σp mod 10) mod 10`.
pub fn is_vkn_checksum_valid(s: &str) -> bool {
    let Some(d) = digits::<10>(s) else {
        return false;
    };
    let mut sum = 0;
    for (i, digit) in d.iter().take(9).enumerate() {
        let i = i as u32;
        let t = (digit + 9 - i) % 10;
        let mut p = (t * (1 << (9 - i))) % 9;
        if t != 0 && p == 0 {
            p = 9;
        }
        sum += p;
    }
    (10 - sum % 10) % 10 == d[9]
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn external_id_table() {
        let cases: &[(&str, &[Problem])] = &[
            ("MTD0018232", &[]),
            ("a_b-C", &[]),
            ("abc", &[]),
            ("ab", &[Problem::TooShort(3)]),
            ("", &[Problem::Empty]),
            (&"x".repeat(41), &[Problem::TooLong(40)]),
            ("has space", &[Problem::ExternalIdChars]),
            ("şeker", &[Problem::ExternalIdChars]),
            ("a/", &[Problem::TooShort(3), Problem::ExternalIdChars]),
        ];
        for (value, expected) in cases {
            assert_eq!(external_id(value), *expected, "{value:?}");
        }
    }

    #[test]
    fn name_table() {
        let cases: &[(&str, &[Problem])] = &[
            ("Mehmet", &[]),
            ("Gülbilge", &[]),
            ("İlkay Şahin-Öztürk", &[]),
            ("O'Neil", &[]),
            ("Al", &[Problem::TooShort(3)]),
            ("R2D2", &[Problem::NameChars]),
            (&"a".repeat(41), &[Problem::TooLong(40)]),
        ];
        for (value, expected) in cases {
            assert_eq!(person_name(value), *expected, "{value:?}");
        }
        assert!(middle_name("").is_empty());
        assert_eq!(middle_name("Al"), vec![Problem::TooShort(3)]);
    }

    #[test]
    fn email_table() {
        let valid = ["a@b.co", "mehmet.gulbilge+tag@example.com.tr", "x_y@sub-domain.example.org", "ç@örnek.com.tr"];
        let invalid = [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@b.c",
            "a..b@example.com",
            ".a@example.com",
            "a@-example.com",
            "a b@example.com",
            "a@example..com",
            "[email protected]",
        ];
        for v in valid {
            assert!(email(v).is_empty(), "{v} should be valid");
        }
        for v in invalid {
            assert_eq!(email(v), vec![Problem::Email], "{v} should be invalid");
        }
    }

    #[test]
    fn phone_normalisation_table() {
        let cases: &[(&str, Result<&str, Problem>)] = &[
            ("+905322808035", Ok("+905322808035")),
            ("+90 532 280 80 35", Ok("+905322808035")), // the docs' own example
            ("05322808035", Ok("+905322808035")),
            ("0532 280 80 35", Ok("+905322808035")),
            ("5322808035", Ok("+905322808035")),
            ("905322808035", Ok("+905322808035")),
            ("0090 532 280 80 35", Ok("+905322808035")),
            ("(0212) 555 12 34", Ok("+902125551234")),
            ("+44 20 7946 0958", Ok("+442079460958")),
            ("+9053228080351", Err(Problem::PhoneTurkishLength)), // the card-buy example has one digit too many
            ("+90532280803", Err(Problem::PhoneTurkishLength)),
            ("532280803", Err(Problem::Phone)),
            ("+1234", Err(Problem::Phone)),
            ("+1234567890123456", Err(Problem::Phone)),
            ("+0123456789", Err(Problem::Phone)),
            ("phone", Err(Problem::Phone)),
            ("", Err(Problem::Phone)),
            ("+", Err(Problem::Phone)),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_phone(input), expected.clone().map(str::to_owned), "{input:?}");
        }
    }

    #[test]
    fn birthdate_table() {
        let today = date!(2026 - 11 - 23);
        let cases: &[(&str, &[Problem])] = &[
            ("1970-01-31", &[]),
            ("2026-11-22", &[]),
            ("2026-11-23", &[Problem::DateNotPast]),
            ("2030-01-01", &[Problem::DateNotPast]),
            ("2023-02-29", &[Problem::DateNotReal]),
            ("2024-02-29", &[]),
            ("1990-13-01", &[Problem::DateNotReal]),
            ("1899-12-31", &[Problem::DateTooOld]),
            ("31-12-1990", &[Problem::DateFormat]),
            ("1990-1-01", &[Problem::DateFormat]),
            ("+990-01-01", &[Problem::DateFormat]),
            ("1990-01-01T00:00:00", &[Problem::DateFormat]),
            ("", &[Problem::DateFormat]),
        ];
        for (value, expected) in cases {
            assert_eq!(birthdate(value, today), *expected, "{value:?}");
        }
    }

    #[test]
    fn identity_number_rules() {
        assert!(tckn("10000000146").is_empty());
        assert_eq!(tckn("12345677938"), vec![Problem::TcknChecksum]);
        assert_eq!(tckn("0123"), vec![Problem::TcknFormat]);
        assert!(vkn("1234567890").is_empty());
        assert_eq!(vkn("1234567891"), vec![Problem::VknChecksum]);
        assert_eq!(vkn("10000000146"), vec![Problem::VknFormat]);
    }

    #[test]
    fn quantity_table() {
        let cases: &[(Option<f64>, u8, &[Problem])] = &[
            (Some(1.0), 4, &[]),
            (Some(0.1), 4, &[]),
            (Some(0.0001), 4, &[]),
            (Some(1.23456), 4, &[Problem::Decimals(4)]),
            (Some(10.5), 2, &[]),
            (Some(0.29), 2, &[]),
            (Some(10.555), 2, &[Problem::Decimals(2)]),
            (Some(0.0), 2, &[Problem::NotPositive]),
            (Some(-5.0), 2, &[Problem::NotPositive]),
            (Some(2e7), 4, &[Problem::TooLarge]),
            (None, 2, &[Problem::NotNumber]),
        ];
        for (value, decimals, expected) in cases {
            let max = if *decimals == 4 { 1e7 } else { 1e11 };
            assert_eq!(quantity(*value, *decimals, max), *expected, "{value:?}");
        }
    }

    #[test]
    fn sku_token_and_ip_tables() {
        assert!(sku("GAU", &["GAU"]).is_empty());
        assert_eq!(sku("XAU", &["GAU"]), vec![Problem::UnknownSku]);
        assert_eq!(sku("gau", &["GAU"]), vec![Problem::SkuFormat]);
        assert_eq!(sku("G", &["GAU"]), vec![Problem::SkuFormat]);
        assert!(token("t85QBvvn1GHeOslKuiJm7CF0M0lpwU26").is_empty());
        assert_eq!(token(""), vec![Problem::Empty]);
        assert_eq!(token("has space"), vec![Problem::TokenFormat]);
        for good in ["127.0.0.1", "::1", "2001:db8::8a2e:370:7334", "192.168.1.20"] {
            assert!(ip(good).is_empty(), "{good}");
        }
        for bad in ["256.1.1.1", "1.2.3", "localhost", "", "::g"] {
            assert_eq!(ip(bad), vec![Problem::Ip], "{bad}");
        }
    }

    #[test]
    fn gender_table() {
        const GENDERS: &[&str] = &["M", "F"];
        assert!(gender("M", GENDERS).is_empty());
        assert!(gender("F", GENDERS).is_empty());
        for bad in ["m", "X", "", "Male"] {
            assert_eq!(gender(bad, GENDERS), vec![Problem::Gender], "{bad}");
        }
    }

    #[test]
    fn tckn_table() {
        // (value, format ok, checksum ok)
        let cases = [
            ("10000000146", true, true),  // the usual public test number
            ("46714948610", true, true),  // from the Get Order (Alternative) example
            ("12345677938", true, false), // the docs' Create Customer example fails the checksum
            ("10000000147", true, false), // last digit off by one
            ("10000000156", true, false), // tenth digit off by one
            ("01234567890", false, false),
            ("1000000014", false, false),
            ("100000001466", false, false),
            ("1000000014a", false, false),
            ("", false, false),
            ("１０００００００１４６", false, false), // full-width digits are not ASCII digits
        ];
        for (value, format, checksum) in cases {
            assert_eq!(is_tckn_format(value), format, "format {value}");
            assert_eq!(is_tckn_checksum_valid(value), checksum, "checksum {value}");
        }
    }

    #[test]
    fn vkn_table() {
        let cases = [
            // valid numbers from an independent implementation's test suite
            ("9029589240", true, true),
            ("3721052062", true, true),
            ("7920586482", true, true),
            ("1234567890", true, true),
            ("9876543217", true, true),
            ("1234567891", true, false),
            ("9876543210", true, false),
            ("123456789", false, false),
            ("12345678901", false, false),
            ("12345678a0", false, false),
        ];
        for (value, format, checksum) in cases {
            assert_eq!(is_vkn_format(value), format, "format {value}");
            assert_eq!(is_vkn_checksum_valid(value), checksum, "checksum {value}");
        }
    }

    #[test]
    fn vkn_checksum_accepts_exactly_one_last_digit() {
        // For any nine-digit prefix exactly one check digit is valid.
        for prefix in ["123456789", "000000001", "987654321", "451209837", "999999999"] {
            let valid: Vec<u32> = (0..10).filter(|d| is_vkn_checksum_valid(&format!("{prefix}{d}"))).collect();
            assert_eq!(valid.len(), 1, "{prefix}: {valid:?}");
        }
    }
}
