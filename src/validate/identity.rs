//! Turkish identity numbers: TCKN (persons, 11 digits) and VKN (businesses, 10 digits).
//!
//! The format rules are errors; the checksums are warnings by default because the API's own examples fail them, and
//! errors with `strictIdentityNumbers: true`.

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
