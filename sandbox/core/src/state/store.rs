//! [`Store`]: all API data of one sandbox, and the operations on it. Serializable as a whole, so a host can keep it
//! across restarts (the native host's `--state` file) or hand it to a user as JSON.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::customer::{empty_wallets, Customer, Owner};
use super::orders::{OrderDraft, OrderQuery, StoredOrder};
use super::trading::{PendingPayment, Quote, StoredCard};
use crate::dates;
use crate::envelope::{code, Failure};
use crate::ledger::{self, Balances, LedgerEntry};
use crate::messages::Msg;
use crate::random::Rng;

/// Bumped when the saved layout changes incompatibly.
const STATE_VERSION: u32 = 1;
/// Quotes that expired this long ago are forgotten, so the state does not grow without bound.
const QUOTE_RETENTION_MS: i64 = 24 * 3_600_000;

/// Why saved state could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON of the right shape; the parser's reason.
    NotState(String),
    /// Written by a sandbox with another layout.
    OtherVersion,
}

/// All API data of one sandbox run.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Store {
    version: u32,
    customers: BTreeMap<String, Customer>,
    next_customer_id: u64,
    partner_wallets: Balances,
    ledger: Vec<LedgerEntry>,
    orders: Vec<StoredOrder>,
    quotes: BTreeMap<String, Quote>,
    cards: Vec<StoredCard>,
    pending_payments: BTreeMap<String, PendingPayment>,
    /// `external_id`s of cash balance movements, so a repeated one moves nothing.
    movement_ids: BTreeSet<String>,
    next_address_id: u64,
}

impl Store {
    /// A store without any data (see `seed.rs` for the one every sandbox starts with).
    pub fn empty() -> Self {
        Self {
            version: STATE_VERSION,
            next_customer_id: 1,
            next_address_id: 1,
            partner_wallets: empty_wallets(),
            ..Self::default()
        }
    }

    /// The store as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A store saved by [`Self::to_json`], if this build can use it.
    pub fn from_json(text: &str) -> Result<Self, LoadError> {
        let store: Self = serde_json::from_str(text).map_err(|error| LoadError::NotState(error.to_string()))?;
        if store.version != STATE_VERSION {
            return Err(LoadError::OtherVersion);
        }
        Ok(store)
    }

    pub fn customer(&self, external_id: &str) -> Option<&Customer> {
        self.customers.get(external_id)
    }

    pub fn customer_mut(&mut self, external_id: &str) -> Option<&mut Customer> {
        self.customers.get_mut(external_id)
    }

    pub fn customers(&self) -> impl Iterator<Item = &Customer> {
        self.customers.values()
    }

    pub fn customers_mut(&mut self) -> impl Iterator<Item = &mut Customer> {
        self.customers.values_mut()
    }

    /// Adds a customer with the next id, timestamps of `now_ms` and (unless given) empty default wallets; `None` when
    /// the external id is taken.
    pub fn add_customer(&mut self, mut customer: Customer, now_ms: i64) -> Option<&Customer> {
        if self.customers.contains_key(&customer.external_id) {
            return None;
        }
        customer.id = self.next_customer_id;
        self.next_customer_id += 1;
        customer.created_at = dates::timestamp(now_ms);
        customer.updated_at = customer.created_at.clone();
        if customer.wallets.is_empty() {
            customer.wallets = empty_wallets();
        }
        let key = customer.external_id.clone();
        Some(self.customers.entry(key).or_insert(customer))
    }

    pub fn remove_customer(&mut self, external_id: &str) -> Option<Customer> {
        self.customers.remove(external_id)
    }

    /// The draft as an order with a fresh guid and an order code no other order has.
    pub fn new_order(&self, draft: OrderDraft, rng: &mut Rng) -> StoredOrder {
        let mut code = rng.order_code();
        while self.orders.iter().any(|order| order.order_code == code) {
            code = rng.order_code();
        }
        draft.into_order(rng.guid(), code)
    }

    pub fn add_order(&mut self, order: StoredOrder) {
        self.orders.push(order);
    }

    pub fn orders(&self) -> &[StoredOrder] {
        &self.orders
    }

    /// The first order matching every identifier given; guids compare case-insensitively (they are UUIDs).
    pub fn find_order(&self, query: OrderQuery<'_>) -> Option<&StoredOrder> {
        if query.guid.is_none() && query.order_code.is_none() && query.external_id.is_none() {
            return None;
        }
        self.orders.iter().find(|order| {
            query.guid.is_none_or(|guid| order.guid.eq_ignore_ascii_case(guid))
                && query.order_code.is_none_or(|code| order.order_code == code)
                && query.external_id.is_none_or(|id| order.external_id.as_deref() == Some(id))
        })
    }

    pub fn order_by_external_id(&self, external_id: &str) -> Option<&StoredOrder> {
        self.find_order(OrderQuery { external_id: Some(external_id), ..OrderQuery::default() })
    }

    pub fn movement_id_used(&self, external_id: &str) -> bool {
        self.movement_ids.contains(external_id)
    }

    /// Records a balance movement id; `false` when it was used before.
    pub fn claim_movement_id(&mut self, external_id: &str) -> bool {
        self.movement_ids.insert(external_id.to_owned())
    }

    pub fn next_address_id(&mut self) -> u64 {
        let id = self.next_address_id;
        self.next_address_id += 1;
        id
    }

    pub fn balances(&self, owner: &Owner) -> Option<&Balances> {
        match owner {
            Owner::Partner => Some(&self.partner_wallets),
            Owner::Customer(id) => self.customers.get(id).map(|customer| &customer.wallets),
        }
    }

    fn balances_mut(&mut self, owner: &Owner) -> Option<&mut Balances> {
        match owner {
            Owner::Partner => Some(&mut self.partner_wallets),
            Owner::Customer(id) => self.customers.get_mut(id).map(|customer| &mut customer.wallets),
        }
    }

    /// `owner`'s balances after the changes, without applying them: 404 for an unknown customer, 422 code 2002 when
    /// a wallet would go below zero.
    pub fn check_transfer(&self, owner: &Owner, changes: &[(String, f64)]) -> Result<Balances, Failure> {
        let current = self.balances(owner).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
        ledger::apply(current, changes)
            .map_err(|_| Failure::unprocessable(code::INSUFFICIENT_BALANCE, Msg::InsufficientBalance))
    }

    /// Applies every change (wallet code, delta) to `owner`'s wallets, or none of them (see [`Self::check_transfer`]).
    /// Each change gets a ledger entry: this is the one way a balance changes.
    pub fn transfer(
        &mut self,
        owner: &Owner,
        changes: &[(String, f64)],
        reason: &str,
        now_ms: i64,
    ) -> Result<(), Failure> {
        let next = self.check_transfer(owner, changes)?;
        if let Some(balances) = self.balances_mut(owner) {
            *balances = next;
        }
        for (currency_code, delta) in changes.iter().filter(|(_, delta)| *delta != 0.0) {
            self.ledger.push(LedgerEntry {
                at_ms: now_ms,
                customer_external_id: owner.customer_id().map(str::to_owned),
                currency_code: currency_code.clone(),
                delta: *delta,
                reason: reason.to_owned(),
            });
        }
        Ok(())
    }

    /// Every wallet change so far, oldest first.
    pub fn ledger(&self) -> &[LedgerEntry] {
        &self.ledger
    }

    /// Adds past entries whose balances are already in the wallets (the seeded history).
    pub fn record_history(&mut self, entries: Vec<LedgerEntry>) {
        self.ledger.extend(entries);
    }

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
    pub fn complete_payment(&mut self, token: &str, now_ms: i64, rng: &mut Rng) -> Result<Vec<String>, Failure> {
        let pending =
            self.pending_payments.get(token).cloned().ok_or_else(|| Failure::not_found(Msg::PaymentNotFound))?;
        if !pending.completed {
            self.transfer(&pending.owner, &pending.credits, &pending.reason, now_ms)?;
            let transaction_id = format!("SBX{}", rng.digits(12));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_state_round_trips_and_other_layouts_are_refused() {
        let mut store = Store::empty();
        store.add_customer(Customer { external_id: "c-1".to_owned(), ..Customer::default() }, 0);
        let text = store.to_json();
        assert_eq!(Store::from_json(&text).unwrap().to_json(), text);
        assert!(matches!(Store::from_json("{"), Err(LoadError::NotState(_))));
        assert!(matches!(Store::from_json("[]"), Err(LoadError::NotState(_))));
        let older = text.replace("\"version\": 1", "\"version\": 0");
        assert_eq!(Store::from_json(&older).unwrap_err(), LoadError::OtherVersion);
    }
}
