//! The route table: one module per API area, each adding its routes here.

mod customers;
mod kyc;
mod orders;

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::envelope::{code, Failure, Msg};
use crate::AppState;

/// Every route of the sandbox. Unknown paths answer 404 and known paths with the wrong method 405, both enveloped.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/__sandbox/health", get(|| async { Json(json!({"ok": true})) }))
        .route("/__sandbox/stats", get(|State(state): State<AppState>| async move { Json(state.stats()) }))
        .merge(customers::routes())
        .merge(kyc::routes())
        .merge(orders::routes())
        .fallback(|| async { Failure::not_found(Msg::RouteNotFound) })
        .method_not_allowed_fallback(|| async {
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
