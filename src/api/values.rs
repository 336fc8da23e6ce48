//! Sets of string values, each declared once: the TypeScript union and the list the validator checks come from the
//! same line. A `closed` set is all a request may send; an `open` set lists what the docs show and lets anything
//! else through (in TypeScript, `| (string & {})`).

/// Declares value sets (see the module docs).
macro_rules! value_sets {
    ($(
        $(#[doc = $doc:literal])+
        $openness:ident $name:ident = [$($value:literal),+ $(,)?];
    )*) => {
        $(
            $crate::api::model::declared!([$($doc),+] $name:
                "export type ", stringify!($name), " = ", $crate::ts::union!($($value),+),
                value_sets!(@tail $openness), ";\n"
            );
            impl $crate::api::model::ValueSet for $name {
                const VALUES: &'static [&'static str] = &[$($value),+];
                const OPEN: bool = value_sets!(@open $openness);
            }
        )*
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TYPESCRIPT: &'static str = $crate::ts::cat!($(<$name as $crate::api::model::Declared>::DECLARATION),*);
    };
    (@tail open) => { " | (string & {})" };
    (@tail closed) => { "" };
    (@open open) => { true };
    (@open closed) => { false };
}

value_sets! {
    /// Customer gender as the API accepts it in requests.
    closed Gender = ["M", "F"];
    /// Fiat currencies the docs list for requests. Responses may carry others (e.g. "AED").
    closed Currency = ["GBP", "USD", "EUR", "TRY"];
    /// Order type. Values the docs do not list are passed through as strings.
    open OrderType = ["Buy", "Sell", "Delivery"];
    /// Order status name as documented; the API also returns others (e.g. "New").
    open OrderStatus = [
        "Created", "Pending", "Processing", "Cancelled", "Completed", "Preparing", "Packed", "Shipped",
        "Transferring", "Refunding", "Refunded", "Payment Confirmed", "New",
    ];
    /// Payment type as it appears on orders.
    open OrderPaymentType = ["cash", "credit-card"];
    /// Card payment state on an order.
    open PaymentState = ["new", "success"];
    /// Wallet KYC status (inferred endpoint).
    closed WalletKycStatus = ["pending", "verified", "rejected"];
    /// Price-fix type; only "digital" appears in the docs.
    open PriceFixType = ["digital"];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::{Declared, ValueSet};

    #[test]
    fn a_set_declares_its_union_once() {
        assert_eq!(Gender::VALUES, ["M", "F"]);
        assert!(Gender::DECLARATION.ends_with("export type Gender = \"M\" | \"F\";\n"), "{}", Gender::DECLARATION);
        assert!(OrderType::DECLARATION.contains("\"Delivery\" | (string & {});"));
        assert_eq!((OrderType::OPEN, Currency::OPEN), (true, false));
    }
}
