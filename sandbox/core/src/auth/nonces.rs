//! Server nonces: issued at random, remembered with their issue time (sandbox milliseconds) and the `nc` values
//! already used.

use std::collections::{HashMap, HashSet};

use crate::random::Rng;

/// Upper bound on remembered nonces, so a stream of unauthenticated requests cannot grow memory without limit.
const MAX_NONCES: usize = 10_000;

/// Expired nonces are kept this long past their TTL so a late client still learns `stale=true`.
const STALE_GRACE_MS: i64 = 600_000;

struct Entry {
    issued_ms: i64,
    seen_nc: HashSet<u32>,
    highest_nc: u32,
}

/// How the nonce count (`nc`) of a request is checked against the earlier ones for the same nonce.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NcCheck {
    /// Each count once, in any order: concurrent requests on one nonce may arrive out of order.
    #[default]
    Replay,
    /// Each count above every earlier one, as Apache httpd checks with `AuthDigestNcCheck On`.
    Strict,
}

impl NcCheck {
    /// Parses the `--nc-check` value.
    ///
    /// ```
    /// use minted_sandbox_core::auth::nonces::NcCheck;
    /// assert_eq!(NcCheck::parse("strict"), Ok(NcCheck::Strict));
    /// assert!(NcCheck::parse("on").is_err());
    /// ```
    pub fn parse(value: &str) -> Result<Self, String> {
        match value {
            "replay" => Ok(Self::Replay),
            "strict" => Ok(Self::Strict),
            _ => Err(format!("unknown nonce-count check {value:?}: use replay or strict")),
        }
    }
}

/// What the store knows about a nonce a client sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonceState {
    Unknown,
    Expired,
    Fresh,
}

/// The nonces this server has issued.
pub struct NonceStore {
    ttl_ms: i64,
    entries: HashMap<String, Entry>,
}

impl NonceStore {
    pub fn new(ttl_ms: i64) -> Self {
        Self { ttl_ms, entries: HashMap::new() }
    }

    /// Issues a new random nonce valid for the TTL from `now_ms`.
    pub fn issue(&mut self, now_ms: i64, rng: &mut Rng) -> String {
        self.prune(now_ms);
        let nonce = rng.hex(24);
        self.entries.insert(nonce.clone(), Entry { issued_ms: now_ms, seen_nc: HashSet::new(), highest_nc: 0 });
        nonce
    }

    /// Whether `nonce` was issued here and is still within its TTL at `now_ms`.
    pub fn state(&self, nonce: &str, now_ms: i64) -> NonceState {
        match self.entries.get(nonce) {
            None => NonceState::Unknown,
            Some(entry) if now_ms.saturating_sub(entry.issued_ms) > self.ttl_ms => NonceState::Expired,
            Some(_) => NonceState::Fresh,
        }
    }

    /// Records `nc` for `nonce`; `false` when `check` refuses it: a count used before, or with [`NcCheck::Strict`]
    /// any count not above the highest so far.
    pub fn record_use(&mut self, nonce: &str, nc: u32, check: NcCheck) -> bool {
        let Some(entry) = self.entries.get_mut(nonce) else {
            return false;
        };
        let fresh = match check {
            NcCheck::Replay => entry.seen_nc.insert(nc),
            NcCheck::Strict => nc > entry.highest_nc,
        };
        if fresh {
            entry.highest_nc = entry.highest_nc.max(nc);
        }
        fresh
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn prune(&mut self, now_ms: i64) {
        let keep_for = self.ttl_ms.saturating_add(STALE_GRACE_MS);
        self.entries.retain(|_, entry| now_ms.saturating_sub(entry.issued_ms) <= keep_for);
        if self.entries.len() >= MAX_NONCES {
            let mut by_age: Vec<(i64, String)> =
                self.entries.iter().map(|(nonce, entry)| (entry.issued_ms, nonce.clone())).collect();
            by_age.sort();
            for (_, nonce) in by_age.into_iter().take(self.entries.len() + 1 - MAX_NONCES / 2) {
                self.entries.remove(&nonce);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    #[test]
    fn issued_nonces_are_random_and_fresh() {
        let mut rng = Rng::new(1);
        let mut store = NonceStore::new(10_000);
        let a = store.issue(NOW, &mut rng);
        let b = store.issue(NOW, &mut rng);
        assert_ne!(a, b);
        assert_eq!(a.len(), 48);
        assert_eq!(store.state(&a, NOW), NonceState::Fresh);
        assert_eq!(store.state(&a, NOW + 10_000), NonceState::Fresh);
        assert_eq!(store.state(&a, NOW + 11_000), NonceState::Expired);
        assert_eq!(store.state("never-issued", NOW), NonceState::Unknown);
    }

    #[test]
    fn counts_are_checked_per_nonce_by_the_mode() {
        // (mode, counts in arrival order, accepted?)
        let cases: &[(NcCheck, &[(u32, bool)])] = &[
            (NcCheck::Replay, &[(2, true), (1, true), (2, false), (3, true)]),
            (NcCheck::Strict, &[(1, true), (3, true), (2, false), (3, false), (4, true)]),
        ];
        for (check, counts) in cases {
            let mut rng = Rng::new(1);
            let mut store = NonceStore::new(10_000);
            let nonce = store.issue(NOW, &mut rng);
            let other = store.issue(NOW, &mut rng);
            for (nc, accepted) in *counts {
                assert_eq!(store.record_use(&nonce, *nc, *check), *accepted, "{check:?} nc {nc}");
            }
            // every nonce counts on its own
            assert!(store.record_use(&other, 1, *check), "{check:?}");
            assert!(!store.record_use("unknown", 1, *check));
        }
    }

    #[test]
    fn old_nonces_are_forgotten() {
        let mut rng = Rng::new(1);
        let mut store = NonceStore::new(1_000);
        let old = store.issue(NOW, &mut rng);
        store.issue(NOW + 1_000 + STALE_GRACE_MS + 1_000, &mut rng);
        assert_eq!(store.state(&old, NOW), NonceState::Unknown);
        assert_eq!(store.len(), 1);
    }
}
