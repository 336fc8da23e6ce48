//! What a route handler gets ([`Call`]) and what a route is ([`Route`]).

use serde_json::{Map, Value};

use crate::envelope::{Failure, Reply};
use crate::http::Request;
use crate::lang::Lang;
use crate::settings::Settings;
use crate::state::StoredOrder;
use crate::validate;
use crate::world::World;

pub type Handler = fn(&mut Call<'_>) -> Reply;

/// One entry of the route table: method, path pattern (`{name}` matches one non-empty segment) and handler.
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub handler: Handler,
}

impl Route {
    pub const fn new(method: &'static str, path: &'static str, handler: Handler) -> Self {
        Self { method, path, handler }
    }
}

/// One request on its way through a handler.
pub struct Call<'a> {
    pub world: &'a mut World,
    /// Sandbox time when the request arrived.
    pub now_ms: i64,
    pub lang: Lang,
    pub request: &'a Request,
    /// The path parameters, percent-decoded, in pattern order.
    pub params: Vec<String>,
}

impl Call<'_> {
    /// The route's (first) path parameter.
    pub fn id(&self) -> String {
        self.params.first().cloned().unwrap_or_default()
    }

    /// The body as a JSON object; an empty body counts as `{}`.
    pub fn body(&self) -> Result<Map<String, Value>, Failure> {
        validate::json_object(&self.request.body)
    }

    /// The query's name/value pairs in order, decoded.
    pub fn query(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.request.query().as_bytes()).into_owned().collect()
    }

    /// `http://` plus the `Host` the request was sent to, for absolute URLs in answers (pages, 3-D Secure
    /// redirects).
    pub fn base_url(&self) -> String {
        let host = self.request.headers.get("host").filter(|host| !host.is_empty());
        format!("http://{}", host.unwrap_or("127.0.0.1"))
    }
}

/// An order as shown at `now_ms` (delivery status computed from its age).
pub fn order_view(settings: &Settings, now_ms: i64, order: &StoredOrder) -> Value {
    order.view(now_ms, settings.delivery_step_ms())
}
