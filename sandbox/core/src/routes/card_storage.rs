//! Card storage: list, add and delete a customer's stored cards. Only the masked number and a token are kept; the
//! token is what a card buy sends as `payment.card_token`.

use serde_json::json;

use super::call::{Call, Route};
use super::card_payment::card_number;
use super::checks::existing_customer;
use crate::cards;
use crate::dates;
use crate::envelope::{ok, Failure, Reply};
use crate::messages::Msg;
use crate::rules::Rule;
use crate::state::StoredCard;
use crate::validate::Fields;

pub const ROUTES: &[Route] = &[
    Route::new("POST", "/partner/card-storage/list", list),
    Route::new("POST", "/partner/card-storage", add),
    Route::new("DELETE", "/partner/card-storage", remove),
];

/// `listStoredCards`.
fn list(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let store = &call.world.store;
    let id = existing_customer(store, Fields(&body))?;
    ok(store.cards_of(id).map(StoredCard::view).collect::<Vec<_>>())
}

/// `addStoredCard`: checks the card (Luhn, expiry) and keeps it masked under a new `ctok_` token.
fn add(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    let world = &mut *call.world;
    let id = existing_customer(&world.store, fields)?.to_owned();
    let holder = fields.required_string("card_holder")?.trim().to_owned();
    let number = card_number(fields, "card_number")?;
    let expiry = fields.required_string("card_expiry")?;
    let (year, month) = dates::year_month(call.now_ms);
    if !cards::expiry_valid(expiry, year, month) {
        return Err(Failure::field("card_expiry", Rule::CardExpiry));
    }
    let alias = fields.string("alias")?.map(str::trim).filter(|alias| !alias.is_empty()).map(str::to_owned);
    let card = StoredCard {
        token: format!("ctok_{}", world.rng.alphanumeric(24)),
        customer_external_id: id,
        masked_number: cards::mask(&number),
        card_holder: holder,
        card_expiry: expiry.to_owned(),
        card_association: cards::association(&number).to_owned(),
        alias,
        created_at: dates::timestamp(call.now_ms),
        behaviour: cards::behaviour(&number),
    };
    let view = card.view();
    world.store.add_card(card);
    ok(view)
}

/// `deleteStoredCard` (the body travels with the DELETE).
fn remove(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    let store = &mut call.world.store;
    let id = existing_customer(store, fields)?.to_owned();
    let token = fields.required_string("card_token")?;
    let removed = store.remove_card(&id, token).ok_or_else(|| Failure::not_found(Msg::CardNotFound))?;
    ok(json!({"card_token": removed.token, "deleted": true}))
}
