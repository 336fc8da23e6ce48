//! An in-process sandbox on 127.0.0.1:0 and a small blocking client that answers Digest challenges with the SDK's
//! signing code.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::thread::JoinHandle;
use std::time::Duration;

use minted_connect::digest::{authorization_header, parse_www_authenticate, Challenge};
use minted_sandbox::{AppState, Settings};
use serde_json::Value;

/// A running sandbox; dropping it shuts the server down and waits for it.
pub struct TestServer {
    pub base_url: String,
    pub settings: Settings,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start() -> Self {
        Self::start_with(Settings::default())
    }

    pub fn start_with(settings: Settings) -> Self {
        Self::start_state(AppState::new(settings))
    }

    /// Serves a sandbox made beforehand (e.g. one opened from a state file).
    pub fn start_state(state: AppState) -> Self {
        let settings = state.settings().clone();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("tokio runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                let shutdown = async move {
                    let _ = stopped.await;
                };
                minted_sandbox::serve_state(state, listener, shutdown).await.expect("serve");
            });
        });
        Self { base_url, settings, stop: Some(stop), thread: Some(thread) }
    }

    /// A client with the right credentials and the usual headers (English messages).
    pub fn client(&self) -> Client {
        Client::new(&self.base_url, &self.settings.username, &self.settings.password)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One HTTP response, headers lower-cased, body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HashMap<String, Vec<String>>,
    pub text: String,
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|values| values.first()).map(String::as_str)
    }

    pub fn header_all(&self, name: &str) -> Vec<String> {
        self.headers.get(name).cloned().unwrap_or_default()
    }

    /// The SDK's pick among the `WWW-Authenticate` challenges.
    pub fn challenge(&self) -> Challenge {
        parse_www_authenticate(Some(&self.header_all("www-authenticate").join(", "))).expect("a Digest challenge")
    }
}

/// A blocking HTTP client that signs requests the way the SDK does.
pub struct Client {
    agent: ureq::Agent,
    base_url: String,
    pub username: String,
    pub password: String,
    /// Sent with every request; tests remove or change entries to provoke errors.
    pub headers: Vec<(String, String)>,
    session: Option<(Challenge, u32)>,
    cnonce_counter: u32,
}

impl Client {
    pub fn new(base_url: &str, username: &str, password: &str) -> Self {
        let config = ureq::Agent::config_builder().http_status_as_error(false).build();
        Self {
            agent: ureq::Agent::new_with_config(config),
            base_url: base_url.to_owned(),
            username: username.to_owned(),
            password: password.to_owned(),
            headers: vec![
                ("x-client-id".to_owned(), "web".to_owned()),
                ("api-version".to_owned(), "2".to_owned()),
                ("accept-language".to_owned(), "en".to_owned()),
            ],
            session: None,
            cnonce_counter: 0,
        }
    }

    pub fn set_header(&mut self, name: &str, value: Option<&str>) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        if let Some(value) = value {
            self.headers.push((name.to_owned(), value.to_owned()));
        }
    }

    /// Gives up on a request after `timeout` (`None`: never).
    pub fn set_timeout(&mut self, timeout: Option<std::time::Duration>) {
        let config = ureq::Agent::config_builder().http_status_as_error(false).timeout_global(timeout).build();
        self.agent = ureq::Agent::new_with_config(config);
    }

    /// Sends without any Digest handling; `extra` headers are added to the client's own.
    pub fn raw(&self, method: &str, path: &str, body: Option<&str>, extra: &[(&str, &str)]) -> Reply {
        self.try_raw(method, path, body, extra).expect("HTTP exchange")
    }

    /// As [`Self::raw`], but a network error (or a body cut short) is returned rather than a panic.
    pub fn try_raw(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        extra: &[(&str, &str)],
    ) -> Result<Reply, ureq::Error> {
        let mut builder = ureq::http::Request::builder().method(method).uri(format!("{}{path}", self.base_url));
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        for (name, value) in extra {
            builder = builder.header(*name, *value);
        }
        let result = match body {
            Some(body) => {
                let request = builder.header("content-type", "application/json").body(body.to_owned());
                self.agent.run(request.expect("request"))
            }
            None => self.agent.run(builder.body(()).expect("request")),
        };
        let response = result?;
        let status = response.status().as_u16();
        let mut headers: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in response.headers() {
            let value = value.to_str().unwrap_or_default().to_owned();
            headers.entry(name.as_str().to_ascii_lowercase()).or_default().push(value);
        }
        let text = response.into_body().read_to_string()?;
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(Reply { status, headers, text, json })
    }

    /// The `Authorization` value for `challenge` with counter `nc`, built by the SDK.
    pub fn sign_with(&mut self, challenge: &Challenge, nc: u32, method: &str, uri: &str) -> String {
        self.cnonce_counter += 1;
        let cnonce = format!("test-cnonce-{}", self.cnonce_counter);
        authorization_header(&challenge.answer((method, uri), (&self.username, &self.password), nc, &cnonce))
    }

    /// Sends with Digest auth: signs with the current nonce (nc + 1) when one is known, and on a 401 adopts the new
    /// challenge and retries once.
    pub fn call(&mut self, method: &str, path: &str, body: Option<&str>) -> Reply {
        self.try_call(method, path, body).expect("HTTP exchange")
    }

    /// As [`Self::call`], but a network error is returned rather than a panic.
    pub fn try_call(&mut self, method: &str, path: &str, body: Option<&str>) -> Result<Reply, ureq::Error> {
        for _ in 0..2 {
            let authorization = match self.session.take() {
                Some((challenge, nc)) => {
                    let header = self.sign_with(&challenge, nc + 1, method, path);
                    self.session = Some((challenge, nc + 1));
                    Some(header)
                }
                None => None,
            };
            let extra: Vec<(&str, &str)> = authorization.iter().map(|a| ("authorization", a.as_str())).collect();
            let reply = self.try_raw(method, path, body, &extra)?;
            if reply.status != 401 {
                return Ok(reply);
            }
            self.session = Some((reply.challenge(), 0));
        }
        self.try_raw(method, path, body, &[])
    }

    pub fn get(&mut self, path: &str) -> Reply {
        self.call("GET", path, None)
    }

    pub fn post(&mut self, path: &str, body: &Value) -> Reply {
        self.call("POST", path, Some(&body.to_string()))
    }

    pub fn patch(&mut self, path: &str, body: &Value) -> Reply {
        self.call("PATCH", path, Some(&body.to_string()))
    }

    pub fn delete(&mut self, path: &str) -> Reply {
        self.call("DELETE", path, None)
    }

    /// A DELETE with a JSON body (card storage).
    pub fn delete_with(&mut self, path: &str, body: &Value) -> Reply {
        self.call("DELETE", path, Some(&body.to_string()))
    }

    /// `POST /partner/pricefix` with the `api-version: 3` it requires.
    pub fn pricefix(&mut self, body: &Value) -> Reply {
        self.set_header("api-version", Some("3"));
        let reply = self.post("/partner/pricefix", body);
        self.set_header("api-version", Some("2"));
        reply
    }

    /// A fresh price token (TRY unless `body` says otherwise).
    pub fn quote(&mut self, body: &Value) -> Value {
        let reply = self.pricefix(body);
        data(&reply).clone()
    }

    /// The sandbox's state dump (`GET /__sandbox/state`, no auth).
    pub fn state(&self) -> Value {
        self.raw("GET", "/__sandbox/state", None, &[]).json
    }

    /// Changes the sandbox clock (`POST /__sandbox/clock`, e.g. `{"advance_secs": 30}` or `{"freeze": true}`) and
    /// returns the clock's view.
    pub fn clock(&self, change: Value) -> Value {
        let reply = self.raw("POST", "/__sandbox/clock", Some(&change.to_string()), &[]);
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.json
    }

    /// Moves sandbox time forward by `ms`, as if that much time had passed.
    pub fn advance_clock(&self, ms: u64) -> Value {
        self.clock(serde_json::json!({ "advance_ms": ms }))
    }

    /// One wallet balance of a customer from the state dump (0 when the wallet does not exist).
    pub fn balance(&self, customer: &str, code: &str) -> f64 {
        self.state()["customers"][customer][code].as_f64().unwrap_or(0.0)
    }
}

/// Asserts a failure envelope with this status and application code; returns its message and `data`.
pub fn failure(reply: &Reply, status: u16, code: i64) -> (String, Value) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.json["success"], false, "{}", reply.text);
    assert_eq!(reply.json["code"], code, "{}", reply.text);
    (reply.json["message"].as_str().expect("message").to_owned(), reply.json["data"].clone())
}

/// The customer block of a B2B2C buy.
pub fn customer_block(external_id: &str) -> Value {
    serde_json::json!({"external_id": external_id, "identity_number": "10000000146", "firstname": "Mehmet", "lastname": "Gülbilge", "email": "mehmet@example.com", "phone": "+905322808035"})
}

/// Asserts the success envelope and returns `data`.
pub fn data(reply: &Reply) -> &Value {
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json["success"], true, "{}", reply.text);
    assert_eq!(reply.json["code"], 0);
    assert_eq!(reply.json["message"], "");
    &reply.json["data"]
}

/// Asserts an error envelope with this status and returns its message.
pub fn error(reply: &Reply, status: u16) -> String {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.json["success"], false, "{}", reply.text);
    assert_eq!(reply.json["data"], Value::Null);
    assert!(reply.json["code"].as_i64().is_some_and(|code| code != 0), "{}", reply.text);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert!(reply.header("x-request-id").is_some());
    reply.json["message"].as_str().expect("message").to_owned()
}

/// Sends `request` on a fresh TCP connection and returns every byte the server sent before closing it.
pub fn raw_exchange(base_url: &str, request: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(base_url.trim_start_matches("http://")).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream.write_all(request.as_bytes()).expect("send");
    let mut received = Vec::new();
    match stream.read_to_end(&mut received) {
        Ok(_) => {}
        Err(error) if error.kind() == ErrorKind::ConnectionReset => {}
        Err(error) => panic!("the connection stayed open: {error}"),
    }
    received
}
