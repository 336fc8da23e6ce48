//! Request and response models, one module per area of Minted's docs. Field names are the API's own (snake_case, as
//! on the wire); TypeScript declarations come from tsify.
//!
//! Responses are lenient: every optional field accepts `null`, numbers accept fractions, enumerations accept values
//! the docs do not list, and unknown fields reach the caller untouched (the object handed to JS is the server's JSON,
//! checked against these types, not rebuilt from them).

pub mod balances;
pub mod customers;
pub mod delivery;
pub mod legal;
pub mod orders;
pub mod payments;
pub mod pricing;
pub mod trade;

use serde::{Deserialize, Deserializer};
use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

/// A response field that may be missing or `null`. In TypeScript: `field?: T | null`.
#[derive(Clone, Debug, PartialEq, Tsify)]
#[tsify(type = "T | null")]
pub struct OrNull<T>(pub Option<T>);

impl<T> Default for OrNull<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OrNull<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Self)
    }
}

/// Options of `client.request`, the raw escape hatch.
#[derive(serde::Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RawRequest {
    #[tsify(type = "\"GET\" | \"POST\" | \"PUT\" | \"PATCH\" | \"DELETE\"")]
    pub method: String,
    /// Path below the base URL, starting with `/`, e.g. `/partner/order/list`.
    pub path: String,
    /// Query parameters (encoded by the SDK).
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string | number | boolean>")]
    pub query: Option<()>,
    /// JSON body.
    #[serde(default)]
    #[tsify(optional, type = "unknown")]
    pub body: Option<()>,
    /// `api-version` header; default `"2"`.
    #[serde(default)]
    #[tsify(optional)]
    pub api_version: Option<String>,
    #[serde(default)]
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<()>,
}

/// Marks response interfaces as open: the server may add fields, and they reach the caller as they came.
macro_rules! open_interfaces {
    ($($name:literal),* $(,)?) => {
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const OPEN_INTERFACES: &'static str = concat!(
            $("export interface ", $name, " {\n    /** Fields the docs do not list are kept as the server sent them. */\n    [field: string]: unknown;\n}\n",)*
        );
    };
}
pub(crate) use open_interfaces;

#[wasm_bindgen(typescript_custom_section)]
const VALUE_SETS: &'static str = r#"
/** Customer gender as the API accepts it in requests. */
export type Gender = "M" | "F";
/** Fiat currencies the docs list. Responses may carry others (e.g. "AED"). */
export type Currency = "GBP" | "USD" | "EUR" | "TRY";
/** Order type. Values the docs do not list are passed through as strings. */
export type OrderType = "Buy" | "Sell" | "Delivery" | (string & {});
/** Order status name as documented; the API also returns others (e.g. "New"). */
export type OrderStatus =
    | "Created" | "Pending" | "Processing" | "Cancelled" | "Completed" | "Preparing" | "Packed" | "Shipped"
    | "Transferring" | "Refunding" | "Refunded" | "Payment Confirmed" | "New" | (string & {});
/** Payment type as it appears on orders. */
export type OrderPaymentType = "cash" | "credit-card" | (string & {});
/** Card payment state on an order. */
export type PaymentState = "new" | "success" | (string & {});
/** Wallet KYC status (inferred endpoint). */
export type WalletKycStatus = "pending" | "verified" | "rejected";
/** Price-fix type; only "digital" appears in the docs. */
export type PriceFixType = "digital" | (string & {});
"#;

#[cfg(test)]
pub(crate) mod tests {
    //! The shape tables must say exactly what the TypeScript declarations (generated from the structs) say.
    use super::balances::*;
    use super::customers::*;
    use super::delivery::*;
    use super::legal::*;
    use super::orders::*;
    use super::payments::*;
    use super::pricing::*;
    use super::trade::*;
    use crate::shape::{Described, Shape};
    use tsify::Tsify;

    macro_rules! registry {
        ($($ty:ident),* $(,)?) => {
            vec![$((stringify!($ty), <$ty as Tsify>::DECL, <$ty as Described>::SHAPE)),*]
        };
    }

    fn registry() -> Vec<(&'static str, &'static str, &'static Shape)> {
        registry!(
            CustomerRecord,
            Wallet,
            CustomerWithWallets,
            RemoveCustomerResult,
            WalletKyc,
            BulkWalletKycOutcome,
            BulkWalletKycResult,
            OrderItem,
            OrderCustomer,
            PaymentDetails,
            Payment,
            DeliveryProduct,
            OrderDelivery,
            OrderAddressLine,
            OrderAddress,
            Order,
            PageLink,
            OrdersPage,
            OrderStatusInfo,
            Price,
            PriceFix,
            CalculatedLine,
            CalculatedPrice,
            ProductPrice,
            OrderResponse,
            PaymentTypeInfo,
            Installment,
            BinInfo,
            StoredCard,
            DeletedStoredCard,
            BalanceItem,
            TxTotals,
            BalanceStats,
            DayWallet,
            DayBalance,
            Balance7dStats,
            DeliveryOption,
            DeliveryWallet,
            DeliveryQuoteItem,
            MetalAmount,
            DeliveryQuote,
            LegalDocument,
        )
    }

    /// Aliases of string unions declared in `VALUE_SETS`.
    const STRING_ALIASES: &[&str] = &[
        "OrderType",
        "OrderStatus",
        "OrderPaymentType",
        "PaymentState",
        "WalletKycStatus",
        "Gender",
        "Currency",
        "PriceFixType",
    ];

    /// `(name, optional, type)` of each field line in a tsify declaration.
    pub(crate) fn fields(decl: &str) -> Vec<(String, bool, String)> {
        decl.lines()
            .map(str::trim)
            .filter(|l| {
                !l.is_empty() && !l.starts_with("/**") && !l.starts_with('*') && !l.starts_with("export") && *l != "}"
            })
            .map(|line| {
                let (name, ty) =
                    line.trim_end_matches(';').split_once(':').unwrap_or_else(|| panic!("odd line {line}"));
                let optional = name.ends_with('?');
                (name.trim_end_matches('?').to_owned(), optional, ty.trim().to_owned())
            })
            .collect()
    }

    fn agrees(ts: &str, shape: &Shape, registry: &[(&str, &str, &Shape)]) -> bool {
        let ts = ts.strip_prefix("OrNull<").and_then(|t| t.strip_suffix('>')).unwrap_or(ts);
        let ts = ts.trim_end_matches(" | null");
        if let Some(item) = ts.strip_suffix("[]") {
            return matches!(shape, Shape::Arr(inner) if agrees(item, inner, registry));
        }
        if ts == "Record<string, unknown>" || ts == "unknown" {
            return *shape == Shape::Any;
        }
        let base = ts.split(" | ").next().unwrap_or(ts);
        match base {
            "string" => *shape == Shape::Str,
            "number" => *shape == Shape::Num,
            "boolean" => *shape == Shape::Bool,
            alias if STRING_ALIASES.contains(&alias) => *shape == Shape::Str,
            name => registry.iter().any(|(n, _, s)| *n == name && *s == shape),
        }
    }

    #[test]
    fn list_types_are_arrays_of_their_item() {
        let lists: &[(&str, &Shape)] = &[
            (<ProductPriceList as Tsify>::DECL, <ProductPriceList as Described>::SHAPE),
            (<PaymentTypeList as Tsify>::DECL, <PaymentTypeList as Described>::SHAPE),
            (<StoredCardList as Tsify>::DECL, <StoredCardList as Described>::SHAPE),
            (<BalanceList as Tsify>::DECL, <BalanceList as Described>::SHAPE),
            (<DeliveryWalletList as Tsify>::DECL, <DeliveryWalletList as Described>::SHAPE),
            (<OrderStatusList as Tsify>::DECL, <OrderStatusList as Described>::SHAPE),
            (<LegalDocumentList as Tsify>::DECL, <LegalDocumentList as Described>::SHAPE),
        ];
        let registry = registry();
        for (decl, shape) in lists {
            let item =
                decl.split(" = ").nth(1).and_then(|t| t.trim().trim_end_matches(';').strip_suffix("[]")).unwrap();
            assert!(agrees(&format!("{item}[]"), shape, &registry), "{decl}");
        }
    }

    #[test]
    fn shape_tables_match_the_typescript_declarations() {
        let registry = registry();
        for (name, decl, shape) in &registry {
            let Shape::Obj(table) = shape else { panic!("{name} is not an object shape") };
            let declared = fields(decl);
            let names: Vec<&str> = declared.iter().map(|(n, _, _)| n.as_str()).collect();
            let tabled: Vec<&str> = table.iter().map(|f| f.name).collect();
            assert_eq!(names, tabled, "{name}: fields differ");
            assert!(table.len() <= 64, "{name}: the checker tracks at most 64 fields");
            for ((field, optional, ts), entry) in declared.iter().zip(table.iter()) {
                assert_eq!(*optional, !entry.required, "{name}.{field}: optionality differs");
                assert!(agrees(ts, &entry.shape, &registry), "{name}.{field}: `{ts}` vs {:?}", entry.shape);
            }
        }
    }
}
