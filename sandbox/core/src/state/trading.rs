//! What trading leaves behind: price quotes, stored cards (masked only) and card payments waiting for 3-D Secure.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::customer::Owner;
use crate::cards::Behaviour;
use crate::dates;
use crate::pricing::PriceLine;

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
            "expires_at": dates::rfc3339(self.expires_ms),
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
