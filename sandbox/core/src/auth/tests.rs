//! Verification rules, with headers signed by this crate's own hash (pinned by the RFC's example in `digest.rs`).
//! `sandbox/tests/digest_agreement.rs` checks the same verifier against headers the SDK signs.

use std::time::Duration;

use super::*;
use crate::random::Rng;

const OPAQUE: &str = "opaque-value";
const NOW: i64 = 1_800_000_000_000;

fn settings(algorithms: &[Algorithm]) -> Settings {
    Settings { algorithms: algorithms.to_vec(), nonce_ttl: Duration::from_secs(60), ..Settings::default() }
}

/// A Digest `Authorization` header for a GET of `uri`.
fn signed(settings: &Settings, password: &str, nonce: &str, algorithm: Algorithm, uri: &str, nc: u32) -> String {
    let nc = format!("{nc:08x}");
    let cnonce = "0a4f113b";
    let response = expected_response(&Credentials {
        username: &settings.username,
        password,
        realm: &settings.realm,
        algorithm,
        nonce,
        nc: &nc,
        cnonce,
        method: "GET",
        uri,
    });
    format!(
        "Digest username=\"{}\", realm=\"{}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={}, response=\"{response}\", opaque=\"{OPAQUE}\", qop=auth, nc={nc}, cnonce=\"{cnonce}\"",
        settings.username,
        settings.realm,
        algorithm.as_str(),
    )
}

struct Case {
    settings: Settings,
    store: NonceStore,
    nonce: String,
    now: i64,
}

impl Case {
    fn new(algorithms: &[Algorithm]) -> Self {
        let settings = settings(algorithms);
        let mut store = NonceStore::new(settings.nonce_ttl_ms());
        let nonce = store.issue(NOW, &mut Rng::new(3));
        Self { settings, store, nonce, now: NOW }
    }

    fn check(&mut self, header: &str, uri: &str, at: i64) -> Verdict {
        let target = RequestTarget { method: "GET", uri };
        verify(&self.settings, OPAQUE, &mut self.store, target, Some(header), at)
    }

    fn header(&self, algorithm: Algorithm, nc: u32) -> String {
        signed(&self.settings, &self.settings.password, &self.nonce, algorithm, "/partner/customer/x", nc)
    }
}

#[test]
fn good_responses_are_accepted_for_every_algorithm() {
    for algorithm in [Algorithm::Md5, Algorithm::Sha256, Algorithm::Md5Sess, Algorithm::Sha256Sess] {
        let mut case = Case::new(&[algorithm]);
        let header = case.header(algorithm, 1);
        assert_eq!(case.check(&header, "/partner/customer/x", case.now), Verdict::Accepted, "{algorithm:?}");
    }
}

#[test]
fn wrong_password_is_rejected_without_stale() {
    let mut case = Case::new(&[Algorithm::Sha256]);
    let header = signed(&case.settings, "not-the-password", &case.nonce, Algorithm::Sha256, "/partner/customer/x", 1);
    assert_eq!(
        case.check(&header, "/partner/customer/x", case.now),
        Verdict::Rejected { stale: false, reason: "wrong response hash" }
    );
}

#[test]
fn replayed_nonce_count_is_rejected() {
    let mut case = Case::new(&[Algorithm::Sha256]);
    let header = case.header(Algorithm::Sha256, 1);
    assert_eq!(case.check(&header, "/partner/customer/x", case.now), Verdict::Accepted);
    assert_eq!(
        case.check(&header, "/partner/customer/x", case.now),
        Verdict::Rejected { stale: false, reason: "nonce count replayed" }
    );
}

#[test]
fn nonce_counts_may_arrive_out_of_order() {
    let mut case = Case::new(&[Algorithm::Md5]);
    for nc in [3, 1, 2] {
        let header = case.header(Algorithm::Md5, nc);
        assert_eq!(case.check(&header, "/partner/customer/x", case.now), Verdict::Accepted, "nc {nc}");
    }
}

#[test]
fn strict_mode_refuses_counts_out_of_order_without_stale() {
    let mut case = Case::new(&[Algorithm::Md5]);
    case.settings.nc_check = NcCheck::Strict;
    for (nc, verdict) in [
        (1, Verdict::Accepted),
        (3, Verdict::Accepted),
        (2, Verdict::Rejected { stale: false, reason: "nonce count not above the last one" }),
        (4, Verdict::Accepted),
    ] {
        let header = case.header(Algorithm::Md5, nc);
        assert_eq!(case.check(&header, "/partner/customer/x", case.now), verdict, "nc {nc}");
    }
}

#[test]
fn expired_nonce_with_a_correct_hash_is_stale() {
    let mut case = Case::new(&[Algorithm::Sha256]);
    let header = case.header(Algorithm::Sha256, 1);
    let later = case.now + case.settings.nonce_ttl_ms() + 1_000;
    assert_eq!(
        case.check(&header, "/partner/customer/x", later),
        Verdict::Rejected { stale: true, reason: "nonce expired" }
    );
}

#[test]
fn expired_nonce_with_a_wrong_hash_is_not_stale() {
    let mut case = Case::new(&[Algorithm::Sha256]);
    let header = signed(&case.settings, "wrong", &case.nonce, Algorithm::Sha256, "/partner/customer/x", 1);
    let later = case.now + case.settings.nonce_ttl_ms() + 1_000;
    assert!(matches!(case.check(&header, "/partner/customer/x", later), Verdict::Rejected { stale: false, .. }));
}

#[test]
fn uri_mismatch_is_rejected() {
    let mut case = Case::new(&[Algorithm::Sha256]);
    let header = case.header(Algorithm::Sha256, 1);
    assert_eq!(
        case.check(&header, "/partner/customer/y", case.now),
        Verdict::Rejected { stale: false, reason: "uri does not match the request" }
    );
}

#[test]
fn nonces_not_issued_here_are_rejected() {
    let mut case = Case::new(&[Algorithm::Sha256]);
    let header =
        signed(&case.settings, &case.settings.password, "made-up", Algorithm::Sha256, "/partner/customer/x", 1);
    assert!(matches!(case.check(&header, "/partner/customer/x", case.now), Verdict::Rejected { stale: false, .. }));
}

#[test]
fn algorithms_not_offered_are_rejected() {
    let mut case = Case::new(&[Algorithm::Sha256]);
    let header = case.header(Algorithm::Md5, 1);
    assert_eq!(
        case.check(&header, "/partner/customer/x", case.now),
        Verdict::Rejected { stale: false, reason: "algorithm not offered" }
    );
}

#[test]
fn malformed_fields_are_rejected() {
    let mut case = Case::new(&[Algorithm::Sha256]);
    let good = case.header(Algorithm::Sha256, 1);
    let cases = [
        (good.replace("username=\"sandbox\"", "username=\"other\""), "unknown username"),
        (good.replace("realm=\"minted-sandbox\"", "realm=\"other\""), "wrong realm"),
        (good.replace("qop=auth", "qop=auth-int"), "qop must be auth"),
        (good.replace("nc=00000001", "nc=1"), "nc must be 8 hex digits above zero"),
        (good.replace("nc=00000001", "nc=00000000"), "nc must be 8 hex digits above zero"),
        (good.replace("cnonce=\"0a4f113b\"", "cnonce=\"\""), "cnonce is required"),
        (good.replace(OPAQUE, "forged"), "opaque does not match"),
        ("Basic c2FuZGJveDpzYW5kYm94LXBhc3N3b3Jk".to_owned(), "not a Digest Authorization header"),
    ];
    for (header, reason) in cases {
        assert_eq!(case.check(&header, "/partner/customer/x", case.now), Verdict::Rejected { stale: false, reason });
    }
    let target = RequestTarget { method: "GET", uri: "/" };
    assert_eq!(
        verify(&case.settings, OPAQUE, &mut case.store, target, None, case.now),
        Verdict::Rejected { stale: false, reason: "no Authorization header" }
    );
}

#[test]
fn challenges_offer_each_algorithm_with_the_same_nonce() {
    let settings = settings(&[Algorithm::Sha256, Algorithm::Md5]);
    let values = challenges(&settings, "n1", OPAQUE, false);
    assert_eq!(
        values,
        [
            "Digest realm=\"minted-sandbox\", qop=\"auth\", algorithm=SHA-256, nonce=\"n1\", opaque=\"opaque-value\"",
            "Digest realm=\"minted-sandbox\", qop=\"auth\", algorithm=MD5, nonce=\"n1\", opaque=\"opaque-value\"",
        ]
    );
}
