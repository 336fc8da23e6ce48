//! `MintedClient`: one JS method per registry row (generated from the operation table), the hand-written ones
//! (`priceFix`, `listOrders`, `request`, `validateRequest`), and what every method does first: read the caller's
//! input synchronously (`input.rs`), prepare the call (`prepare.rs`), then run it (`call.rs`) as a promise.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::call::{self, Call, Connection};
use crate::config::{self, Config};
use crate::envelope;
use crate::error::MintedError;
use crate::input;
use crate::operations::operation_table;
use crate::pages;
use crate::prepare::{self, ClientState, Payload, QuoteBook};
use crate::quote;
use crate::registry::{self, Input, Method, Operation, PathSource, Resolved};
use crate::validate::{Problem, Settings, ValidationIssue};

/// A client for the Minted Connect Partner API.
///
/// ```js
/// import { MintedClient, MintedError } from 'minted-connect';
/// const client = new MintedClient({ baseUrl: 'https://api.staging.mintedconnect.com', username, password });
/// const customer = await client.getCustomer('MTD0018232');
/// ```
#[wasm_bindgen]
pub struct MintedClient {
    state: Rc<ClientState>,
}

/// One method per registry row; their TypeScript is declared by the registry (`registry.rs`).
macro_rules! client_methods {
    ($(@row $id:ident [$($doc:literal),+] [$($route:tt)+] $input:ident ($($arg:tt)*) $output:ident
        [$($rewrite:tt)*] [$($custom:tt)*] $example:literal;)*) => {
        $( client_methods!(@method $id [$($doc),+] [$($custom)*] $input ($($arg)*)); )*
    };
    (@method $id:ident [$($doc:literal),+] [custom $returns:literal] $($rest:tt)*) => {};
    (@method $id:ident [$($doc:literal),+] [] none ()) => {
        #[wasm_bindgen]
        impl MintedClient {
            $(#[doc = $doc])+
            #[wasm_bindgen(skip_typescript)]
            #[allow(non_snake_case)]
            pub fn $id(&self, options: JsValue) -> js_sys::Promise {
                self.start(&registry::op::$id, &JsValue::UNDEFINED, &JsValue::UNDEFINED, &options)
            }
        }
    };
    (@method $id:ident [$($doc:literal),+] [] path ($name:ident)) => {
        #[wasm_bindgen]
        impl MintedClient {
            $(#[doc = $doc])+
            #[wasm_bindgen(skip_typescript)]
            #[allow(non_snake_case)]
            pub fn $id(&self, $name: JsValue, options: JsValue) -> js_sys::Promise {
                self.start(&registry::op::$id, &$name, &JsValue::UNDEFINED, &options)
            }
        }
    };
    (@method $id:ident [$($doc:literal),+] [] path_and_body ($name:ident, $model:ident)) => {
        #[wasm_bindgen]
        impl MintedClient {
            $(#[doc = $doc])+
            #[wasm_bindgen(skip_typescript)]
            #[allow(non_snake_case)]
            pub fn $id(&self, $name: JsValue, body: JsValue, options: JsValue) -> js_sys::Promise {
                self.start(&registry::op::$id, &$name, &body, &options)
            }
        }
    };
    // body, optional_body, query: one input argument.
    (@method $id:ident [$($doc:literal),+] [] $input:ident ($model:ident)) => {
        #[wasm_bindgen]
        impl MintedClient {
            $(#[doc = $doc])+
            #[wasm_bindgen(skip_typescript)]
            #[allow(non_snake_case)]
            pub fn $id(&self, input: JsValue, options: JsValue) -> js_sys::Promise {
                self.start(&registry::op::$id, &JsValue::UNDEFINED, &input, &options)
            }
        }
    };
}

operation_table!(client_methods);

#[wasm_bindgen]
impl MintedClient {
    /// Creates a client. Throws a `MintedError` of kind `config` naming the field when the config is unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
    ) -> Result<MintedClient, JsValue> {
        let (config, hooks) = config::parse(&input::Fields::Js(config))?;
        let state = ClientState { connection: Connection::new(config, hooks), quotes: QuoteBook::default() };
        Ok(MintedClient { state: Rc::new(state) })
    }

    /// Validates a request body for an operation without sending it, with this client's language and strictness.
    /// Returns every issue found (errors and warnings); an empty array means the body is valid.
    ///
    /// ```js
    /// const issues = client.validateRequest('createCustomer', { external_id: 'MTD0018232', phone: '0532' });
    /// ```
    #[wasm_bindgen(js_name = validateRequest, unchecked_return_type = "ValidationIssue[]")]
    #[allow(non_snake_case)]
    pub fn validate_request(
        &self,
        operationId: &str,
        #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    ) -> Result<JsValue, JsValue> {
        let settings = prepare::settings(&self.state.connection.config);
        Ok(crate::error::issues(&validate_js(operationId, &body, &settings)?))
    }

    /// The API base URL this client talks to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.state.connection.config.base_url.clone()
    }

    /// Fixes prices and returns a `Quote` (see the registry row `priceFix`, which declares its TypeScript).
    #[wasm_bindgen(js_name = priceFix, skip_typescript)]
    pub fn price_fix(&self, body: JsValue, options: JsValue) -> js_sys::Promise {
        quote::price_fix(self.state.clone(), body, options)
    }

    /// Makes any call with the client's authentication, headers, envelope decoding and errors, and resolves to the
    /// response `data` untouched (its TypeScript is declared beside `RawRequest`, in `api/mod.rs`).
    #[wasm_bindgen(skip_typescript)]
    pub fn request(&self, options: JsValue) -> js_sys::Promise {
        let state = self.state.clone();
        match raw_call(&state.connection.config, &options) {
            Ok(call) => call::promise("request", async move {
                call::run(&state.connection, &state.quotes, &call, &envelope::ANY).await
            }),
            Err(err) => js_sys::Promise::reject(&JsValue::from(err.in_operation("request"))),
        }
    }

    /// Every order matching `query`, fetched page by page (see the registry row `listOrders`, which declares its
    /// TypeScript).
    #[wasm_bindgen(js_name = listOrders, skip_typescript)]
    pub fn list_orders(&self, query: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        pages::list_orders(self.state.clone(), &query, &options)
            .map_err(|e| JsValue::from(e.in_operation("listOrders")))
    }
}

impl MintedClient {
    /// Reads and prepares one call synchronously (so later changes to the caller's objects cannot leak into it),
    /// then runs it; the promise resolves to the response `data` as the server sent it.
    fn start(&self, op: &'static Operation, path: &JsValue, input: &JsValue, options: &JsValue) -> js_sys::Promise {
        let state = self.state.clone();
        let config = &state.connection.config;
        let prepared = (|| {
            let settings = prepare::settings(config);
            let path = match op.path_parameter() {
                Some(name) => input::path_value(name, path, &settings)?,
                None => None,
            };
            let options = input::call_options(options)?;
            let payload = payload(op.input, input, &settings)?;
            prepare::prepare(config, &state.quotes, op, path.as_deref(), payload, options)
        })();
        let call = match prepared {
            Ok(call) => call,
            Err(err) => return js_sys::Promise::reject(&JsValue::from(err.in_operation(op.id))),
        };
        call::promise(op.id, async move { call::run(&state.connection, &state.quotes, &call, op.output).await })
    }
}

/// What an operation takes, read from the JS argument.
fn payload(input: Input, value: &JsValue, settings: &Settings) -> Result<Payload, MintedError> {
    Ok(match input {
        Input::None | Input::Path => Payload::None,
        Input::Body(_) | Input::PathAndBody(_) => Payload::Body(input::body(value, settings)?),
        Input::OptionalBody(_) => match input::body(value, settings)? {
            text if text == "null" => Payload::Body("{}".to_owned()),
            text => Payload::Body(text),
        },
        Input::Query(_) => Payload::Query(input::query(value, settings)?),
    })
}

/// Checks a raw request's options and builds its call.
fn raw_call(config: &Config, options: &JsValue) -> Result<Call, MintedError> {
    let input::RawOptions { method, path, api_version, query, body, options } =
        input::raw_options(options, config.language)?;
    let route = Resolved {
        method,
        path: path.clone().into(),
        api_version: api_version.into(),
        idempotent: method == Method::Get,
        source: PathSource::Inferred,
    };
    let path = path + &registry::query_string(&query.pairs);
    Ok(prepare::ready(config, route, path, body, "request", None, options))
}

/// Validates a JS body for an operation (shared by the client method and the free function).
pub(crate) fn validate_js(id: &str, body: &JsValue, settings: &Settings) -> Result<Vec<ValidationIssue>, MintedError> {
    let op = registry::find(id).ok_or_else(|| {
        input::misuse("unknown_operation", "operationId", Problem::UnknownOperation, settings.language)
    })?;
    let Some(text) = input::json_text(body) else {
        return Ok(vec![settings.issue("", Problem::NotJson)]);
    };
    Ok(crate::validate::body(op.input.schema(), &text, settings))
}
