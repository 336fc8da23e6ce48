//! Balances: partner and customer wallets, cash movements, statistics.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{open_interfaces, OrNull};
use crate::shape::{described, opt, req, Shape};

/// Body of `updateCustomerCashBalance` (inferred: `PATCH /partner/balance/customer/{customer_external_id}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CashBalanceUpdateRequest {
    #[serde(rename = "type")]
    #[tsify(type = "\"deposit\" | \"withdraw\"")]
    pub kind: String,
    /// Money, positive, 2 decimals.
    pub amount: f64,
    /// Your id for this movement; a repeat does not move money twice.
    pub external_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub description: Option<String>,
}

/// Body of `getBalanceStats` (inferred path `POST /partner/balance/stats`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct BalanceStatsRequest {
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub end_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_external_id: Option<String>,
}

/// One wallet's balance (Customer Balance item).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct BalanceItem {
    /// `null` for the partner's own wallets.
    #[tsify(optional)]
    pub customer_external_id: OrNull<String>,
    #[tsify(optional)]
    pub name: OrNull<String>,
    #[tsify(optional)]
    pub currency_id: OrNull<f64>,
    #[tsify(optional)]
    pub currency_symbol: OrNull<String>,
    /// `MAU` gold, `MAG` silver, or a fiat code.
    pub currency_code: String,
    #[tsify(optional)]
    pub is_cash: OrNull<bool>,
    /// Grams or money; fractions occur although the docs say integer.
    #[tsify(optional)]
    pub balance: OrNull<f64>,
    #[tsify(optional)]
    pub blocked: OrNull<f64>,
    #[tsify(optional)]
    pub real_balance: OrNull<f64>,
    #[tsify(optional)]
    pub soft_blocked_amount: OrNull<f64>,
    #[tsify(optional, type = "Record<string, unknown> | null")]
    pub stats: OrNull<()>,
    #[tsify(optional, type = "Record<string, unknown> | null")]
    pub prices: OrNull<()>,
}

/// A list of [`BalanceItem`].
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[tsify(type = "BalanceItem[]")]
pub struct BalanceList(pub Vec<BalanceItem>);

/// Count and money total of one kind of transaction.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct TxTotals {
    #[tsify(optional)]
    pub count: OrNull<f64>,
    #[tsify(optional)]
    pub total: OrNull<f64>,
}

/// `data` of `getBalanceStats` (inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct BalanceStats {
    #[tsify(optional)]
    pub start_date: OrNull<String>,
    #[tsify(optional)]
    pub end_date: OrNull<String>,
    #[tsify(optional)]
    pub currency: OrNull<String>,
    #[tsify(optional)]
    pub buy: OrNull<TxTotals>,
    #[tsify(optional)]
    pub sell: OrNull<TxTotals>,
    #[tsify(optional)]
    pub delivery: OrNull<TxTotals>,
}

/// One wallet at the end of a day.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct DayWallet {
    pub currency_code: String,
    #[tsify(optional)]
    pub balance: OrNull<f64>,
    /// Worth in the stats currency.
    #[tsify(optional)]
    pub value: OrNull<f64>,
}

/// Balances at the end of one day.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct DayBalance {
    /// `YYYY-MM-DD`.
    pub date: String,
    #[tsify(optional)]
    pub total_value: OrNull<f64>,
    pub balances: Vec<DayWallet>,
}

/// `data` of `getCustomerBalance7dStats` (inferred shape): 7 days, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct Balance7dStats {
    #[tsify(optional)]
    pub customer_external_id: OrNull<String>,
    #[tsify(optional)]
    pub currency: OrNull<String>,
    pub days: Vec<DayBalance>,
}

// Response shapes, checked against the structs above by `api::tests`.

pub const BALANCE_ITEM: Shape = Shape::Obj(&[
    opt("customer_external_id", Shape::Str),
    opt("name", Shape::Str),
    opt("currency_id", Shape::Num),
    opt("currency_symbol", Shape::Str),
    req("currency_code", Shape::Str),
    opt("is_cash", Shape::Bool),
    opt("balance", Shape::Num),
    opt("blocked", Shape::Num),
    opt("real_balance", Shape::Num),
    opt("soft_blocked_amount", Shape::Num),
    opt("stats", Shape::Any),
    opt("prices", Shape::Any),
]);

pub const TX_TOTALS: Shape = Shape::Obj(&[opt("count", Shape::Num), opt("total", Shape::Num)]);

pub const BALANCE_STATS: Shape = Shape::Obj(&[
    opt("start_date", Shape::Str),
    opt("end_date", Shape::Str),
    opt("currency", Shape::Str),
    opt("buy", TX_TOTALS),
    opt("sell", TX_TOTALS),
    opt("delivery", TX_TOTALS),
]);

pub const DAY_WALLET: Shape =
    Shape::Obj(&[req("currency_code", Shape::Str), opt("balance", Shape::Num), opt("value", Shape::Num)]);

pub const DAY_BALANCE: Shape =
    Shape::Obj(&[req("date", Shape::Str), opt("total_value", Shape::Num), req("balances", Shape::Arr(&DAY_WALLET))]);

pub const BALANCE7D_STATS: Shape = Shape::Obj(&[
    opt("customer_external_id", Shape::Str),
    opt("currency", Shape::Str),
    req("days", Shape::Arr(&DAY_BALANCE)),
]);

described!(BalanceItem => BALANCE_ITEM);
described!(BalanceList => Shape::Arr(&BALANCE_ITEM));
described!(TxTotals => TX_TOTALS);
described!(BalanceStats => BALANCE_STATS);
described!(DayWallet => DAY_WALLET);
described!(DayBalance => DAY_BALANCE);
described!(Balance7dStats => BALANCE7D_STATS);

open_interfaces!("BalanceItem", "TxTotals", "BalanceStats", "DayWallet", "DayBalance", "Balance7dStats");
