//! minted-sandbox-core: the Minted Connect Partner API sandbox as a value — customers, wallets, moving prices,
//! quotes with a lifetime, buy and sell with a ledger, cards with 3-D Secure, stored cards, delivery, orders, Digest
//! authentication and fault injection — with no sockets, files, threads or system clock.
//!
//! A host feeds it whole requests and carries out what comes back:
//!
//! ```
//! use minted_sandbox_core::{Outcome, Request, Sandbox, Settings};
//!
//! let mut sandbox = Sandbox::new(Settings::default(), Box::new(|| 1_800_000_000_000), 7);
//! let Outcome::Respond(response) = sandbox.handle(Request::new("GET", "/partner/customer/MTD0018232")) else {
//!     unreachable!()
//! };
//! assert_eq!(response.status, 401); // a Digest challenge
//! assert_eq!(response.headers.get_all("www-authenticate").count(), 2);
//! ```
//!
//! Time comes from the wall clock the host passes in (moved forward by `POST /__sandbox/clock`), randomness from the
//! seed it passes in; the same seed, clock and requests give the same answers. The native host is the `minted-sandbox`
//! crate next to this one (axum on 127.0.0.1); the core also builds for `wasm32-unknown-unknown`.
//!
//! Modules, lowest first: `http`, `lang`, `rules`, `messages`, `envelope`, `dates`, `clock`, `random`, `pricing`,
//! `ledger`, `cards`, `delivery`, `validate`, `state`, `auth`, `faults`, `settings`, `world`, `routes`, `cors`,
//! `pipeline`; imports run one way (checked by `sandbox/tests/module_graph.rs`), and nothing imports this façade.

pub mod auth;
pub mod cards;
pub mod clock;
pub mod cors;
pub mod dates;
pub mod delivery;
pub mod envelope;
pub mod faults;
pub mod http;
pub mod lang;
pub mod ledger;
pub mod listener;
pub mod messages;
pub mod pipeline;
pub mod pricing;
pub mod random;
pub mod routes;
pub mod rules;
pub mod settings;
pub mod state;
pub mod validate;
pub mod world;

pub use auth::digest::Algorithm;
pub use clock::{Clock, WallClock};
pub use http::{Headers, Request, Response};
pub use pipeline::{Deferred, Outcome};
pub use settings::{parse_algorithms, Settings};
pub use state::{LoadError, Store};
pub use world::Stats;

use random::Rng;
use world::World;

/// One sandbox: its data, clock, randomness, fault plan and counters.
pub struct Sandbox {
    world: World,
}

impl Sandbox {
    /// A sandbox with the seed data as of the wall clock's current time. `entropy` seeds every random choice (tokens,
    /// guids, nonces); a host that wants different values on each run passes a random number.
    pub fn new(settings: Settings, wall: WallClock, entropy: u64) -> Self {
        let clock = Clock::new(wall);
        let store = state::seeded(settings.seed, clock.now_ms());
        Self { world: World::new(settings, store, clock, Rng::new(entropy)) }
    }

    /// A sandbox over saved data (see [`Store::from_json`]).
    pub fn with_store(settings: Settings, store: Store, wall: WallClock, entropy: u64) -> Self {
        Self { world: World::new(settings, store, Clock::new(wall), Rng::new(entropy)) }
    }

    /// Handles one request; the caller carries out the [`Outcome`].
    pub fn handle(&mut self, request: Request) -> Outcome {
        pipeline::handle(&mut self.world, request)
    }

    /// Handles one request that arrived over a socket: the listener's checks first (see [`listener`]), then
    /// [`Self::handle`].
    pub fn handle_served(&mut self, request: Request) -> Outcome {
        match listener::refusal(&request) {
            Some(refused) => Outcome::Respond(refused),
            None => self.handle(request),
        }
    }

    /// Processes a request an injected delay held back, once sandbox time has reached its moment.
    pub fn resume(&mut self, deferred: Deferred) -> Outcome {
        pipeline::resume(&mut self.world, deferred)
    }

    /// Sandbox time, Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.world.now_ms()
    }

    /// Changes whenever the clock is moved or stopped, so a host can wake what waits on sandbox time.
    pub fn clock_generation(&self) -> u64 {
        self.world.clock.generation()
    }

    /// Whether sandbox time stands still (it then moves only when advanced).
    pub fn clock_is_frozen(&self) -> bool {
        self.world.clock.is_frozen()
    }

    pub fn settings(&self) -> &Settings {
        &self.world.settings
    }

    /// The API data (saved by hosts that persist it).
    pub fn store(&self) -> &Store {
        &self.world.store
    }

    pub fn stats(&self) -> Stats {
        self.world.stats
    }
}
