//! Price fixes, price calculation, buy and sell (cash and card).

use crate::validate::schema::{fields, opt, req, Check, Rule, Schema, CARD, STORED_CARD};

const PRICE_FIX_TYPES: &[&str] = &["digital"];

pub const PRICE_FIX: Schema = Schema {
    fields: &[
        req("type", Rule::Suggest(PRICE_FIX_TYPES)),
        opt("customer_external_id", Rule::ExternalId),
        opt("currency", Rule::Currency),
        opt("total", Rule::Money),
    ],
    // The "from total price" entry documents customer_external_id as required with a total.
    checks: &[Check::Requires("total", "customer_external_id")],
};

const CALCULATE_ITEM: Rule = Rule::ObjectWith(
    &[req("sku", Rule::Sku), opt("amount", Rule::Metal), opt("total", Rule::Money)],
    &[Check::ExactlyOneOf(&["amount", "total"])],
);

pub const CALCULATE_PRICE: Schema = fields(&[
    req("price_token", Rule::Token),
    opt("side", Rule::OneOf(&["buy", "sell"])),
    req("items", Rule::Array { min: 1, max: 20, item: &CALCULATE_ITEM }),
]);

pub const PRODUCT_PRICES_QUERY: Schema = fields(&[opt("currency", Rule::Currency)]);

/// An order's own id, as Minted's examples use them (`HYAQA01714rqz`, `1699255128879-05ee…`).
const ORDER_EXTERNAL_ID: Rule = Rule::Text { min: 3, max: 50 };

/// The customer block of B2B2C buys (`OrderCustomerRequestScheme`).
const ORDER_CUSTOMER: Rule = Rule::Object(&[
    req("external_id", Rule::ExternalId),
    req("identity_number", Rule::Tckn),
    req("firstname", Rule::PersonName),
    opt("middlename", Rule::MiddleName),
    req("lastname", Rule::PersonName),
    opt("fullname", Rule::Text { min: 1, max: 120 }),
    req("email", Rule::Email),
    req("phone", Rule::Phone),
    opt("gender", Rule::Gender),
    opt("birthdate", Rule::Birthdate),
]);

const ITEM: Rule = Rule::Object(&[req("sku", Rule::Sku), req("amount", Rule::Metal)]);
const ITEMS: Rule = Rule::Array { min: 1, max: 20, item: &ITEM };

const PAYMENT_TYPE_CHECK: Check =
    Check::PresentExactlyWhen { field: "payment_type", value: "creditcard", needs: "payment" };

pub const BUY: Schema = Schema {
    fields: &[
        req("price_token", Rule::Token),
        opt("currency_code", Rule::Currency),
        opt("external_id", ORDER_EXTERNAL_ID),
        opt("customer", ORDER_CUSTOMER),
        req("items", ITEMS),
        opt("topup", Rule::Object(&[req("price", Rule::Money)])),
        opt("payment_type", Rule::OneOf(&["creditcard", "cash"])),
        opt("payment", Rule::Payment),
    ],
    checks: &[PAYMENT_TYPE_CHECK],
};

/// `buyGold` & co.: one metal, so `amount` instead of `items`.
pub const BUY_METAL: Schema = Schema {
    fields: &[
        req("price_token", Rule::Token),
        opt("currency_code", Rule::Currency),
        opt("external_id", ORDER_EXTERNAL_ID),
        opt("customer", ORDER_CUSTOMER),
        req("amount", Rule::Metal),
        opt("payment_type", Rule::OneOf(&["creditcard", "cash"])),
        opt("payment", Rule::Payment),
    ],
    checks: &[PAYMENT_TYPE_CHECK],
};

pub const BUY_WITH_CARD_NUMBER: Schema = fields(&[
    req("price_token", Rule::Token),
    opt("currency_code", Rule::Currency),
    opt("external_id", ORDER_EXTERNAL_ID),
    opt("customer", ORDER_CUSTOMER),
    req("items", ITEMS),
    opt("payment_type", Rule::OneOf(&["creditcard"])),
    req("payment", Rule::Object(CARD)),
]);

pub const BUY_WITH_CARD_TOKEN: Schema = fields(&[
    req("price_token", Rule::Token),
    opt("currency_code", Rule::Currency),
    opt("external_id", ORDER_EXTERNAL_ID),
    opt("customer", ORDER_CUSTOMER),
    req("items", ITEMS),
    opt("payment_type", Rule::OneOf(&["creditcard"])),
    req("payment", Rule::Object(STORED_CARD)),
]);

pub const SELL: Schema = fields(&[
    req("price_token", Rule::Token),
    opt("currency_code", Rule::Currency),
    opt("external_id", ORDER_EXTERNAL_ID),
    req("items", ITEMS),
]);

pub const SELL_METAL: Schema = fields(&[
    req("price_token", Rule::Token),
    opt("currency_code", Rule::Currency),
    opt("external_id", ORDER_EXTERNAL_ID),
    req("amount", Rule::Metal),
]);
