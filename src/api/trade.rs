//! Buy and sell: requests for every buy/sell entry of the docs (cash, card number, stored card; B2B2C and partner)
//! and the order response they return.

use super::model::models;
use super::orders::{Order, Payment};
use super::values::{Currency, Gender};
use crate::validate::schema::Check;

/// Card details go with `payment_type: "creditcard"`, and only then.
const PAYMENT_TYPE_CHECK: Check =
    Check::PresentExactlyWhen { field: "payment_type", value: "creditcard", needs: "payment" };

models! {
    /// One product line of a buy or sell.
    request OrderItemRequest {
        /// Product code: `GAU` gold, `GAG` silver, `GPT` platinum…
        req sku: sku,
        /// Grams (fractions allowed, up to 4 decimals).
        req amount: metal,
    };

    /// The end customer of a B2B2C buy.
    request OrderCustomerRequest {
        /// Your id of the customer.
        req external_id: external_id,
        /// T.C. identity number (11 digits).
        req identity_number: tckn,
        req firstname: person_name,
        opt middlename: middle_name,
        req lastname: person_name,
        /// Sent by the docs' examples; not declared by them.
        opt fullname: text(1, 120),
        req email: email,
        /// E.164; Turkish national forms are normalised.
        req phone: phone,
        opt gender: gender(Gender),
        /// `YYYY-MM-DD`.
        opt birthdate: birthdate,
    };

    /// A card to charge.
    request CardPayment {
        req card_holder: text(2, 60),
        /// 12–19 digits (spaces and dashes are removed before sending). Never logged.
        req card_number: card_number,
        /// `MM/YY`.
        req card_expiry: card_expiry,
        /// Never logged.
        req card_cvv: cvv,
        /// The card holder's IP address (IPv4 or IPv6).
        req customer_ip: ip,
        /// Installment count offered by `cardPaymentBinQuery` (1–12).
        opt installment: int(1, 12),
    };

    /// A stored card to charge (its token from `addStoredCard` / `listStoredCards`).
    request StoredCardPayment {
        /// Never logged.
        req card_token: token,
        /// Never logged.
        req card_cvv: cvv,
        req customer_ip: ip,
        opt installment: int(1, 12),
    };

    /// Optional block the Buy (Silver) page declares without explaining.
    request Topup {
        req price: money,
    };

    /// Body of `buyDigital` (`POST /partner/order/digital/buy`), every buy entry of the docs: with `customer` for B2B2C, without for partner (B2B) buys; cash unless `payment_type: "creditcard"` with a `payment` block.
    request BuyRequest {
        /// From `priceFix` (`quote.token`), before it expires.
        req price_token: token,
        opt currency_code: one_of(Currency),
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        /// B2B2C buys only.
        opt customer: object(OrderCustomerRequest),
        req items: array(1, 20, OrderItemRequest),
        opt topup: object(Topup),
        opt payment_type: one_of["creditcard", "cash"],
        /// With `payment_type: "creditcard"`.
        opt payment: payment(CardPayment, StoredCardPayment),
    } checks [PAYMENT_TYPE_CHECK];

    /// Body of `buyGold`, `buySilver`, `buyPlatinum`: one metal, so `amount` instead of `items`.
    request MetalBuyRequest {
        req price_token: token,
        opt currency_code: one_of(Currency),
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        /// B2B2C buys only.
        opt customer: object(OrderCustomerRequest),
        /// Grams.
        req amount: metal,
        opt payment_type: one_of["creditcard", "cash"],
        opt payment: payment(CardPayment, StoredCardPayment),
    } checks [PAYMENT_TYPE_CHECK];

    /// Body of `cardPaymentBuyWithCardNumber`; the SDK sets `payment_type: "creditcard"`.
    request CardNumberBuyRequest {
        req price_token: token,
        opt currency_code: one_of(Currency),
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        opt customer: object(OrderCustomerRequest),
        req items: array(1, 20, OrderItemRequest),
        opt payment_type: one_of["creditcard"],
        req payment: object(CardPayment),
    };

    /// Body of `cardPaymentBuyWithCardToken`; the SDK sets `payment_type: "creditcard"`.
    request CardTokenBuyRequest {
        req price_token: token,
        opt currency_code: one_of(Currency),
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        opt customer: object(OrderCustomerRequest),
        req items: array(1, 20, OrderItemRequest),
        opt payment_type: one_of["creditcard"],
        req payment: object(StoredCardPayment),
    };

    /// Body of `sellDigital` (`POST /partner/order/digital/sell`): the seller is the customer of the quote (or the partner).
    request SellRequest {
        req price_token: token,
        opt currency_code: one_of(Currency),
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        req items: array(1, 20, OrderItemRequest),
    };

    /// Body of `sellGold`, `sellSilver`.
    request MetalSellRequest {
        req price_token: token,
        opt currency_code: one_of(Currency),
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        /// Grams.
        req amount: metal,
    };

    /// `data` of buys, sells and deliveries: totals and the orders created.
    response OrderResponse {
        req order_code: array(str),
        req guid: array(str),
        opt price: num,
        opt tax: num,
        opt total: num,
        /// e.g. `2023-05-31 03:16:45`.
        opt order_at: str,
        req orders: array(Order),
        /// Card payments: state, 3-D Secure redirect, masked card.
        opt payment: Payment,
    };
}
