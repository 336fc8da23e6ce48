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

    /// RFC 7616 §3.9.1's input and responses (`tests/fixtures/digest-vectors.json`, shared with the client).
    fn vectors() -> serde_json::Value {
        serde_json::from_str(include_str!("../../../../tests/fixtures/digest-vectors.json")).unwrap()
    }

    #[test]
    fn matches_the_rfc_example_for_each_algorithm() {
        let vectors = vectors();
        let (input, responses) = (&vectors["rfc7616"]["input"], &vectors["rfc7616"]["responses"]);
        let text = |name: &str| input[name].as_str().unwrap();
        let nc = format!("{:08x}", input["nc"].as_u64().unwrap());
        for algorithm in [Algorithm::Md5, Algorithm::Sha256, Algorithm::Md5Sess, Algorithm::Sha256Sess] {
            let response = expected_response(&Credentials {
                username: text("username"),
                password: text("password"),
                realm: text("realm"),
                algorithm,
                nonce: text("nonce"),
                nc: &nc,
                cnonce: text("cnonce"),
                method: text("method"),
                uri: text("uri"),
            });
            assert_eq!(response, responses[algorithm.as_str()].as_str().unwrap(), "{}", algorithm.as_str());
        }
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
