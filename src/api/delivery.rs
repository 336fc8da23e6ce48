//! Physical delivery of bars paid from metal wallets.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{open_interfaces, OrNull};
use crate::shape::{described, opt, req, Shape};

/// Body of `listDeliveryWallets` (inferred path `POST /partner/delivery/wallets`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct DeliveryWalletsRequest {
    /// The customer whose wallets to list; the partner's without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_external_id: Option<String>,
}

/// A bar to deliver.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct DeliveryItemRequest {
    /// A deliverable product, e.g. `DAU5` (5 g gold bar).
    pub sku: String,
    /// How many bars (1–1000).
    pub quantity: u32,
}

/// Where to deliver: complete enough for a courier.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct DeliveryAddress {
    pub fullname: String,
    /// E.164; Turkish national forms are normalised.
    pub phone: String,
    pub city: String,
    pub district: String,
    pub address: String,
    pub zipcode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub county: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email: Option<String>,
    /// For a company invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub company_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tax_office: Option<String>,
    /// The company's VKN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tax_number: Option<String>,
}

/// Body of `calculateDelivery` (inferred path `POST /partner/delivery/calculate`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CalculateDeliveryRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_external_id: Option<String>,
    pub items: Vec<DeliveryItemRequest>,
    pub address: DeliveryAddress,
}

/// Body of `createDelivery` (inferred path `POST /partner/delivery`): paid from the cash wallet (`payment_type: "cash"`) or by card (`"creditcard"` with `payment`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CreateDeliveryRequest {
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_external_id: Option<String>,
    pub items: Vec<DeliveryItemRequest>,
    pub address: DeliveryAddress,
    #[tsify(type = "\"cash\" | \"creditcard\"")]
    pub payment_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "CardPayment | StoredCardPayment")]
    pub payment: Option<serde_json::Value>,
}

/// Body of `createDeliveryPayWithCash`; the SDK sets `payment_type: "cash"`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CashDeliveryRequest {
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_external_id: Option<String>,
    pub items: Vec<DeliveryItemRequest>,
    pub address: DeliveryAddress,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"cash\"")]
    pub payment_type: Option<String>,
}

/// Body of `createDeliveryPayWithCard`; the SDK sets `payment_type: "creditcard"`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CardDeliveryRequest {
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_external_id: Option<String>,
    pub items: Vec<DeliveryItemRequest>,
    pub address: DeliveryAddress,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"creditcard\"")]
    pub payment_type: Option<String>,
    #[tsify(type = "CardPayment | StoredCardPayment")]
    pub payment: serde_json::Value,
}

/// A bar a wallet can deliver.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct DeliveryOption {
    pub sku: String,
    #[tsify(optional)]
    pub product_name: OrNull<String>,
    /// Grams.
    #[tsify(optional)]
    pub weight: OrNull<f64>,
    #[tsify(optional)]
    pub minting_fee: OrNull<f64>,
}

/// A metal wallet that can deliver (`listDeliveryWallets`, inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct DeliveryWallet {
    pub currency_code: String,
    #[tsify(optional)]
    pub name: OrNull<String>,
    #[tsify(optional)]
    pub balance: OrNull<f64>,
    #[tsify(optional)]
    pub deliverable_amount: OrNull<f64>,
    pub products: Vec<DeliveryOption>,
}

/// A list of [`DeliveryWallet`].
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[tsify(type = "DeliveryWallet[]")]
pub struct DeliveryWalletList(pub Vec<DeliveryWallet>);

/// One line of a delivery quote.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct DeliveryQuoteItem {
    pub sku: String,
    #[tsify(optional)]
    pub quantity: OrNull<f64>,
    #[tsify(optional)]
    pub weight: OrNull<f64>,
    #[tsify(optional)]
    pub currency_code: OrNull<String>,
    #[tsify(optional)]
    pub minting_fee: OrNull<f64>,
}

/// Grams of one metal.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct MetalAmount {
    pub currency_code: String,
    #[tsify(optional)]
    pub amount: OrNull<f64>,
}

/// `data` of `calculateDelivery` (inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct DeliveryQuote {
    #[tsify(optional)]
    pub currency: OrNull<String>,
    pub items: Vec<DeliveryQuoteItem>,
    #[tsify(optional)]
    pub metal: OrNull<Vec<MetalAmount>>,
    #[tsify(optional)]
    pub minting_fee: OrNull<f64>,
    #[tsify(optional)]
    pub shipping_cost: OrNull<f64>,
    #[tsify(optional)]
    pub insurance_cost: OrNull<f64>,
    #[tsify(optional)]
    pub total_cost: OrNull<f64>,
}

// Response shapes, checked against the structs above by `api::tests`.

pub const DELIVERY_OPTION: Shape = Shape::Obj(&[
    req("sku", Shape::Str),
    opt("product_name", Shape::Str),
    opt("weight", Shape::Num),
    opt("minting_fee", Shape::Num),
]);

pub const DELIVERY_WALLET: Shape = Shape::Obj(&[
    req("currency_code", Shape::Str),
    opt("name", Shape::Str),
    opt("balance", Shape::Num),
    opt("deliverable_amount", Shape::Num),
    req("products", Shape::Arr(&DELIVERY_OPTION)),
]);

pub const DELIVERY_QUOTE_ITEM: Shape = Shape::Obj(&[
    req("sku", Shape::Str),
    opt("quantity", Shape::Num),
    opt("weight", Shape::Num),
    opt("currency_code", Shape::Str),
    opt("minting_fee", Shape::Num),
]);

pub const METAL_AMOUNT: Shape = Shape::Obj(&[req("currency_code", Shape::Str), opt("amount", Shape::Num)]);

pub const DELIVERY_QUOTE: Shape = Shape::Obj(&[
    opt("currency", Shape::Str),
    req("items", Shape::Arr(&DELIVERY_QUOTE_ITEM)),
    opt("metal", Shape::Arr(&METAL_AMOUNT)),
    opt("minting_fee", Shape::Num),
    opt("shipping_cost", Shape::Num),
    opt("insurance_cost", Shape::Num),
    opt("total_cost", Shape::Num),
]);

described!(DeliveryOption => DELIVERY_OPTION);
described!(DeliveryWallet => DELIVERY_WALLET);
described!(DeliveryWalletList => Shape::Arr(&DELIVERY_WALLET));
described!(DeliveryQuoteItem => DELIVERY_QUOTE_ITEM);
described!(MetalAmount => METAL_AMOUNT);
described!(DeliveryQuote => DELIVERY_QUOTE);

open_interfaces!("DeliveryOption", "DeliveryWallet", "DeliveryQuoteItem", "MetalAmount", "DeliveryQuote");
