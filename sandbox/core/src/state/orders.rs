//! Orders: how they are stored, built and shown. A delivery order's status is computed from its age when shown, so
//! it moves on without anything having to run in the background.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::dates;
use crate::delivery::{self, SHIPPED, STAGES};
use crate::envelope::number;
use crate::pricing::round2;

/// An order as served, indexed by its identifiers. `data` is kept as JSON because the API returns more than one
/// field set for orders (the seeded legacy example has its own).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredOrder {
    pub guid: String,
    pub order_code: String,
    pub external_id: Option<String>,
    pub created_ms: i64,
    /// `None` for the partner's own (B2B) orders.
    pub customer_external_id: Option<String>,
    pub delivery: Option<DeliveryTrack>,
    pub data: Value,
}

/// The moving part of a delivery order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeliveryTrack {
    /// When the parcel started through the stages; `None` while its card payment waits for 3-D Secure.
    pub started_ms: Option<i64>,
    pub tracking_number: String,
}

impl StoredOrder {
    /// Indexes an order body by the identifiers it carries (for orders that only exist as JSON, like the seeds).
    pub fn from_data(data: Value) -> Self {
        let field = |name: &str| data.get(name).and_then(Value::as_str).map(str::to_owned);
        Self {
            guid: field("guid").unwrap_or_default(),
            order_code: field("order_code").unwrap_or_default(),
            external_id: field("external_id"),
            created_ms: field("order_at").and_then(|at| dates::parse_order_at(&at)).unwrap_or(0),
            customer_external_id: data["customer"]["external_id"].as_str().map(str::to_owned),
            delivery: None,
            data,
        }
    }

    /// The order as the API shows it at `now_ms`, deliveries `step_ms` per stage.
    pub fn view(&self, now_ms: i64, step_ms: i64) -> Value {
        let mut data = self.data.clone();
        let Some(track) = &self.delivery else {
            return data;
        };
        let Some(started) = track.started_ms else {
            return data;
        };
        let stage = delivery::stage(now_ms - started, step_ms);
        let (status_id, status_name) = STAGES[stage];
        let shipped = stage >= SHIPPED;
        data["status_name"] = json!(status_name);
        data["delivery"]["status_id"] = json!(status_id);
        data["delivery"]["status_name"] = json!(status_name);
        data["delivery"]["cargo_tracking_number"] = if shipped { json!(track.tracking_number) } else { Value::Null };
        data["delivery"]["cargo_tracking_url"] =
            if shipped { json!(format!("https://cargo.example/track/{}", track.tracking_number)) } else { Value::Null };
        data
    }

    /// `type` (`Buy`, `Sell`, `Delivery`); empty for the legacy example, which has none.
    pub fn kind(&self) -> &str {
        self.data["type"].as_str().unwrap_or("")
    }

    pub fn total(&self) -> f64 {
        self.data["total"].as_f64().unwrap_or(0.0)
    }

    pub fn currency(&self) -> &str {
        self.data["currency_code"].as_str().unwrap_or("")
    }

    pub fn has_sku(&self, sku: &str) -> bool {
        self.data["items"].as_array().is_some_and(|items| items.iter().any(|item| item["sku"] == sku))
    }
}

/// Identifiers for an order lookup; every one given must match.
#[derive(Clone, Copy, Debug, Default)]
pub struct OrderQuery<'a> {
    pub guid: Option<&'a str>,
    pub order_code: Option<&'a str>,
    pub external_id: Option<&'a str>,
}

/// A new order before it gets its guid and code.
#[derive(Clone, Debug)]
pub struct OrderDraft {
    pub external_id: String,
    /// `Buy`, `Sell` or `Delivery`.
    pub kind: &'static str,
    pub status_name: &'static str,
    pub currency_code: String,
    pub created_ms: i64,
    pub price: f64,
    pub total: f64,
    pub payment_cost: f64,
    /// The card payment; `None` for cash.
    pub payment: Option<Value>,
    pub customer_external_id: Option<String>,
    /// The `OrderCustomer` block, for customer orders.
    pub customer: Option<Value>,
    pub items: Vec<Value>,
    pub description: Option<String>,
}

impl OrderDraft {
    pub fn into_order(self, guid: String, order_code: String) -> StoredOrder {
        let payment_type = if self.payment.is_some() { "credit-card" } else { "cash" };
        let mut data = json!({
            "guid": guid,
            "order_code": order_code,
            "external_id": self.external_id,
            "type": self.kind,
            "price": self.price,
            "tax": 0,
            "total": self.total,
            "status_name": self.status_name,
            "payment_type": payment_type,
            "order_at": dates::order_at(self.created_ms),
            "payment_cost": number(self.payment_cost),
            "currency_code": self.currency_code,
            "payment": self.payment,
            "items": self.items,
            "description": self.description,
        });
        if let Some(customer) = self.customer {
            data["customer"] = customer;
        }
        StoredOrder {
            guid,
            order_code,
            external_id: Some(self.external_id),
            created_ms: self.created_ms,
            customer_external_id: self.customer_external_id,
            delivery: None,
            data,
        }
    }
}

/// One `OrderItem` (9 fields).
pub fn order_item(product_id: i64, sku: &str, product_name: &str, spot_price: f64, price: f64, amount: f64) -> Value {
    json!({
        "product_id": product_id,
        "sku": sku,
        "product_name": product_name,
        "spot_price": spot_price,
        "price": price,
        "tax_rate": 0,
        "tax": 0,
        "amount": number(amount),
        "total": round2(amount * price),
    })
}

/// `OrderResponse`: the created orders plus their codes, guids and sums; `payment` for card payments.
pub fn order_response(orders: &[Value], payment: Option<&Value>, now_ms: i64) -> Value {
    let strings = |name: &str| orders.iter().map(|order| order[name].clone()).collect::<Vec<Value>>();
    let sum = |name: &str| round2(orders.iter().filter_map(|order| order[name].as_f64()).sum());
    let mut response = json!({
        "order_code": strings("order_code"),
        "guid": strings("guid"),
        "price": sum("price"),
        "tax": 0,
        "total": sum("total"),
        "order_at": dates::timestamp(now_ms),
        "orders": orders,
    });
    if let Some(payment) = payment {
        response["payment"] = payment.clone();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery_order(started_ms: Option<i64>) -> StoredOrder {
        let draft = OrderDraft {
            external_id: "dlv-1".to_owned(),
            kind: "Delivery",
            status_name: "Created",
            currency_code: "GBP".to_owned(),
            created_ms: 0,
            price: 10.0,
            total: 10.0,
            payment_cost: 0.0,
            payment: None,
            customer_external_id: None,
            customer: None,
            items: vec![],
            description: None,
        };
        let mut order = draft.into_order("G".to_owned(), "C".to_owned());
        order.data["delivery"] = json!({"status_id": 1, "status_name": "Created", "cargo_tracking_url": null, "cargo_tracking_number": null});
        order.delivery = Some(DeliveryTrack { started_ms, tracking_number: "123".to_owned() });
        order
    }

    #[test]
    fn delivery_status_follows_age_and_tracking_appears_when_shipped() {
        let order = delivery_order(Some(0));
        let names: Vec<Value> = (0..5).map(|n| order.view(n * 1000 + 1, 1000)["status_name"].clone()).collect();
        assert_eq!(names, ["Created", "Preparing", "Packed", "Shipped", "Completed"]);
        assert_eq!(order.view(2500, 1000)["delivery"]["cargo_tracking_number"], Value::Null);
        let shipped = order.view(3500, 1000);
        assert_eq!(shipped["delivery"]["status_id"], 8);
        assert_eq!(shipped["delivery"]["cargo_tracking_url"], "https://cargo.example/track/123");
        let waiting = delivery_order(None);
        assert_eq!(waiting.view(99_000, 1000)["status_name"], "Created");
    }

    #[test]
    fn response_sums_its_orders() {
        let orders = vec![
            json!({"order_code": "A", "guid": "g1", "price": 1.1, "total": 2.2}),
            json!({"order_code": "B", "guid": "g2", "price": 1.0, "total": 0.1}),
        ];
        let response = order_response(&orders, None, 0);
        assert_eq!(response["order_code"], json!(["A", "B"]));
        assert_eq!(response["price"], 2.1);
        assert_eq!(response["total"], 2.3);
        assert_eq!(response["tax"], 0);
        assert!(response.get("payment").is_none());
    }
}
