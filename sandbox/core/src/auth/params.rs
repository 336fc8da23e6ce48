//! Parsing the `Authorization: Digest …` header into its parameters.
//!
//! Written apart from the SDK's challenge parser on purpose: the sandbox is the SDK's independent counterpart, so a
//! quoting or escaping mistake in one shows up as a failed login against the other instead of agreeing with itself.

use std::collections::HashMap;

/// The parameters of a Digest `Authorization` header, names lower-cased. `None` for another scheme or garbage.
///
/// ```
/// use minted_sandbox_core::auth::params::parse_authorization;
/// let params = parse_authorization(r#"Digest username="a\"b", nc=00000001, uri="/x?y=1,2""#).unwrap();
/// assert_eq!(params["username"], "a\"b");
/// assert_eq!(params["nc"], "00000001");
/// assert_eq!(params["uri"], "/x?y=1,2");
/// assert!(parse_authorization("Basic dXNlcjpwYXNz").is_none());
/// ```
pub fn parse_authorization(header: &str) -> Option<HashMap<String, String>> {
    let header = header.trim_start();
    let (scheme, rest) = header.split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("digest") {
        return None;
    }
    let mut params = HashMap::new();
    let mut chars = rest.chars().peekable();
    loop {
        while matches!(chars.peek(), Some(c) if *c == ',' || c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ',' || c.is_whitespace() {
                break;
            }
            name.push(c);
            chars.next();
        }
        while matches!(chars.peek(), Some(c) if c.is_whitespace()) {
            chars.next();
        }
        if chars.next() != Some('=') {
            return None;
        }
        while matches!(chars.peek(), Some(c) if c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.push(chars.next()?),
                    '"' => {
                        closed = true;
                        break;
                    }
                    other => value.push(other),
                }
            }
            if !closed {
                return None;
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
        // A repeated parameter is ambiguous; refuse rather than pick one.
        if params.insert(name.to_ascii_lowercase(), value).is_some() {
            return None;
        }
    }
    Some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_and_bare_values() {
        let params = parse_authorization(
            r#"Digest username="sandbox", realm="r", uri="/partner/customer", algorithm=SHA-256, nonce="n", nc=0000000a, cnonce="c", qop=auth, response="abc", opaque="o""#,
        )
        .unwrap();
        assert_eq!(params["algorithm"], "SHA-256");
        assert_eq!(params["qop"], "auth");
        assert_eq!(params["nc"], "0000000a");
        assert_eq!(params["opaque"], "o");
    }

    #[test]
    fn scheme_is_case_insensitive() {
        assert!(parse_authorization(r#"digest username="u""#).is_some());
    }

    #[test]
    fn rejects_malformed_headers() {
        for header in ["Digest", r#"Digest username="open"#, "Digest username", r#"Digest a="1", a="2""#, "Bearer x"] {
            assert!(parse_authorization(header).is_none(), "{header}");
        }
    }
}
