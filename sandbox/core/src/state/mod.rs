//! All API data of one sandbox: customers and the partner with their wallets, the ledger, orders, quotes, stored
//! cards and pending card payments. This module only gathers the pieces; [`Store`] holds them.

mod customer;
mod history;
mod orders;
mod seed;
mod store;
mod trading;

pub use customer::{
    balance_item, empty_wallets, listed, wallet_kind, Business, Customer, Kyc, Owner, WalletKind, CASH, CASH_KIND,
    COMPANY_ID, COMPANY_NAME, DEFAULT_WALLETS, WALLET_KINDS,
};
pub use orders::{order_item, order_response, DeliveryTrack, OrderDraft, OrderQuery, StoredOrder};
pub use seed::{seeded, PARTNER_OPENING_CASH};
pub use store::{LoadError, Store};
pub use trading::{PendingPayment, Quote, StoredCard};
