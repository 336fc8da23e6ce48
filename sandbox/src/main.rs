//! `minted-sandbox`: command line → [`minted_sandbox::serve_state`] on 127.0.0.1.

use std::io::{Read, Write};
use std::net::Ipv4Addr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use minted_sandbox::{parse_algorithms, Algorithm, AppState, NcCheck, Settings};
use tokio::net::TcpListener;

/// A local HTTP server that behaves like the Minted Connect Partner API (Digest auth, CORS, in-memory or file-backed
/// data).
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// Port on 127.0.0.1; 0 lets the operating system pick a free one.
    #[arg(long, env = "MINTED_SANDBOX_PORT", default_value_t = 0)]
    port: u16,
    /// Digest username clients must use.
    #[arg(long, env = "MINTED_SANDBOX_USERNAME", default_value = "sandbox")]
    username: String,
    /// Digest password clients must use.
    #[arg(long, env = "MINTED_SANDBOX_PASSWORD", default_value = "sandbox-password", hide_env_values = true)]
    password: String,
    /// Digest realm.
    #[arg(long, default_value = "minted-sandbox")]
    realm: String,
    /// SHA-256, MD5, SHA-256-sess, MD5-sess, or both (one SHA-256 and one MD5 challenge).
    #[arg(long, default_value = "both", value_parser = algorithms)]
    algorithm: AlgorithmList,
    /// How long a nonce stays valid, in seconds.
    #[arg(long, default_value_t = 300)]
    nonce_ttl_secs: u64,
    /// Nonce-count check: `replay` refuses a count used before; `strict` also refuses a count not above the last one
    /// for that nonce (out of order), like Apache httpd with `AuthDigestNcCheck On`.
    #[arg(long, default_value = "replay", value_parser = NcCheck::parse)]
    nc_check: NcCheck,
    /// Seed of the price function: the same seed quotes the same prices at the same minute.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Lifetime of a price-fix token (`expire_ttl`), in seconds.
    #[arg(long, default_value_t = 240)]
    quote_ttl_secs: u64,
    /// How long a delivery stays in each status (Created, Preparing, Packed, Shipped), in seconds.
    #[arg(long, default_value_t = 30)]
    delivery_step_secs: u64,
    /// Keep all data in FILE: loaded at start when it exists (else seeded), rewritten after every change.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Exit when standard input reaches end of file, so a parent process that dies never leaves the server running.
    #[arg(long)]
    exit_on_stdin_eof: bool,
}

#[derive(Clone, Debug)]
struct AlgorithmList(Vec<Algorithm>);

fn algorithms(value: &str) -> Result<AlgorithmList, String> {
    parse_algorithms(value).map(AlgorithmList)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let cli = Cli::parse();
    let settings = Settings {
        username: cli.username,
        password: cli.password,
        realm: cli.realm,
        algorithms: cli.algorithm.0,
        nonce_ttl: Duration::from_secs(cli.nonce_ttl_secs),
        nc_check: cli.nc_check,
        seed: cli.seed,
        quote_ttl: Duration::from_secs(cli.quote_ttl_secs),
        delivery_step: Duration::from_secs(cli.delivery_step_secs),
    };
    // Read (or create) the state file before announcing the port, so a bad file stops the start-up cleanly.
    let state = AppState::open(settings, cli.state)?;
    // Loopback only: the sandbox has a well-known password and must never be reachable from the network.
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, cli.port)).await?;
    let port = listener.local_addr()?.port();
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "minted-sandbox listening on http://127.0.0.1:{port}")?;
    stdout.flush()?;
    drop(stdout);
    minted_sandbox::serve_state(state, listener, shutdown_signal(cli.exit_on_stdin_eof)).await
}

/// Completes on SIGINT, SIGTERM, or (when asked) end of standard input.
async fn shutdown_signal(watch_stdin: bool) {
    let (eof_tx, eof_rx) = tokio::sync::oneshot::channel::<()>();
    if watch_stdin {
        // A plain thread, not a runtime task: a blocked read must not keep the runtime from shutting down.
        std::thread::spawn(move || {
            let mut buffer = [0u8; 1024];
            let mut stdin = std::io::stdin().lock();
            while matches!(stdin.read(&mut buffer), Ok(n) if n > 0) {}
            let _ = eof_tx.send(());
        });
    }
    let stdin_eof = async move {
        if !watch_stdin || eof_rx.await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = interrupt => {}
        () = terminate() => {}
        () = stdin_eof => {}
    }
}

#[cfg(unix)]
async fn terminate() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut signal) => {
            signal.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn terminate() {
    std::future::pending().await
}
