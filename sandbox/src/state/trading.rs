//! What trading leaves behind: price quotes, stored cards (masked only) and card payments waiting for 3-D Secure.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{Owner, Store};
use crate::cards::Behaviour;
use crate::clock;
use crate::envelope::{Failure, Msg};
use crate::pricing::PriceLine;

/// Quotes that expired this long ago are forgotten, so the state does not grow without bound.
const QUOTE_RETENTION_MS: i64 = 24 * 3_600_000;

/// A price fix: the prices it locked and who may use them, until when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub token: String,
    pub customer_external_id: Option<String>,
    pub currency: String,
    pub prices: Vec<PriceLine>,
    pub is_total_price: bool,
    pub total: Option<f64>,
    pub issued_ms: i64,
    pub expires_ms: i64,
    pub used: bool,
}

impl Quote {
    pub fn price(&self, sku: &str) -> Option<&PriceLine> {
        self.prices.iter().find(|line| line.sku == sku)
    }

    /// The documented `PriceFix`.
    pub fn view(&self) -> Value {
        json!({
            "token": self.token,
            "total": self.total,
            "expires_at": clock::rfc3339(self.expires_ms),
            "expire_ttl": (self.expires_ms - self.issued_ms) / 1000,
            "is_total_price": self.is_total_price,
            "prices": self.prices,
            "currency": self.currency,
        })
    }
}

/// A stored card: never the full number, never the CVV.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredCard {
    pub token: String,
    pub customer_external_id: String,
    pub masked_number: String,
    pub card_holder: String,
    pub card_expiry: String,
    pub card_association: String,
    pub alias: Option<String>,
    pub created_at: String,
    /// The test-card behaviour of the number it was stored from.
    pub behaviour: Behaviour,
}

impl StoredCard {
    /// The first six digits, which the masked number keeps.
    pub fn bin(&self) -> &str {
        self.masked_number.get(..6).unwrap_or("")
    }

    pub fn view(&self) -> Value {
        json!({
            "card_token": self.token,
            "masked_number": self.masked_number,
            "card_holder": self.card_holder,
            "card_expiry": self.card_expiry,
            "card_association": self.card_association,
            "alias": self.alias,
            "created_at": self.created_at,
        })
    }
}

/// A card payment waiting for its 3-D Secure step, and what completing it does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingPayment {
    pub owner: Owner,
    /// Wallet credits (a buy's metal) made only once the payment succeeds.
    pub credits: Vec<(String, f64)>,
    pub reason: String,
    pub order_guids: Vec<String>,
    pub completed: bool,
}

impl Store {
    pub fn add_quote(&mut self, quote: Quote) {
        let horizon = quote.issued_ms - QUOTE_RETENTION_MS;
        self.quotes.retain(|_, kept| kept.expires_ms > horizon);
        self.quotes.insert(quote.token.clone(), quote);
    }

    pub fn quote(&self, token: &str) -> Option<&Quote> {
        self.quotes.get(token)
    }

    pub fn use_quote(&mut self, token: &str) {
        if let Some(quote) = self.quotes.get_mut(token) {
            quote.used = true;
        }
    }

    pub fn add_card(&mut self, card: StoredCard) {
        self.cards.push(card);
    }

    pub fn cards_of<'a>(&'a self, customer_external_id: &'a str) -> impl Iterator<Item = &'a StoredCard> + 'a {
        self.cards.iter().filter(move |card| card.customer_external_id == customer_external_id)
    }

    pub fn card(&self, token: &str) -> Option<&StoredCard> {
        self.cards.iter().find(|card| card.token == token)
    }

    pub fn remove_card(&mut self, customer_external_id: &str, token: &str) -> Option<StoredCard> {
        let index =
            self.cards.iter().position(|c| c.token == token && c.customer_external_id == customer_external_id)?;
        Some(self.cards.remove(index))
    }

    pub fn add_pending_payment(&mut self, token: String, pending: PendingPayment) {
        self.pending_payments.insert(token, pending);
    }

    /// Completes a 3-D Secure payment: credits what it bought, confirms its orders and starts its deliveries.
    /// Completing twice changes nothing. Returns the orders' external ids.
    pub fn complete_payment(&mut self, token: &str, now_ms: i64) -> Result<Vec<String>, Failure> {
        let pending =
            self.pending_payments.get(token).cloned().ok_or_else(|| Failure::not_found(Msg::PaymentNotFound))?;
        if !pending.completed {
            self.transfer(&pending.owner, &pending.credits, &pending.reason, now_ms)?;
            let transaction_id = format!("SBX{}", crate::ids::digits(12));
            for order in self.orders.iter_mut().filter(|order| pending.order_guids.contains(&order.guid)) {
                order.data["status_name"] = json!("Payment Confirmed");
                order.data["payment"]["state"] = json!("success");
                order.data["payment"]["transaction_id"] = json!(transaction_id);
                if let Some(track) = order.delivery.as_mut() {
                    track.started_ms = Some(now_ms);
                }
            }
            if let Some(kept) = self.pending_payments.get_mut(token) {
                kept.completed = true;
            }
        }
        let ids = self.orders.iter().filter(|order| pending.order_guids.contains(&order.guid));
        Ok(ids.filter_map(|order| order.external_id.clone()).collect())
    }
}
