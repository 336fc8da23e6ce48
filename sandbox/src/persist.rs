//! The `--state` file: the whole store as JSON, loaded at start and rewritten (to `FILE.tmp`, then renamed, so a
//! crash never leaves half a file) after every request that may have changed something.

use std::ffi::OsString;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{Error, ErrorKind};
use std::path::{Path, PathBuf};

use minted_sandbox_core::{LoadError, Store};

/// The store saved at `path`; `None` when there is no such file.
pub fn load(path: &Path) -> std::io::Result<Option<Store>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    Store::from_json(&text).map(Some).map_err(|error| {
        let message = match error {
            LoadError::NotState(reason) => format!("{} is not a sandbox state file: {reason}", path.display()),
            LoadError::OtherVersion => {
                format!("{} was written by another sandbox version; delete it to start afresh", path.display())
            }
        };
        Error::new(ErrorKind::InvalidData, message)
    })
}

/// A cheap fingerprint, so an unchanged state is not rewritten.
pub fn fingerprint(contents: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    contents.hash(&mut hasher);
    hasher.finish()
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(".tmp");
    PathBuf::from(name)
}

/// Writes `contents` to `FILE.tmp`, then renames it over `FILE`.
pub fn write(path: &Path, contents: &str) -> std::io::Result<()> {
    let temporary = temporary_path(path);
    std::fs::write(&temporary, contents)?;
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use minted_sandbox_core::state::seeded;

    use super::*;

    #[test]
    fn round_trips_through_a_file() {
        let dir = std::env::temp_dir().join(format!("minted-sandbox-persist-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        assert!(load(&path).unwrap().is_none());
        let store = seeded(42, 1_800_000_000_000);
        write(&path, &store.to_json()).unwrap();
        assert!(!temporary_path(&path).exists());
        let loaded = load(&path).unwrap().unwrap();
        assert_eq!(loaded.to_json(), store.to_json());
        std::fs::write(&path, "{").unwrap();
        assert_eq!(load(&path).unwrap_err().kind(), ErrorKind::InvalidData);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
