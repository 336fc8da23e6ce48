//! `MintedClient` and the path every call takes: validate → route → send → decode. The per-operation methods are
//! generated from the table in `lib.rs` by the `operations!` macro below.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::config;
use crate::error::{ErrorKind, MintedError};
use crate::js;
use crate::routes;
use crate::transport::{clock, Call, Transport};
use crate::validate::{self, Issue, Settings};

/// A client for the Minted Connect Partner API.
///
/// ```js
/// import { MintedClient, MintedError } from 'minted-connect';
/// const client = new MintedClient({ baseUrl: 'https://api.staging.mintedconnect.com', username, password });
/// const customer = await client.getCustomer('MTD0018232');
/// ```
#[wasm_bindgen]
pub struct MintedClient {
    transport: Rc<Transport>,
}

/// Checks a response body against an operation's documented type.
pub(crate) type Checker = &'static crate::shape::DataShape;

#[wasm_bindgen]
impl MintedClient {
    /// Creates a client. Throws a `MintedError` of kind `config` naming the field when the config is unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
    ) -> Result<MintedClient, JsValue> {
        let json =
            js::to_json(&config).map_err(|_| MintedError::config("baseUrl", "the config must be plain JSON data"))?;
        let config = config::from_json(&json)?;
        Ok(MintedClient { transport: Rc::new(Transport::new(config)) })
    }

    /// Validates a request body for an operation without sending it, with this client's language and strictness.
    /// Returns every issue found (errors and warnings); an empty array means the body is valid.
    #[wasm_bindgen(js_name = validateRequest, unchecked_return_type = "ValidationIssue[]")]
    #[allow(non_snake_case)]
    pub fn validate_request(
        &self,
        operationId: &str,
        #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    ) -> Result<JsValue, JsValue> {
        let settings = self.settings();
        Ok(js::to_js(&validate_js(operationId, &body, &settings)?))
    }

    /// The API base URL this client talks to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.transport.config.base_url.clone()
    }
}

impl MintedClient {
    fn settings(&self) -> Settings {
        let config = &self.transport.config;
        Settings {
            lang: config.language,
            strict_identity_numbers: config.strict_identity_numbers,
            today: clock::today_utc(),
        }
    }

    /// Validates and prepares one call synchronously (so later changes to the caller's objects cannot leak into
    /// it), then sends and decodes it; the promise resolves to the response `data` as the server sent it.
    pub(crate) fn spawn(
        &self,
        operation: &'static str,
        path_values: &[(&'static str, &str)],
        body: Option<JsValue>,
        options: Option<JsValue>,
        data: Checker,
    ) -> js_sys::Promise {
        let call = match self.prepare(operation, path_values, body, options) {
            Ok(call) => call,
            Err(err) => return js_sys::Promise::reject(&JsValue::from(err.in_operation(operation))),
        };
        let transport = self.transport.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let result = async {
                let response = transport.send(&call).await?;
                crate::envelope::check(&response.raw, data, &transport.secrets(&response))?;
                js::parse_data(&response.js_body)
            };
            result.await.map_err(|err| JsValue::from(err.in_operation(operation)))
        })
    }

    fn prepare(
        &self,
        operation: &'static str,
        path_values: &[(&'static str, &str)],
        body: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Result<Call, MintedError> {
        let route = routes::find(operation)
            .ok_or_else(|| MintedError::new(ErrorKind::Config, format!("no route for operation {operation}")))?;
        let options = js::call_options(options)?;
        let settings = self.settings();

        let mut issues: Vec<Issue> = Vec::new();
        for (name, value) in path_values {
            issues.extend(validate::path_param(name, value, &settings));
        }
        let body = match body {
            Some(value) => {
                let mut json =
                    js::to_json(&value).map_err(|issue| MintedError::validation(vec![issue], settings.lang))?;
                issues.extend(validate::body(validate::schemas::schema(operation), &mut json, &settings));
                Some(json.to_string())
            }
            None => None,
        };
        if validate::has_errors(&issues) {
            return Err(MintedError::validation(issues, settings.lang));
        }
        let values: Vec<&str> = path_values.iter().map(|(_, v)| *v).collect();
        let path = routes::fill_path(route.path, &values)
            .ok_or_else(|| MintedError::new(ErrorKind::Config, "path parameters do not match the route"))?;
        Ok(Call { route, path, body, signal: options.signal })
    }
}

/// Validates a JS body for an operation (shared by the client method and the free function).
pub(crate) fn validate_js(operation_id: &str, body: &JsValue, settings: &Settings) -> Result<Vec<Issue>, MintedError> {
    if routes::find(operation_id).is_none() {
        return Err(MintedError::new(ErrorKind::Validation, format!("unknown operation id `{operation_id}`"))
            .with_code(crate::error::ErrorCode::Sdk("unknown_operation")));
    }
    let mut json = match js::to_json(body) {
        Ok(json) => json,
        Err(issue) => return Ok(vec![issue]),
    };
    Ok(validate::body(validate::schemas::schema(operation_id), &mut json, settings))
}

/// Generates one client method per operation (each returns a promise), `response_shape` for `decodeResponse`, and
/// the list of declared return types for a test.
///
/// Shapes: `(path NAME)`, `(body TYPE)`, `(path NAME, body TYPE)`. The TypeScript return type is spelled out because
/// wasm-bindgen attributes take literals only; a test checks it names the Rust type.
macro_rules! operations {
    ($(
        $(#[$meta:meta])*
        $js:literal => fn $name:ident($($shape:tt)*) -> $Res:ident as $ts:literal;
    )*) => {
        $( $crate::client::operations!(@method [$(#[$meta])*] $js, $name, $Res, $ts, $($shape)*); )*

        /// The documented shape of an operation's `data` (what the client checks responses against).
        pub fn response_shape(operation: &str) -> Option<&'static $crate::shape::DataShape> {
            match operation {
                $( $js => Some(&<$Res as $crate::shape::Described>::DATA), )*
                _ => None,
            }
        }

        #[cfg(test)]
        pub(crate) const DECLARED_RETURNS: &[(&str, &str)] = &[$(($ts, stringify!($Res))),*];
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal, path $p:ident) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self, $p: String, options: Option<tsify::Ts<$crate::js::CallOptions>>) -> js_sys::Promise {
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[(stringify!($p), &$p)], None, options.map(|o| o.js_value()), data)
            }
        }
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal, body $Body:ty) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self, body: tsify::Ts<$Body>, options: Option<tsify::Ts<$crate::js::CallOptions>>) -> js_sys::Promise {
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[], Some(body.js_value()), options.map(|o| o.js_value()), data)
            }
        }
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal, path $p:ident, body $Body:ty) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(
                &self,
                $p: String,
                body: tsify::Ts<$Body>,
                options: Option<tsify::Ts<$crate::js::CallOptions>>,
            ) -> js_sys::Promise {
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[(stringify!($p), &$p)], Some(body.js_value()), options.map(|o| o.js_value()), data)
            }
        }
    };
}
pub(crate) use operations;
