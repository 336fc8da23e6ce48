//! Payment-card helpers shared by validation and redaction.

/// Luhn (mod 10) check over ASCII digits; `false` for anything else or fewer than two digits.
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
