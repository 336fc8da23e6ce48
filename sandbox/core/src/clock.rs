//! Sandbox time. The host hands in a wall clock (a function giving Unix milliseconds); the sandbox reads it through
//! [`Clock`], which tests can move forward (`POST /__sandbox/clock`) or stop, so quote expiry, delivery stages,
//! nonce lifetimes and injected delays can be checked without sleeping. Nobody touching it means real time.

use serde_json::{json, Value};

use crate::dates;

/// Where the current time comes from: Unix milliseconds.
pub type WallClock = Box<dyn Fn() -> i64 + Send>;

/// The sandbox's clock: the wall clock plus however far tests moved it, or a stopped reading.
pub struct Clock {
    wall: WallClock,
    /// Added to the wall clock while running.
    offset_ms: i64,
    /// The reading while stopped.
    frozen_at: Option<i64>,
    /// Everything moved forward so far, in milliseconds.
    advanced_ms: i64,
    /// Counts every change, so a host can wake what waits on sandbox time.
    generation: u64,
}

impl Clock {
    pub fn new(wall: WallClock) -> Self {
        Self { wall, offset_ms: 0, frozen_at: None, advanced_ms: 0, generation: 0 }
    }

    /// A clock that stays at `ms` until moved: for tests.
    pub fn fixed(ms: i64) -> Self {
        let mut clock = Self::new(Box::new(move || ms));
        clock.frozen_at = Some(ms);
        clock
    }

    pub fn now_ms(&self) -> i64 {
        self.frozen_at.unwrap_or_else(|| (self.wall)().saturating_add(self.offset_ms))
    }

    /// Moves the clock forward; time never goes back.
    pub fn advance(&mut self, ms: i64) {
        let ms = ms.max(0);
        match &mut self.frozen_at {
            Some(at) => *at = at.saturating_add(ms),
            None => self.offset_ms = self.offset_ms.saturating_add(ms),
        }
        self.advanced_ms = self.advanced_ms.saturating_add(ms);
        self.generation += 1;
    }

    /// Stops the clock at its current reading (`true`), or lets it run on from there (`false`).
    pub fn freeze(&mut self, frozen: bool) {
        match (frozen, self.frozen_at) {
            (true, None) => self.frozen_at = Some(self.now_ms()),
            (false, Some(at)) => {
                self.offset_ms = at.saturating_sub((self.wall)());
                self.frozen_at = None;
            }
            _ => return,
        }
        self.generation += 1;
    }

    pub fn is_frozen(&self) -> bool {
        self.frozen_at.is_some()
    }

    /// Changes whenever the clock is moved or stopped.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// What `GET /__sandbox/clock` shows.
    pub fn view(&self) -> Value {
        let now = self.now_ms();
        json!({
            "now": dates::rfc3339(now),
            "now_ms": now,
            "frozen": self.is_frozen(),
            "advanced_ms": self.advanced_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicI64, Ordering};
    use std::sync::Arc;

    use super::*;

    fn wall() -> (Arc<AtomicI64>, Clock) {
        let time = Arc::new(AtomicI64::new(1_000));
        let source = Arc::clone(&time);
        (time, Clock::new(Box::new(move || source.load(Ordering::SeqCst))))
    }

    #[test]
    fn follows_the_wall_clock_plus_what_was_advanced() {
        let (time, mut clock) = wall();
        assert_eq!(clock.now_ms(), 1_000);
        time.store(1_500, Ordering::SeqCst);
        assert_eq!(clock.now_ms(), 1_500);
        clock.advance(60_000);
        assert_eq!(clock.now_ms(), 61_500);
        clock.advance(-5);
        assert_eq!(clock.now_ms(), 61_500, "never backwards");
        assert_eq!(clock.generation(), 2);
    }

    #[test]
    fn a_frozen_clock_moves_only_when_advanced_and_runs_on_from_there() {
        let (time, mut clock) = wall();
        clock.freeze(true);
        time.store(9_000, Ordering::SeqCst);
        assert_eq!(clock.now_ms(), 1_000);
        clock.advance(250);
        assert_eq!(clock.now_ms(), 1_250);
        clock.freeze(false);
        assert_eq!(clock.now_ms(), 1_250, "no jump when it runs again");
        time.store(9_100, Ordering::SeqCst);
        assert_eq!(clock.now_ms(), 1_350);
        assert_eq!(clock.view()["advanced_ms"], 250);
        assert_eq!(clock.view()["frozen"], false);
    }

    #[test]
    fn a_fixed_clock_stays_put() {
        let mut clock = Clock::fixed(42);
        assert_eq!(clock.now_ms(), 42);
        clock.advance(8);
        assert_eq!(clock.now_ms(), 50);
    }
}
