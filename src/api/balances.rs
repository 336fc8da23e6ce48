//! Balances: partner and customer wallets, cash movements, statistics.

use super::model::models;
use crate::validate::schema::Check;

models! {
    /// Body of `updateCustomerCashBalance` (inferred: `PATCH /partner/balance/customer/{customer_external_id}`).
    request CashBalanceUpdateRequest {
        req type: one_of["deposit", "withdraw"],
        /// Money, positive, 2 decimals.
        req amount: money,
        /// Your id for this movement; a repeat does not move money twice.
        req external_id: text(3, 50),
        opt description: text(1, 250),
    };

    /// Body of `getBalanceStats` (inferred path `POST /partner/balance/stats`).
    request BalanceStatsRequest {
        /// `YYYY-MM-DD`.
        opt start_date: date,
        /// `YYYY-MM-DD`.
        opt end_date: date,
        opt customer_external_id: external_id,
    } checks [Check::Requires("end_date", "start_date")];

    /// One wallet's balance (Customer Balance item).
    response BalanceItem {
        /// `null` for the partner's own wallets.
        opt customer_external_id: str,
        opt name: str,
        opt currency_id: num,
        opt currency_symbol: str,
        /// `MAU` gold, `MAG` silver, or a fiat code.
        req currency_code: str,
        opt is_cash: bool,
        /// Grams or money; fractions occur although the docs say integer.
        opt balance: num,
        opt blocked: num,
        opt real_balance: num,
        opt soft_blocked_amount: num,
        opt stats: record,
        opt prices: record,
    };

    /// A list of [`BalanceItem`].
    list BalanceList = BalanceItem;

    /// Count and money total of one kind of transaction.
    response TxTotals {
        opt count: num,
        opt total: num,
    };

    /// `data` of `getBalanceStats` (inferred shape).
    response BalanceStats {
        opt start_date: str,
        opt end_date: str,
        opt currency: str,
        opt buy: TxTotals,
        opt sell: TxTotals,
        opt delivery: TxTotals,
    };

    /// One wallet at the end of a day.
    response DayWallet {
        req currency_code: str,
        opt balance: num,
        /// Worth in the stats currency.
        opt value: num,
    };

    /// Balances at the end of one day.
    response DayBalance {
        /// `YYYY-MM-DD`.
        req date: str,
        opt total_value: num,
        req balances: array(DayWallet),
    };

    /// `data` of `getCustomerBalance7dStats` (inferred shape): 7 days, oldest first.
    response Balance7dStats {
        opt customer_external_id: str,
        opt currency: str,
        req days: array(DayBalance),
    };
}
