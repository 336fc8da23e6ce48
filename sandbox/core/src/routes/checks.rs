//! Checks shared by the trading routes (buy, sell, calculate, delivery): price tokens, order ids and items.

use serde_json::Value;

use crate::envelope::{code, Failure};
use crate::messages::Msg;
use crate::pricing::{product_by_sku, Product, SKUS};
use crate::rules::Rule;
use crate::state::{Quote, Store, StoredOrder};
use crate::validate::{self, Fields};

const MAX_ITEMS: usize = 100;

/// The body's `customer_external_id`, which must name a customer (404 otherwise).
pub fn existing_customer<'a>(store: &Store, fields: Fields<'a>) -> Result<&'a str, Failure> {
    let id = fields.required_string("customer_external_id")?;
    match store.customer(id) {
        Some(_) => Ok(id),
        None => Err(Failure::not_found(Msg::CustomerNotFound)),
    }
}

/// The quote named by `price_token`, if known and not expired (1010 / 1011 otherwise).
pub fn live_quote(store: &Store, fields: Fields<'_>, now_ms: i64) -> Result<Quote, Failure> {
    let token = fields.required_string("price_token")?;
    let quote = store
        .quote(token)
        .ok_or_else(|| Failure::unprocessable(code::PRICE_TOKEN_NOT_FOUND, Msg::PriceTokenNotFound))?;
    if now_ms >= quote.expires_ms {
        return Err(Failure::unprocessable(code::PRICE_TOKEN_EXPIRED, Msg::PriceTokenExpired));
    }
    Ok(quote.clone())
}

/// As [`live_quote`], and not yet used by an order (1012 otherwise).
pub fn unused_quote(store: &Store, fields: Fields<'_>, now_ms: i64) -> Result<Quote, Failure> {
    let quote = live_quote(store, fields, now_ms)?;
    if quote.used {
        return Err(Failure::unprocessable(code::PRICE_TOKEN_USED, Msg::PriceTokenUsed));
    }
    Ok(quote)
}

/// The request's `external_id` for a new order: present, 3–50 characters of `A-Z a-z 0-9 _ . -`.
pub fn order_external_id(fields: Fields<'_>) -> Result<String, Failure> {
    let external_id = fields.required_string("external_id")?;
    validate::order_external_id("external_id", external_id)?;
    Ok(external_id.to_owned())
}

/// The external ids of a request's orders: the request's own for the first, then `-2`, `-3`, ….
pub fn item_external_ids(external_id: &str, count: usize) -> Vec<String> {
    (0..count.max(1))
        .map(|i| if i == 0 { external_id.to_owned() } else { format!("{external_id}-{}", i + 1) })
        .collect()
}

/// 1002 when an order already has one of `external_ids`, with that order as `data` so the client can reconcile.
pub fn ensure_new_orders(
    store: &Store,
    external_ids: &[String],
    view: impl Fn(&StoredOrder) -> Value,
) -> Result<(), Failure> {
    match external_ids.iter().find_map(|id| store.order_by_external_id(id)) {
        Some(existing) => Err(Failure::unprocessable(code::DUPLICATE, Msg::ExternalIdExists).with_data(view(existing))),
        None => Ok(()),
    }
}

/// The `items` array as objects: present, 1–100 entries.
pub fn item_objects<'a>(fields: Fields<'a>) -> Result<Vec<Fields<'a>>, Failure> {
    let items = fields.array("items")?.ok_or_else(|| Failure::field("items", Rule::Required))?;
    if items.is_empty() || items.len() > MAX_ITEMS {
        return Err(Failure::field("items", Rule::Items(1, MAX_ITEMS)));
    }
    items
        .iter()
        .map(|item| item.as_object().map(Fields).ok_or_else(|| Failure::field("items", Rule::Type("object"))))
        .collect()
}

/// A known product sku of an item.
pub fn item_product(item: Fields<'_>) -> Result<&'static Product, Failure> {
    let sku = item.required_string("sku").map_err(|_| Failure::field("items.sku", Rule::Required))?;
    product_by_sku(sku).ok_or_else(|| Failure::field("items.sku", Rule::OneOf(SKUS)))
}

/// Buy and sell items: `{sku, amount}` with a known sku and an amount above zero.
pub fn trade_items(fields: Fields<'_>) -> Result<Vec<(&'static Product, f64)>, Failure> {
    item_objects(fields)?
        .into_iter()
        .map(|item| {
            let product = item_product(item)?;
            let amount = item
                .positive("amount")
                .map_err(|_| Failure::field("items.amount", Rule::Positive))?
                .ok_or_else(|| Failure::field("items.amount", Rule::Required))?;
            Ok((product, amount))
        })
        .collect()
}

/// `currency_code`, when given, must be the quote's currency.
pub fn currency_matches(fields: Fields<'_>, quote: &Quote) -> Result<(), Failure> {
    match fields.string("currency_code")? {
        Some(currency) if currency != quote.currency => {
            Err(Failure::unprocessable(code::PARAMETER, Msg::CurrencyMismatch(quote.currency.clone())))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_ids_number_the_extra_orders() {
        assert_eq!(item_external_ids("ord-1", 1), ["ord-1"]);
        assert_eq!(item_external_ids("ord-1", 3), ["ord-1", "ord-1-2", "ord-1-3"]);
    }
}
