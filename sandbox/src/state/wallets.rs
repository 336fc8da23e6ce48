//! Whose wallets, and the one way to change a balance: [`Store::transfer`], which checks, applies and records in
//! the ledger all at once.

use serde::{Deserialize, Serialize};

use super::Store;
use crate::envelope::{code, Failure, Msg};
use crate::ledger::{self, Balances, LedgerEntry};

/// The holder of a set of wallets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    /// The partner's own account (B2B).
    Partner,
    Customer(String),
}

impl Owner {
    pub fn customer_id(&self) -> Option<&str> {
        match self {
            Self::Partner => None,
            Self::Customer(id) => Some(id),
        }
    }
}

impl Store {
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
    /// Each change gets a ledger entry.
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
}
