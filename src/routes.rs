//! The one table of operations: operation id → HTTP method, path template, `api-version`, idempotency, and whether
//! the path is documented by Minted or inferred by this SDK. Nothing else in the crate spells a path. A client's
//! `routes` option overrides rows (see [`Overrides`]).

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// HTTP methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// Parses a method name, case-insensitively.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Get, Self::Post, Self::Put, Self::Patch, Self::Delete]
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(name))
    }
}

/// Where a path comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathSource {
    /// The path is printed in Minted's docs.
    Documented,
    /// No page shows the path: it follows a documented sibling or a REST convention and may be wrong.
    /// Callers can override it (see README, "Inferred paths").
    Inferred,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub operation: &'static str,
    pub method: Method,
    pub path: &'static str,
    pub api_version: &'static str,
    /// Safe to repeat: reads, and writes that converge to the same state.
    pub idempotent: bool,
    pub source: PathSource,
}

const fn route(
    operation: &'static str,
    method: Method,
    path: &'static str,
    api_version: &'static str,
    idempotent: bool,
    source: PathSource,
) -> Route {
    Route { operation, method, path, api_version, idempotent, source }
}

use Method::*;
use PathSource::*;

/// Every HTTP operation the client can call, grouped as in Minted's navigation. `idempotent` marks calls that are
/// safe to repeat: reads, quotes, calculations, and writes that converge to the same state.
pub const ROUTES: &[Route] = &[
    // Pricing
    route("priceFix", Post, "/partner/pricefix", "3", true, Documented),
    route("calculatePrice", Post, "/partner/calculate-price", "2", true, Inferred),
    route("getProductPrices", Get, "/partner/product-prices", "2", true, Inferred),
    // Buy and sell
    route("buyDigital", Post, "/partner/order/digital/buy", "2", false, Documented),
    route("sellDigital", Post, "/partner/order/digital/sell", "2", false, Documented),
    // Card payment
    route("getPaymentTypes", Get, "/partner/payment/types", "2", true, Inferred),
    route("cardPaymentBinQuery", Post, "/partner/payment/bin", "2", true, Inferred),
    // Customers
    route("createCustomer", Post, "/partner/customer", "2", false, Documented),
    route("createBusinessCustomer", Post, "/partner/customer/business", "2", false, Inferred),
    route("updateCustomer", Patch, "/partner/customer/{external_customer_id}", "2", true, Documented),
    route("removeCustomer", Delete, "/partner/customer/{external_customer_id}", "2", true, Inferred),
    route("getCustomer", Get, "/partner/customer/{external_customer_id}", "2", true, Documented),
    route("getCustomerWalletKyc", Get, "/partner/customer/{external_customer_id}/wallet-kyc", "2", true, Inferred),
    route("upsertCustomerWalletKyc", Post, "/partner/customer/{external_customer_id}/wallet-kyc", "2", true, Inferred),
    route("bulkUpsertCustomerWalletKyc", Post, "/partner/customer/wallet-kyc/bulk", "2", true, Inferred),
    // Balances
    route("getPartnerBalance", Get, "/partner/balance", "2", true, Inferred),
    route("getCustomerBalance", Get, "/partner/balance/customer/{customer_external_id}", "2", true, Documented),
    route("updateCustomerCashBalance", Patch, "/partner/balance/customer/{customer_external_id}", "2", false, Inferred),
    route("getBalanceStats", Post, "/partner/balance/stats", "2", true, Inferred),
    route(
        "getCustomerBalance7dStats",
        Get,
        "/partner/balance/customer/{customer_external_id}/stats-7d",
        "2",
        true,
        Inferred,
    ),
    // Card storage
    route("listStoredCards", Post, "/partner/card-storage/list", "2", true, Inferred),
    route("addStoredCard", Post, "/partner/card-storage", "2", false, Inferred),
    route("deleteStoredCard", Delete, "/partner/card-storage", "2", true, Inferred),
    // Delivery
    route("listDeliveryWallets", Post, "/partner/delivery/wallets", "2", true, Inferred),
    route("calculateDelivery", Post, "/partner/delivery/calculate", "2", true, Inferred),
    route("createDelivery", Post, "/partner/delivery", "2", false, Inferred),
    // Orders
    route("getOrders", Get, "/partner/orders", "2", true, Inferred),
    route("getOrder", Get, "/partner/order/{external_order_id}", "2", true, Documented),
    route("getOrderAlternative", Post, "/partner/order", "2", true, Documented),
    route("getOrderStatuses", Get, "/partner/order-statuses", "2", true, Inferred),
    // Partner legal
    route("getPartnerLegal", Post, "/partner/legal", "2", true, Inferred),
];

/// Client calls that are a documented entry's convenient form of a shared HTTP operation: they resolve to the
/// operation's route (and its override) but validate their own input.
pub const ALIASES: &[(&str, &str)] = &[
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
];

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const OPERATION_ID: &'static str = r#"
/** The id of an HTTP operation in the route table (what `routes` overrides are keyed by). */
export type OperationId =
    | "priceFix" | "calculatePrice" | "getProductPrices" | "buyDigital" | "sellDigital" | "getPaymentTypes"
    | "cardPaymentBinQuery" | "createCustomer" | "createBusinessCustomer" | "updateCustomer" | "removeCustomer"
    | "getCustomer" | "getCustomerWalletKyc" | "upsertCustomerWalletKyc" | "bulkUpsertCustomerWalletKyc"
    | "getPartnerBalance" | "getCustomerBalance" | "updateCustomerCashBalance" | "getBalanceStats"
    | "getCustomerBalance7dStats" | "listStoredCards" | "addStoredCard" | "deleteStoredCard" | "listDeliveryWallets"
    | "calculateDelivery" | "createDelivery" | "getOrders" | "getOrder" | "getOrderAlternative" | "getOrderStatuses"
    | "getPartnerLegal";
"#;

/// Looks an HTTP operation up by id.
pub fn find(operation: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| r.operation == operation)
}

/// The route a client call uses: its own row, or for an alias the row of the operation it is a form of.
pub fn route_of(call: &str) -> Option<&'static Route> {
    find(call).or_else(|| ALIASES.iter().find(|(alias, _)| *alias == call).and_then(|(_, target)| find(target)))
}

/// A route as a client resolves it, with its overrides applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub operation: &'static str,
    pub method: Method,
    pub path: Cow<'static, str>,
    pub api_version: Cow<'static, str>,
    pub idempotent: bool,
    pub source: PathSource,
}

impl From<&'static Route> for Resolved {
    fn from(route: &'static Route) -> Self {
        Self {
            operation: route.operation,
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
pub struct Overrides(Vec<(&'static str, Override)>);

impl Overrides {
    /// Adds an override for `operation`, checking it against the row it replaces. The error says what is wrong.
    pub fn add(&mut self, operation: &str, value: Override) -> Result<(), String> {
        let Some(route) = find(operation) else {
            return Err(match ALIASES.iter().find(|(alias, _)| *alias == operation) {
                Some((_, target)) => format!("`{operation}` uses the route of `{target}`: override `{target}`"),
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
        self.0.retain(|(op, _)| *op != route.operation);
        self.0.push((route.operation, value));
        Ok(())
    }

    /// The route of a client call with overrides applied.
    pub fn resolve(&self, call: &str) -> Option<Resolved> {
        let route = route_of(call)?;
        let mut resolved = Resolved::from(route);
        if let Some((_, o)) = self.0.iter().find(|(op, _)| *op == route.operation) {
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
        Some(resolved)
    }
}

/// Characters left as they are in a path segment: RFC 3986 unreserved.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Names of the `{placeholders}` in a path template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    template.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

/// Whether a path segment value is `.` or `..`, also percent-encoded (`%2E`, `.%2e`…): URL parsers remove such
/// segments, so a path built with one would name another resource (and no longer match its Digest `uri`).
pub fn is_dot_segment(value: &str) -> bool {
    let (mut dots, mut rest) = (0, value.as_bytes());
    loop {
        rest = match rest {
            [] => return dots == 1 || dots == 2,
            [b'.', tail @ ..] => tail,
            [b'%', b'2', e, tail @ ..] if e.eq_ignore_ascii_case(&b'e') => tail,
            _ => return false,
        };
        dots += 1;
    }
}

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

    #[test]
    fn operation_ids_are_unique_and_camel_case() {
        for (i, r) in ROUTES.iter().enumerate() {
            assert!(ROUTES[..i].iter().all(|o| o.operation != r.operation), "duplicate {}", r.operation);
            assert!(r.operation.chars().next().unwrap().is_ascii_lowercase());
            assert!(r.operation.chars().all(|c| c.is_ascii_alphanumeric()));
        }
    }

    #[test]
    fn paths_are_partner_paths_with_named_placeholders() {
        for r in ROUTES {
            assert!(r.path.starts_with("/partner/"), "{}", r.path);
            for name in placeholders(r.path) {
                assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name}");
            }
        }
    }

    #[test]
    fn reads_are_idempotent_and_creates_are_not() {
        for r in ROUTES {
            if r.method == Get {
                assert!(r.idempotent, "{}", r.operation);
            }
        }
        assert!(!find("createCustomer").unwrap().idempotent);
    }

    #[test]
    fn method_and_path_pairs_are_unique() {
        for (i, r) in ROUTES.iter().enumerate() {
            assert!(
                ROUTES[..i].iter().all(|o| (o.method, o.path) != (r.method, r.path)),
                "{} {} twice",
                r.method.as_str(),
                r.path
            );
        }
    }

    #[test]
    fn the_typescript_operation_id_type_lists_every_row() {
        // The custom section is consumed by wasm-bindgen, so read it from this file.
        let source = include_str!("routes.rs");
        let start = source.find("export type OperationId =").unwrap();
        let section = &source[start..start + source[start..].find(';').unwrap()];
        let declared: Vec<&str> = section.split('"').skip(1).step_by(2).collect();
        let rows: Vec<&str> = ROUTES.iter().map(|r| r.operation).collect();
        assert_eq!(declared, rows);
    }

    #[test]
    fn the_table_covers_the_31_http_operations_and_aliases_point_at_rows() {
        assert_eq!(ROUTES.len(), 31);
        for (alias, target) in ALIASES {
            assert!(find(alias).is_none(), "{alias} is both a row and an alias");
            assert_eq!(route_of(alias).map(|r| r.operation), Some(*target));
        }
        assert_eq!(find("priceFix").map(|r| r.api_version), Some("3"));
        assert!(ROUTES.iter().filter(|r| r.operation != "priceFix").all(|r| r.api_version == "2"));
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
        let orders = overrides.resolve("getOrders").unwrap();
        assert_eq!(
            (orders.method, orders.path.as_ref(), orders.api_version.as_ref()),
            (Get, "/partner/order/list", "2")
        );
        let gold = overrides.resolve("buyGold").unwrap();
        assert_eq!(
            (gold.operation, gold.method, gold.path.as_ref(), gold.api_version.as_ref()),
            ("buyDigital", Put, "/partner/order/digital/buy", "4")
        );
        assert_eq!(overrides.resolve("getOrder").unwrap(), Resolved::from(find("getOrder").unwrap()));
        assert!(overrides.resolve("nope").is_none());
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
        assert_eq!(find("getCustomer").unwrap().method, Get);
        assert!(find("nope").is_none());
    }
}
