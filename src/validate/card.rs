//! Payment cards: checks for validation, helpers shared with redaction.

use time::Date;

use super::Problem;

/// Removes spaces and dashes and checks the number: 12–19 digits passing Luhn. Returns the digits to send.
pub fn normalize_card_number(value: &str) -> Result<String, Problem> {
    let compact = super::rules::without(value, |c| matches!(c, ' ' | '-'));
    if !(12..=19).contains(&compact.len()) || !compact.bytes().all(|b| b.is_ascii_digit()) {
        Err(Problem::CardNumberFormat)
    } else if !luhn_valid(&compact) {
        Err(Problem::CardLuhn)
    } else {
        Ok(compact)
    }
}

/// `MM/YY`, a real month, not before the current month.
pub fn expiry(value: &str, today: Date) -> Vec<Problem> {
    let parts = value.split_once('/').filter(|(m, y)| m.len() == 2 && y.len() == 2);
    let parsed = parts.and_then(|(m, y)| Some((m.parse::<u8>().ok()?, y.parse::<i32>().ok()?)));
    match parsed {
        Some((month, _)) if !(1..=12).contains(&month) => vec![Problem::CardExpiryFormat],
        Some((month, year)) => {
            if (2000 + year, month) < (today.year(), u8::from(today.month())) {
                vec![Problem::CardExpired]
            } else {
                Vec::new()
            }
        }
        None => vec![Problem::CardExpiryFormat],
    }
}

/// `min`–`max` ASCII digits (CVV, BIN), or `problem`.
pub fn digits(value: &str, min: usize, max: usize, problem: Problem) -> Vec<Problem> {
    if (min..=max).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit()) {
        Vec::new()
    } else {
        vec![problem]
    }
}

/// Luhn (mod 10) check over ASCII digits; `false` for anything else or fewer than two digits. This is the SDK's one
/// Luhn implementation (card-number validation uses it; a table here and a property test in `tests/fuzz.rs` check it).
/// The sandbox checks cards with its own copy (`sandbox/src/cards.rs`), as the card processor it imitates would.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.len() < 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// Masks a card number so at most the first 6 and last 4 positions show (for numbers shorter than 13, at most the
/// last 4 and never more than half). Separators are kept, so `4111 1111 1111 1111` keeps its spaces, and an
/// already-masked number (`404809******7528`) is left as it is.
pub fn mask_card_number(value: &str) -> String {
    let is_position = |c: char| c.is_ascii_digit() || matches!(c, '*' | 'x' | 'X' | '•');
    let total = value.chars().filter(|c| is_position(*c)).count();
    let (head, tail) = if total >= 13 { (6, 4) } else { (0, (total / 2).min(4)) };
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !is_position(c) {
                return c;
            }
            seen += 1;
            if seen <= head || seen > total - tail {
                c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_table() {
        let cases = [
            ("4111111111111111", true),
            ("5555555555554444", true),
            ("378282246310005", true),
            ("4000000000000002", true),
            ("4111111111111112", false),
            ("79927398713", true),
            ("79927398710", false),
            ("0", false),
            ("", false),
            ("4111-1111", false),
        ];
        for (value, expected) in cases {
            assert_eq!(luhn_valid(value), expected, "{value}");
        }
    }

    #[test]
    fn card_number_table() {
        let cases: &[(&str, Result<&str, Problem>)] = &[
            ("4111111111111111", Ok("4111111111111111")),
            ("4111 1111 1111 1111", Ok("4111111111111111")),
            ("4111-1111-1111-1111", Ok("4111111111111111")),
            ("4111111111111112", Err(Problem::CardLuhn)),
            ("41111111111", Err(Problem::CardNumberFormat)),
            ("41111111111111111111", Err(Problem::CardNumberFormat)),
            ("4111x11111111111", Err(Problem::CardNumberFormat)),
            ("", Err(Problem::CardNumberFormat)),
        ];
        for (value, expected) in cases {
            assert_eq!(normalize_card_number(value), expected.clone().map(str::to_owned), "{value}");
        }
    }

    #[test]
    fn expiry_table() {
        let today = time::macros::date!(2026 - 11 - 23);
        let cases: &[(&str, &[Problem])] = &[
            ("11/26", &[]),
            ("12/26", &[]),
            ("01/30", &[]),
            ("10/26", &[Problem::CardExpired]),
            ("05/28", &[]),
            ("13/27", &[Problem::CardExpiryFormat]),
            ("00/27", &[Problem::CardExpiryFormat]),
            ("1/27", &[Problem::CardExpiryFormat]),
            ("11/2026", &[Problem::CardExpiryFormat]),
            ("1127", &[Problem::CardExpiryFormat]),
        ];
        for (value, expected) in cases {
            assert_eq!(expiry(value, today), *expected, "{value}");
        }
    }

    #[test]
    fn digits_table() {
        assert!(digits("123", 3, 4, Problem::Cvv).is_empty());
        assert!(digits("1234", 3, 4, Problem::Cvv).is_empty());
        assert_eq!(digits("12", 3, 4, Problem::Cvv), vec![Problem::Cvv]);
        assert_eq!(digits("12a", 3, 4, Problem::Cvv), vec![Problem::Cvv]);
        assert!(digits("41111111", 6, 8, Problem::Bin).is_empty());
        assert_eq!(digits("411111111", 6, 8, Problem::Bin), vec![Problem::Bin]);
    }

    #[test]
    fn masking_table() {
        let cases = [
            ("4111111111111111", "411111******1111"),
            ("4111 1111 1111 1111", "4111 11** **** 1111"),
            ("404809******7528", "404809******7528"),
            ("378282246310005", "378282*****0005"),
            ("12345678", "****5678"),
            ("123", "**3"),
            ("", ""),
        ];
        for (value, expected) in cases {
            assert_eq!(mask_card_number(value), expected, "{value}");
        }
    }
}
