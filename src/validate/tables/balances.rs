//! Balances.

use crate::validate::schema::{fields, opt, req, Check, Rule, Schema};

pub const UPDATE_CASH_BALANCE: Schema = fields(&[
    req("type", Rule::OneOf(&["deposit", "withdraw"])),
    req("amount", Rule::Money),
    req("external_id", Rule::Text { min: 3, max: 50 }),
    opt("description", Rule::Text { min: 1, max: 250 }),
]);

pub const BALANCE_STATS: Schema = Schema {
    fields: &[
        opt("start_date", Rule::Date),
        opt("end_date", Rule::Date),
        opt("customer_external_id", Rule::ExternalId),
    ],
    checks: &[Check::Requires("end_date", "start_date")],
};
