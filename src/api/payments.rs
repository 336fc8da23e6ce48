//! Card payment look-ups (payment types, BIN and installments) and card storage.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{open_interfaces, OrNull};
use crate::shape::{described, opt, req, Shape};

/// Body of `cardPaymentBinQuery` (inferred path `POST /partner/payment/bin`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct BinQueryRequest {
    /// The card's first 6–8 digits.
    pub bin: String,
    /// Amount to pay, to get commissions and installment amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub amount: Option<f64>,
}

/// Body of `listStoredCards` (inferred path `POST /partner/card-storage/list`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct ListStoredCardsRequest {
    pub customer_external_id: String,
}

/// Body of `addStoredCard` (inferred path `POST /partner/card-storage`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct AddStoredCardRequest {
    pub customer_external_id: String,
    pub card_holder: String,
    /// Never logged; the API keeps only a masked copy and a token.
    pub card_number: String,
    /// `MM/YY`.
    pub card_expiry: String,
    /// A name for the card, e.g. "personal".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub alias: Option<String>,
}

/// Body of `deleteStoredCard` (inferred path `DELETE /partner/card-storage`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct DeleteStoredCardRequest {
    pub customer_external_id: String,
    pub card_token: String,
}

/// A payment type the partner may use (`getPaymentTypes`, inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct PaymentTypeInfo {
    /// `cash` or `creditcard`.
    pub code: String,
    #[tsify(optional)]
    pub name: OrNull<String>,
    #[tsify(optional)]
    pub enabled: OrNull<bool>,
}

/// A list of [`PaymentTypeInfo`].
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[tsify(type = "PaymentTypeInfo[]")]
pub struct PaymentTypeList(pub Vec<PaymentTypeInfo>);

/// One installment plan for a card (`Installment Item`).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct Installment {
    /// Number of installments (1 = single payment).
    pub count: f64,
    /// Percent.
    #[tsify(optional)]
    pub commission_rate: OrNull<f64>,
    #[tsify(optional)]
    pub commission: OrNull<f64>,
    #[tsify(optional)]
    pub installment_amount: OrNull<f64>,
    #[tsify(optional)]
    pub total: OrNull<f64>,
}

/// `data` of `cardPaymentBinQuery` (inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct BinInfo {
    pub bin: String,
    /// e.g. `Visa`, `mastercard`.
    #[tsify(optional)]
    pub card_association: OrNull<String>,
    /// `credit` or `debit`.
    #[tsify(optional)]
    pub card_type: OrNull<String>,
    #[tsify(optional)]
    pub bank_name: OrNull<String>,
    pub installments: Vec<Installment>,
}

/// A stored card: masked number and the token to pay with.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct StoredCard {
    /// Send as `payment.card_token`. Never logged by this SDK.
    pub card_token: String,
    /// e.g. `411111******1111`.
    #[tsify(optional)]
    pub masked_number: OrNull<String>,
    #[tsify(optional)]
    pub card_holder: OrNull<String>,
    #[tsify(optional)]
    pub card_expiry: OrNull<String>,
    #[tsify(optional)]
    pub card_association: OrNull<String>,
    #[tsify(optional)]
    pub alias: OrNull<String>,
    #[tsify(optional)]
    pub created_at: OrNull<String>,
}

/// A list of [`StoredCard`].
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[tsify(type = "StoredCard[]")]
pub struct StoredCardList(pub Vec<StoredCard>);

/// `data` of `deleteStoredCard`.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct DeletedStoredCard {
    #[tsify(optional)]
    pub card_token: OrNull<String>,
    #[tsify(optional)]
    pub deleted: OrNull<bool>,
}

// Response shapes, checked against the structs above by `api::tests`.

pub const PAYMENT_TYPE_INFO: Shape =
    Shape::Obj(&[req("code", Shape::Str), opt("name", Shape::Str), opt("enabled", Shape::Bool)]);

pub const INSTALLMENT: Shape = Shape::Obj(&[
    req("count", Shape::Num),
    opt("commission_rate", Shape::Num),
    opt("commission", Shape::Num),
    opt("installment_amount", Shape::Num),
    opt("total", Shape::Num),
]);

pub const BIN_INFO: Shape = Shape::Obj(&[
    req("bin", Shape::Str),
    opt("card_association", Shape::Str),
    opt("card_type", Shape::Str),
    opt("bank_name", Shape::Str),
    req("installments", Shape::Arr(&INSTALLMENT)),
]);

pub const STORED_CARD: Shape = Shape::Obj(&[
    req("card_token", Shape::Str),
    opt("masked_number", Shape::Str),
    opt("card_holder", Shape::Str),
    opt("card_expiry", Shape::Str),
    opt("card_association", Shape::Str),
    opt("alias", Shape::Str),
    opt("created_at", Shape::Str),
]);

pub const DELETED_STORED_CARD: Shape = Shape::Obj(&[opt("card_token", Shape::Str), opt("deleted", Shape::Bool)]);

described!(PaymentTypeInfo => PAYMENT_TYPE_INFO);
described!(PaymentTypeList => Shape::Arr(&PAYMENT_TYPE_INFO));
described!(Installment => INSTALLMENT);
described!(BinInfo => BIN_INFO);
described!(StoredCard => STORED_CARD);
described!(StoredCardList => Shape::Arr(&STORED_CARD));
described!(DeletedStoredCard => DELETED_STORED_CARD);

open_interfaces!("PaymentTypeInfo", "Installment", "BinInfo", "StoredCard", "DeletedStoredCard");
