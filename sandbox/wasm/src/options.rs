//! `createSandbox(options)` → [`Settings`]: the same settings as the native server's flags, under their JavaScript
//! names, each optional (the native defaults apply).

use std::time::Duration;

use minted_sandbox_core::auth::nonces::NcCheck;
use minted_sandbox_core::{parse_algorithms, Settings};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    username: Option<String>,
    password: Option<String>,
    realm: Option<String>,
    algorithm: Option<String>,
    nonce_ttl_secs: Option<u64>,
    nc_check: Option<String>,
    seed: Option<u64>,
    quote_ttl_secs: Option<u64>,
    delivery_step_secs: Option<u64>,
}

/// The settings `options` (a JSON object) asks for; a message naming the option otherwise.
pub fn settings_from_json(options: &str) -> Result<Settings, String> {
    let options: Options = serde_json::from_str(options).map_err(|error| format!("createSandbox options: {error}"))?;
    let mut settings = Settings::default();
    let defaults = settings.clone();
    settings.username = options.username.unwrap_or(defaults.username);
    settings.password = options.password.unwrap_or(defaults.password);
    settings.realm = options.realm.unwrap_or(defaults.realm);
    if let Some(algorithm) = options.algorithm {
        settings.algorithms = parse_algorithms(&algorithm).map_err(|message| format!("algorithm: {message}"))?;
    }
    if let Some(check) = options.nc_check {
        settings.nc_check = NcCheck::parse(&check).map_err(|message| format!("ncCheck: {message}"))?;
    }
    let secs = |value: Option<u64>, default: Duration| value.map_or(default, Duration::from_secs);
    settings.nonce_ttl = secs(options.nonce_ttl_secs, defaults.nonce_ttl);
    settings.quote_ttl = secs(options.quote_ttl_secs, defaults.quote_ttl);
    settings.delivery_step = secs(options.delivery_step_secs, defaults.delivery_step);
    settings.seed = options.seed.unwrap_or(defaults.seed);
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_map_to_settings() {
        let settings =
            settings_from_json(r#"{"seed": 7, "quoteTtlSecs": 5, "algorithm": "MD5", "ncCheck": "strict"}"#).unwrap();
        assert_eq!(
            (settings.seed, settings.quote_ttl, settings.nc_check),
            (7, Duration::from_secs(5), NcCheck::Strict)
        );
        assert_eq!(settings.algorithms.len(), 1);
        assert_eq!(settings.username, "sandbox");
        assert_eq!(settings_from_json("{}").unwrap().seed, 42);
    }

    #[test]
    fn bad_options_are_named() {
        for (json, needle) in [
            (r#"{"sed": 1}"#, "unknown field `sed`"),
            (r#"{"seed": "x"}"#, "invalid type"),
            (r#"{"algorithm": "SHA-512"}"#, "algorithm: unknown algorithm"),
            (r#"{"ncCheck": "on"}"#, "ncCheck: unknown"),
            ("[", "createSandbox options"),
        ] {
            let message = settings_from_json(json).unwrap_err();
            assert!(message.contains(needle), "{json}: {message}");
        }
    }
}
