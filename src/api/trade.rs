//! Buy and sell: requests for every buy/sell entry of the docs (cash, card number, stored card; B2B2C and partner)
//! and the order response they return.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::orders::{Order, Payment, ORDER, PAYMENT};
use super::{open_interfaces, OrNull};
use crate::shape::{described, opt, req, Shape};

/// One product line of a buy or sell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct OrderItemRequest {
    /// Product code: `GAU` gold, `GAG` silver, `GPT` platinum…
    pub sku: String,
    /// Grams (fractions allowed, up to 4 decimals).
    pub amount: f64,
}

/// The end customer of a B2B2C buy.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct OrderCustomerRequest {
    /// Your id of the customer.
    pub external_id: String,
    /// T.C. identity number (11 digits).
    pub identity_number: String,
    pub firstname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub middlename: Option<String>,
    pub lastname: String,
    /// Sent by the docs' examples; not declared by them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub fullname: Option<String>,
    pub email: String,
    /// E.164; Turkish national forms are normalised.
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Gender")]
    pub gender: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub birthdate: Option<String>,
}

/// A card to charge.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CardPayment {
    pub card_holder: String,
    /// 12–19 digits (spaces and dashes are removed before sending). Never logged.
    pub card_number: String,
    /// `MM/YY`.
    pub card_expiry: String,
    /// Never logged.
    pub card_cvv: String,
    /// The card holder's IP address (IPv4 or IPv6).
    pub customer_ip: String,
    /// Installment count offered by `cardPaymentBinQuery` (1–12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub installment: Option<u32>,
}

/// A stored card to charge (its token from `addStoredCard` / `listStoredCards`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct StoredCardPayment {
    /// Never logged.
    pub card_token: String,
    /// Never logged.
    pub card_cvv: String,
    pub customer_ip: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub installment: Option<u32>,
}

/// Optional block the Buy (Silver) page declares without explaining.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct Topup {
    pub price: f64,
}

/// Body of `buyDigital` (`POST /partner/order/digital/buy`), every buy entry of the docs: with `customer` for B2B2C, without for partner (B2B) buys; cash unless `payment_type: "creditcard"` with a `payment` block.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct BuyRequest {
    /// From `priceFix` (`quote.token`), before it expires.
    pub price_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Currency")]
    pub currency_code: Option<String>,
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    /// B2B2C buys only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer: Option<OrderCustomerRequest>,
    pub items: Vec<OrderItemRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub topup: Option<Topup>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"creditcard\" | \"cash\"")]
    pub payment_type: Option<String>,
    /// With `payment_type: "creditcard"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "CardPayment | StoredCardPayment")]
    pub payment: Option<serde_json::Value>,
}

/// Body of `buyGold`, `buySilver`, `buyPlatinum`: one metal, so `amount` instead of `items`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct MetalBuyRequest {
    pub price_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Currency")]
    pub currency_code: Option<String>,
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    /// B2B2C buys only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer: Option<OrderCustomerRequest>,
    /// Grams.
    pub amount: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"creditcard\" | \"cash\"")]
    pub payment_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "CardPayment | StoredCardPayment")]
    pub payment: Option<serde_json::Value>,
}

/// Body of `cardPaymentBuyWithCardNumber`; the SDK sets `payment_type: "creditcard"`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CardNumberBuyRequest {
    pub price_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Currency")]
    pub currency_code: Option<String>,
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer: Option<OrderCustomerRequest>,
    pub items: Vec<OrderItemRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"creditcard\"")]
    pub payment_type: Option<String>,
    pub payment: CardPayment,
}

/// Body of `cardPaymentBuyWithCardToken`; the SDK sets `payment_type: "creditcard"`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CardTokenBuyRequest {
    pub price_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Currency")]
    pub currency_code: Option<String>,
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer: Option<OrderCustomerRequest>,
    pub items: Vec<OrderItemRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"creditcard\"")]
    pub payment_type: Option<String>,
    pub payment: StoredCardPayment,
}

/// Body of `sellDigital` (`POST /partner/order/digital/sell`): the seller is the customer of the quote (or the partner).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct SellRequest {
    pub price_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Currency")]
    pub currency_code: Option<String>,
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    pub items: Vec<OrderItemRequest>,
}

/// Body of `sellGold`, `sellSilver`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct MetalSellRequest {
    pub price_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Currency")]
    pub currency_code: Option<String>,
    /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
    /// A repeat is refused by the API, so a retried call can never place the order twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    /// Grams.
    pub amount: f64,
}

/// `data` of buys, sells and deliveries: totals and the orders created.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct OrderResponse {
    pub order_code: Vec<String>,
    pub guid: Vec<String>,
    #[tsify(optional)]
    pub price: OrNull<f64>,
    #[tsify(optional)]
    pub tax: OrNull<f64>,
    #[tsify(optional)]
    pub total: OrNull<f64>,
    /// e.g. `2023-05-31 03:16:45`.
    #[tsify(optional)]
    pub order_at: OrNull<String>,
    pub orders: Vec<Order>,
    /// Card payments: state, 3-D Secure redirect, masked card.
    #[tsify(optional)]
    pub payment: OrNull<Payment>,
}

// Response shapes, checked against the structs above by `api::tests`.

pub const ORDER_RESPONSE: Shape = Shape::Obj(&[
    req("order_code", Shape::Arr(&Shape::Str)),
    req("guid", Shape::Arr(&Shape::Str)),
    opt("price", Shape::Num),
    opt("tax", Shape::Num),
    opt("total", Shape::Num),
    opt("order_at", Shape::Str),
    req("orders", Shape::Arr(&ORDER)),
    opt("payment", PAYMENT),
]);

described!(OrderResponse => ORDER_RESPONSE);

open_interfaces!("OrderResponse");
