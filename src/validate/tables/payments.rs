//! Card payment look-ups and card storage.

use crate::validate::schema::{fields, opt, req, Rule, Schema};

pub const BIN_QUERY: Schema = fields(&[req("bin", Rule::Bin), opt("amount", Rule::Money)]);

pub const LIST_STORED_CARDS: Schema = fields(&[req("customer_external_id", Rule::ExternalId)]);

pub const ADD_STORED_CARD: Schema = fields(&[
    req("customer_external_id", Rule::ExternalId),
    req("card_holder", Rule::Text { min: 2, max: 60 }),
    req("card_number", Rule::CardNumber),
    req("card_expiry", Rule::CardExpiry),
    opt("alias", Rule::Text { min: 1, max: 40 }),
]);

pub const DELETE_STORED_CARD: Schema =
    fields(&[req("customer_external_id", Rule::ExternalId), req("card_token", Rule::Token)]);
