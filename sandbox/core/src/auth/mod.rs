//! HTTP Digest access authentication, server side (RFC 7616, `qop=auth`). Pure functions over a [`NonceStore`]; the
//! hash is computed in [`digest`], independently of the SDK's signing code.

pub mod digest;
pub mod nonces;
pub mod params;
#[cfg(test)]
mod tests;

use digest::{expected_response, Algorithm, Credentials};
use nonces::{NcCheck, NonceState, NonceStore};
use params::parse_authorization;

use crate::settings::Settings;

/// The outcome of checking one request's `Authorization` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    /// `stale` is true only when everything was right except the nonce's age, so the client may retry silently.
    Rejected {
        stale: bool,
        reason: &'static str,
    },
}

fn reject(reason: &'static str) -> Verdict {
    Verdict::Rejected { stale: false, reason }
}

/// The request being authenticated: its method and request-target (path and query, exactly as received).
#[derive(Clone, Copy, Debug)]
pub struct RequestTarget<'a> {
    pub method: &'a str,
    pub uri: &'a str,
}

/// Checks an `Authorization` header against the settings, the nonces issued and the request, recording the nonce
/// count when the request is accepted.
pub fn verify(
    settings: &Settings,
    opaque: &str,
    nonces: &mut NonceStore,
    request: RequestTarget<'_>,
    header: Option<&str>,
    now_ms: i64,
) -> Verdict {
    let Some(header) = header else {
        return reject("no Authorization header");
    };
    let Some(params) = parse_authorization(header) else {
        return reject("not a Digest Authorization header");
    };
    let get = |name: &str| params.get(name).map(String::as_str);
    if get("userhash").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return reject("userhash is not offered");
    }
    if get("username") != Some(settings.username.as_str()) {
        return reject("unknown username");
    }
    if get("realm") != Some(settings.realm.as_str()) {
        return reject("wrong realm");
    }
    // RFC 7616 §3.4: a missing algorithm means MD5.
    let algorithm = match get("algorithm").map_or(Some(Algorithm::Md5), Algorithm::parse) {
        Some(algorithm) if settings.algorithms.contains(&algorithm) => algorithm,
        _ => return reject("algorithm not offered"),
    };
    if get("uri") != Some(request.uri) {
        return reject("uri does not match the request");
    }
    if get("qop") != Some("auth") {
        return reject("qop must be auth");
    }
    let Some((nc_text, nc)) = get("nc").and_then(|text| Some((text, parse_nc(text)?))) else {
        return reject("nc must be 8 hex digits above zero");
    };
    let cnonce = match get("cnonce") {
        Some(cnonce) if !cnonce.is_empty() => cnonce,
        _ => return reject("cnonce is required"),
    };
    if get("opaque").is_some_and(|value| value != opaque) {
        return reject("opaque does not match");
    }
    let Some(nonce) = get("nonce") else {
        return reject("nonce is required");
    };
    let nonce_state = nonces.state(nonce, now_ms);
    if nonce_state == NonceState::Unknown {
        return reject("nonce was not issued by this server");
    }
    let expected = expected_response(&Credentials {
        username: &settings.username,
        password: &settings.password,
        realm: &settings.realm,
        algorithm,
        nonce,
        nc: nc_text,
        cnonce,
        method: request.method,
        uri: request.uri,
    });
    if !get("response").is_some_and(|response| response.eq_ignore_ascii_case(&expected)) {
        return reject("wrong response hash");
    }
    if nonce_state == NonceState::Expired {
        return Verdict::Rejected { stale: true, reason: "nonce expired" };
    }
    if !nonces.record_use(nonce, nc, settings.nc_check) {
        return reject(match settings.nc_check {
            NcCheck::Replay => "nonce count replayed",
            NcCheck::Strict => "nonce count not above the last one",
        });
    }
    Verdict::Accepted
}

/// `nc` is exactly eight hex digits (RFC 7616 §3.4) and counts from 1.
fn parse_nc(value: &str) -> Option<u32> {
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(value, 16).ok().filter(|nc| *nc > 0)
}

/// One `WWW-Authenticate` value per offered algorithm, all for the same fresh `nonce`.
pub fn challenges(settings: &Settings, nonce: &str, opaque: &str, stale: bool) -> Vec<String> {
    settings
        .algorithms
        .iter()
        .map(|algorithm| {
            let mut value = format!(
                "Digest realm=\"{}\", qop=\"auth\", algorithm={}, nonce=\"{nonce}\", opaque=\"{opaque}\"",
                settings.realm.replace('\\', "\\\\").replace('"', "\\\""),
                algorithm.as_str(),
            );
            if stale {
                value.push_str(", stale=true");
            }
            value
        })
        .collect()
}
