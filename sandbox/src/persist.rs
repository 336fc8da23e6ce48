//! The `--state` file: the whole store as JSON, loaded at start and rewritten (to `FILE.tmp`, then renamed, so a
//! crash never leaves half a file) after every change.

use std::ffi::OsString;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{Error, ErrorKind};
use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::state::Store;
use crate::AppState;

/// The store saved at `path`; `None` when there is no such file.
pub fn load(path: &Path) -> std::io::Result<Option<Store>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error),
    };
    let store: Store = serde_json::from_str(&text).map_err(|error| {
        Error::new(ErrorKind::InvalidData, format!("{} is not a sandbox state file: {error}", path.display()))
    })?;
    if !store.is_current_version() {
        let message = format!("{} was written by another sandbox version; delete it to start afresh", path.display());
        return Err(Error::new(ErrorKind::InvalidData, message));
    }
    Ok(Some(store))
}

pub fn to_json(store: &Store) -> std::io::Result<String> {
    serde_json::to_string_pretty(store).map_err(Error::other)
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

/// After any request that can change data (everything but GET, HEAD and OPTIONS), saves the state if it changed,
/// before the response leaves: a client that saw a success can rely on a restart keeping it.
pub async fn save_changes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let may_change = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let response = next.run(request).await;
    if may_change {
        if let Err(error) = state.save() {
            eprintln!("minted-sandbox: could not save the state file: {error}");
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_a_file() {
        let dir = std::env::temp_dir().join(format!("minted-sandbox-persist-{}", crate::ids::alphanumeric(8)));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        assert!(load(&path).unwrap().is_none());
        let store = Store::seeded(42, 1_800_000_000_000);
        write(&path, &to_json(&store).unwrap()).unwrap();
        assert!(!temporary_path(&path).exists());
        let loaded = load(&path).unwrap().unwrap();
        assert_eq!(to_json(&loaded).unwrap(), to_json(&store).unwrap());
        std::fs::write(&path, "{").unwrap();
        assert_eq!(load(&path).unwrap_err().kind(), ErrorKind::InvalidData);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
