//! The route table: one module per API area, each adding its routes here.

mod balances;
mod card_payment;
mod card_storage;
mod checks;
mod customers;
mod delivery;
mod faults;
mod kyc;
mod legal;
mod order_list;
mod orders;
mod pricing;
mod sandbox;
mod trade;

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path};
use axum::http::header::HOST;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Router;
use serde_json::Value;

use crate::envelope::{code, Failure, Msg};
use crate::state::StoredOrder;
use crate::{clock, AppState, Settings};

/// Every route of the sandbox. Unknown paths answer 404 and known paths with the wrong method 405, both enveloped.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(sandbox::routes())
        .merge(faults::routes())
        .merge(customers::routes())
        .merge(kyc::routes())
        .merge(orders::routes())
        .merge(order_list::routes())
        .merge(pricing::routes())
        .merge(trade::routes())
        .merge(card_payment::routes())
        .merge(card_storage::routes())
        .merge(balances::routes())
        .merge(delivery::routes())
        .merge(legal::routes())
        // Both read the request body (`_body`) first: a body left unread makes hyper close the connection after the
        // answer, and a client that reuses it for its next request would see a network error.
        .fallback(|_body: Bytes| async { Failure::not_found(Msg::RouteNotFound) })
        .method_not_allowed_fallback(|_body: Bytes| async {
            Failure::new(StatusCode::METHOD_NOT_ALLOWED, code::METHOD_NOT_ALLOWED, Msg::MethodNotAllowed)
        })
}

/// The one path parameter of a route, percent-decoded (so ids with spaces or slashes round-trip).
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(Self(id)),
            // Only undecodable input (e.g. invalid UTF-8) gets here: such an id names nothing.
            Err(_) => Err(Failure::not_found(Msg::RouteNotFound)),
        }
    }
}

/// `http://` plus the `Host` the request was sent to, for absolute URLs in answers (pages, 3-D Secure redirects).
pub struct BaseUrl(pub String);

impl<S: Send + Sync> FromRequestParts<S> for BaseUrl {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let host = parts.headers.get(HOST).and_then(|v| v.to_str().ok()).filter(|h| !h.is_empty());
        Ok(Self(format!("http://{}", host.unwrap_or("127.0.0.1"))))
    }
}

/// An order as shown now (delivery status computed from its age).
pub fn order_view(settings: &Settings, order: &StoredOrder) -> Value {
    order.view(clock::now_ms(), settings.delivery_step_ms())
}
