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

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const RAW_REQUEST: &'static str = r#"
/** What `client.request()` takes: the raw escape hatch, with the options every call takes. */
export interface RawRequest extends CallOptions {
    /** The HTTP method. */
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /** Path below the base URL, starting with `/`, e.g. `/partner/order/list`. */
    path: string;
    /** Query parameters (encoded by the SDK). */
    query?: Record<string, string | number | boolean>;
    /** JSON body. */
    body?: unknown;
    /** `api-version` header; default `"2"`. */
    apiVersion?: string;
}

export interface MintedClient {
    /**
     * Makes any call with the client's authentication, headers, envelope decoding and errors, and resolves to the
     * response `data` untouched: for endpoints whose real shape differs from what this SDK infers.
     *
     * ```js
     * const data = await client.request({ method: 'GET', path: '/partner/order/list', query: { page: 2 } });
     * ```
     */
    request<W extends boolean = false>(options: RawRequest & { withResponse?: W }): Promise<CallResult<W, unknown>>;
}
"#;

/// Every response model's line of the shape table the response reader checks `data` against (see `envelope.rs`).
pub const SHAPES: &str = crate::ts::cat!(
    balances::SHAPES,
    customers::SHAPES,
    delivery::SHAPES,
    legal::SHAPES,
    orders::SHAPES,
    payments::SHAPES,
    pricing::SHAPES,
    trade::SHAPES,
);

#[wasm_bindgen(typescript_custom_section)]
const OR_NULL: &'static str = r#"
/** A response field the server may leave out or send as `null`. */
export type OrNull<T> = T | null;
"#;

#[cfg(test)]
pub(crate) mod tests {
    //! The shape table must say exactly what the TypeScript declarations (from the same declarations) say.
    use super::balances::*;
    use super::customers::*;
    use super::delivery::*;
    use super::legal::*;
    use super::model::{Declared, Described};
    use super::orders::*;
    use super::payments::*;
    use super::pricing::*;
    use super::trade::*;

    macro_rules! registry {
        ($($ty:ident),* $(,)?) => {
            vec![$((stringify!($ty), <$ty as Declared>::DECLARATION, <$ty as Described>::TABLE)),*]
        };
    }

    /// (name, declaration, line of the shape table) of every response model.
    fn registry() -> Vec<(&'static str, &'static str, &'static str)> {
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

    /// `(name, required, kind)` of each entry of a shape-table line.
    fn entries(table: &str) -> Vec<(&str, bool, &str)> {
        table
            .trim_end()
            .split(' ')
            .skip(1)
            .map(|entry| {
                let at = entry.find(['!', '?']).unwrap();
                (&entry[..at], &entry[at..at + 1] == "!", &entry[at + 1..])
            })
            .collect()
    }

    fn agrees(ts: &str, kind: &str, registry: &[(&str, &str, &str)]) -> bool {
        let ts = ts.strip_prefix("OrNull<").and_then(|t| t.strip_suffix('>')).unwrap_or(ts);
        let ts = ts.trim_end_matches(" | null");
        if let Some(item) = ts.strip_suffix("[]") {
            return kind.strip_prefix('[').is_some_and(|inner| agrees(item, inner, registry));
        }
        if ts == "Record<string, unknown>" || ts == "unknown" {
            return kind == "*";
        }
        let base = ts.split(" | ").next().unwrap_or(ts);
        match base {
            "string" => kind == "s",
            "number" => kind == "n",
            "boolean" => kind == "b",
            alias if STRING_ALIASES.contains(&alias) => kind == "s",
            name => kind == name && registry.iter().any(|(n, _, _)| *n == name),
        }
    }

    #[test]
    fn list_types_are_arrays_of_their_item() {
        let lists: &[(&str, &str)] = &[
            (<ProductPriceList as Declared>::DECLARATION, <ProductPriceList as Described>::KIND),
            (<PaymentTypeList as Declared>::DECLARATION, <PaymentTypeList as Described>::KIND),
            (<StoredCardList as Declared>::DECLARATION, <StoredCardList as Described>::KIND),
            (<BalanceList as Declared>::DECLARATION, <BalanceList as Described>::KIND),
            (<DeliveryWalletList as Declared>::DECLARATION, <DeliveryWalletList as Described>::KIND),
            (<OrderStatusList as Declared>::DECLARATION, <OrderStatusList as Described>::KIND),
            (<LegalDocumentList as Declared>::DECLARATION, <LegalDocumentList as Described>::KIND),
        ];
        let registry = registry();
        for (decl, kind) in lists {
            let item =
                decl.split(" = ").nth(1).and_then(|t| t.trim().trim_end_matches(';').strip_suffix("[]")).unwrap();
            assert!(agrees(&format!("{item}[]"), kind, &registry), "{decl}");
        }
    }

    #[test]
    fn shape_tables_match_the_typescript_declarations() {
        let registry = registry();
        let mut lines = 0;
        for (name, decl, table) in &registry {
            assert_eq!(table.split(' ').next(), Some(*name), "{name}: its line names another model");
            assert!(super::SHAPES.lines().any(|line| line == table.trim_end()), "{name} is not in SHAPES");
            lines += 1;
            let declared = fields(decl);
            let entries = entries(table);
            let names: Vec<&str> = declared.iter().map(|(n, _, _)| n.as_str()).collect();
            let tabled: Vec<&str> = entries.iter().map(|(n, _, _)| *n).collect();
            assert_eq!(names, tabled, "{name}: fields differ");
            for ((field, optional, ts), (_, required, kind)) in declared.iter().zip(entries.iter()) {
                assert_eq!(*optional, !required, "{name}.{field}: optionality differs");
                assert!(agrees(ts, kind, &registry), "{name}.{field}: `{ts}` vs {kind}");
            }
        }
        assert_eq!(lines, super::SHAPES.lines().count(), "SHAPES has a model the list above lacks");
    }
}
