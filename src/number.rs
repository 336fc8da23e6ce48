//! A finite `f64` as JSON text. The wasm asks the JS engine (the text `JSON.stringify` writes, shortest round-trip),
//! which saves carrying a float formatter in the module; native builds and tests use serde_json's (the same digits;
//! only exponents differ in spelling, `1e+21` against `1e21`, both valid JSON).

/// `value` written as a JSON number; `null` for NaN and the infinities, as `JSON.stringify` writes them.
#[cfg(target_arch = "wasm32")]
pub fn json(value: f64) -> String {
    js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_f64(value))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| "null".to_owned())
}

/// `value` written as a JSON number; `null` for NaN and the infinities, as `JSON.stringify` writes them.
#[cfg(not(target_arch = "wasm32"))]
pub fn json(value: f64) -> String {
    serde_json::Number::from_f64(value).map_or_else(|| "null".to_owned(), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_written_as_json() {
        for (value, text) in [(1.5, "1.5"), (-0.25, "-0.25"), (0.1 + 0.2, "0.30000000000000004"), (f64::NAN, "null")] {
            assert_eq!(super::json(value), text);
        }
    }
}
