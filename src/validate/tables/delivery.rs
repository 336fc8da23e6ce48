//! Physical delivery.

use crate::validate::schema::{fields, opt, req, Check, Rule, Schema};

/// A delivery address must be complete enough for a courier.
pub const ADDRESS: Rule = Rule::Object(&[
    req("fullname", Rule::Text { min: 3, max: 100 }),
    req("phone", Rule::Phone),
    req("city", Rule::Text { min: 2, max: 60 }),
    req("district", Rule::Text { min: 2, max: 60 }),
    req("address", Rule::Text { min: 5, max: 250 }),
    req("zipcode", Rule::Text { min: 3, max: 10 }),
    opt("county", Rule::Text { min: 2, max: 60 }),
    opt("street", Rule::Text { min: 2, max: 100 }),
    opt("email", Rule::Email),
    opt("company_name", Rule::Text { min: 2, max: 150 }),
    opt("tax_office", Rule::Text { min: 2, max: 100 }),
    opt("tax_number", Rule::Vkn),
]);

const ITEM: Rule = Rule::Object(&[req("sku", Rule::Sku), req("quantity", Rule::Integer { min: 1, max: 1000 })]);
const ITEMS: Rule = Rule::Array { min: 1, max: 20, item: &ITEM };

pub const DELIVERY_WALLETS: Schema = fields(&[opt("customer_external_id", Rule::ExternalId)]);

pub const CALCULATE_DELIVERY: Schema =
    fields(&[opt("customer_external_id", Rule::ExternalId), req("items", ITEMS), req("address", ADDRESS)]);

pub const CREATE_DELIVERY: Schema = Schema {
    fields: &[
        opt("external_id", Rule::Text { min: 3, max: 50 }),
        opt("customer_external_id", Rule::ExternalId),
        req("items", ITEMS),
        req("address", ADDRESS),
        req("payment_type", Rule::OneOf(&["cash", "creditcard"])),
        opt("payment", Rule::Payment),
    ],
    checks: &[Check::PresentExactlyWhen { field: "payment_type", value: "creditcard", needs: "payment" }],
};

/// `createDeliveryPayWithCash`: the SDK sets `payment_type: "cash"`.
pub const CREATE_DELIVERY_CASH: Schema = fields(&[
    opt("external_id", Rule::Text { min: 3, max: 50 }),
    opt("customer_external_id", Rule::ExternalId),
    req("items", ITEMS),
    req("address", ADDRESS),
    opt("payment_type", Rule::OneOf(&["cash"])),
]);

/// `createDeliveryPayWithCard`: the SDK sets `payment_type: "creditcard"`.
pub const CREATE_DELIVERY_CARD: Schema = fields(&[
    opt("external_id", Rule::Text { min: 3, max: 50 }),
    opt("customer_external_id", Rule::ExternalId),
    req("items", ITEMS),
    req("address", ADDRESS),
    opt("payment_type", Rule::OneOf(&["creditcard"])),
    req("payment", Rule::Payment),
]);
