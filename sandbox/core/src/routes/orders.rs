//! Order look-ups (by the partner's order id, or by guid / order_code / external_id) and the order statuses.

use serde_json::json;

use super::call::{order_view, Call, Route};
use crate::envelope::{code, ok, Failure, Reply};
use crate::messages::Msg;
use crate::state::OrderQuery;
use crate::validate::Fields;

pub const ROUTES: &[Route] = &[
    Route::new("POST", "/partner/order", find),
    Route::new("GET", "/partner/order/{external_order_id}", fetch),
    Route::new("GET", "/partner/order-statuses", statuses),
];

/// Every documented `status_name`, with the ids orders and filters use.
pub const STATUSES: [(i64, &str); 12] = [
    (1, "Created"),
    (2, "Pending"),
    (3, "Processing"),
    (4, "Cancelled"),
    (5, "Completed"),
    (6, "Preparing"),
    (7, "Packed"),
    (8, "Shipped"),
    (9, "Transferring"),
    (10, "Refunding"),
    (11, "Refunded"),
    (12, "Payment Confirmed"),
];

/// `getOrderStatuses`.
fn statuses(_: &mut Call<'_>) -> Reply {
    ok(STATUSES.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>())
}

/// `getOrder`.
fn fetch(call: &mut Call<'_>) -> Reply {
    let id = call.id();
    let query = OrderQuery { external_id: Some(&id), ..OrderQuery::default() };
    let order = call.world.store.find_order(query).ok_or_else(|| Failure::not_found(Msg::OrderNotFound))?;
    ok(order_view(&call.world.settings, call.now_ms, order))
}

/// `getOrderAlternative`. `push_hook` is accepted and ignored: the sandbox has no webhooks yet.
fn find(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    let non_empty = |name| fields.string(name).map(|value| value.filter(|s| !s.is_empty()));
    let query = OrderQuery {
        guid: non_empty("guid")?,
        order_code: non_empty("order_code")?,
        external_id: non_empty("external_id")?,
    };
    fields.bool("push_hook")?;
    if query.guid.is_none() && query.order_code.is_none() && query.external_id.is_none() {
        return Err(Failure::unprocessable(code::PARAMETER, Msg::OrderIdentifierRequired));
    }
    let order = call.world.store.find_order(query).ok_or_else(|| Failure::not_found(Msg::OrderNotFound))?;
    ok(order_view(&call.world.settings, call.now_ms, order))
}
