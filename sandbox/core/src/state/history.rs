//! Recent history present at every start: completed buys and sells of the seed customers over the last days, with
//! the ledger entries behind them, so order lists have several pages and the 7-day stats show change.

use std::collections::BTreeMap;

use super::customer::CASH;
use super::orders::{order_item, OrderDraft};
use super::store::Store;
use crate::dates::DAY_MS;
use crate::ledger::LedgerEntry;
use crate::pricing::{price_line, product_by_sku, round2, round_to, PARTNER_CURRENCY};
use crate::random::{guid_from, mix, order_code_from};

/// (days ago, customer, `Buy`/`Sell`, sku, grams).
const PLAN: [(i64, &str, &str, &str, f64); 16] = [
    (9, "MTD0018232", "Buy", "GAU", 2.0),
    (9, "92440753", "Buy", "GAU", 1.0),
    (8, "MTD0018232", "Buy", "GAG", 100.0),
    (8, "92440753", "Buy", "GAG", 200.0),
    (7, "MTD0018232", "Sell", "GAG", 50.0),
    (6, "MTD0018232", "Buy", "GAU", 1.5),
    (6, "92440753", "Sell", "GAU", 0.5),
    (5, "MTD0018232", "Sell", "GAU", 1.0),
    (4, "MTD0018232", "Buy", "GAG", 30.0),
    (4, "92440753", "Sell", "GAG", 100.0),
    (3, "MTD0018232", "Buy", "GAU", 2.5),
    (3, "92440753", "Buy", "GAU", 0.25),
    (2, "MTD0018232", "Sell", "GAG", 20.0),
    (2, "92440753", "Sell", "GAG", 100.0),
    (1, "MTD0018232", "Buy", "GAU", 0.5),
    (1, "92440753", "Sell", "GAU", 0.75),
];

/// Deterministic bytes for the `index`-th seed order, so its guid and code are the same on every start.
fn seed_bytes(seed: u64, index: usize) -> Vec<u8> {
    let a = mix(seed ^ (index as u64 + 1)).to_be_bytes();
    let b = mix(seed.rotate_left(17) ^ (index as u64 + 101)).to_be_bytes();
    a.into_iter().chain(b).collect()
}

pub fn fill(store: &mut Store, seed: u64, now_ms: i64) {
    let mut entries: Vec<LedgerEntry> = Vec::new();
    for (index, &(days_ago, customer_id, kind, sku, amount)) in PLAN.iter().enumerate() {
        let Some(customer) = store.customer(customer_id) else {
            continue;
        };
        let Some(product) = product_by_sku(sku) else {
            continue;
        };
        // Spread orders over the day (a few hours apart) so same-day orders keep a stable order.
        let created_ms = now_ms - days_ago * DAY_MS - 3 * 3_600_000 + index as i64 * 60_000;
        let line = price_line(seed, product, PARTNER_CURRENCY, created_ms / 60_000, None);
        let price = if kind == "Buy" { line.buy_price } else { line.sell_price };
        let total = round2(amount * price);
        let external_id = format!("SEED-{:03}", index + 1);
        let draft = OrderDraft {
            external_id: external_id.clone(),
            kind: if kind == "Buy" { "Buy" } else { "Sell" },
            status_name: "Completed",
            currency_code: PARTNER_CURRENCY.to_owned(),
            created_ms,
            price,
            total,
            payment_cost: 0.0,
            payment: None,
            customer_external_id: Some(customer_id.to_owned()),
            customer: Some(customer.order_block()),
            items: vec![order_item(product.product_id, sku, product.name, line.spot_price, price, amount)],
            description: Some(format!("{amount}gr - #{sku}")),
        };
        let bytes = seed_bytes(seed, index);
        store.add_order(draft.into_order(guid_from(&bytes), order_code_from(&bytes[8..])));
        let sign = if kind == "Buy" { 1.0 } else { -1.0 };
        let reason = format!("{} {external_id}", kind.to_lowercase());
        for (code, delta) in [(product.wallet, sign * amount), (CASH, -sign * total)] {
            entries.push(LedgerEntry {
                at_ms: created_ms,
                customer_external_id: Some(customer_id.to_owned()),
                currency_code: code.to_owned(),
                delta,
                reason: reason.clone(),
            });
        }
    }
    open_accounts(store, &mut entries, now_ms - 12 * DAY_MS);
    store.record_history(entries);
}

/// Adds the opening entries that make the history end at each customer's seeded balances; where a seeded balance is
/// too small for the history (a wallet would go negative), the balance is raised to what the history implies.
fn open_accounts(store: &mut Store, entries: &mut Vec<LedgerEntry>, opening_ms: i64) {
    let mut openings = Vec::new();
    for customer in store.customers_mut() {
        let own: Vec<&LedgerEntry> =
            entries.iter().filter(|e| e.customer_external_id.as_deref() == Some(&customer.external_id)).collect();
        let mut by_code: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
        for entry in &own {
            let (sum, lowest) = by_code.entry(entry.currency_code.as_str()).or_insert((0.0, 0.0));
            *sum += entry.delta;
            *lowest = lowest.min(*sum);
        }
        for (code, (sum, lowest)) in by_code {
            let current = customer.wallets.get(code).copied().unwrap_or(0.0);
            let opening = round_to((current - sum).max(-lowest), 4);
            customer.wallets.insert(code.to_owned(), round_to(opening + sum, 4));
            if opening != 0.0 {
                openings.push(LedgerEntry {
                    at_ms: opening_ms,
                    customer_external_id: Some(customer.external_id.clone()),
                    currency_code: code.to_owned(),
                    delta: opening,
                    reason: "opening balance".to_owned(),
                });
            }
        }
    }
    entries.splice(0..0, openings);
}

#[cfg(test)]
mod tests {
    use super::super::customer::Owner;
    use super::super::seed::seeded;
    use super::*;
    use crate::ledger::replay;

    #[test]
    fn history_replays_to_the_seeded_balances_without_going_negative() {
        let now = 1_800_000_000_000;
        let store = seeded(42, now);
        let mehmet = store.customer("MTD0018232").unwrap();
        assert_eq!(mehmet.wallets["MAU"], 12.5);
        assert_eq!(mehmet.wallets["MAG"], 250.0);
        assert_eq!(mehmet.wallets[CASH], 1500.0);
        for owner in [Owner::Customer("MTD0018232".to_owned()), Owner::Customer("92440753".to_owned()), Owner::Partner]
        {
            let id = owner.customer_id();
            let mut held = store.balances(&owner).unwrap().clone();
            held.retain(|_, balance| *balance != 0.0);
            let mut replayed = replay(store.ledger(), id, i64::MAX);
            replayed.retain(|_, balance| *balance != 0.0);
            assert_eq!(replayed, held, "{owner:?}");
            for entry in store.ledger() {
                let then = replay(store.ledger(), id, entry.at_ms);
                assert!(then.values().all(|balance| *balance >= 0.0), "{owner:?} at {}: {then:?}", entry.at_ms);
            }
        }
        assert!(
            store
                .orders()
                .iter()
                .filter(|o| o.external_id.as_deref().is_some_and(|id| id.starts_with("SEED-")))
                .count()
                >= 12
        );
    }

    #[test]
    fn seed_orders_are_the_same_on_every_start() {
        let a = seeded(42, 1_800_000_000_000);
        let b = seeded(42, 1_800_000_000_000);
        assert_eq!(a.orders(), b.orders());
    }
}
