//! Products, currencies and prices. A price is a pure function of (seed, sku, currency, minute), so a run with the
//! same `--seed` quotes the same prices at the same minute.

use std::f64::consts::{PI, TAU};

use serde::{Deserialize, Serialize};

use crate::random::mix;

/// One digital product of the price fix.
#[derive(Debug, PartialEq)]
pub struct Product {
    pub sku: &'static str,
    pub product_id: i64,
    pub currency_id: i64,
    pub name: &'static str,
    /// The wallet a buy credits and a sell debits.
    pub wallet: &'static str,
    /// Spot price of one gram in TRY before the per-minute movement.
    pub base_try: f64,
}

/// In the order of the docs' price-fix example.
pub const PRODUCTS: [Product; 6] = [
    product("GAU", 3_000_001, 1_000_004, "Gold - Digital storage", "MAU", 2940.0),
    product("GAG", 3_000_002, 1_000_005, "Silver - Digital storage", "MAG", 34.7),
    product("BGAU", 3_000_088, 1_000_015, "Gold - Bar storage", "MAU", 2940.0),
    product("BGAG", 3_000_089, 1_000_016, "Silver - Bar storage", "MAG", 34.7),
    product("GPT", 3_000_090, 1_000_017, "Platinum - Digital storage", "MAP", 1050.0),
    product("GPD", 3_000_091, 1_000_018, "Palladium - Digital storage", "MAD", 1100.0),
];

const fn product(
    sku: &'static str,
    product_id: i64,
    currency_id: i64,
    name: &'static str,
    wallet: &'static str,
    base_try: f64,
) -> Product {
    Product { sku, product_id, currency_id, name, wallet, base_try }
}

pub const SKUS: &[&str] = &["GAU", "GAG", "BGAU", "BGAG", "GPT", "GPD"];
pub const CURRENCIES: &[&str] = &["GBP", "USD", "EUR", "TRY"];
/// The partner's own currency: its cash wallets, fees and default for current prices.
pub const PARTNER_CURRENCY: &str = "GBP";
/// The price fix's currency when none is asked for (the docs' example answers TRY).
pub const QUOTE_DEFAULT_CURRENCY: &str = "TRY";

const BUY_SPREAD: f64 = 1.02;
const SELL_SPREAD: f64 = 0.98;

pub fn product_by_sku(sku: &str) -> Option<&'static Product> {
    PRODUCTS.iter().find(|product| product.sku == sku)
}

/// The product whose spot price values a metal wallet (the first one filling it: GAU for MAU, GPT for MAP, …).
pub fn wallet_product(wallet: &str) -> Option<&'static Product> {
    PRODUCTS.iter().find(|product| product.wallet == wallet)
}

/// How many TRY one unit of `currency` is worth (fixed sandbox rates).
pub fn try_per_unit(currency: &str) -> Option<f64> {
    match currency {
        "TRY" => Some(1.0),
        "GBP" => Some(44.0),
        "USD" => Some(34.5),
        "EUR" => Some(37.5),
        _ => None,
    }
}

/// `amount` of `from` expressed in `to` (unrounded); unknown currencies leave it unchanged.
pub fn convert(amount: f64, from: &str, to: &str) -> f64 {
    match (try_per_unit(from), try_per_unit(to)) {
        (Some(from), Some(to)) => amount * from / to,
        _ => amount,
    }
}

/// Rounds half away from zero to `places` decimals, first snapping off binary noise (so 4334.565 → 4334.57).
pub fn round_to(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    let scaled = ((value * factor) * 1e6).round() / 1e6;
    scaled.round() / factor
}

pub fn round2(value: f64) -> f64 {
    round_to(value, 2)
}

/// A hash of (seed, sku, minute), so every one gets its own noise.
fn hash(seed: u64, sku: &str, minute: i64) -> u64 {
    let sku = sku.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3));
    mix(mix(seed ^ sku) ^ minute as u64)
}

/// A hash mapped onto [-1, 1).
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

/// The spot price of one gram in TRY at `minute` (minutes since the Unix epoch): ±1 % over a day, plus ±0.1 % noise.
pub fn spot_try(seed: u64, product: &Product, minute: i64) -> f64 {
    let phase = unit(hash(seed, product.sku, -1)) * PI;
    let wave = 0.01 * (minute as f64 * TAU / 1440.0 + phase).sin();
    let noise = 0.001 * unit(hash(seed, product.sku, minute));
    product.base_try * (1.0 + wave + noise)
}

/// Spot price of one gram in `currency`, 4 decimals.
pub fn spot(seed: u64, product: &Product, currency: &str, minute: i64) -> f64 {
    round_to(convert(spot_try(seed, product, minute), "TRY", currency), 4)
}

/// One item of the price fix's `prices` (field order as documented).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceLine {
    pub currency_id: i64,
    pub product_id: i64,
    pub spot_price: f64,
    pub buy_price: f64,
    pub sell_price: f64,
    /// Grams `total` buys at `buy_price`; only for total-price quotes.
    pub buy_amount: Option<f64>,
    pub sku: String,
}

pub fn price_line(seed: u64, product: &Product, currency: &str, minute: i64, total: Option<f64>) -> PriceLine {
    let spot_price = spot(seed, product, currency, minute);
    let buy_price = round2(spot_price * BUY_SPREAD);
    PriceLine {
        currency_id: product.currency_id,
        product_id: product.product_id,
        spot_price,
        buy_price,
        sell_price: round2(spot_price * SELL_SPREAD),
        buy_amount: total.filter(|_| buy_price > 0.0).map(|total| round_to(total / buy_price, 4)),
        sku: product.sku.to_owned(),
    }
}

/// Every product's prices, in the documented order.
pub fn price_lines(seed: u64, currency: &str, minute: i64, total: Option<f64>) -> Vec<PriceLine> {
    PRODUCTS.iter().map(|product| price_line(seed, product, currency, minute, total)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 29_000_000;

    #[test]
    fn prices_are_deterministic_for_a_seed_and_differ_between_seeds() {
        assert_eq!(price_lines(42, "TRY", MINUTE, None), price_lines(42, "TRY", MINUTE, None));
        assert_ne!(price_lines(42, "TRY", MINUTE, None), price_lines(7, "TRY", MINUTE, None));
        assert_ne!(price_lines(42, "TRY", MINUTE, None), price_lines(42, "TRY", MINUTE + 1, None));
    }

    #[test]
    fn prices_stay_near_the_base_and_move_a_little_each_minute() {
        for product in &PRODUCTS {
            for minute in (MINUTE..MINUTE + 2880).step_by(7) {
                let spot = spot_try(42, product, minute);
                assert!((spot / product.base_try - 1.0).abs() <= 0.0111, "{} {spot}", product.sku);
                let step = (spot_try(42, product, minute + 1) / spot - 1.0).abs();
                assert!(step < 0.003, "{} moved {step}", product.sku);
            }
        }
    }

    #[test]
    fn buy_and_sell_spread_around_spot() {
        for line in price_lines(42, "GBP", MINUTE, None) {
            assert!(line.buy_price > line.spot_price && line.sell_price < line.spot_price, "{line:?}");
            assert_eq!(line.buy_price, round2(line.spot_price * 1.02));
            assert_eq!(line.sell_price, round2(line.spot_price * 0.98));
            assert_eq!(line.buy_amount, None);
        }
    }

    #[test]
    fn currencies_convert_at_fixed_rates() {
        let gau = product_by_sku("GAU").unwrap();
        let in_try = spot_try(42, gau, MINUTE);
        assert_eq!(spot(42, gau, "GBP", MINUTE), round_to(in_try / 44.0, 4));
        assert_eq!(spot(42, gau, "USD", MINUTE), round_to(in_try / 34.5, 4));
        assert_eq!(spot(42, gau, "EUR", MINUTE), round_to(in_try / 37.5, 4));
        assert_eq!(convert(44.0, "TRY", "GBP"), 1.0);
    }

    #[test]
    fn total_quotes_fill_buy_amount() {
        let line = price_line(42, product_by_sku("GAG").unwrap(), "TRY", MINUTE, Some(1000.0));
        assert_eq!(line.buy_amount, Some(round_to(1000.0 / line.buy_price, 4)));
    }

    #[test]
    fn rounding_snaps_binary_noise() {
        assert_eq!(round2(1.5 * 2889.71), 4334.57);
        assert_eq!(round2(1.005), 1.01);
        assert_eq!(round2(-1.005), -1.01);
        assert_eq!(round_to(28.835_063, 4), 28.8351);
    }
}
