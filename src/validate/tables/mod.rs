//! Per-call request tables, one module per API area. The request types in `api/` declare the same fields (a test
//! in `api::tests` compares them).

pub mod balances;
pub mod customers;
pub mod delivery;
pub mod orders;
pub mod payments;
pub mod trade;

use super::schema::Schema;

/// The body (or query) schema of a client call; `None` for calls that send neither.
pub fn schema(call: &str) -> Option<&'static Schema> {
    Some(match call {
        "priceFix" => &trade::PRICE_FIX,
        "calculatePrice" => &trade::CALCULATE_PRICE,
        "getProductPrices" => &trade::PRODUCT_PRICES_QUERY,
        "buyDigital" => &trade::BUY,
        "buyGold" | "buySilver" | "buyPlatinum" => &trade::BUY_METAL,
        "cardPaymentBuyWithCardNumber" => &trade::BUY_WITH_CARD_NUMBER,
        "cardPaymentBuyWithCardToken" => &trade::BUY_WITH_CARD_TOKEN,
        "sellDigital" => &trade::SELL,
        "sellGold" | "sellSilver" => &trade::SELL_METAL,
        "cardPaymentBinQuery" => &payments::BIN_QUERY,
        "listStoredCards" => &payments::LIST_STORED_CARDS,
        "addStoredCard" => &payments::ADD_STORED_CARD,
        "deleteStoredCard" => &payments::DELETE_STORED_CARD,
        "createCustomer" => &customers::CREATE_CUSTOMER,
        "createBusinessCustomer" => &customers::CREATE_BUSINESS_CUSTOMER,
        "updateCustomer" => &customers::UPDATE_CUSTOMER,
        "upsertCustomerWalletKyc" => &customers::UPSERT_WALLET_KYC,
        "bulkUpsertCustomerWalletKyc" => &customers::BULK_UPSERT_WALLET_KYC,
        "updateCustomerCashBalance" => &balances::UPDATE_CASH_BALANCE,
        "getBalanceStats" => &balances::BALANCE_STATS,
        "listDeliveryWallets" => &delivery::DELIVERY_WALLETS,
        "calculateDelivery" => &delivery::CALCULATE_DELIVERY,
        "createDelivery" => &delivery::CREATE_DELIVERY,
        "createDeliveryPayWithCash" => &delivery::CREATE_DELIVERY_CASH,
        "createDeliveryPayWithCard" => &delivery::CREATE_DELIVERY_CARD,
        "getOrders" => &orders::ORDERS_QUERY,
        "getOrderAlternative" => &customers::GET_ORDER_ALTERNATIVE,
        "getPartnerLegal" => &orders::PARTNER_LEGAL,
        _ => return None,
    })
}
