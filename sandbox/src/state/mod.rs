//! All API data of one sandbox run: customers and the partner with their wallets, the ledger, orders, quotes,
//! stored cards and pending card payments. Serializable as a whole, so `--state` can keep it across restarts.

mod customer;
mod history;
mod orders;
mod seed;
mod trading;
mod wallets;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use customer::{
    balance_item, empty_wallets, listed, wallet_kind, Business, Customer, Kyc, WalletKind, CASH, WALLET_KINDS,
};
pub use orders::{order_item, order_response, DeliveryTrack, OrderDraft, OrderQuery, StoredOrder};
pub use trading::{PendingPayment, Quote, StoredCard};
pub use wallets::Owner;

use crate::clock;
use crate::ids;
use crate::ledger::{Balances, LedgerEntry};

pub const COMPANY_ID: i64 = 2_000_000;
pub const COMPANY_NAME: &str = "The Minted App Ltd";
/// The partner's opening cash, in the partner currency.
pub const PARTNER_OPENING_CASH: f64 = 1_000_000.0;
/// Bumped when the state file's layout changes incompatibly.
const STATE_VERSION: u32 = 1;

/// `now` as the API writes record timestamps: `YYYY-MM-DD HH:MM:SS` (UTC).
pub fn now_timestamp() -> String {
    clock::timestamp(clock::now_ms())
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
    /// A store holding the seed data (see `seed.rs` and `history.rs`); seeded prices follow `seed`.
    pub fn seeded(seed: u64, now_ms: i64) -> Self {
        let mut store = Self { version: STATE_VERSION, next_customer_id: 1, next_address_id: 1, ..Self::default() };
        store.partner_wallets = empty_wallets();
        seed::fill(&mut store);
        history::fill(&mut store, seed, now_ms);
        store
            .transfer(&Owner::Partner, &[(CASH.to_owned(), PARTNER_OPENING_CASH)], "opening balance", now_ms)
            .expect("a credit always fits");
        store
    }

    /// Whether a deserialized store has the layout this build writes.
    pub fn is_current_version(&self) -> bool {
        self.version == STATE_VERSION
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

    /// Adds a customer with the next id, fresh timestamps and (unless given) empty default wallets; `None` when the
    /// external id is taken.
    pub fn add_customer(&mut self, mut customer: Customer) -> Option<&Customer> {
        if self.customers.contains_key(&customer.external_id) {
            return None;
        }
        customer.id = self.next_customer_id;
        self.next_customer_id += 1;
        customer.created_at = now_timestamp();
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
    pub fn new_order(&self, draft: OrderDraft) -> StoredOrder {
        let mut code = ids::order_code();
        while self.orders.iter().any(|order| order.order_code == code) {
            code = ids::order_code();
        }
        draft.into_order(ids::guid(), code)
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
}
