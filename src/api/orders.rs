//! Orders: the order as the API returns it, and the two ways to look one up.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{open_interfaces, OrNull};
use crate::shape::{described, opt, req, Shape};

/// Body of `getOrderAlternative` (`POST /partner/order`): give at least one identifier.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct GetOrderAlternativeRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub guid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub order_code: Option<String>,
    /// Your order id (the `external_id` you sent when buying or selling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub external_id: Option<String>,
    /// Also push the order to your configured webhook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub push_hook: Option<bool>,
}

/// One product line of an order.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct OrderItem {
    #[tsify(optional)]
    pub product_id: OrNull<f64>,
    #[tsify(optional)]
    pub sku: OrNull<String>,
    #[tsify(optional)]
    pub product_name: OrNull<String>,
    #[tsify(optional)]
    pub spot_price: OrNull<f64>,
    #[tsify(optional)]
    pub price: OrNull<f64>,
    #[tsify(optional)]
    pub tax_rate: OrNull<f64>,
    #[tsify(optional)]
    pub tax: OrNull<f64>,
    /// Quantity (grams for digital metal); fractions occur.
    #[tsify(optional)]
    pub amount: OrNull<f64>,
    #[tsify(optional)]
    pub total: OrNull<f64>,
}

/// The customer summary embedded in an order.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct OrderCustomer {
    #[tsify(optional)]
    pub external_id: OrNull<String>,
    #[tsify(optional)]
    pub firstname: OrNull<String>,
    #[tsify(optional)]
    pub middlename: OrNull<String>,
    #[tsify(optional)]
    pub lastname: OrNull<String>,
    #[tsify(optional)]
    pub fullname: OrNull<String>,
    #[tsify(optional)]
    pub email: OrNull<String>,
    #[tsify(optional)]
    pub phone: OrNull<String>,
    #[tsify(optional)]
    pub gender: OrNull<String>,
    #[tsify(optional)]
    pub identity_number: OrNull<String>,
    #[tsify(optional)]
    pub birthdate: OrNull<String>,
}

/// Card details echoed on an order. The card number comes back masked; the API may also echo `card_cvv`, which this
/// SDK never logs or puts in errors.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct PaymentDetails {
    #[tsify(optional)]
    pub card_holder: OrNull<String>,
    /// Masked, e.g. `404809******7528`.
    #[tsify(optional)]
    pub card_number: OrNull<String>,
    /// `MM/YY`.
    #[tsify(optional)]
    pub card_expiry: OrNull<String>,
    #[tsify(optional)]
    pub card_cvv: OrNull<String>,
    #[tsify(optional)]
    pub card_association: OrNull<String>,
    #[tsify(optional)]
    pub customer_ip: OrNull<String>,
}

/// A card payment attached to an order (`null` for cash orders).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct Payment {
    #[tsify(optional, type = "PaymentState | null")]
    pub state: OrNull<String>,
    /// 3-D Secure page to send the card holder to, when `is_3d`.
    #[tsify(optional)]
    pub redirect_url: OrNull<String>,
    #[tsify(optional)]
    pub token: OrNull<String>,
    #[tsify(optional)]
    pub is_3d: OrNull<bool>,
    #[tsify(optional)]
    pub auth_mode: OrNull<String>,
    #[tsify(optional)]
    pub transaction_id: OrNull<String>,
    #[tsify(optional)]
    pub order_reference: OrNull<String>,
    #[tsify(optional)]
    pub amount: OrNull<f64>,
    /// Card fee (the API spells it `comission`).
    #[tsify(optional)]
    pub comission: OrNull<f64>,
    #[tsify(optional)]
    pub total: OrNull<f64>,
    #[tsify(optional)]
    pub refunded_amount: OrNull<f64>,
    #[tsify(optional)]
    pub error_code: OrNull<String>,
    #[tsify(optional)]
    pub error_message: OrNull<String>,
    #[tsify(optional)]
    pub details: OrNull<PaymentDetails>,
}

/// A product in a physical delivery.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct DeliveryProduct {
    #[tsify(optional)]
    pub product_id: OrNull<f64>,
    #[tsify(optional)]
    pub sku: OrNull<String>,
    #[tsify(optional)]
    pub product_name: OrNull<String>,
    #[tsify(optional)]
    pub amount: OrNull<f64>,
}

/// Shipping state of a delivery order.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct OrderDelivery {
    #[tsify(optional)]
    pub status_id: OrNull<f64>,
    #[tsify(optional)]
    pub status_name: OrNull<String>,
    #[tsify(optional)]
    pub cargo_tracking_url: OrNull<String>,
    #[tsify(optional)]
    pub cargo_tracking_number: OrNull<String>,
    #[tsify(optional)]
    pub sync_status: OrNull<bool>,
    #[tsify(optional)]
    pub products: OrNull<Vec<DeliveryProduct>>,
}

/// A postal address on an order (billing or shipping; billing adds invoice fields).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct OrderAddressLine {
    #[tsify(optional)]
    pub id: OrNull<f64>,
    #[tsify(optional)]
    pub external_id: OrNull<String>,
    #[tsify(optional)]
    pub invoice_type: OrNull<String>,
    #[tsify(optional)]
    pub fullname: OrNull<String>,
    #[tsify(optional)]
    pub company_name: OrNull<String>,
    #[tsify(optional)]
    pub phone: OrNull<String>,
    #[tsify(optional)]
    pub email: OrNull<String>,
    #[tsify(optional)]
    pub city: OrNull<String>,
    #[tsify(optional)]
    pub county: OrNull<String>,
    #[tsify(optional)]
    pub district: OrNull<String>,
    #[tsify(optional)]
    pub address: OrNull<String>,
    #[tsify(optional)]
    pub zipcode: OrNull<String>,
    #[tsify(optional)]
    pub street: OrNull<String>,
    #[tsify(optional)]
    pub tax_office: OrNull<String>,
    #[tsify(optional)]
    pub tax_number: OrNull<String>,
}

/// Billing and shipping addresses of a delivery order.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct OrderAddress {
    #[tsify(optional)]
    pub billing: OrNull<OrderAddressLine>,
    #[tsify(optional)]
    pub shipping: OrNull<OrderAddressLine>,
}

/// An order, as `getOrder`, `getOrderAlternative` and the buy/sell calls return it.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct Order {
    pub guid: String,
    pub order_code: String,
    /// Your order id; `null` for orders created without one.
    #[tsify(optional)]
    pub external_id: OrNull<String>,
    #[serde(rename = "type")]
    #[tsify(optional, type = "OrderType | null")]
    pub order_type: OrNull<String>,
    #[tsify(optional)]
    pub price: OrNull<f64>,
    #[tsify(optional)]
    pub tax: OrNull<f64>,
    #[tsify(optional)]
    pub total: OrNull<f64>,
    /// Card fee, when paid by card.
    #[tsify(optional)]
    pub payment_cost: OrNull<f64>,
    #[tsify(optional)]
    pub currency_code: OrNull<String>,
    #[tsify(optional, type = "OrderStatus | null")]
    pub status_name: OrNull<String>,
    #[tsify(optional)]
    pub status_id: OrNull<f64>,
    /// As sent by the server; formats vary (`13-10-2023 11:10`, `2023-05-31 03:16:45`).
    #[tsify(optional)]
    pub order_at: OrNull<String>,
    #[tsify(optional, type = "OrderPaymentType | null")]
    pub payment_type: OrNull<String>,
    /// Digital orders only, e.g. `1gr - #GAU`.
    #[tsify(optional)]
    pub description: OrNull<String>,
    pub items: Vec<OrderItem>,
    #[tsify(optional)]
    pub customer: OrNull<OrderCustomer>,
    #[tsify(optional)]
    pub payment: OrNull<Payment>,
    #[tsify(optional)]
    pub delivery: OrNull<OrderDelivery>,
    #[tsify(optional)]
    pub address: OrNull<OrderAddress>,
}

open_interfaces!(
    "OrderItem",
    "OrderCustomer",
    "PaymentDetails",
    "Payment",
    "DeliveryProduct",
    "OrderDelivery",
    "OrderAddressLine",
    "OrderAddress",
    "Order",
);

// Response shapes, checked against the structs above by `api::tests`.

pub const ORDER_ITEM: Shape = Shape::Obj(&[
    opt("product_id", Shape::Num),
    opt("sku", Shape::Str),
    opt("product_name", Shape::Str),
    opt("spot_price", Shape::Num),
    opt("price", Shape::Num),
    opt("tax_rate", Shape::Num),
    opt("tax", Shape::Num),
    opt("amount", Shape::Num),
    opt("total", Shape::Num),
]);

pub const ORDER_CUSTOMER: Shape = Shape::Obj(&[
    opt("external_id", Shape::Str),
    opt("firstname", Shape::Str),
    opt("middlename", Shape::Str),
    opt("lastname", Shape::Str),
    opt("fullname", Shape::Str),
    opt("email", Shape::Str),
    opt("phone", Shape::Str),
    opt("gender", Shape::Str),
    opt("identity_number", Shape::Str),
    opt("birthdate", Shape::Str),
]);

pub const PAYMENT_DETAILS: Shape = Shape::Obj(&[
    opt("card_holder", Shape::Str),
    opt("card_number", Shape::Str),
    opt("card_expiry", Shape::Str),
    opt("card_cvv", Shape::Str),
    opt("card_association", Shape::Str),
    opt("customer_ip", Shape::Str),
]);

pub const PAYMENT: Shape = Shape::Obj(&[
    opt("state", Shape::Str),
    opt("redirect_url", Shape::Str),
    opt("token", Shape::Str),
    opt("is_3d", Shape::Bool),
    opt("auth_mode", Shape::Str),
    opt("transaction_id", Shape::Str),
    opt("order_reference", Shape::Str),
    opt("amount", Shape::Num),
    opt("comission", Shape::Num),
    opt("total", Shape::Num),
    opt("refunded_amount", Shape::Num),
    opt("error_code", Shape::Str),
    opt("error_message", Shape::Str),
    opt("details", PAYMENT_DETAILS),
]);

pub const DELIVERY_PRODUCT: Shape = Shape::Obj(&[
    opt("product_id", Shape::Num),
    opt("sku", Shape::Str),
    opt("product_name", Shape::Str),
    opt("amount", Shape::Num),
]);

pub const ORDER_DELIVERY: Shape = Shape::Obj(&[
    opt("status_id", Shape::Num),
    opt("status_name", Shape::Str),
    opt("cargo_tracking_url", Shape::Str),
    opt("cargo_tracking_number", Shape::Str),
    opt("sync_status", Shape::Bool),
    opt("products", Shape::Arr(&DELIVERY_PRODUCT)),
]);

pub const ORDER_ADDRESS_LINE: Shape = Shape::Obj(&[
    opt("id", Shape::Num),
    opt("external_id", Shape::Str),
    opt("invoice_type", Shape::Str),
    opt("fullname", Shape::Str),
    opt("company_name", Shape::Str),
    opt("phone", Shape::Str),
    opt("email", Shape::Str),
    opt("city", Shape::Str),
    opt("county", Shape::Str),
    opt("district", Shape::Str),
    opt("address", Shape::Str),
    opt("zipcode", Shape::Str),
    opt("street", Shape::Str),
    opt("tax_office", Shape::Str),
    opt("tax_number", Shape::Str),
]);

pub const ORDER_ADDRESS: Shape = Shape::Obj(&[opt("billing", ORDER_ADDRESS_LINE), opt("shipping", ORDER_ADDRESS_LINE)]);

pub const ORDER: Shape = Shape::Obj(&[
    req("guid", Shape::Str),
    req("order_code", Shape::Str),
    opt("external_id", Shape::Str),
    opt("type", Shape::Str),
    opt("price", Shape::Num),
    opt("tax", Shape::Num),
    opt("total", Shape::Num),
    opt("payment_cost", Shape::Num),
    opt("currency_code", Shape::Str),
    opt("status_name", Shape::Str),
    opt("status_id", Shape::Num),
    opt("order_at", Shape::Str),
    opt("payment_type", Shape::Str),
    opt("description", Shape::Str),
    req("items", Shape::Arr(&ORDER_ITEM)),
    opt("customer", ORDER_CUSTOMER),
    opt("payment", PAYMENT),
    opt("delivery", ORDER_DELIVERY),
    opt("address", ORDER_ADDRESS),
]);

described!(OrderItem => ORDER_ITEM);
described!(OrderCustomer => ORDER_CUSTOMER);
described!(PaymentDetails => PAYMENT_DETAILS);
described!(Payment => PAYMENT);
described!(DeliveryProduct => DELIVERY_PRODUCT);
described!(OrderDelivery => ORDER_DELIVERY);
described!(OrderAddressLine => ORDER_ADDRESS_LINE);
described!(OrderAddress => ORDER_ADDRESS);
described!(Order => ORDER);

// Order listing and statuses.

/// Query of `getOrders` / `listOrders` (inferred path `GET /partner/orders`; parameters as the E-Commerce order list documents them).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct OrdersQuery {
    /// From 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub page: Option<u32>,
    /// Page size, 5–30 (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub total: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customer_external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sku: Option<String>,
    /// A status name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "OrderStatus")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"buy\" | \"sell\" | \"delivery\"")]
    pub tx_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "sortBy")]
    #[tsify(optional, type = "\"type\" | \"total\" | \"customer external id\" | \"created at\"")]
    pub sort_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "sortType")]
    #[tsify(optional, type = "\"asc\" | \"desc\"")]
    pub sort_type: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "startDate")]
    #[tsify(optional)]
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "endDate")]
    #[tsify(optional)]
    pub end_date: Option<String>,
}

/// A link of the page wrapper.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct PageLink {
    #[tsify(optional)]
    pub url: OrNull<String>,
    #[tsify(optional)]
    pub label: OrNull<String>,
    #[tsify(optional)]
    pub active: OrNull<bool>,
}

/// `data` of `getOrders`: one page of orders in the documented (Laravel-style) wrapper.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct OrdersPage {
    #[tsify(optional)]
    pub current_page: OrNull<f64>,
    pub data: Vec<Order>,
    #[tsify(optional)]
    pub first_page_url: OrNull<String>,
    #[tsify(optional)]
    pub from: OrNull<f64>,
    #[tsify(optional)]
    pub last_page: OrNull<f64>,
    #[tsify(optional)]
    pub last_page_url: OrNull<String>,
    #[tsify(optional)]
    pub links: OrNull<Vec<PageLink>>,
    /// `null` on the last page.
    #[tsify(optional)]
    pub next_page_url: OrNull<String>,
    #[tsify(optional)]
    pub path: OrNull<String>,
    #[tsify(optional)]
    pub per_page: OrNull<f64>,
    #[tsify(optional)]
    pub prev_page_url: OrNull<String>,
    #[tsify(optional)]
    pub to: OrNull<f64>,
    /// Orders matching the query.
    #[tsify(optional)]
    pub total: OrNull<f64>,
}

/// An order status (`getOrderStatuses`, inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct OrderStatusInfo {
    pub id: f64,
    #[tsify(type = "OrderStatus")]
    pub name: String,
}

/// A list of [`OrderStatusInfo`].
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[tsify(type = "OrderStatusInfo[]")]
pub struct OrderStatusList(pub Vec<OrderStatusInfo>);

// Response shapes, checked against the structs above by `api::tests`.

pub const PAGE_LINK: Shape =
    Shape::Obj(&[opt("url", Shape::Str), opt("label", Shape::Str), opt("active", Shape::Bool)]);

pub const ORDERS_PAGE: Shape = Shape::Obj(&[
    opt("current_page", Shape::Num),
    req("data", Shape::Arr(&ORDER)),
    opt("first_page_url", Shape::Str),
    opt("from", Shape::Num),
    opt("last_page", Shape::Num),
    opt("last_page_url", Shape::Str),
    opt("links", Shape::Arr(&PAGE_LINK)),
    opt("next_page_url", Shape::Str),
    opt("path", Shape::Str),
    opt("per_page", Shape::Num),
    opt("prev_page_url", Shape::Str),
    opt("to", Shape::Num),
    opt("total", Shape::Num),
]);

pub const ORDER_STATUS_INFO: Shape = Shape::Obj(&[req("id", Shape::Num), req("name", Shape::Str)]);

described!(PageLink => PAGE_LINK);
described!(OrdersPage => ORDERS_PAGE);
described!(OrderStatusInfo => ORDER_STATUS_INFO);
described!(OrderStatusList => Shape::Arr(&ORDER_STATUS_INFO));

open_interfaces!("PageLink", "OrdersPage", "OrderStatusInfo");
