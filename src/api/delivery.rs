//! Physical delivery of bars paid from metal wallets.

use super::model::models;
use super::trade::{CardPayment, StoredCardPayment};
use crate::validate::schema::Check;

models! {
    /// Body of `listDeliveryWallets` (inferred path `POST /partner/delivery/wallets`).
    request DeliveryWalletsRequest {
        /// The customer whose wallets to list; the partner's without it.
        opt customer_external_id: external_id,
    };

    /// A bar to deliver.
    request DeliveryItemRequest {
        /// A deliverable product, e.g. `DAU5` (5 g gold bar).
        req sku: sku,
        /// How many bars (1–1000).
        req quantity: int(1, 1000),
    };

    /// Where to deliver: complete enough for a courier.
    request DeliveryAddress {
        req fullname: text(3, 100),
        /// E.164; Turkish national forms are normalised.
        req phone: phone,
        req city: text(2, 60),
        req district: text(2, 60),
        req address: text(5, 250),
        req zipcode: text(3, 10),
        opt county: text(2, 60),
        opt street: text(2, 100),
        opt email: email,
        /// For a company invoice.
        opt company_name: text(2, 150),
        opt tax_office: text(2, 100),
        /// The company's VKN.
        opt tax_number: vkn,
    };

    /// Body of `calculateDelivery` (inferred path `POST /partner/delivery/calculate`).
    request CalculateDeliveryRequest {
        opt customer_external_id: external_id,
        req items: array(1, 20, DeliveryItemRequest),
        req address: object(DeliveryAddress),
    };

    /// Body of `createDelivery` (inferred path `POST /partner/delivery`): paid from the cash wallet (`payment_type: "cash"`) or by card (`"creditcard"` with `payment`).
    request CreateDeliveryRequest {
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        opt customer_external_id: external_id,
        req items: array(1, 20, DeliveryItemRequest),
        req address: object(DeliveryAddress),
        req payment_type: one_of["cash", "creditcard"],
        opt payment: payment(CardPayment, StoredCardPayment),
    } checks [Check::PresentExactlyWhen { field: "payment_type", value: "creditcard", needs: "payment" }];

    /// Body of `createDeliveryPayWithCash`; the SDK sets `payment_type: "cash"`.
    request CashDeliveryRequest {
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        opt customer_external_id: external_id,
        req items: array(1, 20, DeliveryItemRequest),
        req address: object(DeliveryAddress),
        opt payment_type: one_of["cash"],
    };

    /// Body of `createDeliveryPayWithCard`; the SDK sets `payment_type: "creditcard"`.
    request CardDeliveryRequest {
        /// Your order id (3–50 characters), the idempotency key: unique per order; generated (`mc-…`) when absent.
        /// A repeat is refused by the API, so a retried call can never place the order twice.
        opt external_id: text(3, 50),
        opt customer_external_id: external_id,
        req items: array(1, 20, DeliveryItemRequest),
        req address: object(DeliveryAddress),
        opt payment_type: one_of["creditcard"],
        req payment: payment(CardPayment, StoredCardPayment),
    };

    /// A bar a wallet can deliver.
    response DeliveryOption {
        req sku: str,
        opt product_name: str,
        /// Grams.
        opt weight: num,
        opt minting_fee: num,
    };

    /// A metal wallet that can deliver (`listDeliveryWallets`, inferred shape).
    response DeliveryWallet {
        req currency_code: str,
        opt name: str,
        opt balance: num,
        opt deliverable_amount: num,
        req products: array(DeliveryOption),
    };

    /// A list of [`DeliveryWallet`].
    list DeliveryWalletList = DeliveryWallet;

    /// One line of a delivery quote.
    response DeliveryQuoteItem {
        req sku: str,
        opt quantity: num,
        opt weight: num,
        opt currency_code: str,
        opt minting_fee: num,
    };

    /// Grams of one metal.
    response MetalAmount {
        req currency_code: str,
        opt amount: num,
    };

    /// `data` of `calculateDelivery` (inferred shape).
    response DeliveryQuote {
        opt currency: str,
        req items: array(DeliveryQuoteItem),
        opt metal: array(MetalAmount),
        opt minting_fee: num,
        opt shipping_cost: num,
        opt insurance_cost: num,
        opt total_cost: num,
    };
}
