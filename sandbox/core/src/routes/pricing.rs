//! Pricing: the price fix (a quote with a token), basket calculation at a quote's prices, and current prices.

use serde_json::{json, Value};

use super::call::{Call, Route};
use super::checks;
use crate::dates::{self, MINUTE_MS};
use crate::envelope::{code, ok, Failure, Reply};
use crate::messages::Msg;
use crate::pricing::{
    price_line, price_lines, round2, round_to, CURRENCIES, PARTNER_CURRENCY, PRODUCTS, QUOTE_DEFAULT_CURRENCY, SKUS,
};
use crate::rules::Rule;
use crate::state::Quote;
use crate::validate::{self, Fields};

const QUOTE_TYPES: &[&str] = &["digital"];
const SIDES: &[&str] = &["buy", "sell"];

pub const ROUTES: &[Route] = &[
    Route::new("POST", "/partner/pricefix", price_fix),
    Route::new("POST", "/partner/calculate-price", calculate_price),
    Route::new("GET", "/partner/product-prices", product_prices),
];

/// `priceFix`: locks the current prices under a fresh token for `--quote-ttl-secs`.
fn price_fix(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    validate::one_of("type", fields.required_string("type")?, QUOTE_TYPES)?;
    let currency = fields.string("currency")?.unwrap_or(QUOTE_DEFAULT_CURRENCY);
    validate::one_of("currency", currency, CURRENCIES)?;
    // The API declares `customer_external_id` a string: a `null` is refused, not read as "no customer".
    let customer = fields.string_not_null("customer_external_id")?.map(str::trim).filter(|id| !id.is_empty());
    let total = fields.positive("total")?;
    if total.is_some() && customer.is_none() {
        return Err(Failure::unprocessable(code::PARAMETER, Msg::TotalNeedsCustomer));
    }
    let world = &mut *call.world;
    if customer.is_some_and(|id| world.store.customer(id).is_none()) {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    let now = call.now_ms;
    let settings = &world.settings;
    let quote = Quote {
        token: world.rng.alphanumeric(32),
        customer_external_id: customer.map(str::to_owned),
        currency: currency.to_owned(),
        prices: price_lines(settings.seed, currency, now / MINUTE_MS, total),
        is_total_price: total.is_some(),
        total,
        issued_ms: now,
        expires_ms: expiry(now, settings.quote_ttl_ms()),
        used: false,
    };
    let view = quote.view();
    world.store.add_quote(quote);
    ok(view)
}

/// When a quote issued at `now_ms` expires: the TTL later, rounded up to a whole second, because `expires_at` is
/// written in whole seconds and a client must never see it earlier than the sandbox enforces it.
fn expiry(now_ms: i64, ttl_ms: i64) -> i64 {
    (now_ms.saturating_add(ttl_ms) + 999).div_euclid(1000) * 1000
}

/// `calculatePrice`: prices `items` (grams or money each) at the quote's locked buy or sell prices.
fn calculate_price(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    let quote = checks::live_quote(&call.world.store, fields, call.now_ms)?;
    let side = fields.string("side")?.unwrap_or("buy");
    validate::one_of("side", side, SIDES)?;
    let mut lines = Vec::new();
    for item in checks::item_objects(fields)? {
        let product = checks::item_product(item)?;
        let line = quote.price(product.sku).ok_or_else(|| Failure::field("items.sku", Rule::OneOf(SKUS)))?;
        let unit_price = if side == "buy" { line.buy_price } else { line.sell_price };
        let amount = item.positive("amount").map_err(|_| Failure::field("items.amount", Rule::Positive))?;
        let total = item.positive("total").map_err(|_| Failure::field("items.total", Rule::Positive))?;
        let (amount, total) = match (amount, total) {
            (Some(amount), None) => (amount, round2(amount * unit_price)),
            (None, Some(total)) => (round_to(total / unit_price, 4), round2(total)),
            _ => return Err(Failure::unprocessable(code::PARAMETER, Msg::AmountOrTotal)),
        };
        lines.push(json!({"sku": product.sku, "amount": amount, "unit_price": unit_price, "total": total}));
    }
    let total = round2(lines.iter().filter_map(|line| line["total"].as_f64()).sum());
    ok(json!({"price_token": quote.token, "side": side, "currency": quote.currency, "items": lines, "total": total}))
}

/// `getProductPrices`: this minute's prices (not locked), in `currency` or the partner currency.
fn product_prices(call: &mut Call<'_>) -> Reply {
    let query = call.query();
    // The last one wins when a name repeats.
    let currency = query.iter().rev().find(|(name, _)| name == "currency").map_or(PARTNER_CURRENCY, |(_, v)| v);
    validate::one_of("currency", currency, CURRENCIES)?;
    let minute = call.now_ms / MINUTE_MS;
    let updated_at = dates::rfc3339(minute * MINUTE_MS);
    let prices: Vec<Value> = PRODUCTS
        .iter()
        .map(|product| {
            let line = price_line(call.world.settings.seed, product, currency, minute, None);
            json!({
                "sku": product.sku,
                "product_id": product.product_id,
                "product_name": product.name,
                "currency_id": product.currency_id,
                "currency": currency,
                "spot_price": line.spot_price,
                "buy_price": line.buy_price,
                "sell_price": line.sell_price,
                "updated_at": updated_at,
            })
        })
        .collect();
    ok(prices)
}

#[cfg(test)]
mod tests {
    use super::expiry;

    #[test]
    fn expiry_lands_on_the_next_whole_second() {
        assert_eq!(expiry(10_000, 240_000), 250_000);
        assert_eq!(expiry(10_001, 1_000), 12_000);
        assert_eq!(expiry(10_999, 1_000), 12_000);
    }
}
