//! The Digest test vectors of `tests/fixtures/digest-vectors.json` (RFC 7616 §3.9.1 and RFC 2617 §3.5), for the
//! unit tests of the computation and of `digestAuthorization`'s input reader.

use super::{Algorithm, AuthInput};
use serde_json::Value;
use std::sync::LazyLock;

static VECTORS: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(include_str!("../../tests/fixtures/digest-vectors.json")).unwrap());

/// RFC 7616's input in `digestAuthorization`'s shape (no `algorithm`).
pub fn rfc7616_json() -> &'static Value {
    &VECTORS["rfc7616"]["input"]
}

/// RFC 7616's input for `algorithm`.
pub fn rfc7616(algorithm: Algorithm) -> AuthInput<'static> {
    auth_input(rfc7616_json(), algorithm)
}

/// The `response` RFC 7616's input gives with `algorithm`.
pub fn rfc7616_response(algorithm: Algorithm) -> &'static str {
    VECTORS["rfc7616"]["responses"][algorithm.as_str()].as_str().unwrap()
}

/// RFC 2617's worked example (MD5) and its `response`.
pub fn rfc2617() -> (AuthInput<'static>, &'static str) {
    let example = &VECTORS["rfc2617"];
    (auth_input(&example["input"], Algorithm::Md5), example["response"].as_str().unwrap())
}

fn auth_input(input: &'static Value, algorithm: Algorithm) -> AuthInput<'static> {
    let text = |name: &str| input[name].as_str().unwrap();
    AuthInput {
        username: text("username"),
        password: text("password"),
        realm: text("realm"),
        nonce: text("nonce"),
        uri: text("uri"),
        method: text("method"),
        algorithm,
        qop_auth: input["qop"] == "auth",
        nc: u32::try_from(input["nc"].as_u64().unwrap()).unwrap(),
        cnonce: text("cnonce"),
        opaque: input["opaque"].as_str(),
        userhash: false,
    }
}
