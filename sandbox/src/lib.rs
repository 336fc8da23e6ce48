//! minted-sandbox: the native host of the sandbox — a local HTTP server (axum on 127.0.0.1) that behaves like the
//! Minted Connect Partner API, so the SDK's tests and demo run against real HTTP without credentials.
//!
//! Everything the API does lives in [`minted_sandbox_core`] as `request → outcome`; this crate adds what needs an
//! operating system: sockets ([`bridge`]: axum requests in, responses or dropped connections out, waiting for
//! injected delays), the system clock and randomness ([`app_state`]), and the `--state` file ([`persist`]).
//! Imports run `lib → bridge → app_state → persist`.

pub mod app_state;
pub mod bridge;
pub mod persist;

use std::future::Future;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;

pub use app_state::{system_ms, AppState};
pub use minted_sandbox_core as core;
pub use minted_sandbox_core::auth::nonces::NcCheck;
pub use minted_sandbox_core::{parse_algorithms, Algorithm, Settings};

/// How long open connections get to finish after a shutdown signal before the server stops anyway.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(3);

/// The whole application: every request goes to [`bridge::serve_request`], which hands it to the core (routing
/// included, so a preflight never reaches a route and unknown `/partner` paths still ask for authentication).
pub fn app(state: AppState) -> Router {
    Router::new().fallback(bridge::serve_request).with_state(state)
}

/// Serves a fresh in-memory sandbox until `shutdown` completes (see [`serve_state`]).
pub async fn serve<F>(settings: Settings, listener: TcpListener, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    serve_state(AppState::new(settings), listener, shutdown).await
}

/// Serves `state` until `shutdown` completes, then gives open connections [`DRAIN_TIMEOUT`] to finish.
pub async fn serve_state<F>(state: AppState, listener: TcpListener, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let graceful = async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    };
    let server = axum::serve(listener, app(state)).with_graceful_shutdown(graceful);
    let deadline = async move {
        let mut stop_rx = stop_rx;
        // Only a real signal starts the clock; a dropped sender means the server already ended.
        if stop_rx.wait_for(|stopped| *stopped).await.is_ok() {
            tokio::time::sleep(DRAIN_TIMEOUT).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        result = server => result,
        () = deadline => Ok(()),
    }
}
