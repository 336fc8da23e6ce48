//! The computation against RFC 7616's vectors, challenge parsing, and waking waiting calls.

use super::vectors::{rfc2617, rfc7616, rfc7616_response};
use super::*;

const ALGORITHMS: [Algorithm; 4] = [Algorithm::Md5, Algorithm::Sha256, Algorithm::Md5Sess, Algorithm::Sha256Sess];

#[test]
fn rfc7616_section_3_9_1_responses_for_each_algorithm() {
    for algorithm in ALGORITHMS {
        assert_eq!(response_hash(&rfc7616(algorithm)), rfc7616_response(algorithm), "{}", algorithm.as_str());
    }
}

#[test]
fn rfc7616_header_carries_every_parameter() {
    let input = rfc7616(Algorithm::Sha256);
    let header = authorization_header(&input);
    let (nonce, cnonce, opaque) = (input.nonce, input.cnonce, input.opaque.unwrap());
    assert_eq!(
        header,
        format!(
            "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", \
             algorithm=SHA-256, nonce=\"{nonce}\", nc=00000001, cnonce=\"{cnonce}\", qop=auth, \
             response=\"{}\", opaque=\"{opaque}\"",
            rfc7616_response(Algorithm::Sha256)
        )
    );
}

#[test]
fn rfc2617_section_3_5_md5_example() {
    let (input, response) = rfc2617();
    assert_eq!(response_hash(&input), response);
}

#[test]
fn sess_variants_hash_the_nonce_and_cnonce_into_ha1() {
    assert_ne!(response_hash(&rfc7616(Algorithm::Md5)), response_hash(&rfc7616(Algorithm::Md5Sess)));
    assert_ne!(response_hash(&rfc7616(Algorithm::Sha256)), response_hash(&rfc7616(Algorithm::Sha256Sess)));
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
        let got = parse_www_authenticate(Some(header)).map(|c| (c.algorithm, c.qop_auth, c.stale, c.opaque.clone()));
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
    let header = authorization_header(&AuthInput { realm: &c.realm, ..rfc7616(Algorithm::Md5) });
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
    let header = authorization_header(&AuthInput { userhash: true, ..rfc7616(Algorithm::Sha256) });
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

#[test]
fn a_waiter_completes_only_after_a_change() {
    let notify = Notify::default();
    let mut waiting = std::pin::pin!(notify.changed(notify.epoch()));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(waiting.as_mut().poll(&mut cx).is_pending());
    assert!(waiting.as_mut().poll(&mut cx).is_pending());
    notify.notify_all();
    assert!(waiting.as_mut().poll(&mut cx).is_ready());
    assert!(notify.wakers.borrow().is_empty());
    // a wait that starts from an older count is already over
    assert!(std::pin::pin!(notify.changed(0)).poll(&mut cx).is_ready());
}

#[test]
fn quoted_parameters_escape_quotes_and_backslashes() {
    let cases = [
        ("plain", "Mufasa", r#"username="Mufasa""#),
        ("empty", "", r#"username="""#),
        ("a quote", r#"a"b"#, r#"username="a\"b""#),
        ("a backslash", r"a\b", r#"username="a\\b""#),
        ("both, at the ends", r#""x\"#, r#"username="\"x\\""#),
        ("not ASCII", "Gülbilge\"ş", r#"username="Gülbilge\"ş""#),
    ];
    for (case, value, expected) in cases {
        let mut out = "Digest ".to_owned();
        push_quoted(&mut out, "username", value);
        assert_eq!(out, format!("Digest {expected}"), "{case}");
    }
    let mut out = "Digest ".to_owned();
    push_quoted(&mut out, "username", "u");
    push_quoted(&mut out, "realm", "r");
    assert_eq!(out, r#"Digest username="u", realm="r""#);
}
