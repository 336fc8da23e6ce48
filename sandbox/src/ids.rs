//! Random identifiers: tokens, order guids and codes, transaction numbers.

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn random_bytes(count: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; count];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes
}

/// `count` characters drawn from `alphabet` (the slight modulo bias does not matter for a sandbox).
fn random_from(alphabet: &[u8], count: usize) -> String {
    random_bytes(count).into_iter().map(|b| char::from(alphabet[usize::from(b) % alphabet.len()])).collect()
}

/// Letters and digits, e.g. a price token (32) or a payment token (64).
pub fn alphanumeric(count: usize) -> String {
    random_from(ALPHANUMERIC, count)
}

/// An order code: 8 upper-case letters and digits.
pub fn order_code() -> String {
    order_code_from(&random_bytes(8))
}

/// An order code over given bytes (also used for the deterministic seed orders).
pub fn order_code_from(bytes: &[u8]) -> String {
    bytes.iter().take(8).map(|b| char::from(UPPER_ALPHANUMERIC[usize::from(*b) % UPPER_ALPHANUMERIC.len()])).collect()
}

pub fn digits(count: usize) -> String {
    random_from(b"0123456789", count)
}

/// An upper-case UUID v4, as order guids are written.
pub fn guid() -> String {
    guid_from(&random_bytes(16))
}

/// A UUID v4 layout over 16 bytes (also used for the deterministic seed orders).
pub fn guid_from(bytes: &[u8]) -> String {
    let hex: String = bytes.iter().take(16).map(|b| format!("{b:02X}")).collect();
    let variant = ["8", "9", "A", "B"][usize::from(bytes[8] & 3)];
    format!("{}-{}-4{}-{variant}{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let guid = guid();
        assert_eq!(guid.len(), 36);
        assert_eq!(&guid[14..15], "4");
        assert_eq!(guid, guid.to_uppercase());
        let code = order_code();
        assert!(code.len() == 8 && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        let token = alphanumeric(32);
        assert!(token.len() == 32 && token.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(token, alphanumeric(32));
    }
}
