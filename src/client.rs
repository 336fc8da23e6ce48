//! `MintedClient` and the path every call takes: prepare (validate, route, snapshot) synchronously → send → check →
//! hand the data to JS. The per-operation methods are generated from the table in `lib.rs` by `operations!`.

use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::calls;
use crate::config;
use crate::error::{ErrorCode, ErrorKind, MintedError};
use crate::exactly_once::{self, OrderKey};
use crate::js;
use crate::quote::{self, Quote, QuoteBook};
use crate::routes::{self, Method, PathSource, Resolved};
use crate::shape::{DataShape, Described, Shape};
use crate::transport::hooks::Hooks;
use crate::transport::http::HttpResponse;
use crate::transport::{clock, Call, Transport};
use crate::validate::{self, Issue, Lang, Problem, Settings};

/// What every call of one client shares: the transport (config, Digest session) and the quotes it has seen.
pub struct Shared {
    pub transport: Transport,
    pub quotes: QuoteBook,
}

impl Shared {
    fn settings(&self) -> Settings {
        let config = &self.transport.config;
        Settings {
            lang: config.language,
            strict_identity_numbers: config.strict_identity_numbers,
            today: clock::today_utc(),
        }
    }
}

/// A client for the Minted Connect Partner API.
///
/// ```js
/// import { MintedClient, MintedError } from 'minted-connect';
/// const client = new MintedClient({ baseUrl: 'https://api.staging.mintedconnect.com', username, password });
/// const customer = await client.getCustomer('MTD0018232');
/// ```
#[wasm_bindgen]
pub struct MintedClient {
    shared: Rc<Shared>,
}

/// The documented shape of a call's `data`.
pub(crate) type Checker = &'static DataShape;

/// What a call sends besides its path parameters.
pub(crate) enum Input {
    None,
    Body(JsValue),
    Query(Option<JsValue>),
}

#[wasm_bindgen]
impl MintedClient {
    /// Creates a client. Throws a `MintedError` of kind `config` naming the field when the config is unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config_js: JsValue,
    ) -> Result<MintedClient, JsValue> {
        let hooks = Hooks { on_request: hook(&config_js, "onRequest")?, on_response: hook(&config_js, "onResponse")? };
        let json = js::to_json(&config_js)
            .ok_or_else(|| MintedError::config("baseUrl", "the config must be plain JSON data"))?;
        let mut config = config::from_json(&json)?;
        config.fetch = hook(&config_js, "fetch")?;
        let transport = Transport::new(config, hooks);
        Ok(MintedClient { shared: Rc::new(Shared { transport, quotes: QuoteBook::default() }) })
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
        Ok(js::to_js(&validate_js(operationId, &body, &self.shared.settings())?))
    }

    /// The API base URL this client talks to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.shared.transport.config.base_url.clone()
    }

    /// Fixes (locks) prices and returns a `Quote`: its `token` goes in the next buy or sell as `price_token` before
    /// `quote.expiresAt`. One HTTP endpoint serves every price-fix entry of the docs: from amount
    /// (`{ type: 'digital', customer_external_id }`), from total price (add `total` and `currency`), partner B2B
    /// (no customer), card payment, and sell.
    #[wasm_bindgen(js_name = priceFix, unchecked_return_type = "Promise<Quote>")]
    pub fn price_fix(
        &self,
        body: tsify::Ts<crate::api::pricing::PriceFixRequest>,
        options: Option<tsify::Ts<js::CallOptions>>,
    ) -> js_sys::Promise {
        price_fix(self.shared.clone(), body.js_value(), options.map(|o| o.js_value()))
    }

    /// Makes any call with the client's authentication, headers, envelope decoding and errors, and resolves to the
    /// response `data` untouched: for endpoints whose real shape differs from what this SDK infers.
    ///
    /// ```js
    /// const data = await client.request({ method: 'GET', path: '/partner/order/list', query: { page: 2 } });
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<unknown>")]
    pub fn request(&self, options: tsify::Ts<crate::api::RawRequest>) -> js_sys::Promise {
        let shared = self.shared.clone();
        match raw_call(&options.js_value(), shared.settings().lang) {
            Ok(call) => spawn_call(shared, "request", call, &ANY_DATA),
            Err(err) => js_sys::Promise::reject(&JsValue::from(err.in_operation("request"))),
        }
    }

    /// Every order matching `query`, page after page, fetched lazily as the loop advances:
    /// `for await (const order of client.listOrders({ customer_external_id: 'MTD0018232' })) { … }`.
    /// Breaking out of the loop stops fetching.
    #[wasm_bindgen(js_name = listOrders, unchecked_return_type = "AsyncIterable<Order>")]
    pub fn list_orders(
        &self,
        query: Option<tsify::Ts<crate::api::orders::OrdersQuery>>,
        options: Option<tsify::Ts<js::CallOptions>>,
    ) -> Result<JsValue, JsValue> {
        crate::pages::list_orders(self.shared.clone(), query.map(|q| q.js_value()), options.map(|o| o.js_value()))
            .map_err(|e| JsValue::from(e.in_operation("listOrders")))
    }
}

/// A function from the config object (a hook, `fetch`), or nothing.
fn hook(config: &JsValue, name: &'static str) -> Result<Option<js_sys::Function>, MintedError> {
    let value = js_sys::Reflect::get(config, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.dyn_into::<js_sys::Function>().map(Some).map_err(|_| MintedError::config(name, "must be a function"))
}

/// `data` of a raw request: anything, including nothing.
static ANY_DATA: DataShape = DataShape { shape: &Shape::Any, nullable: true };

impl MintedClient {
    /// Prepares one call synchronously (so later changes to the caller's objects cannot leak into it), then sends
    /// and checks it; the promise resolves to the response `data` as the server sent it.
    pub(crate) fn spawn(
        &self,
        call: &'static str,
        path_values: &[(&'static str, JsValue)],
        input: Input,
        options: Option<JsValue>,
        data: Checker,
    ) -> js_sys::Promise {
        // Path parameters arrive as JS values so a wrong type is a validation issue, not a glue exception.
        let settings = self.shared.settings();
        let wrong: Vec<Issue> = path_values
            .iter()
            .filter(|(_, value)| value.as_string().is_none() && !value.is_undefined() && !value.is_null())
            .map(|(name, _)| settings.issue(name, Problem::NotString))
            .collect();
        if !wrong.is_empty() {
            return js_sys::Promise::reject(&JsValue::from(invalid(wrong, &settings).in_operation(call)));
        }
        let texts: Vec<(&'static str, String)> =
            path_values.iter().map(|(name, value)| (*name, value.as_string().unwrap_or_default())).collect();
        let borrowed: Vec<(&'static str, &str)> = texts.iter().map(|(name, value)| (*name, value.as_str())).collect();
        match prepare(&self.shared, call, &borrowed, input, options) {
            Ok(prepared) => spawn_call(self.shared.clone(), call, prepared, data),
            Err(err) => js_sys::Promise::reject(&JsValue::from(err.in_operation(call))),
        }
    }
}

fn spawn_call(shared: Rc<Shared>, call: &'static str, prepared: Call, data: Checker) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let result = match &prepared.order {
            Some(key) => exactly_once::place(&shared, &prepared, key, data).await,
            None => execute(&shared, &prepared, data).await.and_then(|response| js::parse_data(&response.js_body)),
        };
        result.map_err(|err| JsValue::from(err.in_operation(call)))
    })
}

/// Sends a prepared call and checks the response against `data`.
pub(crate) async fn execute(shared: &Shared, call: &Call, data: Checker) -> Result<HttpResponse, MintedError> {
    let response = shared.transport.send(call).await?;
    crate::envelope::check(&response.raw, data, &shared.transport.secrets(&response))
        .map_err(|err| err.with_attempts(response.attempts))?;
    Ok(response)
}

/// Validates a call's input against its table, applies the convenience rewrites, refuses expired quotes, and
/// resolves its route (with the client's overrides).
pub(crate) fn prepare(
    shared: &Shared,
    call: &'static str,
    path_values: &[(&'static str, &str)],
    input: Input,
    options: Option<JsValue>,
) -> Result<Call, MintedError> {
    let config = &shared.transport.config;
    let route = config
        .routes
        .resolve(call)
        .ok_or_else(|| MintedError::new(ErrorKind::Config, format!("no route for operation {call}")))?;
    let settings = shared.settings();
    let options = js::call_options(options, settings.lang)?;

    let mut issues: Vec<Issue> = Vec::new();
    for (name, value) in path_values {
        issues.extend(validate::path_param(name, value, &settings));
    }
    let mut body = None;
    let mut query = String::new();
    let mut order = None;
    match input {
        Input::None => {}
        Input::Query(value) => {
            let mut json = js::to_json(&value.unwrap_or(JsValue::UNDEFINED))
                .ok_or_else(|| invalid(vec![settings.issue("", Problem::NotJson)], &settings))?;
            if json.is_null() {
                json = Value::Object(serde_json::Map::new());
            }
            issues.extend(validate::body(validate::schema(call), &mut json, &settings));
            query = routes::query_string(&calls::query_pairs(&json));
        }
        Input::Body(value) => {
            let mut json =
                js::to_json(&value).ok_or_else(|| invalid(vec![settings.issue("", Problem::NotJson)], &settings))?;
            if exactly_once::places_orders(route.operation) {
                order = Some(order_key(&mut json)?);
            }
            issues.extend(validate::body(validate::schema(call), &mut json, &settings));
            if let Some(token) = calls::price_token(&json) {
                if shared.quotes.is_expired(token, clock::now_ms()) == Some(true) {
                    issues.push(settings.issue("price_token", Problem::QuoteExpired));
                }
            }
            calls::shape_body(call, &mut json);
            if let Some(key) = order.as_mut() {
                key.lines = json.get("items").and_then(Value::as_array).map_or(1, Vec::len);
            }
            body = Some(json);
        }
    }
    if validate::has_errors(&issues) {
        let mut err = invalid(issues, &settings);
        if err.issues.iter().any(|i| i.code == Problem::QuoteExpired.code()) {
            err.code = Some(ErrorCode::Sdk("quote_expired"));
        }
        return Err(err);
    }
    let path = routes::fill_path(&route.path, path_values)
        .ok_or_else(|| MintedError::new(ErrorKind::Config, "path parameters do not match the route"))?;
    Ok(Call {
        route,
        path: path + &query,
        body: body.map(|b| b.to_string()),
        signal: options.signal,
        order,
        name: call,
    })
}

/// The idempotency key of an order call: the caller's `external_id`, or a generated one written into the body.
fn order_key(body: &mut Value) -> Result<OrderKey, MintedError> {
    let price_token = calls::price_token(body).map(str::to_owned);
    let external_id = match body.get("external_id") {
        Some(Value::String(id)) => id.clone(),
        _ => {
            let id = exactly_once::new_external_id()
                .ok_or_else(|| MintedError::new(ErrorKind::Config, "no randomness source for an external_id"))?;
            if let Value::Object(map) = body {
                map.insert("external_id".to_owned(), Value::String(id.clone()));
            }
            id
        }
    };
    Ok(OrderKey { external_id, lines: 1, price_token })
}

fn invalid(issues: Vec<Issue>, settings: &Settings) -> MintedError {
    MintedError::validation(issues, settings.lang)
}

/// `priceFix` and `Quote.refresh`: the call, then a `Quote` whose deadline counts from when the request was sent.
pub(crate) fn price_fix(shared: Rc<Shared>, body: JsValue, options: Option<JsValue>) -> js_sys::Promise {
    const CALL: &str = "priceFix";
    let prepared = match prepare(&shared, CALL, &[], Input::Body(body.clone()), options) {
        Ok(prepared) => prepared,
        Err(err) => return js_sys::Promise::reject(&JsValue::from(err.in_operation(CALL))),
    };
    // The Quote keeps a copy of the request for refresh(), detached from the caller's object.
    let request = js_sys::JSON::parse(prepared.body.as_deref().unwrap_or("{}")).unwrap_or(body);
    wasm_bindgen_futures::future_to_promise(async move {
        let sent = clock::now_ms();
        let result = async {
            let response = execute(&shared, &prepared, &crate::api::pricing::PriceFix::DATA).await?;
            let data = js::parse_data(&response.js_body)?;
            let get = |name: &str| js_sys::Reflect::get(&data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
            let token = get("token").as_string().unwrap_or_default();
            let expires_at = get("expires_at").as_string().map(|s| js_sys::Date::parse(&s));
            let server_date = response.server_date.as_deref().map(js_sys::Date::parse);
            let deadline = quote::deadline(sent, clock::now_ms(), get("expire_ttl").as_f64(), expires_at, server_date)
                .unwrap_or(sent);
            Ok(Quote::new(data, token, deadline, request, shared.clone()))
        };
        result.await.map(JsValue::from).map_err(|err: MintedError| JsValue::from(err.in_operation(CALL)))
    })
}

/// Checks a raw request's options and builds its call. Problems are validation errors in `lang`, naming the option.
fn raw_call(options: &JsValue, lang: Lang) -> Result<Call, MintedError> {
    let bad = |path: &str, problem: Problem| js::misuse("invalid_options", path, problem, lang);
    let get = |name: &str| js_sys::Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if !options.is_object() {
        return Err(bad("options", Problem::NotObject));
    }
    const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
    let method = get("method")
        .as_string()
        .and_then(|m| Method::parse(&m))
        .ok_or_else(|| bad("method", Problem::OneOf(METHODS)))?;
    let path = get("path")
        .as_string()
        .filter(|p| p.starts_with('/') && !p.contains(['?', '#', ' ']))
        .ok_or_else(|| bad("path", Problem::RawPath))?;
    if path.split('/').any(routes::is_dot_segment) {
        return Err(bad("path", Problem::DotSegment));
    }
    let api_version = match get("apiVersion") {
        v if v.is_undefined() || v.is_null() => "2".to_owned(),
        v => match v.as_string() {
            Some(version) if !version.is_empty() => version,
            Some(_) => return Err(bad("apiVersion", Problem::Empty)),
            None => return Err(bad("apiVersion", Problem::NotString)),
        },
    };
    let query = js::to_json(&get("query")).ok_or_else(|| bad("query", Problem::NotJson))?;
    if !(query.is_null() || query.is_object()) {
        return Err(bad("query", Problem::NotObject));
    }
    let body = match get("body") {
        v if v.is_undefined() => None,
        v => Some(js::to_json(&v).ok_or_else(|| bad("body", Problem::NotJson))?.to_string()),
    };
    let signal = js::call_options(Some(options.clone()), lang)?.signal;
    let route = Resolved {
        operation: "request",
        method,
        path: path.clone().into(),
        api_version: api_version.into(),
        idempotent: method == Method::Get,
        source: PathSource::Inferred,
    };
    let path = path + &routes::query_string(&calls::query_pairs(&query));
    Ok(Call { route, path, body, signal, order: None, name: "request" })
}

/// Validates a JS body for an operation (shared by the client method and the free function).
pub(crate) fn validate_js(call: &str, body: &JsValue, settings: &Settings) -> Result<Vec<Issue>, MintedError> {
    if routes::route_of(call).is_none() {
        return Err(js::misuse("unknown_operation", "operationId", Problem::UnknownOperation, settings.lang));
    }
    let Some(mut json) = js::to_json(body) else {
        return Ok(vec![settings.issue("", Problem::NotJson)]);
    };
    Ok(validate::body(validate::schema(call), &mut json, settings))
}
