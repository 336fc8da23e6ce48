//! The answers injected faults give instead of (or on top of) the real one.

use crate::http::{status, valid_header_value, Response};

pub const BAD_GATEWAY_PAGE: &str = "<html><body><h1>502 Bad Gateway</h1></body></html>";
pub const MAINTENANCE_PAGE: &str = "<html>maintenance</html>";

/// An HTML page with this status.
pub fn html(status: u16, page: &'static str) -> Response {
    let mut response = Response::new(status, page);
    response.headers.insert("content-type", "text/html");
    response
}

/// `response` with a `Retry-After` header.
pub fn retry_after(mut response: Response, seconds: &str) -> Response {
    if valid_header_value(seconds) {
        response.headers.insert("retry-after", seconds);
    }
    response
}

/// 200 with `body` as JSON, whatever the real status was.
pub fn json_ok(body: Vec<u8>) -> Response {
    let mut response = Response::new(status::OK, body);
    response.headers.insert("content-type", "application/json");
    response
}
