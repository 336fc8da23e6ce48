//! The wasm build under wasm-bindgen-test in Node, against a real sandbox (`make test` starts it and passes its URL
//! in `MINTED_SANDBOX_URL` at compile time).
#![cfg(target_arch = "wasm32")]

mod wasm_suite;
