//! The vendored OpenAPI description stays the shared one. (Every documented response example is read by the
//! assembled package in `tests/js/examples.test.mjs`: the response reader runs in JS.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

#[test]
fn the_vendored_description_matches_the_shared_one_when_present() {
    // Developers and CI machines of this workplace also have the description at ../shared; the copy in docs/spec/ must be
    // the same document (replace it when the shared one changes).
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/api/minted-connect-partner.openapi.yaml");
    if let Ok(shared) = std::fs::read_to_string(shared) {
        let vendored = std::fs::read_to_string(root.join("docs/spec/minted-connect-partner.openapi.yaml")).unwrap();
        assert!(
            shared == vendored,
            "docs/spec/minted-connect-partner.openapi.yaml differs from ../shared/api: copy it over"
        );
    }
}
