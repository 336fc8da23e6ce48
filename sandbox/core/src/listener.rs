//! Who may use a sandbox served over a socket (the native server, `minted sandbox`). It listens on 127.0.0.1 and its
//! password is documented, so every request is treated as possibly hostile:
//!
//! - a `Host` that is not a loopback name is a page whose own name an attacker pointed at 127.0.0.1 (DNS rebinding):
//!   refused 421 before anything runs;
//! - an `Origin` that is not on a loopback name is another site's page: refused 403, with no CORS headers.
//!
//! Loopback names are `localhost`, `*.localhost`, `127.0.0.0/8` and `[::1]`, any port: the names browsers keep on the
//! machine, so pages on a developer's own dev servers are served. The in-process sandbox has no socket and no such
//! checks.

use crate::envelope::{code, Failure};
use crate::http::{status, Request, Response};
use crate::lang::Lang;
use crate::messages::Msg;
use std::net::Ipv4Addr;

/// The answer to a request the sandbox must not serve, or `None` for one it may.
pub fn refusal(request: &Request) -> Option<Response> {
    let failure = if !request.headers.get("host").is_some_and(is_loopback_authority) {
        Failure::new(status::MISDIRECTED_REQUEST, code::FOREIGN_HOST, Msg::ForeignHost)
    } else if request.headers.get("origin").is_some_and(|origin| !is_loopback_origin(origin)) {
        Failure::new(status::FORBIDDEN, code::FOREIGN_ORIGIN, Msg::ForeignOrigin)
    } else {
        return None;
    };
    Some(failure.render(Lang::from_headers(&request.headers)))
}

/// `host[:port]` (a `Host` header, or an origin's authority) naming this machine.
fn is_loopback_authority(authority: &str) -> bool {
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            // The form browsers and URL parsers write; other spellings of ::1 are refused.
            Some((ipv6, rest)) if rest.is_empty() || is_port(rest) => return ipv6 == "::1",
            _ => return false,
        },
        None => match authority.rsplit_once(':') {
            Some((host, port)) if is_port(&format!(":{port}")) => host,
            Some(_) => return false,
            None => authority,
        },
    };
    let name = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// `:` and 1 to 5 digits.
fn is_port(text: &str) -> bool {
    text.strip_prefix(':')
        .is_some_and(|digits| (1..=5).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// An `Origin` header (`scheme://host[:port]`, or `null`) of a page on this machine.
fn is_loopback_origin(origin: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else { return false };
    matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") && is_loopback_authority(authority)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_authorities() {
        let cases = [
            ("127.0.0.1:8787", true),
            ("127.0.0.1", true),
            ("127.1.2.3:80", true),
            ("localhost:5173", true),
            ("LOCALHOST", true),
            ("localhost.:80", true),
            ("app.localhost:3000", true),
            ("[::1]:8787", true),
            ("[::1]", true),
            ("attacker.example:8787", false),
            ("attacker.example", false),
            ("localhost.attacker.example", false),
            ("127.0.0.1.attacker.example:80", false),
            ("10.0.0.5:8787", false),
            ("0.0.0.0:8787", false),
            ("[::2]:80", false),
            ("[::1]x", false),
            ("localhost:http", false),
            ("localhost:123456", false),
            ("user@localhost", false),
            ("", false),
        ];
        for (authority, expected) in cases {
            assert_eq!(is_loopback_authority(authority), expected, "{authority:?}");
        }
    }

    #[test]
    fn loopback_origins() {
        let cases = [
            ("http://localhost:5173", true),
            ("https://127.0.0.1:8443", true),
            ("http://[::1]:8080", true),
            ("https://evil.example", false),
            ("http://localhost.evil.example", false),
            ("null", false),
            ("file://", false),
            ("chrome-extension://abc", false),
            ("http://localhost:5173/path", false),
        ];
        for (origin, expected) in cases {
            assert_eq!(is_loopback_origin(origin), expected, "{origin:?}");
        }
    }

    #[test]
    fn refusals() {
        let request = |headers: &[(&str, &str)]| {
            let mut request = Request::new("GET", "/partner/balance");
            for (name, value) in headers {
                request.headers.append(name, (*value).to_owned());
            }
            request
        };
        type HeaderList<'a> = &'a [(&'a str, &'a str)];
        let cases: [(HeaderList<'_>, Option<u16>); 6] = [
            (&[("host", "127.0.0.1:8787")], None),
            (&[("host", "localhost:8787"), ("origin", "http://localhost:5173")], None),
            (&[("host", "attacker.example:8787")], Some(421)),
            (&[], Some(421)),
            (&[("host", "127.0.0.1:8787"), ("origin", "https://evil.example")], Some(403)),
            (&[("host", "127.0.0.1:8787"), ("origin", "null")], Some(403)),
        ];
        for (headers, expected) in cases {
            let answer = refusal(&request(headers));
            assert_eq!(answer.as_ref().map(|response| response.status), expected, "{headers:?}");
            if let Some(response) = answer {
                assert!(response.headers.get("access-control-allow-origin").is_none());
            }
        }
        let english = refusal(&request(&[("host", "evil.example"), ("accept-language", "en")])).unwrap();
        let body: serde_json::Value = serde_json::from_slice(&english.body).unwrap();
        assert_eq!(body["code"], code::FOREIGN_HOST);
        assert!(body["message"].as_str().unwrap().contains("loopback"), "{body}");
    }
}
