//! Customers and wallet KYC.

use crate::validate::schema::{fields, opt, req, Check, Field, Rule, Schema};

/// Wallet KYC statuses this SDK sends (the endpoint is inferred; see docs/inferred-endpoints.md).
pub const KYC_STATUSES: &[&str] = &["pending", "verified", "rejected"];

pub const CREATE_CUSTOMER: Schema = fields(&[
    req("external_id", Rule::ExternalId),
    opt("firstname", Rule::PersonName),
    opt("middlename", Rule::MiddleName),
    opt("lastname", Rule::PersonName),
    opt("email", Rule::Email),
    opt("phone", Rule::Phone),
    opt("gender", Rule::Gender),
    opt("identity_number", Rule::Tckn),
    opt("birthdate", Rule::Birthdate),
]);

pub const CREATE_BUSINESS_CUSTOMER: Schema = fields(&[
    req("external_id", Rule::ExternalId),
    req("company_name", Rule::Text { min: 2, max: 150 }),
    req("identity_number", Rule::Vkn),
    opt("tax_office", Rule::Text { min: 2, max: 100 }),
    opt("firstname", Rule::PersonName),
    opt("middlename", Rule::MiddleName),
    opt("lastname", Rule::PersonName),
    opt("email", Rule::Email),
    opt("phone", Rule::Phone),
]);

pub const UPDATE_CUSTOMER: Schema = fields(&[
    req("firstname", Rule::PersonName),
    opt("middlename", Rule::MiddleName),
    req("lastname", Rule::PersonName),
    opt("email", Rule::Email),
    req("phone", Rule::Phone),
    opt("gender", Rule::Gender),
    req("identity_number", Rule::Tckn),
    opt("birthdate", Rule::Birthdate),
]);

const WALLET_KYC_FIELDS: &[Field] = &[
    req("status", Rule::OneOf(KYC_STATUSES)),
    opt("level", Rule::Integer { min: 0, max: 3 }),
    opt("reference", Rule::Text { min: 1, max: 100 }),
    opt("verified_at", Rule::Text { min: 1, max: 40 }),
];

pub const UPSERT_WALLET_KYC: Schema = fields(WALLET_KYC_FIELDS);

const BULK_WALLET_KYC_ITEM: Rule = Rule::Object(&[
    req("customer_external_id", Rule::ExternalId),
    req("status", Rule::OneOf(KYC_STATUSES)),
    opt("level", Rule::Integer { min: 0, max: 3 }),
    opt("reference", Rule::Text { min: 1, max: 100 }),
    opt("verified_at", Rule::Text { min: 1, max: 40 }),
]);

pub const BULK_UPSERT_WALLET_KYC: Schema =
    fields(&[req("items", Rule::Array { min: 1, max: 100, item: &BULK_WALLET_KYC_ITEM })]);

pub const GET_ORDER_ALTERNATIVE: Schema = Schema {
    fields: &[
        opt("guid", Rule::Text { min: 1, max: 64 }),
        opt("order_code", Rule::Text { min: 1, max: 64 }),
        opt("external_id", Rule::Text { min: 1, max: 110 }),
        opt("push_hook", Rule::Bool),
    ],
    checks: &[Check::AtLeastOneOf(&["guid", "order_code", "external_id"])],
};
