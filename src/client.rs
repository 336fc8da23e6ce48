//! `MintedClient`, the façade: one method per registry row (generated from the operation table), the hand-written
//! ones (`priceFix`, `listOrders`, `request`, `validateRequest`), and the dispatch of a call to the pipeline
//! (`call.rs`) or, for calls that place orders, to exactly-once placement (`exactly_once.rs`).

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::call::{self, Payload};
use crate::config;
use crate::error::MintedError;
use crate::exactly_once::{self, OrderKey};
use crate::js;
use crate::operations::operation_table;
use crate::pages;
use crate::quote;
use crate::registry::{self, Input, Method, Operation, PathSource};
use crate::routes::Resolved;
use crate::session::Session;
use crate::transport::{Call, Transport};
use crate::validate::{Issue, Lang, Problem, Settings};

/// A client for the Minted Connect Partner API.
///
/// ```js
/// import { MintedClient, MintedError } from 'minted-connect';
/// const client = new MintedClient({ baseUrl: 'https://api.staging.mintedconnect.com', username, password });
/// const customer = await client.getCustomer('MTD0018232');
/// ```
#[wasm_bindgen]
pub struct MintedClient {
    session: Rc<Session>,
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
        let (config, hooks) = config::parse(&js::Fields::Js(config))?;
        Ok(MintedClient { session: Rc::new(Session::new(Transport::new(config, hooks))) })
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
        let settings = call::settings(&self.session.transport.config);
        Ok(js::issues(&validate_js(operationId, &body, &settings)?))
    }

    /// The API base URL this client talks to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.session.transport.config.base_url.clone()
    }

    /// Fixes prices and returns a `Quote` (see the registry row `priceFix`, which declares its TypeScript).
    #[wasm_bindgen(js_name = priceFix, skip_typescript)]
    pub fn price_fix(&self, body: JsValue, options: JsValue) -> js_sys::Promise {
        quote::price_fix(self.session.clone(), body, options)
    }

    /// Makes any call with the client's authentication, headers, envelope decoding and errors, and resolves to the
    /// response `data` untouched: for endpoints whose real shape differs from what this SDK infers.
    ///
    /// ```js
    /// const data = await client.request({ method: 'GET', path: '/partner/order/list', query: { page: 2 } });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<unknown>")]
    pub fn request(&self, options: tsify::Ts<crate::api::RawRequest>) -> js_sys::Promise {
        let session = self.session.clone();
        match raw_call(&options.js_value(), session.transport.config.language) {
            Ok(call) => {
                js::promise("request", async move { call::fetch(&session.transport, &call, &crate::shape::ANY).await })
            }
            Err(err) => js_sys::Promise::reject(&JsValue::from(err.in_operation("request"))),
        }
    }

    /// Every order matching `query`, fetched page by page (see the registry row `listOrders`, which declares its
    /// TypeScript).
    #[wasm_bindgen(js_name = listOrders, skip_typescript)]
    pub fn list_orders(&self, query: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        pages::list_orders(self.session.clone(), &query, &options)
            .map_err(|e| JsValue::from(e.in_operation("listOrders")))
    }
}

impl MintedClient {
    /// Reads and prepares one call synchronously (so later changes to the caller's objects cannot leak into it),
    /// then sends it — exactly once for calls that place orders; the promise resolves to the response `data` as
    /// the server sent it.
    fn start(&self, op: &'static Operation, path: &JsValue, input: &JsValue, options: &JsValue) -> js_sys::Promise {
        let session = self.session.clone();
        let prepared = (|| {
            let settings = call::settings(&session.transport.config);
            let path = match op.path_parameter() {
                Some(name) => js::path_value(name, path, &settings)?,
                None => None,
            };
            let signal = js::call_options(options, settings.lang)?.signal;
            let mut payload = payload(op.input, input, &settings)?;
            if let (true, Payload::Body { external_id, .. }) = (op.route.places_orders, &mut payload) {
                *external_id = Some(exactly_once::claim_external_id()?);
            }
            let prepared = session.prepare(op, path.as_deref(), payload, signal)?;
            let order = op.route.places_orders.then(|| OrderKey::of(&prepared));
            Ok::<_, MintedError>((prepared.call, order))
        })();
        let (call, order) = match prepared {
            Ok(prepared) => prepared,
            Err(err) => return js_sys::Promise::reject(&JsValue::from(err.in_operation(op.id))),
        };
        js::promise(op.id, async move {
            match &order {
                Some(key) => exactly_once::place(&session, &call, key, op.output).await,
                None => call::fetch(&session.transport, &call, op.output).await,
            }
        })
    }
}

/// What an operation takes, read from the JS argument.
fn payload(input: Input, value: &JsValue, settings: &Settings) -> Result<Payload, MintedError> {
    let body = |text: String| Payload::Body { text, external_id: None };
    Ok(match input {
        Input::None | Input::Path => Payload::None,
        Input::Body(_) | Input::PathAndBody(_) => body(js::body(value, settings)?),
        Input::OptionalBody(_) => match js::body(value, settings)? {
            text if text == "null" => body("{}".to_owned()),
            text => body(text),
        },
        Input::Query(_) => Payload::Query(js::query(value, settings)?),
    })
}

/// Checks a raw request's options and builds its call.
fn raw_call(options: &JsValue, lang: Lang) -> Result<Call, MintedError> {
    let js::RawOptions { method, path, api_version, query, body, signal } = js::raw_options(options, lang)?;
    let route = Resolved {
        method,
        path: path.clone().into(),
        api_version: api_version.into(),
        idempotent: method == Method::Get,
        source: PathSource::Inferred,
    };
    let path = path + &crate::routes::query_string(&query.pairs);
    Ok(Call { route, path, body, signal, name: "request" })
}

/// Validates a JS body for an operation (shared by the client method and the free function).
pub(crate) fn validate_js(id: &str, body: &JsValue, settings: &Settings) -> Result<Vec<Issue>, MintedError> {
    let op = registry::find(id)
        .ok_or_else(|| js::misuse("unknown_operation", "operationId", Problem::UnknownOperation, settings.lang))?;
    let Some(text) = js::json_text(body) else {
        return Ok(vec![settings.issue("", Problem::NotJson)]);
    };
    Ok(call::validate(op, &text, settings))
}
