//! The same suite as `wasm_node.rs`, in headless Chromium (cross-origin: the sandbox answers CORS).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_suite;
