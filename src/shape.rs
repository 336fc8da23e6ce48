//! Response shapes. Each response model declared in `api/` (`models!`) writes one line of a text table; the body of
//! a response is read in JS (`src/js/decode.js`): V8's `JSON.parse` builds the object from the bytes, and one walk checks
//! `data` against the table. The object handed back is exactly what the server sent, every unknown field kept, and
//! no response type costs code in the wasm. The table reaches JS once, on the first read.
//!
//! A line of the table is a model's name, then one entry per field, space-separated: the wire name, `!` (required:
//! present and not `null`) or `?` (optional: may be missing or `null`), and the field's kind: `s` a string, `n` a
//! number (integers and fractions alike), `b` true or false, `*` anything (objects the docs do not describe), `[K` an
//! array of kind K, or a response model's name (an object of that shape; fields it does not list are not checked).

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;

/// The expected `data` of an operation.
#[derive(Debug)]
pub struct DataShape {
    /// Its kind (see the module docs).
    pub kind: &'static str,
    /// `data` may be `null` or missing.
    pub nullable: bool,
}

/// `data` of a raw request: anything, including nothing.
pub static ANY: DataShape = DataShape { kind: "*", nullable: true };

#[wasm_bindgen(module = "/src/js/decode.js")]
extern "C" {
    #[wasm_bindgen(js_name = installShapes)]
    fn install_shapes(models: &str, outputs: &str);

    #[wasm_bindgen(catch, js_name = readBody)]
    fn read_body_js(body: &JsValue, output: u32, ok: bool) -> Result<JsValue, JsValue>;
}

/// Why a body was not a plain good answer, as `src/js/decode.js` found it.
#[derive(Debug, PartialEq)]
pub enum Reading {
    /// Not JSON, or not UTF-8.
    NotJson,
    /// JSON, but not the API's envelope, or `data` not of the documented shape: why.
    Shape(String),
    /// The envelope, which says the call failed, or has no `data` where some is needed.
    Envelope(EnvelopeInfo),
}

/// What the envelope around `data` said.
#[derive(Debug, Default, PartialEq)]
pub struct EnvelopeInfo {
    pub has_data: bool,
    pub success: Option<bool>,
    pub code: Option<Code>,
    pub message: Option<String>,
}

/// The API's `code`.
#[derive(Clone, Debug, PartialEq)]
pub enum Code {
    Number(f64),
    Text(String),
}

/// Reads a response body (a `Uint8Array` or a string): its `data` (`null` when there is none) when the status is a
/// success (`ok`), the envelope says so and `data` has the documented shape; otherwise why not. `output` is the
/// position of the operation's `data` in the outputs table (any other number reads [`ANY`]). `tables` gives the
/// model and outputs tables, handed to JS on the first read.
pub fn read(
    body: &JsValue,
    output: u32,
    ok: bool,
    tables: fn() -> (&'static str, &'static str),
) -> Result<JsValue, Reading> {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if !INSTALLED.swap(true, Ordering::Relaxed) {
        let (models, outputs) = tables();
        install_shapes(models, outputs);
    }
    read_body_js(body, output, ok).map_err(|thrown| reading(&js_sys::Array::from(&thrown)))
}

/// The core's side of what `readBody` throws: `[what, why, hasData, success, code, message]`.
fn reading(thrown: &js_sys::Array) -> Reading {
    match thrown.get(0).as_string().as_deref() {
        Some("shape") => Reading::Shape(thrown.get(1).as_string().unwrap_or_default()),
        Some("envelope") => {
            let code = thrown.get(4);
            Reading::Envelope(EnvelopeInfo {
                has_data: thrown.get(2).as_bool().unwrap_or(false),
                success: thrown.get(3).as_bool(),
                code: match code.as_f64() {
                    Some(n) => Some(Code::Number(n)),
                    None => code.as_string().map(Code::Text),
                },
                message: thrown.get(5).as_string(),
            })
        }
        _ => Reading::NotJson,
    }
}
