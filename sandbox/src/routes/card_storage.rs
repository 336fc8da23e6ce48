//! Card storage: list, add and delete a customer's stored cards. Only the masked number and a token are kept; the
//! token is what a card buy sends as `payment.card_token`.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use axum::Router;
use serde_json::json;

use super::card_payment::card_number;
use super::checks::existing_customer;
use crate::cards;
use crate::envelope::{ok, Failure, Msg, Reply, Rule};
use crate::state::{now_timestamp, StoredCard};
use crate::validate::{json_object, Fields};
use crate::{clock, ids, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/partner/card-storage/list", post(list))
        .route("/partner/card-storage", post(add).delete(remove))
}

/// `listStoredCards`.
async fn list(State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let store = state.store();
    let id = existing_customer(&store, Fields(&body))?;
    ok(store.cards_of(id).map(StoredCard::view).collect::<Vec<_>>())
}

/// `addStoredCard`: checks the card (Luhn, expiry) and keeps it masked under a new `ctok_` token.
async fn add(State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let fields = Fields(&body);
    let mut store = state.store();
    let id = existing_customer(&store, fields)?.to_owned();
    let holder = fields.required_string("card_holder")?.trim().to_owned();
    let number = card_number(fields, "card_number")?;
    let expiry = fields.required_string("card_expiry")?;
    let (year, month) = clock::year_month(clock::now_ms());
    if !cards::expiry_valid(expiry, year, month) {
        return Err(Failure::field("card_expiry", Rule::CardExpiry));
    }
    let alias = fields.string("alias")?.map(str::trim).filter(|alias| !alias.is_empty()).map(str::to_owned);
    let card = StoredCard {
        token: format!("ctok_{}", ids::alphanumeric(24)),
        customer_external_id: id,
        masked_number: cards::mask(&number),
        card_holder: holder,
        card_expiry: expiry.to_owned(),
        card_association: cards::association(&number).to_owned(),
        alias,
        created_at: now_timestamp(),
        behaviour: cards::behaviour(&number),
    };
    let view = card.view();
    store.add_card(card);
    ok(view)
}

/// `deleteStoredCard` (the body travels with the DELETE).
async fn remove(State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let fields = Fields(&body);
    let mut store = state.store();
    let id = existing_customer(&store, fields)?.to_owned();
    let token = fields.required_string("card_token")?;
    let removed = store.remove_card(&id, token).ok_or_else(|| Failure::not_found(Msg::CardNotFound))?;
    ok(json!({"card_token": removed.token, "deleted": true}))
}
