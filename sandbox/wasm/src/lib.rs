//! minted-sandbox-wasm: the WebAssembly host of the sandbox core, behind `minted-connect/sandbox`.
//!
//! [`SandboxCore`] owns one [`Sandbox`] and takes requests as plain parts (method, target, header pairs, body
//! bytes); what comes back is a [`Reply`]: a response, a closed connection, or a wait on sandbox time with an id to
//! [`SandboxCore::resume`] later. Everything a JavaScript caller touches — the `fetch` function, `Request` and
//! `Response` objects, timers, `AbortSignal`s, the admin calls — is in `js/create.js`, which drives this the way the
//! native host (`sandbox/src/bridge.rs`) drives the core over sockets. Time is the JavaScript clock (`Date.now()`)
//! plus whatever `POST /__sandbox/clock` added; randomness is seeded by the caller.

#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod options;

use std::collections::BTreeMap;

use minted_sandbox_core::{Deferred, Outcome, Request, Sandbox, Settings, Store};
use wasm_bindgen::prelude::*;

pub use options::settings_from_json;

/// The JavaScript clock, Unix milliseconds.
fn js_now_ms() -> i64 {
    // Date.now() is an integer number of milliseconds well inside i64.
    js_sys::Date::now() as i64
}

/// One sandbox: its data, clock, fault plan, and the requests an injected delay holds back.
#[wasm_bindgen]
pub struct SandboxCore {
    sandbox: Sandbox,
    settings: Settings,
    /// What `reset` goes back to: the state the sandbox was created with, or the seed data.
    initial: Option<String>,
    waiting: BTreeMap<u32, Deferred>,
    next_wait: u32,
}

#[wasm_bindgen]
impl SandboxCore {
    /// A sandbox configured by `options` (JSON, see `options.rs`), over `state` (what [`Self::save`] wrote) or the
    /// seed data; `entropy` seeds tokens, nonces and ids.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str, state: Option<String>, entropy: f64) -> Result<SandboxCore, JsError> {
        let settings = settings_from_json(options).map_err(|message| JsError::new(&message))?;
        let sandbox = build(&settings, state.as_deref(), entropy).map_err(|message| JsError::new(&message))?;
        Ok(Self { sandbox, settings, initial: state, waiting: BTreeMap::new(), next_wait: 0 })
    }

    /// Handles one request. `headers` is a flat list: name, value, name, value… `served`: it came over a socket
    /// (`minted sandbox`), so the listener's checks apply (Host and Origin on loopback names).
    pub fn handle(
        &mut self,
        method: String,
        target: String,
        headers: Vec<String>,
        body: Vec<u8>,
        served: bool,
    ) -> Reply {
        let mut pairs = headers.into_iter();
        let mut request = Request::new(&method, &target).body(body);
        while let (Some(name), Some(value)) = (pairs.next(), pairs.next()) {
            request.headers.append(&name, value);
        }
        let outcome = if served { self.sandbox.handle_served(request) } else { self.sandbox.handle(request) };
        self.reply(outcome)
    }

    /// Processes a request held back by a delay (see [`Reply::wait_id`]); `undefined` for an unknown id.
    pub fn resume(&mut self, id: u32) -> Option<Reply> {
        let deferred = self.waiting.remove(&id)?;
        let outcome = self.sandbox.resume(deferred);
        Some(self.reply(outcome))
    }

    /// Back to the state it was created with, with fresh nonces, no faults and the clock on real time; requests
    /// waiting on a delay are forgotten.
    pub fn reset(&mut self, entropy: f64) -> Result<(), JsError> {
        self.sandbox =
            build(&self.settings, self.initial.as_deref(), entropy).map_err(|message| JsError::new(&message))?;
        self.waiting.clear();
        Ok(())
    }

    /// The API data as JSON, for `createSandbox({ state })`.
    pub fn save(&self) -> String {
        self.sandbox.store().to_json()
    }

    /// Sandbox time, Unix milliseconds.
    #[wasm_bindgen(js_name = nowMs)]
    pub fn now_ms(&self) -> f64 {
        self.sandbox.now_ms() as f64
    }

    /// Changes whenever the clock is moved or stopped.
    #[wasm_bindgen(js_name = clockGeneration)]
    pub fn clock_generation(&self) -> f64 {
        self.sandbox.clock_generation() as f64
    }

    #[wasm_bindgen(js_name = clockFrozen)]
    pub fn clock_frozen(&self) -> bool {
        self.sandbox.clock_is_frozen()
    }

    #[wasm_bindgen(getter)]
    pub fn username(&self) -> String {
        self.settings.username.clone()
    }

    #[wasm_bindgen(getter)]
    pub fn password(&self) -> String {
        self.settings.password.clone()
    }

    fn reply(&mut self, outcome: Outcome) -> Reply {
        match outcome {
            Outcome::Respond(response) => Reply {
                kind: Kind::Respond,
                status: response.status,
                headers: response
                    .headers
                    .iter()
                    .flat_map(|(name, value)| [name.to_owned(), value.to_owned()])
                    .collect(),
                body: response.body,
                until_ms: 0.0,
                wait_id: 0,
            },
            Outcome::Close => Reply::bare(Kind::Close),
            Outcome::Wait { until_ms, deferred } => {
                self.next_wait = self.next_wait.wrapping_add(1);
                self.waiting.insert(self.next_wait, deferred);
                Reply { until_ms: until_ms as f64, wait_id: self.next_wait, ..Reply::bare(Kind::Wait) }
            }
        }
    }
}

fn build(settings: &Settings, state: Option<&str>, entropy: f64) -> Result<Sandbox, String> {
    // Any number will do as a seed: its bits are taken as they are.
    let entropy = entropy.to_bits();
    match state {
        None => Ok(Sandbox::new(settings.clone(), Box::new(js_now_ms), entropy)),
        Some(text) => {
            let store = Store::from_json(text).map_err(|error| match error {
                minted_sandbox_core::LoadError::NotState(reason) => format!("state is not a sandbox state: {reason}"),
                minted_sandbox_core::LoadError::OtherVersion => {
                    "state was saved by another sandbox version; start without it".to_owned()
                }
            })?;
            Ok(Sandbox::with_store(settings.clone(), store, Box::new(js_now_ms), entropy))
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Respond,
    Close,
    Wait,
}

/// What to do with one request: `kind` is `"respond"` (status, headers, body), `"close"` (the connection closes
/// without a response: the fetch rejects) or `"wait"` (until sandbox time reaches `untilMs`, then resume `waitId`).
#[wasm_bindgen]
pub struct Reply {
    kind: Kind,
    status: u16,
    headers: Vec<String>,
    body: Vec<u8>,
    until_ms: f64,
    wait_id: u32,
}

impl Reply {
    fn bare(kind: Kind) -> Self {
        Self { kind, status: 0, headers: Vec::new(), body: Vec::new(), until_ms: 0.0, wait_id: 0 }
    }
}

#[wasm_bindgen]
impl Reply {
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        match self.kind {
            Kind::Respond => "respond",
            Kind::Close => "close",
            Kind::Wait => "wait",
        }
        .to_owned()
    }

    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Name, value, name, value…
    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> Vec<String> {
        self.headers.clone()
    }

    #[wasm_bindgen(getter)]
    pub fn body(&self) -> Vec<u8> {
        self.body.clone()
    }

    #[wasm_bindgen(getter, js_name = untilMs)]
    pub fn until_ms(&self) -> f64 {
        self.until_ms
    }

    #[wasm_bindgen(getter, js_name = waitId)]
    pub fn wait_id(&self) -> u32 {
        self.wait_id
    }
}
