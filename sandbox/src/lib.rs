//! minted-sandbox: a local HTTP server that behaves like the Minted Connect Partner API, so the SDK's tests and demo
//! run against real HTTP (Digest auth, CORS, the envelope, in-memory state) without credentials.
//!
//! A request passes, outermost first: `request_id` → `cors` → `localize` (renders [`envelope::Failure`]s in the
//! caller's language) → `partner_guard` (Digest, injected [`faults`], headers on `/partner`) → `save_changes`
//! (writes the state file after a request that may have changed something) → the route table in [`routes`].

pub mod auth;
pub mod cards;
pub mod clock;
pub mod cors;
pub mod delivery;
pub mod envelope;
pub mod faults;
pub mod ids;
pub mod ledger;
pub mod messages;
pub mod middleware;
pub mod persist;
pub mod pricing;
pub mod routes;
pub mod rules;
pub mod state;
pub mod validate;

use std::future::Future;
use std::path::PathBuf;
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
    /// How nonce counts are checked: replays only (default), or strictly rising per nonce.
    pub nc_check: auth::NcCheck,
    /// Prices are a function of this seed and the minute.
    pub seed: u64,
    /// Lifetime of a price-fix token.
    pub quote_ttl: Duration,
    /// How long a delivery stays in each status.
    pub delivery_step: Duration,
    /// Where the whole state is loaded from at start and saved after every change; `None` keeps it in memory.
    pub state_file: Option<PathBuf>,
}

impl Settings {
    pub fn quote_ttl_ms(&self) -> i64 {
        i64::try_from(self.quote_ttl.as_millis()).unwrap_or(i64::MAX)
    }

    pub fn delivery_step_ms(&self) -> i64 {
        i64::try_from(self.delivery_step.as_millis()).unwrap_or(i64::MAX)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            username: "sandbox".to_owned(),
            password: "sandbox-password".to_owned(),
            realm: "minted-sandbox".to_owned(),
            algorithms: vec![Algorithm::Sha256, Algorithm::Md5],
            nonce_ttl: Duration::from_secs(300),
            nc_check: auth::NcCheck::Replay,
            seed: 42,
            quote_ttl: Duration::from_secs(240),
            delivery_step: Duration::from_secs(30),
            state_file: None,
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
    /// Fingerprint of the state last written to the state file; also serializes the writes.
    saved: Mutex<Option<u64>>,
    /// The fault plan (`/__sandbox/faults`); never saved.
    faults: Mutex<faults::Injector>,
}

/// Traffic counters, so tests can prove how many round trips a client made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub partner_requests: u64,
    pub unauthorized: u64,
}

impl AppState {
    /// A fresh in-memory state with the seed data (the state file, if any, is neither read nor written).
    pub fn new(settings: Settings) -> Self {
        let store = state::Store::seeded(settings.seed, clock::now_ms());
        Self::with_store(Settings { state_file: None, ..settings }, store)
    }

    /// The state from the settings' state file when it exists, else the seed data (saved to that file at once).
    pub fn open(settings: Settings) -> std::io::Result<Self> {
        let Some(path) = settings.state_file.clone() else {
            return Ok(Self::new(settings));
        };
        let loaded = persist::load(&path)?;
        let fresh = loaded.is_none();
        let store = loaded.unwrap_or_else(|| state::Store::seeded(settings.seed, clock::now_ms()));
        let state = Self::with_store(settings, store);
        if fresh {
            state.save()?;
        }
        Ok(state)
    }

    fn with_store(settings: Settings, store: state::Store) -> Self {
        let nonces = auth::NonceStore::new(settings.nonce_ttl);
        Self {
            inner: Arc::new(Shared {
                settings,
                nonces: Mutex::new(nonces),
                store: Mutex::new(store),
                opaque: auth::random_hex(16),
                partner_requests: AtomicU64::new(0),
                unauthorized: AtomicU64::new(0),
                saved: Mutex::new(None),
                faults: Mutex::new(faults::Injector::default()),
            }),
        }
    }

    /// Writes the whole state to the state file if it changed since the last write (no-op without a file).
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = &self.inner.settings.state_file else {
            return Ok(());
        };
        let mut saved = self.inner.saved.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let contents = persist::to_json(&self.store())?;
        let fingerprint = persist::fingerprint(&contents);
        if *saved != Some(fingerprint) {
            persist::write(path, &contents)?;
            *saved = Some(fingerprint);
        }
        Ok(())
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

    pub fn faults(&self) -> MutexGuard<'_, faults::Injector> {
        self.inner.faults.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
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
        .layer(from_fn_with_state(state.clone(), persist::save_changes))
        .service(routes::router().with_state(state));
    Router::new().fallback_service(service)
}

/// Serves the state [`AppState::open`] finds until `shutdown` completes (see [`serve_state`]).
pub async fn serve<F>(settings: Settings, listener: TcpListener, shutdown: F) -> std::io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    serve_state(AppState::open(settings)?, listener, shutdown).await
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
