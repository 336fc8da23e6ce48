//! The one table of operations: operation id → HTTP method, path template, `api-version`, idempotency, and whether
//! the path is documented by Minted or inferred by this SDK. Nothing else in the crate spells a path.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// HTTP methods the Partner API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
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
    idempotent: bool,
    source: PathSource,
) -> Route {
    Route { operation, method, path, api_version: "2", idempotent, source }
}

use Method::*;
use PathSource::*;

/// Every operation the client can call. Keep rows grouped as in Minted's navigation.
pub const ROUTES: &[Route] = &[
    // Customers
    route("createCustomer", Post, "/partner/customer", false, Documented),
    route("createBusinessCustomer", Post, "/partner/customer/business", false, Inferred),
    route("updateCustomer", Patch, "/partner/customer/{external_customer_id}", true, Documented),
    route("removeCustomer", Delete, "/partner/customer/{external_customer_id}", true, Inferred),
    route("getCustomer", Get, "/partner/customer/{external_customer_id}", true, Documented),
    route("getCustomerWalletKyc", Get, "/partner/customer/{external_customer_id}/wallet-kyc", true, Inferred),
    route("upsertCustomerWalletKyc", Post, "/partner/customer/{external_customer_id}/wallet-kyc", true, Inferred),
    route("bulkUpsertCustomerWalletKyc", Post, "/partner/customer/wallet-kyc/bulk", true, Inferred),
    // Orders
    route("getOrder", Get, "/partner/order/{external_order_id}", true, Documented),
    route("getOrderAlternative", Post, "/partner/order", true, Documented),
];

/// Looks an operation up by id.
pub fn find(operation: &str) -> Option<&'static Route> {
    ROUTES.iter().find(|r| r.operation == operation)
}

/// Characters left as they are in a path segment: RFC 3986 unreserved.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Names of the `{placeholders}` in a path template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    template.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

/// Fills `{placeholders}` in order with percent-encoded values. `None` when the counts differ.
pub fn fill_path(template: &str, values: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}')? + start;
        out.push_str(rest.get(..start)?);
        let value = values.next()?;
        out.extend(utf8_percent_encode(value, SEGMENT));
        rest = rest.get(end + 1..)?;
    }
    out.push_str(rest);
    values.next().is_none().then_some(out)
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
    fn fills_and_encodes_path_parameters() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("/partner/customer/{id}", &["MTD0018232"], Some("/partner/customer/MTD0018232")),
            ("/partner/customer/{id}", &["a b/c?d#e"], Some("/partner/customer/a%20b%2Fc%3Fd%23e")),
            ("/partner/customer/{id}", &["ş-ğ_~."], Some("/partner/customer/%C5%9F-%C4%9F_~.")),
            ("/partner/customer/{id}/wallet-kyc", &["x"], Some("/partner/customer/x/wallet-kyc")),
            ("/partner/customer", &[], Some("/partner/customer")),
            ("/partner/customer/{id}", &[], None),
            ("/partner/customer", &["extra"], None),
            ("/partner/customer/{id", &["x"], None),
        ];
        for (template, values, expected) in cases {
            assert_eq!(fill_path(template, values).as_deref(), *expected, "{template} {values:?}");
        }
    }

    #[test]
    fn finds_known_operations_only() {
        assert_eq!(find("getCustomer").unwrap().method, Get);
        assert!(find("nope").is_none());
    }
}
