//! [`AppState`]: the served sandbox, shared by every connection — the core (one request at a time), the state file
//! and a signal for requests waiting on sandbox time.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use minted_sandbox_core::{Deferred, Outcome, Request, Sandbox, Settings, Stats};
use tokio::sync::Notify;

use crate::persist;

/// The system clock as Unix milliseconds: the wall clock the sandbox's own clock starts from.
pub fn system_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| i64::try_from(since.as_millis()).unwrap_or(0))
}

/// A seed from the operating system, so tokens and nonces differ between runs.
fn entropy() -> u64 {
    let mut bytes = [0u8; 8];
    match getrandom::fill(&mut bytes) {
        Ok(()) => u64::from_le_bytes(bytes),
        Err(_) => system_ms().unsigned_abs() ^ u64::from(std::process::id()),
    }
}

/// The served sandbox.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

struct Shared {
    sandbox: Mutex<Sandbox>,
    settings: Settings,
    /// Where the whole state is loaded from at start and saved after every change; `None` keeps it in memory.
    state_file: Option<PathBuf>,
    /// Fingerprint of the state last written to the state file; also serializes the writes.
    saved: Mutex<Option<u64>>,
    /// Woken whenever the sandbox clock is moved or stopped.
    clock_moved: Notify,
}

impl AppState {
    /// A fresh in-memory sandbox with the seed data.
    pub fn new(settings: Settings) -> Self {
        let sandbox = Sandbox::new(settings.clone(), Box::new(system_ms), entropy());
        Self::with_sandbox(sandbox, settings, None)
    }

    /// The sandbox kept in `state_file` when it exists, else the seed data (saved to that file at once); in memory
    /// without a file.
    pub fn open(settings: Settings, state_file: Option<PathBuf>) -> std::io::Result<Self> {
        let Some(path) = state_file else {
            return Ok(Self::new(settings));
        };
        let loaded = persist::load(&path)?;
        let fresh = loaded.is_none();
        let sandbox = match loaded {
            Some(store) => Sandbox::with_store(settings.clone(), store, Box::new(system_ms), entropy()),
            None => Sandbox::new(settings.clone(), Box::new(system_ms), entropy()),
        };
        let state = Self::with_sandbox(sandbox, settings, Some(path));
        if fresh {
            state.save()?;
        }
        Ok(state)
    }

    fn with_sandbox(sandbox: Sandbox, settings: Settings, state_file: Option<PathBuf>) -> Self {
        let shared = Shared {
            sandbox: Mutex::new(sandbox),
            settings,
            state_file,
            saved: Mutex::new(None),
            clock_moved: Notify::new(),
        };
        Self { inner: Arc::new(shared) }
    }

    /// The core. A poisoned lock is recovered: a panicking request must not take the sandbox down.
    fn sandbox(&self) -> MutexGuard<'_, Sandbox> {
        self.inner.sandbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn stats(&self) -> Stats {
        self.sandbox().stats()
    }

    /// Sandbox time, Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        self.sandbox().now_ms()
    }

    /// Hands a request that came over the socket to the core, waking delayed requests when it moved the clock.
    pub fn handle(&self, request: Request) -> Outcome {
        self.run(|sandbox| sandbox.handle_served(request))
    }

    /// Processes a delayed request (see [`Self::wait_until`]).
    pub fn resume(&self, deferred: Deferred) -> Outcome {
        self.run(|sandbox| sandbox.resume(deferred))
    }

    fn run(&self, step: impl FnOnce(&mut Sandbox) -> Outcome) -> Outcome {
        let mut sandbox = self.sandbox();
        let generation = sandbox.clock_generation();
        let outcome = step(&mut sandbox);
        let moved = sandbox.clock_generation() != generation;
        drop(sandbox);
        if moved {
            self.inner.clock_moved.notify_waiters();
        }
        outcome
    }

    /// Returns once sandbox time reaches `until_ms`: as real time passes, or at once when a test moves the clock
    /// past it (a stopped clock only moves that way).
    pub async fn wait_until(&self, until_ms: i64) {
        loop {
            let moved = self.inner.clock_moved.notified();
            tokio::pin!(moved);
            moved.as_mut().enable();
            let (now, frozen) = {
                let sandbox = self.sandbox();
                (sandbox.now_ms(), sandbox.clock_is_frozen())
            };
            let left = until_ms.saturating_sub(now);
            if left <= 0 {
                return;
            }
            if frozen {
                moved.await;
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep(Duration::from_millis(left.unsigned_abs())) => {}
                () = moved => {}
            }
        }
    }

    /// Writes the whole state to the state file if it changed since the last write (no-op without a file).
    pub fn save(&self) -> std::io::Result<()> {
        let Some(path) = &self.inner.state_file else {
            return Ok(());
        };
        let mut saved = self.inner.saved.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let contents = self.sandbox().store().to_json();
        let fingerprint = persist::fingerprint(&contents);
        if *saved != Some(fingerprint) {
            persist::write(path, &contents)?;
            *saved = Some(fingerprint);
        }
        Ok(())
    }
}
