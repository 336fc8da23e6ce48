//! The operation registry: one row per operation the client can call. A row holds everything about it — route
//! (method, path, `api-version`, whether the path is documented, whether a repeat is safe or it places orders), what
//! the caller passes (path parameter, body or query and its request model), the response model, the convenience
//! rewrite, the method's docs and example. The route table, `operations()`, the `OperationId` type, the client's
//! methods (in `client.rs`) and their TypeScript all come from these rows.
//!
//! A row with `route` is an HTTP operation; a row with `via` is another documented entry served by that operation's
//! route (and its override): it validates its own input and may rewrite it (`buyGold` → `buyDigital` with
//! `items: [{ sku: "GAU", amount }]`).
//!
//! Below the rows: routes as a client resolves them (its `routes` overrides applied, see [`Overrides`]), and the
//! filling of path templates and query strings.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::api::balances::*;
use crate::api::customers::*;
use crate::api::delivery::*;
use crate::api::legal::*;
use crate::api::model::DataShape;
use crate::api::model::{Declared, Described, Request};
use crate::api::orders::*;
use crate::api::payments::*;
use crate::api::pricing::*;
use crate::api::trade::*;
pub use crate::validate::rules::is_dot_segment;
use crate::validate::Schema;

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
    /// Callers can override it (see docs/endpoints.md).
    Inferred,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub api_version: &'static str,
    /// Safe to repeat: reads, and writes that converge to the same state.
    pub idempotent: bool,
    /// Creates orders: never blindly retried, placed exactly once (see `exactly_once.rs`).
    pub places_orders: bool,
    pub source: PathSource,
}

/// What a call takes besides its options. The path parameter is the route's one `{placeholder}`.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    None,
    /// The path parameter.
    Path,
    Body(&'static Schema),
    /// A body the caller may leave out (`{}` is sent).
    OptionalBody(&'static Schema),
    /// Query parameters, all optional.
    Query(&'static Schema),
    /// The path parameter and a body.
    PathAndBody(&'static Schema),
}

impl Input {
    /// The request model's rules, for calls that send a body or a query.
    pub fn schema(self) -> Option<&'static Schema> {
        match self {
            Self::None | Self::Path => None,
            Self::Body(s) | Self::OptionalBody(s) | Self::Query(s) | Self::PathAndBody(s) => Some(s),
        }
    }
}

/// What a convenience call adds to its validated body before it is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rewrite {
    None,
    /// One metal: `amount` becomes `items: [{ sku, amount }]`.
    Metal(Metal),
    /// The `payment_type` the call implies, unless the caller gave one.
    PaymentType(PaymentType),
}

/// The metals of the single-metal calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metal {
    Gold,
    Silver,
    Platinum,
}

/// The payment types a convenience call can imply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentType {
    Card,
    Cash,
}

impl Rewrite {
    /// For the single-metal calls: the product code whose one line `amount` becomes.
    pub fn wrapped_sku(self) -> Option<&'static str> {
        match self {
            Self::Metal(Metal::Gold) => Some("GAU"),
            Self::Metal(Metal::Silver) => Some("GAG"),
            Self::Metal(Metal::Platinum) => Some("GPT"),
            _ => None,
        }
    }

    /// The `payment_type` written when the caller gives none.
    pub fn payment_type(self) -> Option<&'static str> {
        match self {
            Self::PaymentType(PaymentType::Card) => Some("creditcard"),
            Self::PaymentType(PaymentType::Cash) => Some("cash"),
            _ => None,
        }
    }
}

/// Names of the `{placeholders}` in a path template, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    template.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

/// One row of the registry.
#[derive(Debug)]
pub struct Operation {
    /// The operation id, which is also the client's method name.
    pub id: &'static str,
    /// Its own route, or for a `via` row the route of the operation it is a form of.
    pub route: &'static Route,
    /// The route is its own (an HTTP operation, what `routes` overrides are keyed by), not another row's.
    pub owns_route: bool,
    pub input: Input,
    /// The documented shape of the response `data`.
    pub output: &'static DataShape,
    pub rewrite: Rewrite,
}

impl Operation {
    /// The name of the path parameter, for calls that take one.
    pub fn path_parameter(&self) -> Option<&'static str> {
        match self.input {
            Input::Path | Input::PathAndBody(_) => placeholders(self.route.path).first().copied(),
            _ => None,
        }
    }
}

/// The rows, as the table macro writes them out.
macro_rules! registry_rows {
    ($(@row $id:ident [$($doc:literal),+] [$($route:tt)+] $input:ident ($($arg:tt)*) $output:ident
        [$($rewrite:tt)*] [$($custom:tt)*] $example:literal;)*) => {
        /// Every row by its id.
        #[allow(non_upper_case_globals)]
        pub mod op {
            use super::*;
            $(
                pub static $id: Operation = Operation {
                    id: stringify!($id),
                    route: registry_rows!(@route $id $($route)+),
                    owns_route: registry_rows!(@owns $($route)+),
                    input: registry_rows!(@input $input ($($arg)*)),
                    output: &<$output as Described>::DATA,
                    rewrite: registry_rows!(@rewrite $($rewrite)*),
                };
            )*
        }

        /// The HTTP routes, one per operation that has its own.
        #[allow(non_upper_case_globals)]
        pub mod route {
            use super::*;
            $( registry_rows!(@own_route $id $($route)+); )*
        }

        /// Every row, in the order of Minted's navigation.
        pub const OPERATIONS: &[&Operation] = &[$(&op::$id),*];


        /// The TypeScript of the rows: the `OperationId` union and the client's methods.
        pub const TYPESCRIPT: &str = $crate::ts::cat!(
            "\n/** The id of an HTTP operation in the route table (what `routes` overrides are keyed by). */\n",
            "export type OperationId =",
            $(registry_rows!(@route_name $id $($route)+),)*
            ";\n\n",
            "/** The client's API calls, one per operation (see `operations()`). */\n",
            "export interface MintedClient {\n",
            $(registry_rows!(@method_ts $id [$($doc),+] $input ($($arg)*)
                [$($custom)*] (<$output as Declared>::NAME), $example),)*
            "}\n"
        );

        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TYPESCRIPT_SECTION: &'static str = TYPESCRIPT;
    };

    (@owns own $($rest:tt)*) => { true };
    (@owns via $target:ident) => { false };
    (@route $id:ident own $($rest:tt)*) => { &route::$id };
    (@route $id:ident via $target:ident) => { &route::$target };

    (@own_route $id:ident via $target:ident) => {};
    (@own_route $id:ident own $method:ident $path:literal, $source:ident, $safety:ident, [$($version:literal)?]) => {
        pub static $id: Route = Route {
            method: Method::$method,
            path: $path,
            api_version: registry_rows!(@version $($version)?),
            idempotent: registry_rows!(@idempotent $safety),
            places_orders: registry_rows!(@orders $safety),
            source: PathSource::$source,
        };
    };

    (@route_name $id:ident own $($rest:tt)*) => { $crate::ts::cat!("\n    | \"", stringify!($id), "\"") };
    (@route_name $id:ident via $target:ident) => { "" };

    (@version) => { "2" };
    (@version $version:literal) => { $version };

    (@idempotent idempotent) => { true };
    (@idempotent not_idempotent) => { false };
    (@idempotent places_orders) => { false };
    (@orders places_orders) => { true };
    (@orders $other:ident) => { false };

    (@input none ()) => { Input::None };
    (@input path ($name:ident)) => { Input::Path };
    (@input body ($model:ident)) => { Input::Body(&<$model as Request>::SCHEMA) };
    (@input optional_body ($model:ident)) => { Input::OptionalBody(&<$model as Request>::SCHEMA) };
    (@input query ($model:ident)) => { Input::Query(&<$model as Request>::SCHEMA) };
    (@input path_and_body ($name:ident, $model:ident)) => { Input::PathAndBody(&<$model as Request>::SCHEMA) };

    (@rewrite) => { Rewrite::None };
    (@rewrite metal($metal:ident)) => { Rewrite::Metal(Metal::$metal) };
    (@rewrite payment_type($kind:ident)) => { Rewrite::PaymentType(PaymentType::$kind) };

    // Methods written by hand (priceFix returns a Quote, listOrders an async iterable) name their return type.
    (@method_ts $id:ident [$($doc:literal),+] $input:ident ($($arg:tt)*) [custom $returns:literal] ($output:expr),
        $example:literal) => {
        registry_rows!(@method_decl $id [$($doc),+] $input ($($arg)*) ($returns), $example)
    };
    (@method_ts $id:ident [$($doc:literal),+] $input:ident ($($arg:tt)*) [] ($output:expr), $example:literal) => {
        registry_rows!(@method_decl $id [$($doc),+] $input ($($arg)*)
            ($crate::ts::cat!("Promise<CallResult<W, ", $output, ">>")), $example)
    };
    (@method_decl $id:ident [$($doc:literal),+] $input:ident ($($arg:tt)*) ($returns:expr), $example:literal) => {
        $crate::ts::cat!(
            "    /**\n", $("     *", $doc, "\n",)+
            "     *\n     * ```js\n     * ", $example, "\n     * ```\n     */\n",
            "    ", stringify!($id), "<W extends boolean = false>(", registry_rows!(@params $input ($($arg)*)),
            "options?: (CallOptions & { withResponse?: W }) | null): ", $returns, ";\n"
        )
    };

    (@params none ()) => { "" };
    (@params path ($name:ident)) => { $crate::ts::cat!(stringify!($name), ": string, ") };
    (@params body ($model:ident)) => { $crate::ts::cat!("body: ", <$model as Declared>::NAME, ", ") };
    (@params optional_body ($model:ident)) => { $crate::ts::cat!("body?: ", <$model as Declared>::NAME, " | null, ") };
    (@params query ($model:ident)) => { $crate::ts::cat!("query?: ", <$model as Declared>::NAME, " | null, ") };
    (@params path_and_body ($name:ident, $model:ident)) => {
        $crate::ts::cat!(stringify!($name), ": string, body: ", <$model as Declared>::NAME, ", ")
    };
}

crate::operations::operation_table!(registry_rows);

/// Looks a row up by operation id (every client method that calls the API is one).
pub fn find(id: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().copied().find(|op| op.id == id)
}

/// The HTTP operations, in table order: the rows that have their own route (what `routes` overrides are keyed by).
pub fn http_operations() -> impl Iterator<Item = &'static Operation> {
    OPERATIONS.iter().copied().filter(|op| op.owns_route)
}

/// The HTTP routes, in table order.
pub fn routes() -> impl Iterator<Item = &'static Route> {
    http_operations().map(|op| op.route)
}

/// Looks an HTTP route up by operation id.
pub fn route(id: &str) -> Option<&'static Route> {
    find(id).filter(|op| op.owns_route).map(|op| op.route)
}

/// The operation whose own route `route` is.
pub fn owner(route: &Route) -> Option<&'static Operation> {
    http_operations().find(|op| std::ptr::eq(op.route, route))
}

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
        let Some(route) = route(operation) else {
            return Err(match find(operation).and_then(|op| owner(op.route)) {
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

    /// The kinds a shape-table entry may name (see `envelope.rs`).
    fn kind_is_known(kind: &str, models: &[&str]) -> bool {
        match kind {
            "s" | "n" | "b" | "*" => true,
            _ => kind.strip_prefix('[').map_or_else(|| models.contains(&kind), |item| kind_is_known(item, models)),
        }
    }

    #[test]
    fn every_kind_in_the_shape_tables_is_a_model() {
        let shapes = crate::api::SHAPES;
        let models: Vec<&str> = shapes.lines().filter_map(|l| l.split(' ').next()).collect();
        assert!(models.len() > 30, "{models:?}");
        for (i, name) in models.iter().enumerate() {
            assert!(!models[..i].contains(name), "{name} twice");
        }
        for line in shapes.lines() {
            for field in line.split(' ').skip(1) {
                let at = field.find(['!', '?']).unwrap_or_else(|| panic!("{line}: {field} has no ! or ?"));
                assert!(at > 0 && kind_is_known(&field[at + 1..], &models), "{line}: {field}");
            }
        }
        for op in OPERATIONS {
            assert!(kind_is_known(op.output.kind, &models), "{}: {}", op.id, op.output.kind);
        }
        assert!(kind_is_known(crate::envelope::ANY.kind, &models));
    }

    #[test]
    fn ids_are_unique_and_camel_case() {
        for (i, op) in OPERATIONS.iter().enumerate() {
            assert!(OPERATIONS[..i].iter().all(|o| o.id != op.id), "duplicate {}", op.id);
            assert!(op.id.chars().next().unwrap().is_ascii_lowercase());
            assert!(op.id.chars().all(|c| c.is_ascii_alphanumeric()));
        }
    }

    #[test]
    fn every_route_row_is_its_own_route_and_via_rows_use_another() {
        for op in OPERATIONS {
            match route(op.id) {
                Some(own) => assert_eq!(own, op.route, "{}", op.id),
                None => assert!(owner(op.route).is_some(), "{}", op.id),
            }
        }
        assert_eq!(owner(find("buyGold").unwrap().route).unwrap().id, "buyDigital");
        assert_eq!(owner(find("cardPaymentGetOrder").unwrap().route).unwrap().id, "getOrder");
        assert!(find("nope").is_none());
    }

    #[test]
    fn the_typescript_operation_id_lists_every_route() {
        let declared = TYPESCRIPT.split("export type OperationId =").nth(1).unwrap().split(';').next().unwrap();
        let names: Vec<&str> = declared.split('"').skip(1).step_by(2).collect();
        let rows: Vec<&str> = http_operations().map(|op| op.id).collect();
        assert_eq!(names, rows);
    }

    #[test]
    fn the_declared_path_parameter_is_the_route_placeholder() {
        for op in OPERATIONS {
            if let Some(name) = op.path_parameter() {
                let declared = format!("    {}<W extends boolean = false>({name}: string, ", op.id);
                assert!(TYPESCRIPT.contains(&declared), "{}: no `{declared}`", op.id);
                assert_eq!(placeholders(op.route.path), [name], "{}", op.id);
            }
        }
        assert_eq!(find("updateCustomer").unwrap().path_parameter(), Some("external_customer_id"));
        assert_eq!(find("getOrders").unwrap().path_parameter(), None);
    }

    #[test]
    fn rewrite_table() {
        use serde_json::json;
        let cases = [
            (
                "buyGold",
                json!({"price_token": "t", "amount": 1.5}),
                json!({"price_token": "t", "items": [{"sku": "GAU", "amount": 1.5}]}),
            ),
            ("sellSilver", json!({"amount": 10}), json!({"items": [{"sku": "GAG", "amount": 10}]})),
            (
                "buyPlatinum",
                json!({"amount": 2, "payment_type": "cash"}),
                json!({"items": [{"sku": "GPT", "amount": 2}], "payment_type": "cash"}),
            ),
            ("cardPaymentBuyWithCardToken", json!({"items": []}), json!({"items": [], "payment_type": "creditcard"})),
            (
                "cardPaymentBuyWithCardNumber",
                json!({"payment_type": "creditcard"}),
                json!({"payment_type": "creditcard"}),
            ),
            ("createDeliveryPayWithCash", json!({}), json!({"payment_type": "cash"})),
            ("createDeliveryPayWithCard", json!({}), json!({"payment_type": "creditcard"})),
            ("buyDigital", json!({"amount": 1}), json!({"amount": 1})),
            ("buyGold", json!({"amount": 1, "items": [1, 2]}), json!({"items": [{"sku": "GAU", "amount": 1}]})),
            ("buyGold", json!({"items": [1, 2], "amount": 1}), json!({"items": [{"sku": "GAU", "amount": 1}]})),
            ("buyGold", json!("not an object"), json!("not an object")),
        ];
        let settings = crate::validate::Settings {
            language: crate::validate::Language::En,
            strict_identity_numbers: false,
            today: time::macros::date!(2026 - 11 - 23),
        };
        for (call, body, expected) in cases {
            let op = find(call).unwrap();
            let edits = crate::validate::Edits {
                wrap_amount: op.rewrite.wrapped_sku(),
                payment_type: op.rewrite.payment_type(),
                ..Default::default()
            };
            let written = crate::validate::write(op.input.schema(), &body.to_string(), &settings, edits);
            let sent: serde_json::Value = serde_json::from_str(&written.body).unwrap_or(serde_json::Value::Null);
            assert_eq!(sent, expected, "{call}: {}", written.body);
            assert_eq!(written.lines, expected["items"].as_array().map_or(1, Vec::len).max(1), "{call}");
        }
    }

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
