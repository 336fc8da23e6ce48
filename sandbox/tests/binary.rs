//! The `minted-sandbox` binary: the start-up line, loopback binding and exit on end of standard input.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the child if a test fails before it exits on its own.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn prints_the_listening_line_and_exits_on_stdin_eof() {
    let child = Command::new(env!("CARGO_BIN_EXE_minted-sandbox"))
        .args(["--port", "0", "--exit-on-stdin-eof", "--username", "u", "--password", "p", "--algorithm", "MD5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start minted-sandbox");
    let mut guard = Guard(child);
    let mut line = String::new();
    BufReader::new(guard.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base_url = line
        .trim_end()
        .strip_prefix("minted-sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");

    let mut client = common::Client::new(&base_url, "u", "p");
    let health = client.raw("GET", "/__sandbox/health", None, &[]);
    assert_eq!(health.status, 200);
    let customer = client.get("/partner/customer/MTD0018232");
    assert_eq!(customer.status, 200, "{}", customer.text);
    assert_eq!(client.raw("GET", "/partner/order/HYAQA01373", None, &[]).header_all("www-authenticate").len(), 1);

    drop(guard.0.stdin.take());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = guard.0.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the sandbox did not exit after stdin closed");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn rejects_an_unknown_algorithm() {
    let output = Command::new(env!("CARGO_BIN_EXE_minted-sandbox"))
        .args(["--algorithm", "SHA-512"])
        .stdin(Stdio::null())
        .output()
        .expect("run minted-sandbox");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown algorithm"));
}

#[test]
fn new_flags_reach_the_server() {
    let dir = std::env::temp_dir().join(format!("minted-sandbox-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    let child = Command::new(env!("CARGO_BIN_EXE_minted-sandbox"))
        .args([
            "--port",
            "0",
            "--exit-on-stdin-eof",
            "--seed",
            "7",
            "--quote-ttl-secs",
            "5",
            "--delivery-step-secs",
            "2",
        ])
        .arg("--state")
        .arg(&state)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start minted-sandbox");
    let mut guard = Guard(child);
    let mut line = String::new();
    BufReader::new(guard.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base_url = line.trim_end().rsplit(' ').next().unwrap().to_owned();
    assert!(state.exists(), "the seeded state is saved before the server announces itself");
    let mut client = common::Client::new(&base_url, "sandbox", "sandbox-password");
    let quote = client.quote(&serde_json::json!({"type": "digital"}));
    assert_eq!(quote["expire_ttl"], 5);
    drop(guard.0.stdin.take());
    let _ = guard.0.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_damaged_state_file_fails_the_start_with_a_message() {
    let dir = std::env::temp_dir().join(format!("minted-sandbox-damaged-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    std::fs::write(&state, "[]").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_minted-sandbox"))
        .arg("--state")
        .arg(&state)
        .stdin(Stdio::null())
        .output()
        .expect("run minted-sandbox");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "no listening line for a server that will not run");
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a sandbox state file"));
}
