//! The sandbox's Digest verifier (its own hash, `core/src/auth/digest.rs`) agrees with the SDK's signing code, and
//! the SDK reads the sandbox's challenges: for every algorithm, without a server in between.

use std::time::Duration;

use minted_connect::digest::{self as sdk, authorization_header, parse_www_authenticate, AuthInput};
use minted_sandbox::core::auth::nonces::NonceStore;
use minted_sandbox::core::auth::{challenges, verify, RequestTarget, Verdict};
use minted_sandbox::core::random::Rng;
use minted_sandbox::{Algorithm, Settings};

const OPAQUE: &str = "opaque-value";
const NOW: i64 = 1_800_000_000_000;
const URI: &str = "/partner/orders?page=2&sortBy=created_at";

fn settings(algorithms: &[Algorithm]) -> Settings {
    Settings { algorithms: algorithms.to_vec(), nonce_ttl: Duration::from_secs(60), ..Settings::default() }
}

/// A header signed the way the SDK signs it.
fn signed(settings: &Settings, password: &str, nonce: &str, algorithm: sdk::Algorithm, nc: u32) -> String {
    authorization_header(&AuthInput {
        username: &settings.username,
        password,
        realm: &settings.realm,
        nonce,
        uri: URI,
        method: "GET",
        algorithm,
        qop_auth: true,
        nc,
        cnonce: "0a4f113b",
        opaque: Some(OPAQUE),
        userhash: false,
    })
}

const PAIRS: [(Algorithm, sdk::Algorithm); 4] = [
    (Algorithm::Md5, sdk::Algorithm::Md5),
    (Algorithm::Sha256, sdk::Algorithm::Sha256),
    (Algorithm::Md5Sess, sdk::Algorithm::Md5Sess),
    (Algorithm::Sha256Sess, sdk::Algorithm::Sha256Sess),
];

#[test]
fn good_responses_are_accepted_for_every_algorithm() {
    for (algorithm, sdk_algorithm) in PAIRS {
        let settings = settings(&[algorithm]);
        let mut store = NonceStore::new(settings.nonce_ttl_ms());
        let nonce = store.issue(NOW, &mut Rng::new(5));
        let target = RequestTarget { method: "GET", uri: URI };
        for nc in [1, 2] {
            let header = signed(&settings, &settings.password, &nonce, sdk_algorithm, nc);
            let verdict = verify(&settings, OPAQUE, &mut store, target, Some(&header), NOW);
            assert_eq!(verdict, Verdict::Accepted, "{algorithm:?} nc {nc}");
        }
        let wrong = signed(&settings, "not-the-password", &nonce, sdk_algorithm, 3);
        assert_eq!(
            verify(&settings, OPAQUE, &mut store, target, Some(&wrong), NOW),
            Verdict::Rejected { stale: false, reason: "wrong response hash" },
            "{algorithm:?}"
        );
    }
}

#[test]
fn challenges_parse_with_the_sdk_and_prefer_sha256() {
    let both = settings(&[Algorithm::Sha256, Algorithm::Md5]);
    let values = challenges(&both, "n1", OPAQUE, true);
    assert_eq!(values.len(), 2);
    assert_eq!(
        values[0],
        "Digest realm=\"minted-sandbox\", qop=\"auth\", algorithm=SHA-256, nonce=\"n1\", opaque=\"opaque-value\", stale=true"
    );
    let challenge = parse_www_authenticate(Some(&values.join(", "))).unwrap();
    assert_eq!(challenge.algorithm, sdk::Algorithm::Sha256);
    assert!(challenge.stale && challenge.qop_auth);
    assert_eq!(challenge.opaque.as_deref(), Some(OPAQUE));
    for (algorithm, sdk_algorithm) in PAIRS {
        let one = challenges(&settings(&[algorithm]), "n2", OPAQUE, false);
        assert_eq!(parse_www_authenticate(Some(&one[0])).unwrap().algorithm, sdk_algorithm);
    }
}
