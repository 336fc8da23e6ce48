//! Orders: the order as the API returns it, and the two ways to look one up.

use super::model::models;
use super::values::{OrderPaymentType, OrderStatus, OrderType, PaymentState};
use crate::validate::schema::Check;

models! {
    /// Body of `getOrderAlternative` (`POST /partner/order`): give at least one identifier.
    request GetOrderAlternativeRequest {
        opt guid: text(1, 64),
        opt order_code: text(1, 64),
        /// Your order id (the `external_id` you sent when buying or selling).
        opt external_id: text(1, 110),
        /// Also push the order to your configured webhook.
        opt push_hook: bool,
    } checks [Check::AtLeastOneOf(&["guid", "order_code", "external_id"])];

    /// One product line of an order.
    response OrderItem {
        opt product_id: num,
        opt sku: str,
        opt product_name: str,
        opt spot_price: num,
        opt price: num,
        opt tax_rate: num,
        opt tax: num,
        /// Quantity (grams for digital metal); fractions occur.
        opt amount: num,
        opt total: num,
    };

    /// The customer summary embedded in an order.
    response OrderCustomer {
        opt external_id: str,
        opt firstname: str,
        opt middlename: str,
        opt lastname: str,
        opt fullname: str,
        opt email: str,
        opt phone: str,
        opt gender: str,
        opt identity_number: str,
        opt birthdate: str,
    };

    /// Card details echoed on an order. The card number comes back masked; the API may also echo `card_cvv`, which this
    /// SDK never logs or puts in errors.
    response PaymentDetails {
        opt card_holder: str,
        /// Masked, e.g. `404809******7528`.
        opt card_number: str,
        /// `MM/YY`.
        opt card_expiry: str,
        opt card_cvv: str,
        opt card_association: str,
        opt customer_ip: str,
    };

    /// A card payment attached to an order (`null` for cash orders).
    response Payment {
        opt state: values(PaymentState),
        /// 3-D Secure page to send the card holder to, when `is_3d`.
        opt redirect_url: str,
        opt token: str,
        opt is_3d: bool,
        opt auth_mode: str,
        opt transaction_id: str,
        opt order_reference: str,
        opt amount: num,
        /// Card fee (the API spells it `comission`).
        opt comission: num,
        opt total: num,
        opt refunded_amount: num,
        opt error_code: str,
        opt error_message: str,
        opt details: PaymentDetails,
    };

    /// A product in a physical delivery.
    response DeliveryProduct {
        opt product_id: num,
        opt sku: str,
        opt product_name: str,
        opt amount: num,
    };

    /// Shipping state of a delivery order.
    response OrderDelivery {
        opt status_id: num,
        opt status_name: str,
        opt cargo_tracking_url: str,
        opt cargo_tracking_number: str,
        opt sync_status: bool,
        opt products: array(DeliveryProduct),
    };

    /// A postal address on an order (billing or shipping; billing adds invoice fields).
    response OrderAddressLine {
        opt id: num,
        opt external_id: str,
        opt invoice_type: str,
        opt fullname: str,
        opt company_name: str,
        opt phone: str,
        opt email: str,
        opt city: str,
        opt county: str,
        opt district: str,
        opt address: str,
        opt zipcode: str,
        opt street: str,
        opt tax_office: str,
        opt tax_number: str,
    };

    /// Billing and shipping addresses of a delivery order.
    response OrderAddress {
        opt billing: OrderAddressLine,
        opt shipping: OrderAddressLine,
    };

    /// An order, as `getOrder`, `getOrderAlternative` and the buy/sell calls return it.
    response Order {
        req guid: str,
        req order_code: str,
        /// Your order id; `null` for orders created without one.
        opt external_id: str,
        opt type: values(OrderType),
        opt price: num,
        opt tax: num,
        opt total: num,
        /// Card fee, when paid by card.
        opt payment_cost: num,
        opt currency_code: str,
        opt status_name: values(OrderStatus),
        opt status_id: num,
        /// As sent by the server; formats vary (`13-10-2023 11:10`, `2023-05-31 03:16:45`).
        opt order_at: str,
        opt payment_type: values(OrderPaymentType),
        /// Digital orders only, e.g. `1gr - #GAU`.
        opt description: str,
        req items: array(OrderItem),
        opt customer: OrderCustomer,
        opt payment: Payment,
        opt delivery: OrderDelivery,
        opt address: OrderAddress,
    };

    // Order listing and statuses.

    /// Query of `getOrders` / `listOrders` (inferred path `GET /partner/orders`; parameters as the E-Commerce order list documents them).
    request OrdersQuery {
        /// From 1.
        opt page: int(1, 1000000),
        /// Page size, 5–30 (default 10).
        opt total: int(5, 30),
        opt customer_external_id: text(1, 110),
        opt sku: sku,
        /// A status name.
        opt status: text(1, 40) as OrderStatus,
        opt tx_type: one_of["buy", "sell", "delivery"],
        opt sortBy: one_of["type", "total", "customer_external_id", "created_at"],
        opt sortType: one_of["asc", "desc"],
        /// `YYYY-MM-DD`.
        opt startDate: date,
        /// `YYYY-MM-DD`.
        opt endDate: date,
    } checks [Check::Requires("sortType", "sortBy")];

    /// A link of the page wrapper.
    response PageLink {
        opt url: str,
        opt label: str,
        opt active: bool,
    };

    /// `data` of `getOrders`: one page of orders in the documented (Laravel-style) wrapper.
    response OrdersPage {
        opt current_page: num,
        req data: array(Order),
        opt first_page_url: str,
        opt from: num,
        opt last_page: num,
        opt last_page_url: str,
        opt links: array(PageLink),
        /// `null` on the last page.
        opt next_page_url: str,
        opt path: str,
        opt per_page: num,
        opt prev_page_url: str,
        opt to: num,
        /// Orders matching the query.
        opt total: num,
    };

    /// An order status (`getOrderStatuses`, inferred shape).
    response OrderStatusInfo {
        req id: num,
        req name: values(OrderStatus),
    };

    /// A list of [`OrderStatusInfo`].
    list OrderStatusList = OrderStatusInfo;
}
