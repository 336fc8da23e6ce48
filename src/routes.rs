//! Routes as a client resolves them: the registry's row (`registry.rs`, the one place a path is spelled) with the
//! client's `routes` overrides applied (see [`Overrides`]), and the filling of path templates and query strings.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::registry::{self, Route};
pub use crate::registry::{placeholders, Method, PathSource};
pub use crate::validate::rules::is_dot_segment;

/// A route as a client resolves it, with its overrides applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub method: Method,
    pub path: Cow<'static, str>,
    pub api_version: Cow<'static, str>,
    pub idempotent: bool,
    pub source: PathSource,
}

impl From<&'static Route> for Resolved {
    fn from(route: &'static Route) -> Self {
        Self {
            method: route.method,
            path: Cow::Borrowed(route.path),
            api_version: Cow::Borrowed(route.api_version),
            idempotent: route.idempotent,
            source: route.source,
        }
    }
}

/// A replacement for parts of one row, from the client's `routes` option.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Override {
    pub method: Option<Method>,
    pub path: Option<String>,
    pub api_version: Option<String>,
}

/// A client's overrides, checked when the client is created.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides(Vec<(&'static Route, Override)>);

impl Overrides {
    /// Adds an override for `operation`, checking it against the row it replaces. The error says what is wrong.
    pub fn add(&mut self, operation: &str, value: Override) -> Result<(), String> {
        let Some(route) = registry::route(operation) else {
            return Err(match registry::find(operation).and_then(|op| registry::owner(op.route)) {
                Some(owner) => format!("`{operation}` uses the route of `{0}`: override `{0}`", owner.id),
                None => format!("unknown operation id `{operation}`"),
            });
        };
        if let Some(path) = &value.path {
            if !path.starts_with('/') || path.contains(['?', '#', ' ']) || path.chars().any(char::is_control) {
                return Err(format!("`{operation}`.path must start with / and contain no spaces, ? or #"));
            }
            if path.split('/').any(is_dot_segment) {
                return Err(format!("`{operation}`.path must not contain . or .. segments"));
            }
            let (want, have) = (placeholders(route.path), placeholders(path));
            if want.len() != have.len() || !want.iter().all(|name| have.contains(name)) {
                return Err(format!(
                    "`{operation}`.path must use the placeholders {{{}}}",
                    placeholders(route.path).join("}, {")
                ));
            }
        }
        if let Some(version) = &value.api_version {
            if version.is_empty() || !version.chars().all(|c| c.is_ascii_graphic()) {
                return Err(format!("`{operation}`.apiVersion must be a non-empty header-safe value"));
            }
        }
        self.0.retain(|(r, _)| !std::ptr::eq(*r, route));
        self.0.push((route, value));
        Ok(())
    }

    /// A route with this client's overrides applied.
    pub fn resolve(&self, route: &'static Route) -> Resolved {
        let mut resolved = Resolved::from(route);
        if let Some((_, o)) = self.0.iter().find(|(r, _)| std::ptr::eq(*r, route)) {
            if let Some(method) = o.method {
                resolved.method = method;
            }
            if let Some(path) = &o.path {
                resolved.path = Cow::Owned(path.clone());
            }
            if let Some(version) = &o.api_version {
                resolved.api_version = Cow::Owned(version.clone());
            }
        }
        resolved
    }
}

/// Characters left as they are in a path segment: RFC 3986 unreserved.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Fills each `{placeholder}` with the percent-encoded value of that name. `None` when a placeholder has no value,
/// a value has no placeholder, a brace is unmatched, or a value is empty or a dot segment (see [`is_dot_segment`]).
pub fn fill_path(template: &str, values: &[(&str, &str)]) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut used = 0;
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        let (name, tail) = after.split_once('}')?;
        out.push_str(before);
        let (_, value) = values.iter().find(|(n, _)| *n == name)?;
        if value.is_empty() || is_dot_segment(value) {
            return None;
        }
        out.extend(utf8_percent_encode(value, SEGMENT));
        used += 1;
        rest = tail;
    }
    out.push_str(rest);
    (used == values.len()).then_some(out)
}

/// Characters left as they are in a query component (RFC 3986 unreserved).
const QUERY: &AsciiSet = SEGMENT;

/// A query as the caller gave it: its JSON text (what validation reads) and its top-level strings, numbers and
/// booleans as strings (what is sent), in the caller's key order.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub text: String,
    pub pairs: Vec<(String, String)>,
}

/// Builds `?a=1&b=x%20y` from name/value pairs (empty for none), in the given order.
pub fn query_string(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.extend(utf8_percent_encode(name, QUERY));
        out.push('=');
        out.extend(utf8_percent_encode(value, QUERY));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{find, http_operations, owner, route, routes};
    use Method::*;

    fn resolve(overrides: &Overrides, id: &str) -> Option<Resolved> {
        find(id).map(|op| overrides.resolve(op.route))
    }

    #[test]
    fn operation_ids_are_unique_and_camel_case() {
        for (i, r) in http_operations().collect::<Vec<_>>().iter().enumerate() {
            assert!(http_operations().take(i).all(|o| o.id != r.id), "duplicate {}", r.id);
            assert!(r.id.chars().next().unwrap().is_ascii_lowercase());
            assert!(r.id.chars().all(|c| c.is_ascii_alphanumeric()));
        }
    }

    #[test]
    fn paths_are_partner_paths_with_named_placeholders() {
        for r in routes() {
            assert!(r.path.starts_with("/partner/"), "{}", r.path);
            for name in placeholders(r.path) {
                assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name}");
            }
        }
    }

    #[test]
    fn reads_are_idempotent_and_creates_are_not() {
        for op in http_operations() {
            if op.route.method == Get {
                assert!(op.route.idempotent, "{}", op.id);
            }
        }
        assert!(!route("createCustomer").unwrap().idempotent);
    }

    #[test]
    fn method_and_path_pairs_are_unique() {
        for (i, r) in routes().collect::<Vec<_>>().iter().enumerate() {
            assert!(
                routes().take(i).all(|o| (o.method, o.path) != (r.method, r.path)),
                "{} {} twice",
                r.method.as_str(),
                r.path
            );
        }
    }

    #[test]
    fn the_table_covers_the_31_http_operations_and_aliases_point_at_rows() {
        assert_eq!(routes().count(), 31);
        let aliases = [
            ("buyGold", "buyDigital"),
            ("buySilver", "buyDigital"),
            ("buyPlatinum", "buyDigital"),
            ("cardPaymentBuyWithCardNumber", "buyDigital"),
            ("cardPaymentBuyWithCardToken", "buyDigital"),
            ("sellGold", "sellDigital"),
            ("sellSilver", "sellDigital"),
            ("createDeliveryPayWithCash", "createDelivery"),
            ("createDeliveryPayWithCard", "createDelivery"),
            ("cardPaymentGetOrder", "getOrder"),
            ("listOrders", "getOrders"),
        ];
        for (alias, target) in aliases {
            assert!(route(alias).is_none(), "{alias} is both a row and an alias");
            assert_eq!(find(alias).and_then(|op| owner(op.route)).map(|op| op.id), Some(target));
        }
        assert_eq!(route("priceFix").map(|r| r.api_version), Some("3"));
        assert!(http_operations().filter(|op| op.id != "priceFix").all(|op| op.route.api_version == "2"));
        let orders: Vec<&str> = http_operations().filter(|op| op.route.places_orders).map(|op| op.id).collect();
        assert_eq!(orders, ["buyDigital", "sellDigital", "createDelivery"]);
    }

    #[test]
    fn path_parameters_are_the_route_placeholders() {
        for op in crate::registry::OPERATIONS {
            let placeholders = placeholders(op.route.path);
            assert_eq!(placeholders, op.path_parameter().into_iter().collect::<Vec<_>>(), "{}", op.id);
        }
    }

    #[test]
    fn overrides_replace_parts_of_a_row() {
        let mut overrides = Overrides::default();
        overrides
            .add("getOrders", Override { path: Some("/partner/order/list".into()), ..Override::default() })
            .unwrap();
        overrides
            .add(
                "buyDigital",
                Override { method: Some(Method::Put), api_version: Some("4".into()), ..Override::default() },
            )
            .unwrap();
        let orders = resolve(&overrides, "getOrders").unwrap();
        assert_eq!(
            (orders.method, orders.path.as_ref(), orders.api_version.as_ref()),
            (Get, "/partner/order/list", "2")
        );
        let gold = resolve(&overrides, "buyGold").unwrap();
        assert_eq!(
            (
                owner(find("buyGold").unwrap().route).unwrap().id,
                gold.method,
                gold.path.as_ref(),
                gold.api_version.as_ref()
            ),
            ("buyDigital", Put, "/partner/order/digital/buy", "4")
        );
        assert_eq!(resolve(&overrides, "getOrder").unwrap(), Resolved::from(route("getOrder").unwrap()));
        assert!(resolve(&overrides, "nope").is_none());
    }

    #[test]
    fn bad_overrides_are_explained() {
        let cases: &[(&str, Override, &str)] = &[
            ("nope", Override::default(), "unknown operation id `nope`"),
            ("buyGold", Override::default(), "override `buyDigital`"),
            ("getOrders", Override { path: Some("partner/orders".into()), ..Override::default() }, "must start with /"),
            (
                "getOrder",
                Override { path: Some("/partner/order/{id}".into()), ..Override::default() },
                "{external_order_id}",
            ),
            ("getOrder", Override { path: Some("/partner/order/x?y=1".into()), ..Override::default() }, "no spaces"),
            (
                "getOrder",
                Override { path: Some("/partner/../order/{external_order_id}".into()), ..Override::default() },
                ". or .. segments",
            ),
            ("getOrder", Override { api_version: Some(String::new()), ..Override::default() }, "apiVersion"),
        ];
        for (op, o, fragment) in cases {
            let err = Overrides::default().add(op, o.clone()).unwrap_err();
            assert!(err.contains(fragment), "{op}: {err}");
        }
    }

    #[test]
    fn query_strings_are_encoded() {
        assert_eq!(query_string(&[]), "");
        let pairs = [("page".to_owned(), "2".to_owned()), ("status".to_owned(), "Payment Confirmed".to_owned())];
        assert_eq!(query_string(&pairs), "?page=2&status=Payment%20Confirmed");
    }

    #[test]
    fn methods_parse_case_insensitively() {
        assert_eq!(Method::parse("patch"), Some(Patch));
        assert_eq!(Method::parse("TRACE"), None);
    }

    #[test]
    fn fills_and_encodes_path_parameters() {
        let cases: &[(&str, &[(&str, &str)], Option<&str>)] = &[
            ("/partner/customer/{id}", &[("id", "MTD0018232")], Some("/partner/customer/MTD0018232")),
            ("/partner/customer/{id}", &[("id", "a b/c?d#e")], Some("/partner/customer/a%20b%2Fc%3Fd%23e")),
            ("/partner/customer/{id}", &[("id", "ş-ğ_~.")], Some("/partner/customer/%C5%9F-%C4%9F_~.")),
            ("/partner/customer/{id}/wallet-kyc", &[("id", "x")], Some("/partner/customer/x/wallet-kyc")),
            ("/partner/customer", &[], Some("/partner/customer")),
            ("/partner/customer/{id}", &[], None),
            ("/partner/customer/{id}", &[("other", "x")], None),
            ("/partner/customer", &[("extra", "x")], None),
            ("/partner/customer/{id", &[("id", "x")], None),
            // never a path the URL parser would rewrite
            ("/partner/customer/{id}", &[("id", "")], None),
            ("/partner/customer/{id}", &[("id", ".")], None),
            ("/partner/customer/{id}", &[("id", "..")], None),
            ("/partner/customer/{id}", &[("id", "%2e%2E")], None),
            ("/partner/customer/{id}", &[("id", "...")], Some("/partner/customer/...")),
        ];
        for (template, values, expected) in cases {
            assert_eq!(fill_path(template, values).as_deref(), *expected, "{template} {values:?}");
        }
    }

    #[test]
    fn dot_segments_table() {
        for (value, dot) in [
            (".", true),
            ("..", true),
            ("%2E", true),
            ("%2e%2E", true),
            (".%2e", true),
            ("...", false),
            ("", false),
            ("a.", false),
            ("%2", false),
            ("%2f", false),
            ("%252E", false),
        ] {
            assert_eq!(is_dot_segment(value), dot, "{value:?}");
        }
    }

    #[test]
    fn finds_known_operations_only() {
        assert_eq!(route("getCustomer").unwrap().method, Get);
        assert!(route("nope").is_none());
    }
}
