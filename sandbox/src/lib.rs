//! minted-sandbox: a local HTTP server that behaves like the Minted Connect Partner API, so the SDK's tests and demo
//! run against real HTTP (Digest auth, CORS, the envelope, in-memory state) without credentials.
//!
//! A request passes, outermost first: `request_id` → `cors` → `localize` (renders [`envelope::Failure`]s in the
//! caller's language) → `partner_guard` (Digest + headers on `/partner`) → the route table in [`routes`].

pub mod auth;
pub mod cors;
pub mod envelope;
pub mod middleware;
pub mod routes;
pub mod state;
pub mod validate;

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;

pub use minted_connect::transport::digest::Algorithm;

/// How long open connections get to finish after a shutdown signal before the server stops anyway.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(3);

/// Everything the server is configured with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub username: String,
    pub password: String,
    pub realm: String,
    /// Offered in this order, one `WWW-Authenticate` challenge each.
    pub algorithms: Vec<Algorithm>,
    pub nonce_ttl: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            username: "sandbox".to_owned(),
            password: "sandbox-password".to_owned(),
            realm: "minted-sandbox".to_owned(),
            algorithms: vec![Algorithm::Sha256, Algorithm::Md5],
            nonce_ttl: Duration::from_secs(300),
        }
    }
}

/// Parses the `--algorithm` value: one algorithm name, or `both` for SHA-256 and MD5.
///
/// ```
/// use minted_sandbox::{parse_algorithms, Algorithm};
/// assert_eq!(parse_algorithms("both").unwrap(), vec![Algorithm::Sha256, Algorithm::Md5]);
/// assert_eq!(parse_algorithms("md5-sess").unwrap(), vec![Algorithm::Md5Sess]);
/// assert!(parse_algorithms("SHA-512").is_err());
/// ```
pub fn parse_algorithms(value: &str) -> Result<Vec<Algorithm>, String> {
    if value.eq_ignore_ascii_case("both") {
        return Ok(vec![Algorithm::Sha256, Algorithm::Md5]);
    }
    Algorithm::parse(value)
        .map(|algorithm| vec![algorithm])
        .ok_or_else(|| format!("unknown algorithm {value:?}: use SHA-256, MD5, SHA-256-sess, MD5-sess or both"))
}

/// The server's shared state: settings, issued nonces and the in-memory API data.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

struct Shared {
    settings: Settings,
    nonces: Mutex<auth::NonceStore>,
    store: Mutex<state::Store>,
    /// One opaque value per server run; clients echo it back unchanged.
    opaque: String,
    /// Requests to `/partner` paths, and how many of them were answered 401 (see `GET /__sandbox/stats`).
    partner_requests: AtomicU64,
    unauthorized: AtomicU64,
}

/// Traffic counters, so tests can prove how many round trips a client made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub partner_requests: u64,
    pub unauthorized: u64,
}

impl AppState {
    /// A fresh state with the seed customers and orders.
    pub fn new(settings: Settings) -> Self {
        let nonces = auth::NonceStore::new(settings.nonce_ttl);
        Self {
            inner: Arc::new(Shared {
                settings,
                nonces: Mutex::new(nonces),
                store: Mutex::new(state::Store::seeded()),
                opaque: auth::random_hex(16),
                partner_requests: AtomicU64::new(0),
                unauthorized: AtomicU64::new(0),
            }),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn opaque(&self) -> &str {
        &self.inner.opaque
    }

    /// The API data. A poisoned lock is recovered: a panicking handler must not take the sandbox down.
    pub fn store(&self) -> MutexGuard<'_, state::Store> {
        self.inner.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts one `/partner` request, and whether it was refused with a 401.
    pub fn count_request(&self, unauthorized: bool) {
        self.inner.partner_requests.fetch_add(1, Ordering::Relaxed);
        if unauthorized {
            self.inner.unauthorized.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn stats(&self) -> Stats {
        Stats {
            partner_requests: self.inner.partner_requests.load(Ordering::Relaxed),
            unauthorized: self.inner.unauthorized.load(Ordering::Relaxed),
        }
    }

    pub fn nonces(&self) -> MutexGuard<'_, auth::NonceStore> {
        self.inner.nonces.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The whole application. The middleware wraps the router as a whole, so it runs before routing (a preflight never
/// reaches a route, and unknown `/partner` paths still ask for authentication).
pub fn app(state: AppState) -> Router {
    use axum::middleware::{from_fn, from_fn_with_state};
    let service = tower::ServiceBuilder::new()
        .layer(from_fn(middleware::request_id))
        .layer(from_fn(cors::cors))
        .layer(from_fn(envelope::localize))
        .layer(from_fn_with_state(state.clone(), middleware::partner_guard))
        .service(routes::router().with_state(state));
    Router::new().fallback_service(service)
}

/// Serves until `shutdown` completes, then gives open connections [`DRAIN_TIMEOUT`] to finish.
pub async fn serve<F>(settings: Settings, listener: TcpListener, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let graceful = async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    };
    let server = axum::serve(listener, app(AppState::new(settings))).with_graceful_shutdown(graceful);
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
