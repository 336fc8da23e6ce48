//! Request and response models, one module per area of Minted's docs. Field names are the API's own (snake_case, as
//! on the wire). Each model is declared once with `models!` (`model.rs`): its TypeScript, its shape or rule table
//! and its docs come from that declaration; value sets are declared once in `values.rs`.
//!
//! Responses are lenient: every optional field accepts `null`, numbers accept fractions, enumerations accept values
//! the docs do not list, and unknown fields reach the caller untouched (the object handed to JS is the server's JSON,
//! checked against these types, not rebuilt from them).

pub mod balances;
pub mod customers;
pub mod delivery;
pub mod legal;
pub mod model;
pub mod orders;
pub mod payments;
pub mod pricing;
pub mod trade;
pub mod values;

use tsify::Tsify;
use wasm_bindgen::prelude::wasm_bindgen;

/// Options of `client.request`, the raw escape hatch.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RawRequest {
    /// The HTTP method.
    #[tsify(type = "\"GET\" | \"POST\" | \"PUT\" | \"PATCH\" | \"DELETE\"")]
    pub method: String,
    /// Path below the base URL, starting with `/`, e.g. `/partner/order/list`.
    pub path: String,
    /// Query parameters (encoded by the SDK).
    #[tsify(optional, type = "Record<string, string | number | boolean>")]
    pub query: Option<()>,
    /// JSON body.
    #[tsify(optional, type = "unknown")]
    pub body: Option<()>,
    /// `api-version` header; default `"2"`.
    #[tsify(optional)]
    pub api_version: Option<String>,
    /// Aborts the call: it rejects with a `MintedError` of kind `aborted`.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<()>,
}

#[wasm_bindgen(typescript_custom_section)]
const OR_NULL: &'static str = r#"
/** A response field the server may leave out or send as `null`. */
export type OrNull<T> = T | null;
"#;

#[cfg(test)]
pub(crate) mod tests {
    //! The shape tables must say exactly what the TypeScript declarations (generated from the structs) say.
    use super::balances::*;
    use super::customers::*;
    use super::delivery::*;
    use super::legal::*;
    use super::model::{Declared, Described};
    use super::orders::*;
    use super::payments::*;
    use super::pricing::*;
    use super::trade::*;
    use crate::shape::Shape;

    macro_rules! registry {
        ($($ty:ident),* $(,)?) => {
            vec![$((stringify!($ty), <$ty as Declared>::DECLARATION, &<$ty as Described>::SHAPE)),*]
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

    /// `(name, optional, type)` of each field line in a generated declaration.
    pub(crate) fn fields(decl: &str) -> Vec<(String, bool, String)> {
        decl.lines()
            .map(str::trim)
            .filter(|l| {
                !l.is_empty()
                    && !l.starts_with("/**")
                    && !l.starts_with('*')
                    && !l.starts_with("export")
                    && *l != "}"
                    && !l.starts_with("[field: string]")
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
            (<ProductPriceList as Declared>::DECLARATION, &<ProductPriceList as Described>::SHAPE),
            (<PaymentTypeList as Declared>::DECLARATION, &<PaymentTypeList as Described>::SHAPE),
            (<StoredCardList as Declared>::DECLARATION, &<StoredCardList as Described>::SHAPE),
            (<BalanceList as Declared>::DECLARATION, &<BalanceList as Described>::SHAPE),
            (<DeliveryWalletList as Declared>::DECLARATION, &<DeliveryWalletList as Described>::SHAPE),
            (<OrderStatusList as Declared>::DECLARATION, &<OrderStatusList as Described>::SHAPE),
            (<LegalDocumentList as Declared>::DECLARATION, &<LegalDocumentList as Described>::SHAPE),
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
