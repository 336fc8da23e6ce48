//! [`World`]: everything one sandbox holds — settings, API data, issued nonces, the fault plan, the clock, the
//! random generator and the traffic counters. Routes and the pipeline work on it; nothing here does I/O.

use serde::Serialize;

use crate::auth::nonces::NonceStore;
use crate::clock::Clock;
use crate::faults::Injector;
use crate::random::Rng;
use crate::settings::Settings;
use crate::state::Store;

/// Traffic counters, so tests can prove how many round trips a client made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Requests to `/partner` paths.
    pub partner_requests: u64,
    /// How many of them were answered 401.
    pub unauthorized: u64,
}

pub struct World {
    pub settings: Settings,
    pub store: Store,
    pub nonces: NonceStore,
    /// The fault plan (`/__sandbox/faults`); never saved.
    pub faults: Injector,
    pub clock: Clock,
    pub rng: Rng,
    pub stats: Stats,
    /// One opaque value per sandbox run; clients echo it back unchanged.
    pub opaque: String,
}

impl World {
    pub fn new(settings: Settings, store: Store, clock: Clock, mut rng: Rng) -> Self {
        let nonces = NonceStore::new(settings.nonce_ttl_ms());
        let opaque = rng.hex(16);
        Self { settings, store, nonces, faults: Injector::default(), clock, rng, stats: Stats::default(), opaque }
    }

    /// Sandbox time, Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Counts one `/partner` request, and whether it was refused with a 401.
    pub fn count_request(&mut self, unauthorized: bool) {
        self.stats.partner_requests += 1;
        if unauthorized {
            self.stats.unauthorized += 1;
        }
    }
}
