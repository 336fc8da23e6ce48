//! Random bytes for Digest client nonces, order ids and backoff jitter, from the platform's CSPRNG (`getrandom`:
//! `crypto.getRandomValues` on wasm) drawn a block at a time: one call to the platform serves many requests, the way
//! Node's `crypto.randomUUID` keeps a cache of entropy. Every byte is handed out once and wiped from the block as it
//! goes; nothing is derived or stretched here.

use std::cell::RefCell;

/// Bytes drawn from the platform at once.
const BLOCK: usize = 256;

/// A block of random bytes and how many have been handed out.
struct Pool {
    bytes: [u8; BLOCK],
    used: usize,
}

thread_local! {
    static POOL: RefCell<Pool> = const { RefCell::new(Pool { bytes: [0; BLOCK], used: BLOCK }) };
}

/// Fills `dest` with random bytes; `None` when the platform has no randomness source.
pub fn fill(dest: &mut [u8]) -> Option<()> {
    if dest.len() > BLOCK / 4 {
        return getrandom::fill(dest).ok();
    }
    POOL.with(|pool| pool.borrow_mut().take(dest, |block| getrandom::fill(block).ok()))
}

impl Pool {
    /// Hands out `dest.len()` unused bytes, refilling the block through `refill` when too few are left.
    fn take(&mut self, dest: &mut [u8], refill: impl FnOnce(&mut [u8]) -> Option<()>) -> Option<()> {
        if BLOCK - self.used.min(BLOCK) < dest.len() {
            refill(&mut self.bytes)?;
            self.used = 0;
        }
        let end = self.used + dest.len();
        let fresh = self.bytes.get_mut(self.used..end)?;
        dest.copy_from_slice(fresh);
        fresh.fill(0);
        self.used = end;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pool refilled from a counter, so what it hands out can be told apart.
    fn counting(pool: &mut Pool, dest: &mut [u8], refills: &mut u8) -> Option<()> {
        pool.take(dest, |block| {
            *refills += 1;
            for (i, byte) in block.iter_mut().enumerate() {
                *byte = (i as u8).wrapping_add(*refills);
            }
            Some(())
        })
    }

    #[test]
    fn bytes_are_handed_out_once_and_wiped() {
        let mut pool = Pool { bytes: [0; BLOCK], used: BLOCK };
        let mut refills = 0;
        let (mut a, mut b) = ([0u8; 16], [0u8; 16]);
        counting(&mut pool, &mut a, &mut refills).unwrap();
        counting(&mut pool, &mut b, &mut refills).unwrap();
        assert_eq!(refills, 1);
        assert_eq!(a[0], 1);
        assert_eq!(b[0], 17, "the second draw starts where the first ended");
        assert!(pool.bytes[..32].iter().all(|&byte| byte == 0), "handed-out bytes stay in memory");
        assert_eq!(pool.used, 32);
    }

    #[test]
    fn a_draw_larger_than_what_is_left_refills_the_block() {
        let mut pool = Pool { bytes: [0; BLOCK], used: BLOCK - 4 };
        let mut refills = 0;
        let mut nonce = [0u8; 16];
        counting(&mut pool, &mut nonce, &mut refills).unwrap();
        assert_eq!(refills, 1);
        assert_eq!(pool.used, 16);
        for (case, used, want) in [("exactly what is left", BLOCK - 16, 0), ("one byte short", BLOCK - 15, 1)] {
            let mut pool = Pool { bytes: [7; BLOCK], used };
            let mut refills = 0;
            counting(&mut pool, &mut nonce, &mut refills).unwrap();
            assert_eq!(refills, want, "{case}");
        }
    }

    #[test]
    fn no_randomness_source_gives_nothing() {
        let mut pool = Pool { bytes: [0; BLOCK], used: BLOCK };
        assert_eq!(pool.take(&mut [0u8; 12], |_| None), None);
        assert_eq!(pool.used, BLOCK, "a failed refill hands nothing out");
    }

    #[test]
    fn the_platform_source_gives_distinct_draws() {
        let draws: Vec<[u8; 16]> = (0..40)
            .map(|_| {
                let mut bytes = [0u8; 16];
                fill(&mut bytes).unwrap();
                bytes
            })
            .collect();
        for (i, a) in draws.iter().enumerate() {
            assert!(draws[i + 1..].iter().all(|b| a != b), "draw {i} repeated");
        }
        let mut large = [0u8; 200];
        fill(&mut large).unwrap();
        assert!(large.iter().any(|&byte| byte != 0));
    }
}
