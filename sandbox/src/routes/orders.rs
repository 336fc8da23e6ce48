//! Order look-ups: by the partner's order id, or by guid / order_code / external_id.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;

use super::Id;
use crate::envelope::{code, ok, Failure, Msg, Reply};
use crate::state::OrderQuery;
use crate::validate::{json_object, Fields};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/partner/order", post(find)).route("/partner/order/{external_order_id}", get(fetch))
}

/// `getOrder`.
async fn fetch(State(state): State<AppState>, Id(id): Id) -> Reply {
    let store = state.store();
    let query = OrderQuery { external_id: Some(&id), ..OrderQuery::default() };
    let order = store.find_order(query).ok_or_else(|| Failure::not_found(Msg::OrderNotFound))?;
    ok(&order.data)
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
        return Err(Failure::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            code::PARAMETER,
            Msg::OrderIdentifierRequired,
        ));
    }
    let store = state.store();
    let order = store.find_order(query).ok_or_else(|| Failure::not_found(Msg::OrderNotFound))?;
    ok(&order.data)
}
