//! Seeded randomness and the identifiers drawn from it (tokens, order guids and codes, nonces, transaction numbers).
//!
//! The host seeds the generator (from the operating system, or with a fixed number for a replayable run); nothing in
//! the core asks the platform for randomness. SplitMix64 is not a cryptographic generator, and need not be: the
//! sandbox has a well-known password and serves loopback only.

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// SplitMix64's output function: a small, well-mixed hash of one number.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64: tiny, fast and fully determined by its seed.
#[derive(Clone, Debug, Default)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        let z = mix(self.0);
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z
    }

    /// Uniform in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn bytes(&mut self, count: usize) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(count + 8);
        while bytes.len() < count {
            bytes.extend_from_slice(&self.next_u64().to_le_bytes());
        }
        bytes.truncate(count);
        bytes
    }

    /// `count` random bytes, hex encoded (nonces, the opaque value, request ids).
    pub fn hex(&mut self, count: usize) -> String {
        hex::encode(self.bytes(count))
    }

    /// `count` characters drawn from `alphabet` (the slight modulo bias does not matter for a sandbox).
    fn draw(&mut self, alphabet: &[u8], count: usize) -> String {
        self.bytes(count).into_iter().map(|b| char::from(alphabet[usize::from(b) % alphabet.len()])).collect()
    }

    /// Letters and digits, e.g. a price token (32) or a payment token (64).
    pub fn alphanumeric(&mut self, count: usize) -> String {
        self.draw(ALPHANUMERIC, count)
    }

    pub fn digits(&mut self, count: usize) -> String {
        self.draw(b"0123456789", count)
    }

    /// An order code: 8 upper-case letters and digits.
    pub fn order_code(&mut self) -> String {
        order_code_from(&self.bytes(8))
    }

    /// An upper-case UUID v4, as order guids are written.
    pub fn guid(&mut self) -> String {
        guid_from(&self.bytes(16))
    }
}

/// An order code over given bytes (also used for the deterministic seed orders).
pub fn order_code_from(bytes: &[u8]) -> String {
    bytes.iter().take(8).map(|b| char::from(UPPER_ALPHANUMERIC[usize::from(*b) % UPPER_ALPHANUMERIC.len()])).collect()
}

/// A UUID v4 layout over 16 bytes (also used for the deterministic seed orders).
pub fn guid_from(bytes: &[u8]) -> String {
    let hex: String = bytes.iter().take(16).map(|b| format!("{b:02X}")).collect();
    let variant = ["8", "9", "A", "B"][usize::from(bytes.get(8).copied().unwrap_or(0) & 3)];
    format!("{}-{}-4{}-{variant}{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_splitmix64() {
        // Reference values of SplitMix64 seeded with 0.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert!((0..1000).map(|_| rng.next_f64()).all(|x| (0.0..1.0).contains(&x)));
    }

    #[test]
    fn shapes() {
        let mut rng = Rng::new(7);
        let guid = rng.guid();
        assert_eq!(guid.len(), 36);
        assert_eq!(&guid[14..15], "4");
        assert_eq!(guid, guid.to_uppercase());
        let code = rng.order_code();
        assert!(code.len() == 8 && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        let token = rng.alphanumeric(32);
        assert!(token.len() == 32 && token.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(token, rng.alphanumeric(32));
        assert_eq!(rng.hex(24).len(), 48);
        assert!(rng.digits(12).bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn the_same_seed_draws_the_same_identifiers() {
        let draw = |seed| {
            let mut rng = Rng::new(seed);
            (rng.guid(), rng.alphanumeric(32), rng.hex(16))
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
    }
}
