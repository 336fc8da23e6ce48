//! HTTP Digest access authentication, client side (RFC 7616).
//!
//! Pure computation: parsing `WWW-Authenticate` challenges, choosing the strongest one we support, and computing the
//! `Authorization` header. Which nonce and count each request uses is `session.rs`'s job.

use md5::Md5;
use sha2::{Digest as _, Sha256};

/// Hash algorithms this client supports, strongest first when several challenges are offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Sha256Sess,
    Sha256,
    Md5Sess,
    Md5,
}

impl Algorithm {
    /// Parses an `algorithm=` token (case-insensitive). Unknown algorithms (e.g. SHA-512-256) give `None`.
    pub fn parse(token: &str) -> Option<Self> {
        match token.to_ascii_uppercase().as_str() {
            "MD5" => Some(Self::Md5),
            "MD5-SESS" => Some(Self::Md5Sess),
            "SHA-256" => Some(Self::Sha256),
            "SHA-256-SESS" => Some(Self::Sha256Sess),
            _ => None,
        }
    }

    /// The token as sent back in the `Authorization` header.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
        }
    }

    fn is_sess(self) -> bool {
        matches!(self, Self::Md5Sess | Self::Sha256Sess)
    }

    fn rank(self) -> u8 {
        match self {
            Self::Sha256Sess => 4,
            Self::Sha256 => 3,
            Self::Md5Sess => 2,
            Self::Md5 => 1,
        }
    }

    fn hash_hex(self, data: &str) -> String {
        match self {
            Self::Md5 | Self::Md5Sess => hex::encode(Md5::digest(data.as_bytes())),
            Self::Sha256 | Self::Sha256Sess => hex::encode(Sha256::digest(data.as_bytes())),
        }
    }
}

/// One `Digest` challenge from a `WWW-Authenticate` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Challenge {
    pub realm: String,
    pub nonce: String,
    pub opaque: Option<String>,
    pub algorithm: Algorithm,
    /// `true` when the server offered `qop=auth`; `false` means the RFC 2069 compatibility form.
    pub qop_auth: bool,
    pub stale: bool,
    pub userhash: bool,
}

/// Why a challenge could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChallengeError {
    #[error("the server sent no WWW-Authenticate header (a CORS server must expose it)")]
    Missing,
    #[error("the server's WWW-Authenticate header has no Digest challenge")]
    NotDigest,
    #[error("the Digest challenge lacks {0}")]
    MissingParam(&'static str),
    #[error("the Digest challenge asks for an unsupported algorithm or qop ({0})")]
    Unsupported(String),
}

/// Splits a header value into `(scheme, params)` challenges. Handles several challenges in one header value
/// (RFC 7235 §4.1), quoted strings with backslash escapes and token68-free Digest parameters.
fn parse_challenges(header: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut chars = header.chars().peekable();
    loop {
        // skip separators
        while matches!(chars.peek(), Some(c) if *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ',' || c.is_whitespace() {
                break;
            }
            word.push(c);
            chars.next();
        }
        while matches!(chars.peek(), Some(c) if c.is_whitespace()) {
            chars.next();
        }
        if chars.peek() == Some(&'=') {
            // a parameter of the current challenge
            chars.next();
            while matches!(chars.peek(), Some(c) if c.is_whitespace()) {
                chars.next();
            }
            let mut value = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                value.push(escaped);
                            }
                        }
                        '"' => break,
                        other => value.push(other),
                    }
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ',' || c.is_whitespace() {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
            }
            if let Some((_, params)) = out.last_mut() {
                params.push((word.to_ascii_lowercase(), value));
            }
        } else if !word.is_empty() {
            out.push((word, Vec::new()));
        }
    }
    out
}

/// Picks the strongest usable Digest challenge from a `WWW-Authenticate` header value.
pub fn parse_www_authenticate(header: Option<&str>) -> Result<Challenge, ChallengeError> {
    let header = header.ok_or(ChallengeError::Missing)?;
    let mut best: Option<Challenge> = None;
    let mut last_error = ChallengeError::NotDigest;
    for (scheme, params) in parse_challenges(header) {
        if !scheme.eq_ignore_ascii_case("digest") {
            continue;
        }
        match challenge_from_params(&params) {
            Ok(challenge) => {
                if best.as_ref().is_none_or(|b| challenge.algorithm.rank() > b.algorithm.rank()) {
                    best = Some(challenge);
                }
            }
            Err(err) => last_error = err,
        }
    }
    best.ok_or(last_error)
}

fn challenge_from_params(params: &[(String, String)]) -> Result<Challenge, ChallengeError> {
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let realm = get("realm").ok_or(ChallengeError::MissingParam("realm"))?;
    let nonce = get("nonce").ok_or(ChallengeError::MissingParam("nonce"))?;
    let algorithm = match get("algorithm") {
        None => Algorithm::Md5,
        Some(token) => Algorithm::parse(token).ok_or_else(|| ChallengeError::Unsupported(token.to_owned()))?,
    };
    let qop_auth = match get("qop") {
        None => false,
        Some(list) => {
            if list.split(',').any(|q| q.trim().eq_ignore_ascii_case("auth")) {
                true
            } else {
                return Err(ChallengeError::Unsupported(format!("qop={list}")));
            }
        }
    };
    let is_true = |name: &str| get(name).is_some_and(|v| v.eq_ignore_ascii_case("true"));
    Ok(Challenge {
        realm: realm.to_owned(),
        nonce: nonce.to_owned(),
        opaque: get("opaque").map(str::to_owned),
        algorithm,
        qop_auth,
        stale: is_true("stale"),
        userhash: is_true("userhash"),
    })
}

/// Everything needed to compute one `Authorization: Digest …` header value.
#[derive(Clone, Copy)]
pub struct AuthInput<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub realm: &'a str,
    pub nonce: &'a str,
    pub uri: &'a str,
    pub method: &'a str,
    pub algorithm: Algorithm,
    pub qop_auth: bool,
    pub nc: u32,
    pub cnonce: &'a str,
    pub opaque: Option<&'a str>,
    pub userhash: bool,
}

/// Appends `, name="value"` (the first parameter without the comma), escaping `"` and `\` in the value.
fn push_quoted(out: &mut String, name: &str, value: &str) {
    if !out.ends_with(' ') {
        out.push_str(", ");
    }
    out.push_str(name);
    out.push_str("=\"");
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

/// Computes the `response` hash (RFC 7616 §3.4.1).
pub fn response_hash(input: &AuthInput<'_>) -> String {
    let alg = input.algorithm;
    let nc = format!("{:08x}", input.nc);
    let mut ha1 = alg.hash_hex(&format!("{}:{}:{}", input.username, input.realm, input.password));
    if alg.is_sess() {
        ha1 = alg.hash_hex(&format!("{ha1}:{}:{}", input.nonce, input.cnonce));
    }
    let ha2 = alg.hash_hex(&format!("{}:{}", input.method, input.uri));
    if input.qop_auth {
        alg.hash_hex(&format!("{ha1}:{}:{nc}:{}:auth:{ha2}", input.nonce, input.cnonce))
    } else {
        alg.hash_hex(&format!("{ha1}:{}:{ha2}", input.nonce))
    }
}

/// Builds the full `Authorization` header value.
pub fn authorization_header(input: &AuthInput<'_>) -> String {
    let username = if input.userhash {
        input.algorithm.hash_hex(&format!("{}:{}", input.username, input.realm))
    } else {
        input.username.to_owned()
    };
    let mut header = "Digest ".to_owned();
    push_quoted(&mut header, "username", &username);
    push_quoted(&mut header, "realm", input.realm);
    push_quoted(&mut header, "uri", input.uri);
    header.push_str(", algorithm=");
    header.push_str(input.algorithm.as_str());
    push_quoted(&mut header, "nonce", input.nonce);
    if input.qop_auth {
        header.push_str(&format!(", nc={:08x}", input.nc));
        push_quoted(&mut header, "cnonce", input.cnonce);
        header.push_str(", qop=auth");
    }
    push_quoted(&mut header, "response", &response_hash(input));
    if let Some(opaque) = input.opaque {
        push_quoted(&mut header, "opaque", opaque);
    }
    if input.userhash {
        header.push_str(", userhash=true");
    }
    header
}

/// A fresh client nonce: 16 random bytes, hex encoded. `None` when no randomness source is available.
pub fn new_cnonce() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(hex::encode(bytes))
}

impl Challenge {
    /// What answering this challenge takes: the credentials, the request, its count and a client nonce.
    pub fn answer<'a>(
        &'a self,
        request: (&'a str, &'a str),
        credentials: (&'a str, &'a str),
        nc: u32,
        cnonce: &'a str,
    ) -> AuthInput<'a> {
        let ((method, uri), (username, password)) = (request, credentials);
        AuthInput {
            username,
            password,
            realm: &self.realm,
            nonce: &self.nonce,
            uri,
            method,
            algorithm: self.algorithm,
            qop_auth: self.qop_auth,
            nc,
            cnonce,
            opaque: self.opaque.as_deref(),
            userhash: self.userhash,
        }
    }
}

/// The `Authorization` value answering `challenge` with count `nc` and a fresh client nonce. `None` without a
/// randomness source. Which challenge and count a request uses is decided in `session.rs`.
pub fn sign(challenge: &Challenge, nc: u32, username: &str, password: &str, method: &str, uri: &str) -> Option<String> {
    let cnonce = new_cnonce()?;
    Some(authorization_header(&challenge.answer((method, uri), (username, password), nc, &cnonce)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_NONCE: &str = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    const RFC_CNONCE: &str = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    const RFC_OPAQUE: &str = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

    fn rfc_input(algorithm: Algorithm) -> AuthInput<'static> {
        AuthInput {
            username: "Mufasa",
            password: "Circle of Life",
            realm: "http-auth@example.org",
            nonce: RFC_NONCE,
            uri: "/dir/index.html",
            method: "GET",
            algorithm,
            qop_auth: true,
            nc: 1,
            cnonce: RFC_CNONCE,
            opaque: Some(RFC_OPAQUE),
            userhash: false,
        }
    }

    #[test]
    fn rfc7616_section_3_9_1_md5_response() {
        assert_eq!(response_hash(&rfc_input(Algorithm::Md5)), "8ca523f5e9506fed4657c9700eebdbec");
    }

    #[test]
    fn rfc7616_section_3_9_1_sha256_response() {
        assert_eq!(
            response_hash(&rfc_input(Algorithm::Sha256)),
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
        );
    }

    #[test]
    fn rfc7616_header_carries_every_parameter() {
        let header = authorization_header(&rfc_input(Algorithm::Sha256));
        assert_eq!(
            header,
            format!(
                "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", \
                 algorithm=SHA-256, nonce=\"{RFC_NONCE}\", nc=00000001, cnonce=\"{RFC_CNONCE}\", qop=auth, \
                 response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", opaque=\"{RFC_OPAQUE}\""
            )
        );
    }

    #[test]
    fn rfc2617_section_3_5_md5_example() {
        // The RFC 2617 worked example (same user, realm "testrealm@host.com").
        let input = AuthInput {
            username: "Mufasa",
            password: "Circle Of Life",
            realm: "testrealm@host.com",
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            uri: "/dir/index.html",
            method: "GET",
            algorithm: Algorithm::Md5,
            qop_auth: true,
            nc: 1,
            cnonce: "0a4f113b",
            opaque: Some("5ccc069c403ebaf9f0171e9517f40e41"),
            userhash: false,
        };
        assert_eq!(response_hash(&input), "6629fae49393a05397450978507c4ef1");
    }

    #[test]
    fn sess_variants_hash_the_nonce_and_cnonce_into_ha1() {
        let plain = response_hash(&rfc_input(Algorithm::Md5));
        let sess = response_hash(&rfc_input(Algorithm::Md5Sess));
        assert_ne!(plain, sess);
        // HA1 for -sess is H(H(user:realm:pass):nonce:cnonce); recompute by hand from the parts.
        let ha1 = Algorithm::Md5.hash_hex("Mufasa:http-auth@example.org:Circle of Life");
        let ha1_sess = Algorithm::Md5.hash_hex(&format!("{ha1}:{RFC_NONCE}:{RFC_CNONCE}"));
        let ha2 = Algorithm::Md5.hash_hex("GET:/dir/index.html");
        let expected = Algorithm::Md5.hash_hex(&format!("{ha1_sess}:{RFC_NONCE}:00000001:{RFC_CNONCE}:auth:{ha2}"));
        assert_eq!(sess, expected);
    }

    #[test]
    fn parses_challenge_tables() {
        let cases: &[(&str, Result<(Algorithm, bool, bool, Option<&str>), ChallengeError>)] = &[
            (
                r#"Digest realm="r", nonce="n", qop="auth", algorithm=SHA-256, opaque="o""#,
                Ok((Algorithm::Sha256, true, false, Some("o"))),
            ),
            (r#"Digest realm="r", nonce="n""#, Ok((Algorithm::Md5, false, false, None))),
            (
                r#"digest realm="r", nonce="n", qop="auth,auth-int", algorithm=md5-sess, stale=TRUE"#,
                Ok((Algorithm::Md5Sess, true, true, None)),
            ),
            (
                // two challenges in one value: the stronger wins whatever the order
                r#"Digest realm="r", nonce="a", qop="auth", algorithm=MD5, Digest realm="r", nonce="b", qop="auth", algorithm=SHA-256"#,
                Ok((Algorithm::Sha256, true, false, None)),
            ),
            (r#"Basic realm="r""#, Err(ChallengeError::NotDigest)),
            (r#"Digest realm="r""#, Err(ChallengeError::MissingParam("nonce"))),
            (
                r#"Digest realm="r", nonce="n", algorithm=SHA-512-256"#,
                Err(ChallengeError::Unsupported("SHA-512-256".into())),
            ),
            (r#"Digest realm="r", nonce="n", qop="auth-int""#, Err(ChallengeError::Unsupported("qop=auth-int".into()))),
            ("", Err(ChallengeError::NotDigest)),
        ];
        for (header, expected) in cases {
            let got =
                parse_www_authenticate(Some(header)).map(|c| (c.algorithm, c.qop_auth, c.stale, c.opaque.clone()));
            let expected = expected.clone().map(|(a, q, s, o)| (a, q, s, o.map(str::to_owned)));
            assert_eq!(got, expected, "header: {header}");
        }
        assert_eq!(parse_www_authenticate(None), Err(ChallengeError::Missing));
    }

    #[test]
    fn quoted_values_keep_commas_and_escapes() {
        let c = parse_www_authenticate(Some(r#"Digest realm="a, \"b\"", nonce="x,y""#)).unwrap();
        assert_eq!(c.realm, r#"a, "b""#);
        assert_eq!(c.nonce, "x,y");
        let header = authorization_header(&AuthInput { realm: &c.realm, ..rfc_input(Algorithm::Md5) });
        assert!(header.contains(r#"realm="a, \"b\"""#), "{header}");
    }

    #[test]
    fn signing_answers_the_challenge_with_the_given_count() {
        let challenge = parse_www_authenticate(Some(r#"Digest realm="r", nonce="n", qop="auth", opaque="o""#)).unwrap();
        let first = sign(&challenge, 1, "u", "p", "GET", "/a").unwrap();
        let again = sign(&challenge, 1, "u", "p", "GET", "/a").unwrap();
        assert!(first.contains("nc=00000001") && first.contains("nonce=\"n\"") && first.contains("opaque=\"o\""));
        assert_ne!(first, again, "every request gets its own client nonce");
        assert!(sign(&challenge, 255, "u", "p", "GET", "/a").unwrap().contains("nc=000000ff"));
    }

    #[test]
    fn userhash_replaces_the_username() {
        let header = authorization_header(&AuthInput { userhash: true, ..rfc_input(Algorithm::Sha256) });
        let expected = Algorithm::Sha256.hash_hex("Mufasa:http-auth@example.org");
        assert!(header.contains(&format!("username=\"{expected}\"")), "{header}");
        assert!(header.ends_with("userhash=true"));
        assert!(!header.contains("Mufasa"));
    }

    #[test]
    fn cnonces_are_random_hex() {
        let a = new_cnonce().unwrap();
        let b = new_cnonce().unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
