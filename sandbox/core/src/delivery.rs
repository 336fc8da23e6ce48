//! Physical delivery: the bars, what a delivery costs, and which stage a delivery is in given its age.

use crate::pricing::{convert, round2, round_to, PARTNER_CURRENCY};

/// One deliverable bar. Fees are kept in the partner currency and converted like prices.
#[derive(Debug, PartialEq)]
pub struct Bar {
    pub sku: &'static str,
    pub product_id: i64,
    pub name: &'static str,
    pub grams: f64,
    pub minting_fee: f64,
    /// The wallet its metal comes from, and the digital product whose spot price values it.
    pub wallet: &'static str,
    pub metal_sku: &'static str,
}

const fn gold(sku: &'static str, product_id: i64, name: &'static str, grams: f64, minting_fee: f64) -> Bar {
    Bar { sku, product_id, name, grams, minting_fee, wallet: "MAU", metal_sku: "GAU" }
}

const fn silver(sku: &'static str, product_id: i64, name: &'static str, grams: f64, minting_fee: f64) -> Bar {
    Bar { sku, product_id, name, grams, minting_fee, wallet: "MAG", metal_sku: "GAG" }
}

pub const BARS: [Bar; 7] = [
    gold("DAU1", 4_000_001, "Gold bar 1 g", 1.0, 35.0),
    gold("DAU5", 4_000_005, "Gold bar 5 g", 5.0, 60.0),
    gold("DAU10", 4_000_010, "Gold bar 10 g", 10.0, 90.0),
    gold("DAU20", 4_000_020, "Gold bar 20 g", 20.0, 150.0),
    silver("DAG100", 4_000_100, "Silver bar 100 g", 100.0, 20.0),
    silver("DAG250", 4_000_250, "Silver bar 250 g", 250.0, 30.0),
    silver("DAG500", 4_000_500, "Silver bar 500 g", 500.0, 45.0),
];

pub const BAR_SKUS: &[&str] = &["DAU1", "DAU5", "DAU10", "DAU20", "DAG100", "DAG250", "DAG500"];
/// Wallets that can deliver, in listing order.
pub const DELIVERY_WALLETS: [&str; 2] = ["MAU", "MAG"];
const SHIPPING_COST: f64 = 25.0;
const INSURANCE_RATE: f64 = 0.005;

pub fn bar(sku: &str) -> Option<&'static Bar> {
    BARS.iter().find(|bar| bar.sku == sku)
}

/// A partner-currency fee in `currency`, 2 decimals.
pub fn fee_in(fee: f64, currency: &str) -> f64 {
    round2(convert(fee, PARTNER_CURRENCY, currency))
}

/// One priced line of a delivery.
#[derive(Clone, Debug, PartialEq)]
pub struct LineCost {
    pub bar: &'static Bar,
    pub quantity: u32,
    pub weight: f64,
    pub minting_fee: f64,
    /// Worth of the metal in these bars, in the delivery currency.
    pub metal_value: f64,
}

/// What a delivery costs and takes from the wallets.
#[derive(Clone, Debug, PartialEq)]
pub struct Costs {
    pub lines: Vec<LineCost>,
    /// Grams per wallet, in [`DELIVERY_WALLETS`] order, only wallets used.
    pub metal: Vec<(&'static str, f64)>,
    pub minting_fee: f64,
    pub shipping_cost: f64,
    pub insurance_cost: f64,
    pub total_cost: f64,
}

/// Prices `lines` in `currency`; `spot` gives one gram's spot price in that currency for a metal sku.
pub fn costs(lines: &[(&'static Bar, u32)], currency: &str, spot: impl Fn(&str) -> f64) -> Costs {
    let priced: Vec<LineCost> = lines
        .iter()
        .map(|&(bar, quantity)| {
            let weight = round_to(bar.grams * f64::from(quantity), 4);
            LineCost {
                bar,
                quantity,
                weight,
                minting_fee: round2(fee_in(bar.minting_fee, currency) * f64::from(quantity)),
                metal_value: weight * spot(bar.metal_sku),
            }
        })
        .collect();
    let metal = DELIVERY_WALLETS
        .iter()
        .map(|wallet| (*wallet, priced.iter().filter(|l| l.bar.wallet == *wallet).map(|l| l.weight).sum::<f64>()))
        .filter(|(_, grams)| *grams > 0.0)
        .collect();
    let minting_fee = round2(priced.iter().map(|l| l.minting_fee).sum());
    let shipping_cost = fee_in(SHIPPING_COST, currency);
    let insurance_cost = round2(priced.iter().map(|l| l.metal_value).sum::<f64>() * INSURANCE_RATE);
    let total_cost = round2(minting_fee + shipping_cost + insurance_cost);
    Costs { lines: priced, metal, minting_fee, shipping_cost, insurance_cost, total_cost }
}

/// Delivery stages in order, with their ids in the order-status list.
pub const STAGES: [(i64, &str); 5] =
    [(1, "Created"), (6, "Preparing"), (7, "Packed"), (8, "Shipped"), (5, "Completed")];
/// Index of "Shipped" in [`STAGES`]: from there on the parcel has a tracking number.
pub const SHIPPED: usize = 3;

/// The stage of a delivery `age_ms` after it started, each stage lasting `step_ms`.
pub fn stage(age_ms: i64, step_ms: i64) -> usize {
    if step_ms <= 0 {
        return STAGES.len() - 1;
    }
    usize::try_from(age_ms.max(0) / step_ms).unwrap_or(usize::MAX).min(STAGES.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn costs_add_fees_shipping_and_insurance() {
        let lines = [(bar("DAU5").unwrap(), 2), (bar("DAG100").unwrap(), 1)];
        let costs = costs(&lines, "GBP", |sku| if sku == "GAU" { 250.0 } else { 1.0 });
        assert_eq!(costs.minting_fee, 140.0);
        assert_eq!(costs.shipping_cost, 25.0);
        // 0.5 % of (10 g × 250 + 100 g × 1).
        assert_eq!(costs.insurance_cost, 13.0);
        assert_eq!(costs.total_cost, 178.0);
        assert_eq!(costs.metal, vec![("MAU", 10.0), ("MAG", 100.0)]);
        assert_eq!(costs.lines[0].weight, 10.0);
    }

    #[test]
    fn fees_convert_from_the_partner_currency() {
        assert_eq!(fee_in(35.0, "GBP"), 35.0);
        assert_eq!(fee_in(35.0, "TRY"), 1540.0);
        assert_eq!(fee_in(25.0, "USD"), 31.88);
    }

    #[test]
    fn stages_advance_with_age_and_stop_at_completed() {
        let names: Vec<&str> = (0..7).map(|n| STAGES[stage(n * 1000 + 10, 1000)].1).collect();
        assert_eq!(names, ["Created", "Preparing", "Packed", "Shipped", "Completed", "Completed", "Completed"]);
        assert_eq!(stage(-5, 1000), 0);
        assert_eq!(stage(0, 0), 4);
    }
}
