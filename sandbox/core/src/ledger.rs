//! Wallet balances and the ledger of every change to them: pure functions, so history can be replayed and checked.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::pricing::round_to;

/// Balances of one owner by wallet currency code (`MAU`, `MAG`, `GBP`, …).
pub type Balances = BTreeMap<String, f64>;

/// One change to one wallet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub at_ms: i64,
    /// `None` for the partner's own wallets.
    pub customer_external_id: Option<String>,
    pub currency_code: String,
    pub delta: f64,
    pub reason: String,
}

/// Balances are kept to 4 decimals (grams); this also drops float noise from repeated sums.
fn tidy(value: f64) -> f64 {
    round_to(value, 4)
}

/// The balances after `changes` (missing wallets start at 0), or the code of the first wallet that would go below
/// zero. Nothing is applied unless every change fits.
pub fn apply(balances: &Balances, changes: &[(String, f64)]) -> Result<Balances, String> {
    let mut next = balances.clone();
    for (code, delta) in changes {
        let slot = next.entry(code.clone()).or_insert(0.0);
        *slot = tidy(*slot + delta);
    }
    match changes.iter().find(|(code, _)| next.get(code).is_some_and(|balance| *balance < 0.0)) {
        Some((code, _)) => Err(code.clone()),
        None => Ok(next),
    }
}

/// One owner's balances rebuilt from its entries up to and including `until_ms`.
pub fn replay<'a>(entries: impl IntoIterator<Item = &'a LedgerEntry>, owner: Option<&str>, until_ms: i64) -> Balances {
    let mut balances = Balances::new();
    for entry in entries {
        if entry.customer_external_id.as_deref() == owner && entry.at_ms <= until_ms {
            let slot = balances.entry(entry.currency_code.clone()).or_insert(0.0);
            *slot = tidy(*slot + entry.delta);
        }
    }
    balances
}

/// A wallet's balance at `at_ms`: today's balance minus every later change (works without an opening entry).
pub fn balance_at<'a>(
    current: f64,
    entries: impl IntoIterator<Item = &'a LedgerEntry>,
    owner: Option<&str>,
    code: &str,
    at_ms: i64,
) -> f64 {
    let later: f64 = entries
        .into_iter()
        .filter(|e| e.customer_external_id.as_deref() == owner && e.currency_code == code && e.at_ms > at_ms)
        .map(|e| e.delta)
        .sum();
    tidy(current - later)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at_ms: i64, owner: Option<&str>, code: &str, delta: f64) -> LedgerEntry {
        LedgerEntry {
            at_ms,
            customer_external_id: owner.map(str::to_owned),
            currency_code: code.to_owned(),
            delta,
            reason: "test".to_owned(),
        }
    }

    #[test]
    fn apply_is_all_or_nothing() {
        let balances = Balances::from([("GBP".to_owned(), 100.0), ("MAU".to_owned(), 1.0)]);
        let ok = apply(&balances, &[("GBP".to_owned(), -99.99), ("MAU".to_owned(), 0.1)]).unwrap();
        assert_eq!(ok["GBP"], 0.01);
        assert_eq!(ok["MAU"], 1.1);
        assert_eq!(apply(&balances, &[("MAU".to_owned(), 2.0), ("GBP".to_owned(), -100.01)]), Err("GBP".to_owned()));
        assert_eq!(apply(&balances, &[("MAP".to_owned(), -0.1)]), Err("MAP".to_owned()));
        let created = apply(&balances, &[("MAP".to_owned(), 0.5)]).unwrap();
        assert_eq!(created["MAP"], 0.5);
    }

    #[test]
    fn replay_rebuilds_balances_and_balance_at_walks_back() {
        let entries = vec![
            entry(10, Some("c"), "MAU", 10.0),
            entry(10, Some("c"), "GBP", 1000.0),
            entry(20, Some("c"), "MAU", 2.5),
            entry(20, Some("c"), "GBP", -300.25),
            entry(25, None, "GBP", 5.0),
            entry(30, Some("c"), "MAU", -0.5),
        ];
        let now = replay(&entries, Some("c"), i64::MAX);
        assert_eq!(now, Balances::from([("GBP".to_owned(), 699.75), ("MAU".to_owned(), 12.0)]));
        assert_eq!(replay(&entries, Some("c"), 20)["MAU"], 12.5);
        assert_eq!(replay(&entries, None, i64::MAX)["GBP"], 5.0);
        for at in [0, 10, 15, 20, 29, 30] {
            let forward = replay(&entries, Some("c"), at).get("MAU").copied().unwrap_or(0.0);
            assert_eq!(balance_at(now["MAU"], &entries, Some("c"), "MAU", at), forward, "at {at}");
        }
    }
}
