//! Pricing: price fixes (quotes), basket calculation, current product prices.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{open_interfaces, OrNull};
use crate::shape::{described, opt, req, Shape};

/// Body of `priceFix` (`POST /partner/pricefix`, `api-version: 3`). From amount: `{ type, customer_external_id }`; from total price: add `total` (and `currency`); partner (B2B): `{ type }` only.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct PriceFixRequest {
    /// Only `"digital"` appears in the docs.
    #[serde(rename = "type")]
    #[tsify(type = "PriceFixType")]
    pub kind: String,
    /// The customer the quote is for (B2B2C); required with `total`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_external_id: Option<String>,
    /// Currency of the prices; the API defaults to its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Currency")]
    pub currency: Option<String>,
    /// Money to spend (the "from total price" flow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub total: Option<f64>,
}

/// One line of `calculatePrice`: give `amount` (grams) or `total` (money).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CalculatePriceItem {
    /// Product code, e.g. `GAU`.
    pub sku: String,
    /// Grams.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub amount: Option<f64>,
    /// Money to spend on this product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub total: Option<f64>,
}

/// Body of `calculatePrice` (inferred path `POST /partner/calculate-price`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CalculatePriceRequest {
    /// Token of the quote whose prices to use.
    pub price_token: String,
    /// `buy` (default) or `sell`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"buy\" | \"sell\"")]
    pub side: Option<String>,
    /// 1–20 lines.
    pub items: Vec<CalculatePriceItem>,
}

/// Query of `getProductPrices`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct ProductPricesQuery {
    /// Currency of the prices; the API defaults to its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Currency")]
    pub currency: Option<String>,
}

/// One product's locked prices in a quote.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct Price {
    #[tsify(optional)]
    pub currency_id: OrNull<f64>,
    #[tsify(optional)]
    pub product_id: OrNull<f64>,
    #[tsify(optional)]
    pub spot_price: OrNull<f64>,
    /// What the customer pays per gram.
    #[tsify(optional)]
    pub buy_price: OrNull<f64>,
    /// What the customer receives per gram.
    #[tsify(optional)]
    pub sell_price: OrNull<f64>,
    /// Grams the quote's `total` buys (total-price quotes).
    #[tsify(optional)]
    pub buy_amount: OrNull<f64>,
    /// Product code: `GAU` gold, `GAG` silver, `GPT` platinum…
    pub sku: String,
}

/// `data` of `priceFix`: the locked prices and their token (see the `Quote` class).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct PriceFix {
    /// Send as `price_token` before the quote expires.
    pub token: String,
    /// The money amount of a total-price quote.
    #[tsify(optional)]
    pub total: OrNull<f64>,
    /// Server time, e.g. `2024-12-05T18:43:32+03:00`.
    #[tsify(optional)]
    pub expires_at: OrNull<String>,
    /// Seconds the token lives (239 in the docs).
    #[tsify(optional)]
    pub expire_ttl: OrNull<f64>,
    #[tsify(optional)]
    pub is_total_price: OrNull<bool>,
    pub prices: Vec<Price>,
    /// e.g. `TRY`.
    #[tsify(optional)]
    pub currency: OrNull<String>,
}

/// One priced line of `calculatePrice`.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct CalculatedLine {
    pub sku: String,
    /// Grams.
    #[tsify(optional)]
    pub amount: OrNull<f64>,
    #[tsify(optional)]
    pub unit_price: OrNull<f64>,
    #[tsify(optional)]
    pub total: OrNull<f64>,
}

/// `data` of `calculatePrice` (inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct CalculatedPrice {
    #[tsify(optional)]
    pub price_token: OrNull<String>,
    #[tsify(optional)]
    pub side: OrNull<String>,
    #[tsify(optional)]
    pub currency: OrNull<String>,
    pub items: Vec<CalculatedLine>,
    #[tsify(optional)]
    pub total: OrNull<f64>,
}

/// Current (not locked) price of one product, from `getProductPrices` (inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct ProductPrice {
    pub sku: String,
    #[tsify(optional)]
    pub product_id: OrNull<f64>,
    #[tsify(optional)]
    pub product_name: OrNull<String>,
    #[tsify(optional)]
    pub currency_id: OrNull<f64>,
    #[tsify(optional)]
    pub currency: OrNull<String>,
    #[tsify(optional)]
    pub spot_price: OrNull<f64>,
    #[tsify(optional)]
    pub buy_price: OrNull<f64>,
    #[tsify(optional)]
    pub sell_price: OrNull<f64>,
    #[tsify(optional)]
    pub updated_at: OrNull<String>,
}

/// A list of [`ProductPrice`].
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[tsify(type = "ProductPrice[]")]
pub struct ProductPriceList(pub Vec<ProductPrice>);

// Response shapes, checked against the structs above by `api::tests`.

pub const PRICE: Shape = Shape::Obj(&[
    opt("currency_id", Shape::Num),
    opt("product_id", Shape::Num),
    opt("spot_price", Shape::Num),
    opt("buy_price", Shape::Num),
    opt("sell_price", Shape::Num),
    opt("buy_amount", Shape::Num),
    req("sku", Shape::Str),
]);

pub const PRICE_FIX: Shape = Shape::Obj(&[
    req("token", Shape::Str),
    opt("total", Shape::Num),
    opt("expires_at", Shape::Str),
    opt("expire_ttl", Shape::Num),
    opt("is_total_price", Shape::Bool),
    req("prices", Shape::Arr(&PRICE)),
    opt("currency", Shape::Str),
]);

pub const CALCULATED_LINE: Shape = Shape::Obj(&[
    req("sku", Shape::Str),
    opt("amount", Shape::Num),
    opt("unit_price", Shape::Num),
    opt("total", Shape::Num),
]);

pub const CALCULATED_PRICE: Shape = Shape::Obj(&[
    opt("price_token", Shape::Str),
    opt("side", Shape::Str),
    opt("currency", Shape::Str),
    req("items", Shape::Arr(&CALCULATED_LINE)),
    opt("total", Shape::Num),
]);

pub const PRODUCT_PRICE: Shape = Shape::Obj(&[
    req("sku", Shape::Str),
    opt("product_id", Shape::Num),
    opt("product_name", Shape::Str),
    opt("currency_id", Shape::Num),
    opt("currency", Shape::Str),
    opt("spot_price", Shape::Num),
    opt("buy_price", Shape::Num),
    opt("sell_price", Shape::Num),
    opt("updated_at", Shape::Str),
]);

described!(Price => PRICE);
described!(PriceFix => PRICE_FIX);
described!(CalculatedLine => CALCULATED_LINE);
described!(CalculatedPrice => CALCULATED_PRICE);
described!(ProductPrice => PRODUCT_PRICE);
described!(ProductPriceList => Shape::Arr(&PRODUCT_PRICE));

open_interfaces!("Price", "PriceFix", "CalculatedLine", "CalculatedPrice", "ProductPrice");
