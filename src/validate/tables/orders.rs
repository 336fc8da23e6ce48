//! Order listing and partner legal texts.

use crate::validate::schema::{fields, opt, Check, Rule, Schema};

pub const ORDERS_QUERY: Schema = Schema {
    fields: &[
        opt("page", Rule::Integer { min: 1, max: 1_000_000 }),
        opt("total", Rule::Integer { min: 5, max: 30 }),
        opt("customer_external_id", Rule::Text { min: 1, max: 110 }),
        opt("sku", Rule::Sku),
        opt("status", Rule::Text { min: 1, max: 40 }),
        opt("tx_type", Rule::OneOf(&["buy", "sell", "delivery"])),
        opt("sortBy", Rule::OneOf(&["type", "total", "customer_external_id", "created_at"])),
        opt("sortType", Rule::OneOf(&["asc", "desc"])),
        opt("startDate", Rule::Date),
        opt("endDate", Rule::Date),
    ],
    checks: &[Check::Requires("sortType", "sortBy")],
};

pub const PARTNER_LEGAL: Schema = fields(&[opt("type", Rule::Text { min: 1, max: 40 })]);
