//! Plain HTTP messages, as the core sees them: a host turns whatever it receives (hyper's types, a JavaScript
//! `Request`) into a [`Request`] with the whole body read, and sends a [`Response`] back the same way.

/// Header fields in arrival order; names compare without regard to case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    pub fn new() -> Self {
        Self::default()
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// Every value of `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// Adds a value, keeping the ones already there.
    pub fn append(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_owned(), value.into()));
    }

    /// Sets `name` to this one value.
    pub fn insert(&mut self, name: &str, value: impl Into<String>) {
        self.remove(name);
        self.append(name, value);
    }

    pub fn remove(&mut self, name: &str) {
        self.0.retain(|(key, _)| !key.eq_ignore_ascii_case(name));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(key, value)| (key.as_str(), value.as_str()))
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self(iter.into_iter().map(|(key, value)| (key.into(), value.into())).collect())
    }
}

/// One request, body read in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Upper case, as sent (`GET`, `POST`, …).
    pub method: String,
    /// The request target: path and query, exactly as received (`/partner/orders?page=2`).
    pub target: String,
    pub headers: Headers,
    pub body: Vec<u8>,
}

impl Request {
    pub fn new(method: &str, target: &str) -> Self {
        Self { method: method.to_owned(), target: target.to_owned(), headers: Headers::new(), body: Vec::new() }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.append(name, value);
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// The path, without the query.
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(self.target.as_str(), |(path, _)| path)
    }

    /// The query, without the `?`; empty when there is none.
    pub fn query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, query)| query)
    }
}

/// One response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Headers,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self { status, headers: Headers::new(), body: body.into() }
    }

    /// The body as text (lossy), for tests and logs.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The status codes the sandbox answers with.
pub mod status {
    pub const OK: u16 = 200;
    pub const NO_CONTENT: u16 = 204;
    pub const BAD_REQUEST: u16 = 400;
    pub const FORBIDDEN: u16 = 403;
    pub const UNAUTHORIZED: u16 = 401;
    pub const NOT_FOUND: u16 = 404;
    pub const METHOD_NOT_ALLOWED: u16 = 405;
    pub const MISDIRECTED_REQUEST: u16 = 421;
    pub const UNPROCESSABLE_ENTITY: u16 = 422;
    pub const TOO_MANY_REQUESTS: u16 = 429;
    pub const INTERNAL_SERVER_ERROR: u16 = 500;
    pub const BAD_GATEWAY: u16 = 502;
    pub const SERVICE_UNAVAILABLE: u16 = 503;
}

/// Whether `value` may be sent as a header value: no control characters but tab (the rule of the `http` crate).
pub fn valid_header_value(value: &str) -> bool {
    value.bytes().all(|b| b == b'\t' || (b >= b' ' && b != 0x7f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_compare_names_without_case() {
        let mut headers: Headers =
            [("WWW-Authenticate", "a"), ("www-authenticate", "b"), ("Host", "h")].into_iter().collect();
        assert_eq!(headers.get("host"), Some("h"));
        assert_eq!(headers.get_all("WWW-AUTHENTICATE").collect::<Vec<_>>(), ["a", "b"]);
        headers.insert("www-authenticate", "c");
        assert_eq!(headers.get_all("www-authenticate").collect::<Vec<_>>(), ["c"]);
        headers.remove("HOST");
        assert_eq!(headers.get("host"), None);
    }

    #[test]
    fn targets_split_into_path_and_query() {
        let request = Request::new("GET", "/partner/orders?page=2&sortBy=type");
        assert_eq!((request.path(), request.query()), ("/partner/orders", "page=2&sortBy=type"));
        let bare = Request::new("GET", "/partner");
        assert_eq!((bare.path(), bare.query()), ("/partner", ""));
    }

    #[test]
    fn header_values_are_visible_ascii() {
        assert!(valid_header_value("1") && valid_header_value("Fri, 01 Jan 2027 00:00:00 GMT"));
        assert!(valid_header_value("ü"));
        assert!(!valid_header_value("a\nb") && !valid_header_value("a\u{7f}"));
    }
}
