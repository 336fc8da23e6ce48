//! The Digest response hash, server side (RFC 7616 §3.4.1, `qop=auth`).
//!
//! Computed here with `md-5` and `sha2` directly rather than with the SDK's code, on purpose: the sandbox is the
//! SDK's independent counterpart, so a mistake in the client's hash shows up as a failed login against the sandbox
//! instead of agreeing with itself. The RFC's own example (§3.9.1) pins this side; the sandbox's tests sign with the
//! SDK, and the SDK is also checked against Apache httpd.

use md5::Md5;
use sha2::{Digest as _, Sha256};

/// Hash algorithms the sandbox can offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Sha256Sess,
    Sha256,
    Md5Sess,
    Md5,
}

impl Algorithm {
    /// Parses an `algorithm=` token (case-insensitive).
    pub fn parse(token: &str) -> Option<Self> {
        match token.to_ascii_uppercase().as_str() {
            "MD5" => Some(Self::Md5),
            "MD5-SESS" => Some(Self::Md5Sess),
            "SHA-256" => Some(Self::Sha256),
            "SHA-256-SESS" => Some(Self::Sha256Sess),
            _ => None,
        }
    }

    /// The token as written in a challenge.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
        }
    }

    fn hash(self, data: &str) -> String {
        match self {
            Self::Md5 | Self::Md5Sess => hex::encode(Md5::digest(data.as_bytes())),
            Self::Sha256 | Self::Sha256Sess => hex::encode(Sha256::digest(data.as_bytes())),
        }
    }
}

/// What the expected `response=` of a request depends on. `nc` is the eight hex digits exactly as the client sent
/// them.
#[derive(Clone, Copy, Debug)]
pub struct Credentials<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub realm: &'a str,
    pub algorithm: Algorithm,
    pub nonce: &'a str,
    pub nc: &'a str,
    pub cnonce: &'a str,
    pub method: &'a str,
    pub uri: &'a str,
}

/// `KD(H(A1), nonce:nc:cnonce:auth:H(A2))`, lower-case hex.
pub fn expected_response(c: &Credentials<'_>) -> String {
    let h = |data: &str| c.algorithm.hash(data);
    let mut ha1 = h(&format!("{}:{}:{}", c.username, c.realm, c.password));
    if matches!(c.algorithm, Algorithm::Md5Sess | Algorithm::Sha256Sess) {
        ha1 = h(&format!("{ha1}:{}:{}", c.nonce, c.cnonce));
    }
    let ha2 = h(&format!("{}:{}", c.method, c.uri));
    h(&format!("{ha1}:{}:{}:{}:auth:{ha2}", c.nonce, c.nc, c.cnonce))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7616 §3.9.1.
    fn rfc_example(algorithm: Algorithm) -> String {
        expected_response(&Credentials {
            username: "Mufasa",
            password: "Circle of Life",
            realm: "http-auth@example.org",
            algorithm,
            nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            nc: "00000001",
            cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            method: "GET",
            uri: "/dir/index.html",
        })
    }

    #[test]
    fn matches_the_rfc_example() {
        assert_eq!(rfc_example(Algorithm::Md5), "8ca523f5e9506fed4657c9700eebdbec");
        assert_eq!(rfc_example(Algorithm::Sha256), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    #[test]
    fn sess_variants_hash_the_nonces_into_a1() {
        // The RFC gives no -sess example; these were computed with Python's hashlib from the same inputs.
        assert_eq!(rfc_example(Algorithm::Md5Sess), "e783283f46242139c486a698fec7211d");
        assert_eq!(
            rfc_example(Algorithm::Sha256Sess),
            "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7"
        );
    }

    #[test]
    fn algorithm_names_round_trip() {
        for algorithm in [Algorithm::Md5, Algorithm::Md5Sess, Algorithm::Sha256, Algorithm::Sha256Sess] {
            assert_eq!(Algorithm::parse(algorithm.as_str()), Some(algorithm));
            assert_eq!(Algorithm::parse(&algorithm.as_str().to_lowercase()), Some(algorithm));
        }
        assert_eq!(Algorithm::parse("SHA-512-256"), None);
    }
}
