//! Order look-ups (by the partner's order id, or by guid / order_code / external_id) and the order statuses.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;

use serde_json::json;

use super::{order_view, Id};
use crate::envelope::{code, ok, Failure, Msg, Reply};
use crate::state::OrderQuery;
use crate::validate::{json_object, Fields};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/partner/order", post(find))
        .route("/partner/order/{external_order_id}", get(fetch))
        .route("/partner/order-statuses", get(statuses))
}

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
async fn statuses() -> Reply {
    ok(STATUSES.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>())
}

/// `getOrder`.
async fn fetch(State(state): State<AppState>, Id(id): Id) -> Reply {
    let store = state.store();
    let query = OrderQuery { external_id: Some(&id), ..OrderQuery::default() };
    let order = store.find_order(query).ok_or_else(|| Failure::not_found(Msg::OrderNotFound))?;
    ok(order_view(state.settings(), order))
}

/// `getOrderAlternative`. `push_hook` is accepted and ignored: the sandbox has no webhooks yet.
async fn find(State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_object(&body)?;
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
    let store = state.store();
    let order = store.find_order(query).ok_or_else(|| Failure::not_found(Msg::OrderNotFound))?;
    ok(order_view(state.settings(), order))
}
