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
