//! The operation registry: one row per operation the client can call. A row holds everything about it — route
//! (method, path, `api-version`, whether the path is documented, whether a repeat is safe or it places orders), what
//! the caller passes (path parameter, body or query and its request model), the response model, the convenience
//! rewrite, the method's docs and example. The route table, `operations()`, the `OperationId` type, the client's
//! methods (in `client.rs`) and their TypeScript all come from these rows.
//!
//! A row with `route` is an HTTP operation; a row with `via` is another documented entry served by that operation's
//! route (and its override): it validates its own input and may rewrite it (`buyGold` → `buyDigital` with
//! `items: [{ sku: "GAU", amount }]`).

use crate::api::balances::*;
use crate::api::customers::*;
use crate::api::delivery::*;
use crate::api::legal::*;
use crate::api::model::{Declared, Described, Request};
use crate::api::orders::*;
use crate::api::payments::*;
use crate::api::pricing::*;
use crate::api::trade::*;
use crate::shape::DataShape;
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

        /// The kind of each row's `data`, one line per row in [`OPERATIONS`] order, for the response reader
        /// (`shape.rs`).
        pub const OUTPUTS: &str = $crate::ts::cat!($(<$output as Described>::OUTPUT, "\n"),*);

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
        registry_rows!(@method_decl $id [$($doc),+] $input ($($arg)*) ($crate::ts::cat!("Promise<", $output, ">")),
            $example)
    };
    (@method_decl $id:ident [$($doc:literal),+] $input:ident ($($arg:tt)*) ($returns:expr), $example:literal) => {
        $crate::ts::cat!(
            "    /**\n", $("     *", $doc, "\n",)+
            "     *\n     * ```js\n     * ", $example, "\n     * ```\n     */\n",
            "    ", stringify!($id), "(", registry_rows!(@params $input ($($arg)*)),
            "options?: CallOptions | null): ", $returns, ";\n"
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

/// Where the response reader finds `data`'s shape: the position of the first row returning it (see [`OUTPUTS`]), or
/// a position past the end for a shape no row returns ([`crate::shape::ANY`]).
pub fn output_position(data: &DataShape) -> u32 {
    OPERATIONS.iter().position(|op| std::ptr::eq(op.output, data)).map_or(u32::MAX, |i| i as u32)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds a shape-table entry may name (see `shape.rs`).
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
        assert_eq!(OUTPUTS.lines().count(), OPERATIONS.len());
        let lines: Vec<&str> = OUTPUTS.lines().collect();
        for (output, op) in lines.iter().zip(OPERATIONS) {
            assert!(kind_is_known(output.trim_start_matches('?'), &models), "output {output}");
            assert_eq!(*output, format!("{}{}", if op.output.nullable { "?" } else { "" }, op.output.kind));
            assert_eq!(lines[output_position(op.output) as usize], *output, "{}", op.id);
        }
        assert_eq!(output_position(&crate::shape::ANY), u32::MAX);
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
                let declared = format!("    {}({name}: string, ", op.id);
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
            lang: crate::validate::Language::En,
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
}
