//! Pricing: price fixes (quotes), basket calculation, current product prices.

use super::model::models;
use super::values::{Currency, PriceFixType};
use crate::validate::schema::Check;

models! {
    /// Body of `priceFix` (`POST /partner/pricefix`, `api-version: 3`). From amount: `{ type, customer_external_id }`; from total price: add `total` (and `currency`); partner (B2B): `{ type }` only.
    request PriceFixRequest {
        /// Only `"digital"` appears in the docs.
        req type: suggest(PriceFixType),
        /// The customer the quote is for (B2B2C); required with `total`.
        opt customer_external_id: external_id,
        /// Currency of the prices; the API defaults to its own.
        opt currency: one_of(Currency),
        /// Money to spend (the "from total price" flow).
        opt total: money,
    } checks [Check::Requires("total", "customer_external_id")];

    /// One line of `calculatePrice`: give `amount` (grams) or `total` (money).
    request CalculatePriceItem {
        /// Product code, e.g. `GAU`.
        req sku: sku,
        /// Grams.
        opt amount: metal,
        /// Money to spend on this product.
        opt total: money,
    } checks [Check::ExactlyOneOf(&["amount", "total"])];

    /// Body of `calculatePrice` (inferred path `POST /partner/calculate-price`).
    request CalculatePriceRequest {
        /// Token of the quote whose prices to use.
        req price_token: token,
        /// `buy` (default) or `sell`.
        opt side: one_of["buy", "sell"],
        /// 1–20 lines.
        req items: array(1, 20, CalculatePriceItem),
    };

    /// Query of `getProductPrices`.
    request ProductPricesQuery {
        /// Currency of the prices; the API defaults to its own.
        opt currency: one_of(Currency),
    };

    /// One product's locked prices in a quote.
    response Price {
        opt currency_id: num,
        opt product_id: num,
        opt spot_price: num,
        /// What the customer pays per gram.
        opt buy_price: num,
        /// What the customer receives per gram.
        opt sell_price: num,
        /// Grams the quote's `total` buys (total-price quotes).
        opt buy_amount: num,
        /// Product code: `GAU` gold, `GAG` silver, `GPT` platinum…
        req sku: str,
    };

    /// `data` of `priceFix`: the locked prices and their token (see the `Quote` class).
    response PriceFix {
        /// Send as `price_token` before the quote expires.
        req token: str,
        /// The money amount of a total-price quote.
        opt total: num,
        /// Server time, e.g. `2024-12-05T18:43:32+03:00`.
        opt expires_at: str,
        /// Seconds the token lives (239 in the docs).
        opt expire_ttl: num,
        opt is_total_price: bool,
        req prices: array(Price),
        /// e.g. `TRY`.
        opt currency: str,
    };

    /// One priced line of `calculatePrice`.
    response CalculatedLine {
        req sku: str,
        /// Grams.
        opt amount: num,
        opt unit_price: num,
        opt total: num,
    };

    /// `data` of `calculatePrice` (inferred shape).
    response CalculatedPrice {
        opt price_token: str,
        opt side: str,
        opt currency: str,
        req items: array(CalculatedLine),
        opt total: num,
    };

    /// Current (not locked) price of one product, from `getProductPrices` (inferred shape).
    response ProductPrice {
        req sku: str,
        opt product_id: num,
        opt product_name: str,
        opt currency_id: num,
        opt currency: str,
        opt spot_price: num,
        opt buy_price: num,
        opt sell_price: num,
        opt updated_at: str,
    };

    /// A list of [`ProductPrice`].
    list ProductPriceList = ProductPrice;
}
