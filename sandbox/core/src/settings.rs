//! What a sandbox is configured with.

use std::time::Duration;

use crate::auth::digest::Algorithm;
use crate::auth::nonces::NcCheck;

/// Everything a sandbox is configured with (the native host adds where it keeps its state file).
#[derive(Clone, Debug)]
pub struct Settings {
    pub username: String,
    pub password: String,
    pub realm: String,
    /// Offered in this order, one `WWW-Authenticate` challenge each.
    pub algorithms: Vec<Algorithm>,
    pub nonce_ttl: Duration,
    /// How nonce counts are checked: replays only (default), or strictly rising per nonce.
    pub nc_check: NcCheck,
    /// Prices are a function of this seed and the minute.
    pub seed: u64,
    /// Lifetime of a price-fix token.
    pub quote_ttl: Duration,
    /// How long a delivery stays in each status.
    pub delivery_step: Duration,
}

impl Settings {
    pub fn quote_ttl_ms(&self) -> i64 {
        i64::try_from(self.quote_ttl.as_millis()).unwrap_or(i64::MAX)
    }

    pub fn delivery_step_ms(&self) -> i64 {
        i64::try_from(self.delivery_step.as_millis()).unwrap_or(i64::MAX)
    }

    pub fn nonce_ttl_ms(&self) -> i64 {
        i64::try_from(self.nonce_ttl.as_millis()).unwrap_or(i64::MAX)
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
            nc_check: NcCheck::Replay,
            seed: 42,
            quote_ttl: Duration::from_secs(240),
            delivery_step: Duration::from_secs(30),
        }
    }
}

/// Parses the `--algorithm` value: one algorithm name, or `both` for SHA-256 and MD5.
///
/// ```
/// use minted_sandbox_core::{parse_algorithms, Algorithm};
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
